/** "Next waiting": the conversation that has waited longest for an agent, as the Waiting view orders them. */
import type { Conversation } from '@contract';
import { VIEW_ORDER } from '../../inbox/lib/views';

export function nextWaiting(
  conversations: Iterable<Conversation>,
  currentId: string | null,
): Conversation | null {
  const waiting = [...conversations].filter((c) => c.state === 'waiting').sort(VIEW_ORDER.waiting);
  // Pressing it again while looking at the first moves on to the next one.
  return waiting.find((c) => c.id !== currentId) ?? waiting[0] ?? null;
}
