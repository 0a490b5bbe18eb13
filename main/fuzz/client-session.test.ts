/**
 * Fuzzes the contract frames a client sends into a session: arbitrary JSON, non-JSON text and mutated valid
 * requests. Every invalid frame must be answered once with a clear `bad_request` (a response when the frame
 * has a usable id, a `protocol_error` otherwise), nothing may throw, and nothing may change in the store.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Methods, RequestFrame } from '../contract';
import { BatonCore } from '../core/baton-core';
import { memoryChannel, ScriptedConnector, until, waitingConversation } from '../core/test-support';
import { fuzzInput } from './mutate';

const conversationId = 'w:t1';
const SAMPLES = [
  { kind: 'request', id: 'r1', method: 'session.hello', params: { protocol: 1, agentName: 'Alice' } },
  {
    kind: 'request',
    id: 'r2',
    method: 'action.perform',
    params: { action: { type: 'takeOver', actionId: 'a1', conversationId } },
  },
  {
    kind: 'request',
    id: 'r3',
    method: 'action.perform',
    params: {
      action: {
        type: 'reply',
        actionId: 'a2',
        conversationId,
        content: {
          type: 'card',
          card: { title: 'Hi', buttons: [{ type: 'openUrl', text: 'Go', url: 'https://x.io' }] },
        },
      },
    },
  },
  {
    kind: 'request',
    id: 'r4',
    method: 'action.perform',
    params: { action: { type: 'tag', actionId: 'a3', conversationId, add: ['vip'] } },
  },
  {
    kind: 'request',
    id: 'r5',
    method: 'action.perform',
    params: { action: { type: 'close', actionId: 'a4', conversationId, rating: 5 } },
  },
  { kind: 'request', id: 'r6', method: 'conversations.list', params: { filter: { states: ['waiting'] } } },
  { kind: 'request', id: 'r7', method: 'conversation.typing', params: { conversationId, active: true } },
  {
    kind: 'request',
    id: 'r8',
    method: 'session.hello',
    params: { protocol: 1, resume: { streamId: 's', afterSeq: 3 } },
  },
];

/** Whether the session would accept this frame (those are left out: only invalid frames are fuzzed here). */
function isValidRequest(value: unknown): boolean {
  const frame = RequestFrame.safeParse(value);
  return frame.success && Methods[frame.data.method].params.safeParse(frame.data.params).success;
}

let core: BatonCore;
beforeAll(async () => {
  core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Fuzz', baseUrl: 'http://127.0.0.1:1', demo: false },
    new ScriptedConnector([waitingConversation('t1')]),
  );
});
afterAll(() => core.close());

async function session(hello: boolean) {
  const end = memoryChannel();
  core.attach(end.channel);
  if (hello) {
    end.deliver(JSON.stringify(SAMPLES[0]));
    await until(() => end.received.length > 0);
    end.received.length = 0;
  }
  return end;
}

describe('fuzzing client frames', () => {
  for (const hello of [false, true]) {
    it(`answers every invalid frame with bad_request and changes nothing (${hello ? 'after' : 'before'} hello)`, async () => {
      const end = await session(hello);
      // Reminders and queue figures move with the clock; anything else published is a change.
      const changes: string[] = [];
      const stop = core.store.subscribe(({ event }) => {
        if (!/^(notification|presence|queue)\./.test(event.type)) changes.push(event.type);
      });
      const before = JSON.stringify(core.store.listConversations());
      const frames = fc.oneof(
        { arbitrary: fuzzInput(...SAMPLES).filter((v) => !isValidRequest(v)), weight: 8 },
        { arbitrary: fc.string({ maxLength: 30 }).map((s) => ({ raw: `{${s}` })), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(frames, fc.boolean(), async (frame, asText) => {
          end.received.length = 0;
          const data =
            frame && typeof frame === 'object' && 'raw' in frame
              ? frame.raw
              : asText
                ? JSON.stringify(frame)
                : frame;
          end.deliver(data);
          const answers = () => end.received.filter((f) => (f as { kind: string }).kind !== 'event');
          await until(() => answers().length > 0, 1000);
          await new Promise((resolve) => setImmediate(resolve));
          expect(answers()).toHaveLength(1);
          const answer = answers()[0] as {
            kind: string;
            id?: string;
            ok?: boolean;
            error?: { code: string; message: string };
          };
          expect(['response', 'protocol_error']).toContain(answer.kind);
          if (answer.kind === 'response') {
            expect(answer.ok).toBe(false);
            expect(typeof answer.id).toBe('string');
          }
          expect(answer.error?.code).toBe('bad_request');
          expect(answer.error?.message.length).toBeGreaterThan(0);
          expect(changes).toEqual([]);
        }),
        { numRuns: 2000 },
      );
      stop();
      expect(JSON.stringify(core.store.listConversations())).toBe(before);
    });
  }
});
