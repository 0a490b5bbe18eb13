/** Builders for contract objects in unit tests: valid by default, overridable field by field. */
import type { Conversation, EventFrame, Message, Workspace } from '@contract';

let counter = 0;

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  const n = ++counter;
  const id = overrides.id ?? `ws1:c${n}`;
  return {
    id,
    workspaceId: 'ws1',
    platform: 'dialai',
    platformConversationId: id.split(':')[1] ?? `c${n}`,
    customer: { id: `cust${n}`, name: `Customer ${n}` },
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
    tags: [],
    rating: null,
    closedAt: null,
    details: [],
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  const n = ++counter;
  return {
    id: `m${n}`,
    conversationId: 'ws1:c1',
    author: { role: 'customer' },
    content: { type: 'text', text: `hello ${n}` },
    at: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function upserted(seq: number, c: Conversation): EventFrame {
  return { kind: 'event', stream: 'inbox', seq, event: { type: 'conversation.upserted', conversation: c } };
}

export function added(seq: number, m: Message): EventFrame {
  return { kind: 'event', stream: 'inbox', seq, event: { type: 'message.added', message: m } };
}

export function updated(seq: number, m: Message): EventFrame {
  return { kind: 'event', stream: 'inbox', seq, event: { type: 'message.updated', message: m } };
}

export function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: 'ws1',
    platform: 'dialai',
    displayName: 'Dialai demo',
    baseUrl: 'http://127.0.0.1:1',
    demo: true,
    capabilities: { supported: [], reasons: {} },
    health: { state: 'connected', since: '2026-01-01T10:00:00.000Z' },
    enabled: true,
    locked: false,
    settings: {},
    secrets: {},
    ...overrides,
  };
}
