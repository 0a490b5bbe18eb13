import type { CapabilityName, Workspace } from '@contract';

export interface CapabilityCheck {
  supported: boolean;
  /** Why not, in words the agent can act on (from the connector), when unsupported. */
  reason: string | null;
}

const FALLBACK_REASON: Partial<Record<CapabilityName, string>> = {
  handBack: "This platform can't hand a conversation back to its bot.",
  rating: "This platform doesn't accept ratings.",
};

/** Unknown workspace (not loaded yet): offer the action and let the core decide. */
export function capability(workspace: Workspace | undefined, name: CapabilityName): CapabilityCheck {
  if (!workspace) return { supported: true, reason: null };
  if (workspace.capabilities.supported.includes(name)) return { supported: true, reason: null };
  return {
    supported: false,
    reason:
      workspace.capabilities.reasons[name] ?? FALLBACK_REASON[name] ?? 'Not available on this platform.',
  };
}
