/**
 * Words for what a workspace's platform can do and how its connection is, shared by Settings and the
 * conversation's details panel. Generic over every platform: the connector's own reasons say why not.
 */
import { CapabilityName } from '@contract';
import type { Capabilities, Workspace } from '@contract';

export const CAPABILITY_LABELS: Record<CapabilityName, string> = {
  richContent: 'Rich content',
  quickReplies: 'Quick replies',
  typing: 'Typing indicator',
  readReceipts: 'Read receipts',
  rating: 'Rating',
  handBack: 'Hand back',
  attachments: 'Attachments',
  liveStream: 'Live stream',
  tags: 'Tags',
};

export const HEALTH_TEXT: Record<Workspace['health']['state'], string> = {
  connecting: 'Connecting',
  connected: 'Connected',
  catching_up: 'Catching up',
  degraded: 'Degraded',
  disabled: 'Disabled',
};

const FALLBACK_REASON: Partial<Record<CapabilityName, string>> = {
  handBack: "This platform can't hand a conversation back to its bot.",
  rating: "This platform doesn't accept ratings.",
};
const GENERIC_REASON = 'Not available on this platform.';

/** Why a capability is missing: the connector's sentence, else a plain fallback (never empty). */
export function unsupportedReason(capabilities: Capabilities, name: CapabilityName): string {
  const given = capabilities.reasons[name]?.trim();
  return given || (FALLBACK_REASON[name] ?? GENERIC_REASON);
}

export interface CapabilityItem {
  name: CapabilityName;
  label: string;
  supported: boolean;
  /** Set when unsupported. */
  reason: string | null;
}

/**
 * Every capability the contract knows, supported ones first, each group in the contract's order. Names the
 * platform lists but this build does not know are ignored (an older console talking to a newer core).
 */
export function capabilityList(capabilities: Capabilities): CapabilityItem[] {
  const supported = new Set<string>(capabilities.supported);
  const items = CapabilityName.options.map((name): CapabilityItem => ({
    name,
    label: CAPABILITY_LABELS[name],
    supported: supported.has(name),
    reason: supported.has(name) ? null : unsupportedReason(capabilities, name),
  }));
  return [...items.filter((i) => i.supported), ...items.filter((i) => !i.supported)];
}
