import { PLATFORM_LABELS } from '@contract';
import type { CapabilityName, PlatformKind, Workspace } from '@contract';
import { unsupportedReason } from '../../workspaces/lib/workspace-text';

export interface CapabilityCheck {
  supported: boolean;
  /** Why not, in words the agent can act on (from the connector), when unsupported. */
  reason: string | null;
}

/** Unknown workspace (not loaded yet): offer the action and let the core decide. */
export function capability(workspace: Workspace | undefined, name: CapabilityName): CapabilityCheck {
  if (!workspace) return { supported: true, reason: null };
  if (workspace.capabilities.supported.includes(name)) return { supported: true, reason: null };
  return { supported: false, reason: unsupportedReason(workspace.capabilities, name) };
}

export interface RatingDestination {
  /** True when the platform takes ratings, so a rating given in Baton is passed on to it. */
  reachesPlatform: boolean;
  /** Before closing: where the rating will go ("Directly receives this rating."). */
  before: string;
  /** After closing: where the given rating went ("Sent to Directly"). */
  after: string;
}

/** Baton always keeps a rating; this says whether the platform hears of it too, and why not. */
export function ratingDestination(platform: PlatformKind, check: CapabilityCheck): RatingDestination {
  const label = PLATFORM_LABELS[platform];
  if (check.supported) {
    return { reachesPlatform: true, before: `${label} receives this rating.`, after: `Sent to ${label}` };
  }
  const reason = check.reason ?? `${label} doesn't take ratings; Baton keeps it.`;
  return { reachesPlatform: false, before: reason, after: `Not sent to ${label}. ${reason}` };
}
