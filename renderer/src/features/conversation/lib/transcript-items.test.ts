import { describe, expect, it } from 'vitest';
import { message } from '../../../test/fixtures';
import type { PendingSend } from '../stores/compose-store';
import { buildTranscriptItems, unmatchedPending } from './transcript-items';

const now = Date.parse('2026-01-02T12:00:00.000Z');

describe('transcript items', () => {
  it('groups consecutive messages by one author and separates days', () => {
    const items = buildTranscriptItems(
      [
        message({ id: 'a', at: '2026-01-01T10:00:00.000Z' }),
        message({ id: 'b', at: '2026-01-01T10:01:00.000Z' }),
        message({ id: 'c', at: '2026-01-01T10:02:00.000Z', author: { role: 'bot' } }),
        message({ id: 'd', at: '2026-01-01T10:30:00.000Z', author: { role: 'bot' } }),
        message({ id: 'e', at: '2026-01-02T09:00:00.000Z', author: { role: 'bot' } }),
      ],
      [],
      null,
      now,
    );
    expect(items.map((i) => (i.kind === 'message' ? `${i.key}:${i.showAuthor}` : i.kind))).toEqual([
      'day',
      'a:true',
      'b:false',
      'c:true',
      'd:true',
      'day',
      'e:true',
    ]);
    expect(items.at(-2)).toMatchObject({ kind: 'day', label: 'Today' });
  });

  it('hides a pending send once the core has the same reply', () => {
    const send: PendingSend = {
      actionId: 'a1',
      conversationId: 'ws1:c1',
      text: 'On it!',
      createdAt: Date.parse('2026-01-01T10:00:00.000Z'),
      status: 'sending',
    };
    const echo = message({
      id: 'r1',
      at: '2026-01-01T10:00:01.000Z',
      author: { role: 'agent', id: 'agent:alice', name: 'Alice' },
      content: { type: 'text', text: 'On it!' },
    });
    expect(unmatchedPending([], [send], 'agent:alice')).toEqual([send]);
    expect(unmatchedPending([echo], [send], 'agent:alice')).toEqual([]);
    // Two identical sends need two echoes.
    expect(unmatchedPending([echo], [send, { ...send, actionId: 'a2' }], 'agent:alice')).toHaveLength(1);
  });
});
