import { describe, expect, it } from 'vitest';
import type { Message } from '@contract';
import { added, conversation, message, updated, upserted } from '../../../test/fixtures';
import { LIMITS } from '@contract';
import {
  applyTranscriptEvents,
  isNewerMessage,
  LIVE_WINDOW_MAX,
  mergeMessages,
  prependHistory,
} from './transcript-cache';
import type { TranscriptData } from './transcript-cache';

const c = conversation({ id: 'ws1:c1' });

function transcript(messages: Message[], olderCount = 0, expanded = false): TranscriptData {
  return { conversation: c, messages, olderCount, expanded };
}

function numbered(from: number, count: number): Message[] {
  return Array.from({ length: count }, (_, i) =>
    message({
      id: `m${from + i}`,
      conversationId: c.id,
      at: new Date(Date.UTC(2026, 0, 1, 10) + (from + i) * 1000).toISOString(),
    }),
  );
}

function agentMessage(state: 'queued' | 'sent' | 'delivered' | 'read' | 'failed', at: string): Message {
  return message({
    id: 'reply',
    conversationId: c.id,
    author: { role: 'agent', id: 'agent:alice', name: 'Alice' },
    delivery: { state, at },
  });
}

describe('transcript cache', () => {
  it('appends new messages and ignores other conversations', () => {
    const m1 = message({ id: 'm1', conversationId: c.id, at: '2026-01-01T10:00:00.000Z' });
    const m2 = message({ id: 'm2', conversationId: c.id, at: '2026-01-01T10:01:00.000Z' });
    const elsewhere = message({ id: 'x', conversationId: 'ws1:other' });
    const next = applyTranscriptEvents(transcript([m1]), [added(1, m2), added(2, elsewhere)]);
    expect(next.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('de-duplicates a message seen twice (resume overlap, action result + event)', () => {
    const m1 = message({ id: 'm1', conversationId: c.id });
    const data = transcript([m1]);
    expect(applyTranscriptEvents(data, [added(1, m1)])).toBe(data);
  });

  it('inserts a late message in time order', () => {
    const m1 = message({ id: 'm1', conversationId: c.id, at: '2026-01-01T10:00:00.000Z' });
    const m3 = message({ id: 'm3', conversationId: c.id, at: '2026-01-01T10:02:00.000Z' });
    const m2 = message({ id: 'm2', conversationId: c.id, at: '2026-01-01T10:01:00.000Z' });
    expect(mergeMessages([m1, m3], [m2]).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('applies delivery updates but never steps back', () => {
    const queued = agentMessage('queued', '2026-01-01T10:00:00.000Z');
    const sent = agentMessage('sent', '2026-01-01T10:00:01.000Z');
    const delivered = agentMessage('delivered', '2026-01-01T10:00:02.000Z');
    let data = transcript([queued]);
    data = applyTranscriptEvents(data, [updated(2, delivered)]);
    expect(data.messages[0]?.delivery?.state).toBe('delivered');
    const again = applyTranscriptEvents(data, [updated(1, sent)]);
    expect(again).toBe(data);
  });

  it('prefers the further state when two updates carry the same time', () => {
    const at = '2026-01-01T10:00:00.000Z';
    expect(isNewerMessage(agentMessage('sent', at), agentMessage('delivered', at))).toBe(true);
    expect(isNewerMessage(agentMessage('read', at), agentMessage('delivered', at))).toBe(false);
    expect(isNewerMessage(agentMessage('sent', at), agentMessage('failed', at))).toBe(true);
  });

  it('ignores conversation events (the inbox cache owns conversations)', () => {
    const data = transcript([]);
    expect(applyTranscriptEvents(data, [upserted(1, c)])).toBe(data);
  });

  it('drops the oldest messages back to one page when a busy transcript outgrows its window', () => {
    const data = transcript(numbered(0, LIVE_WINDOW_MAX), 1000);
    const next = applyTranscriptEvents(data, [added(1, numbered(LIVE_WINDOW_MAX, 1)[0] as Message)]);
    expect(next.messages).toHaveLength(LIMITS.transcriptPage);
    expect(next.messages.at(-1)?.id).toBe(`m${LIVE_WINDOW_MAX}`);
    // Nothing is lost: what left the window is counted as earlier messages, still on the core.
    expect(next.olderCount).toBe(1000 + LIVE_WINDOW_MAX + 1 - LIMITS.transcriptPage);
  });

  it('keeps every message once the agent has loaded earlier pages', () => {
    const data = transcript(numbered(0, LIVE_WINDOW_MAX), 10, true);
    const next = applyTranscriptEvents(data, [added(1, numbered(LIVE_WINDOW_MAX, 1)[0] as Message)]);
    expect(next.messages).toHaveLength(LIVE_WINDOW_MAX + 1);
    expect(next.olderCount).toBe(10);
  });

  it('puts an earlier page in front, once, and remembers how many are left', () => {
    const data = transcript(numbered(100, 50), 100);
    // The page overlaps what is held by one message (a message that arrived between the two requests).
    const next = prependHistory(data, { messages: numbered(0, 101), olderCount: 0 });
    expect(next.messages.map((m) => m.id)).toEqual(numbered(0, 150).map((m) => m.id));
    expect(next.olderCount).toBe(0);
    expect(next.expanded).toBe(true);
  });
});
