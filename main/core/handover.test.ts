import { describe, expect, it } from 'vitest';
import type { Action, Agent, Conversation, ConversationState } from '../contract';
import { capabilities } from './connector';
import { CoreError } from './core-error';
import { planAction } from './handover';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };
const bob: Agent = { id: 'agent:bob', name: 'Bob' };
const NOW = '2026-11-21T10:05:00.000Z';
const caps = capabilities(['handBack', 'tags'], { rating: 'No rating API.' });

function conversation(state: ConversationState, assignee: Agent | null = null): Conversation {
  return {
    id: 'w:1',
    workspaceId: 'w',
    platform: 'dialai',
    platformConversationId: '1',
    customer: { id: 'c', name: 'Maya' },
    channel: 'web',
    state,
    assignee,
    waitingSince: state === 'waiting' ? '2026-11-21T10:00:00.000Z' : null,
    escalationReason: null,
    createdAt: '2026-11-21T09:00:00.000Z',
    lastActivityAt: '2026-11-21T09:00:00.000Z',
    lastMessage: null,
    messageCount: 0,
    unread: 0,
    tags: ['vip'],
    rating: null,
    closedAt: state === 'closed' ? NOW : null,
    details: [],
  };
}

const base = { actionId: 'a1', conversationId: 'w:1' };
const actions: Record<Action['type'], Action> = {
  takeOver: { type: 'takeOver', ...base },
  reply: { type: 'reply', ...base, content: { type: 'text', text: 'Hi' } },
  handBack: { type: 'handBack', ...base },
  close: { type: 'close', ...base, rating: 4 },
  rate: { type: 'rate', ...base, rating: 5 },
  tag: { type: 'tag', ...base, add: ['refund'], remove: ['vip'] },
  upload: { type: 'upload', ...base, file: { name: 'a.txt', mimeType: 'text/plain', dataBase64: 'aGk=' } },
  retry: { type: 'retry', ...base, messageId: 'm1' },
  note: { type: 'note', ...base, text: 'Customer is a VIP' },
  transfer: { type: 'transfer', ...base, to: { id: 'agent:carol', name: 'Carol' } },
};

type Case = [string, Conversation, Action['type'], 'ok' | CoreError['code']];
const held = conversation('agent', alice);
const heldByBob = conversation('agent', bob);
const cases: Case[] = [
  ['bot', conversation('bot'), 'takeOver', 'ok'],
  ['bot', conversation('bot'), 'reply', 'invalid_state'],
  ['bot', conversation('bot'), 'handBack', 'invalid_state'],
  ['bot', conversation('bot'), 'close', 'invalid_state'],
  ['bot', conversation('bot'), 'rate', 'invalid_state'],
  ['bot', conversation('bot'), 'tag', 'ok'],
  ['waiting', conversation('waiting'), 'takeOver', 'ok'],
  ['waiting', conversation('waiting'), 'reply', 'invalid_state'],
  ['waiting', conversation('waiting'), 'handBack', 'invalid_state'],
  ['waiting', conversation('waiting'), 'close', 'invalid_state'],
  ['waiting', conversation('waiting'), 'rate', 'invalid_state'],
  ['waiting', conversation('waiting'), 'tag', 'ok'],
  ['agent (mine)', held, 'takeOver', 'ok'],
  ['agent (mine)', held, 'reply', 'ok'],
  ['agent (mine)', held, 'handBack', 'ok'],
  ['agent (mine)', held, 'close', 'ok'],
  ['agent (mine)', held, 'rate', 'ok'],
  ['agent (mine)', held, 'tag', 'ok'],
  ['agent (mine)', held, 'retry', 'ok'],
  ['agent (mine)', held, 'transfer', 'ok'],
  ["agent (Bob's)", heldByBob, 'transfer', 'conflict'],
  ['waiting', conversation('waiting'), 'transfer', 'invalid_state'],
  ['waiting', conversation('waiting'), 'note', 'ok'],
  ["agent (Bob's)", heldByBob, 'note', 'ok'],
  ['closed', conversation('closed', alice), 'note', 'ok'],
  ["agent (Bob's)", heldByBob, 'retry', 'conflict'],
  ['closed', conversation('closed', alice), 'retry', 'invalid_state'],
  ["agent (Bob's)", heldByBob, 'takeOver', 'conflict'],
  ["agent (Bob's)", heldByBob, 'reply', 'conflict'],
  ["agent (Bob's)", heldByBob, 'handBack', 'conflict'],
  ["agent (Bob's)", heldByBob, 'close', 'conflict'],
  ["agent (Bob's)", heldByBob, 'rate', 'conflict'],
  ["agent (Bob's)", heldByBob, 'tag', 'ok'],
  ['closed', conversation('closed', alice), 'takeOver', 'invalid_state'],
  ['closed', conversation('closed', alice), 'reply', 'invalid_state'],
  ['closed', conversation('closed', alice), 'handBack', 'invalid_state'],
  ['closed', conversation('closed', alice), 'close', 'invalid_state'],
  ['closed', conversation('closed', alice), 'rate', 'ok'],
  ['closed by Bob', conversation('closed', bob), 'rate', 'conflict'],
  ['closed', conversation('closed', alice), 'tag', 'ok'],
];

