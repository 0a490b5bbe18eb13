/**
 * Timeline markers. The core writes handover events (`escalated`, `taken_over`, `handed_back`, `closed`) into
 * the transcript; each gets a tone so an agent sees at a glance where the bot went silent and where it resumed.
 */
import type { Message } from '@contract';

export type MarkerTone = 'escalated' | 'silenced' | 'resumed' | 'closed' | 'neutral';

const TONES: Record<string, MarkerTone> = {
  escalated: 'escalated',
  taken_over: 'silenced',
  // A change of agent: the bot stays silent, as after a take over.
  reassigned: 'silenced',
  transferred: 'silenced',
  handed_back: 'resumed',
  closed: 'closed',
};

export function markerTone(content: Message['content']): MarkerTone {
  if (content.type !== 'event') return 'neutral';
  return Object.hasOwn(TONES, content.name) ? (TONES[content.name] ?? 'neutral') : 'neutral';
}
