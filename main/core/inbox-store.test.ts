import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../contract';
import { InboxStore, sameJson, type SequencedEvent } from './inbox-store';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'ws:c1',
    workspaceId: 'ws',
    platform: 'dialai',
    platformConversationId: 'c1',
    customer: { id: 'cust1', name: 'Ada' },
    channel: 'web',
    state: 'bot',
    assignee: null,
    waitingSince: null,
    escalationReason: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    lastActivityAt: '2026-01-01T10:00:00.000Z',
    lastMessage: null,
    messageCount: 0,
    unread: 0,
    tags: ['vip'],
    rating: null,
    closedAt: null,
    details: [{ title: 'Order', items: [{ label: 'Number', value: '42' }] }],
    ...overrides,
  };
}

function text(id: string, at: string, role: Message['author']['role'] = 'customer'): Message {
  return { id, conversationId: 'ws:c1', author: { role }, content: { type: 'text', text: `hi ${id}` }, at };
}

function recorder(store: InboxStore) {
  const events: SequencedEvent[] = [];
  store.subscribe((event) => events.push(event));
  return events;
}

describe('InboxStore update paths', () => {
  it('publishes nothing for a patch that changes nothing, however it is built', () => {
    const store = new InboxStore();
    store.putConversation(conversation());
    const events = recorder(store);
    const before = store.getConversation('ws:c1');
    // Equal values in new objects, keys in another order: still no change.
    const same = store.patchConversation('ws:c1', {
      tags: ['vip'],
      details: [{ items: [{ value: '42', label: 'Number' }], title: 'Order' }],
      customer: { name: 'Ada', id: 'cust1' },
      assignee: null,
    });
    expect(events).toEqual([]);
    expect(same).toBe(before);
  });

  it('publishes one upsert with the new value when a nested field changes', () => {
    const store = new InboxStore();
    store.putConversation(conversation());
    const events = recorder(store);
    const updated = store.patchConversation('ws:c1', {
      details: [{ title: 'Order', items: [{ label: 'Number', value: '43' }] }],
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toEqual({ type: 'conversation.upserted', conversation: updated });
    expect(updated.details[0]?.items[0]?.value).toBe('43');
    expect(store.getConversation('ws:c1')).toBe(updated);
  });

  it('treats null, a missing value and a shorter list as changes', () => {
    const store = new InboxStore();
    store.putConversation(conversation());
    const events = recorder(store);
    store.patchConversation('ws:c1', { tags: [] });
    store.patchConversation('ws:c1', { assignee: { id: 'agent:a', name: 'A' } });
    store.patchConversation('ws:c1', { assignee: null });
    expect(events).toHaveLength(3);
  });

  it('adds a message and its summary in one step, once per message id', () => {
    const store = new InboxStore();
    store.putConversation(conversation());
    const events = recorder(store);
    store.addMessage(text('m1', '2026-01-01T10:05:00.000Z'));
    store.addMessage(text('m1', '2026-01-01T10:05:00.000Z'));
    store.addMessage(text('m2', '2026-01-01T10:04:00.000Z', 'bot'));
    expect(events.map((e) => e.event.type)).toEqual([
      'message.added',
      'conversation.upserted',
      'message.added',
      'conversation.upserted',
    ]);
    const summary = store.getConversation('ws:c1');
    expect(summary?.messageCount).toBe(2);
    expect(summary?.unread).toBe(1);
    // An older message does not move the activity back.
    expect(summary?.lastActivityAt).toBe('2026-01-01T10:05:00.000Z');
    expect(summary?.lastMessage).toEqual({ role: 'bot', preview: 'hi m2' });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4].map((n) => n + 1));
  });

  it('refuses a patch for an unknown conversation and changes nothing', () => {
    const store = new InboxStore();
    const events = recorder(store);
    expect(() => store.patchConversation('ws:nope', { unread: 0 })).toThrow(/Unknown conversation/);
    expect(events).toEqual([]);
    expect(store.lastSeq).toBe(0);
  });

  it('keeps replaying without a gap after the buffer is trimmed, and says when it cannot', () => {
    const store = new InboxStore(10);
    store.putConversation(conversation());
    for (let i = 0; i < 40; i++) store.patchConversation('ws:c1', { unread: i + 1 });
    const last = store.lastSeq;
    const replay = store.eventsAfter(last - 5);
    expect(replay?.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => last - 5 + n));
    expect(store.eventsAfter(1)).toBeNull();
  });
});

describe('sameJson', () => {
  it('compares JSON data deeply', () => {
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });

  it('pages a transcript and remembers what the customer last wrote', () => {
    const store = new InboxStore();
    store.putConversation(conversation());
    for (let i = 0; i < 5; i++) {
      store.addMessage(text(`m${i}`, `2026-01-01T10:0${i}:00.000Z`, i % 2 === 0 ? 'customer' : 'bot'));
    }
    expect(store.messageCount('ws:c1')).toBe(5);
    expect(store.page('ws:c1', 2)).toEqual({
      messages: [store.getMessage('ws:c1', 'm3'), store.getMessage('ws:c1', 'm4')],
      olderCount: 3,
    });
    expect(store.page('ws:c1', 2, 'm3').messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(store.page('ws:c1', 10, 'm1')).toEqual({
      messages: [store.getMessage('ws:c1', 'm0')],
      olderCount: 0,
    });
    expect(store.page('ws:c1', 2, 'unknown')).toEqual({ messages: [], olderCount: 0 });
    store.addMessage(text('m5', '2026-01-01T10:05:00.000Z', 'bot'));
    expect(store.lastCustomerPreview('ws:c1')).toBe('hi m4');
  });
});