describe('handover state machine', () => {
  it.each(cases)('%s + %s → %s', (_label, from, type, expected) => {
    const run = () => planAction(from, actions[type], alice, caps, NOW);
    if (expected === 'ok') {
      expect(run).not.toThrow();
    } else {
      expect(run).toThrowError(CoreError);
      try {
        run();
      } catch (error) {
        expect((error as CoreError).code).toBe(expected);
      }
    }
  });

  it('take over moves bot or waiting to agent with the actor as assignee and stops the wait timer', () => {
    for (const state of ['bot', 'waiting'] as const) {
      expect(planAction(conversation(state), actions.takeOver, alice, caps, NOW)).toEqual({
        state: 'agent',
        assignee: alice,
        waitingSince: null,
      });
    }
  });

  it('a repeated take over by the holder changes nothing', () => {
    expect(planAction(held, actions.takeOver, alice, caps, NOW)).toEqual({});
  });

  it('a conflict names who holds the conversation', () => {
    try {
      planAction(heldByBob, actions.takeOver, alice, caps, NOW);
      expect.unreachable();
    } catch (error) {
      expect((error as CoreError).extra.heldBy).toEqual(bob);
      expect((error as CoreError).message).toContain('Bob');
    }
  });

  it('hand back returns the conversation to the bot without an assignee', () => {
    expect(planAction(held, actions.handBack, alice, caps, NOW)).toMatchObject({
      state: 'bot',
      assignee: null,
    });
  });

  it('close records the time and the rating', () => {
    expect(planAction(held, actions.close, alice, caps, NOW)).toMatchObject({
      state: 'closed',
      closedAt: NOW,
      rating: 4,
    });
  });

  it('hand back is refused, with the reason, where the platform cannot do it', () => {
    const noHandBack = capabilities([], { handBack: 'This platform ends conversations instead.' });
    expect(() => planAction(held, actions.handBack, alice, noHandBack, NOW)).toThrowError(
      'This platform ends conversations instead.',
    );
  });

  it('tags are added and removed as a set', () => {
    expect(planAction(held, actions.tag, alice, caps, NOW)).toEqual({ tags: ['refund'] });
  });

  it('refuses rich content and suggestions the platform cannot take, with its reason', () => {
    const textOnly = capabilities(['handBack'], {
      richContent: 'Plain text only here.',
      quickReplies: 'No quick replies here.',
    });
    const reply = (content: Extract<Action, { type: 'reply' }>['content']): Action =>
      ({ ...actions.reply, content }) as Action;
    expect(() =>
      planAction(held, reply({ type: 'card', card: { title: 'Plans' } }), alice, textOnly, NOW),
    ).toThrowError('Plain text only here.');
    expect(() =>
      planAction(
        held,
        reply({ type: 'text', text: 'Pick one', suggestions: [{ type: 'reply', text: 'A' }] }),
        alice,
        textOnly,
        NOW,
      ),
    ).toThrowError('No quick replies here.');
    expect(() =>
      planAction(held, reply({ type: 'event', name: 'x', text: 'forged marker' }), alice, caps, NOW),
    ).toThrowError(CoreError);
    expect(planAction(held, reply({ type: 'text', text: 'Plain is fine' }), alice, textOnly, NOW)).toEqual(
      {},
    );
  });
});
