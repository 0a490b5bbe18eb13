/**
 * Which name the console introduces itself with: the launch URL's `agent=` (this tab), else the name saved in
 * Settings (this browser), else none and the core picks a default.
 */
import { LIMITS } from '@contract';
import { readStorage, writeStorage } from '../../../lib/storage';
import { LAUNCH_AGENT_KEY } from '../../../transport/launch-params';

export const SAVED_AGENT_KEY = 'baton.agentName';

export function normaliseAgentName(value: string): string | null {
  const name = value.trim().replace(/\s+/g, ' ');
  return name.length > 0 && name.length <= LIMITS.nameChars ? name : null;
}

export function preferredAgentName(): string | undefined {
  const launch = readStorage('session', LAUNCH_AGENT_KEY);
  const saved = readStorage('local', SAVED_AGENT_KEY);
  return normaliseAgentName(launch ?? '') ?? normaliseAgentName(saved ?? '') ?? undefined;
}

/** Saving in Settings wins from now on, in this tab too. */
export function saveAgentName(name: string): void {
  writeStorage('local', SAVED_AGENT_KEY, name);
  writeStorage('session', LAUNCH_AGENT_KEY, name);
}
