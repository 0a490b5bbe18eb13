/**
 * Model-based test of the handover engine: random sequences of agent actions (by three agents, on two
 * conversations), repeated action ids, platform-side holder changes and connector failures run against the
 * real `BatonCore` with a `ScriptedConnector`, and against a small model of (state, assignee). After every
 * step the core must agree with the model, a conflict must name the real holder, a repeated action id must
 * never apply twice and an illegal action must change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, Agent, Conversation } from '../contract';
import { BatonCore } from './baton-core';
import { ConnectorError, type PlatformHolder } from './connector';
import { CoreError } from './core-error';
import { ScriptedConnector, waitingConversation } from './test-support';

const AGENTS: Agent[] = [
  { id: 'agent:alice', name: 'Alice' },
  { id: 'agent:bob', name: 'Bob' },
  { id: 'agent:carol', name: 'Carol' },
];
/** Someone outside this Baton (in the platform's own console). */
const ZOE: Agent = { id: 'ext:zoe', name: 'Zoe Outside' };
const CONVERSATIONS = ['t1', 't2'] as const;
const TAGS = ['refund', 'vip', 'late', 'billing'];
type PlatformMethod = 'takeOver' | 'handBack' | 'close' | 'setTags';

// ------------------------------------------------------------------------------------------------ model

interface ConversationModel {
  state: Conversation['state'];
  assignee: Agent | null;
  rating: number | null;
  tags: string[];
  /** Agent replies accepted: each must appear once in the transcript. */
  replies: number;
}

interface Model {
  conversations: Map<string, ConversationModel>;
  /** Successful actions by id, with their fingerprint. */
  ledger: Map<string, string>;
  /** Pending connector failures, as the ScriptedConnector's `failNext`. */
  failNext: Map<PlatformMethod, 'unavailable' | 'conflict'>;
}

type Expected =
  | { code: 'ok'; repeated: boolean }
  | { code: 'conflict'; holder: Agent }
  | { code: 'invalid_state' | 'bad_request' | 'provider_error' };

function newModel(): Model {
  const conversations = new Map<string, ConversationModel>();
  for (const id of CONVERSATIONS) {
    conversations.set(`w:${id}`, { state: 'waiting', assignee: null, rating: null, tags: [], replies: 0 });
  }
  return { conversations, ledger: new Map(), failNext: new Map() };
}

/** What the core should answer to `action` by `agent`, applying it to the model when it succeeds. */
function modelPerform(model: Model, agent: Agent, action: Action): Expected {
  const fingerprint = JSON.stringify({ agent: agent.id, action });
  const seen = model.ledger.get(action.actionId);
  if (seen !== undefined) {
    return seen === fingerprint ? { code: 'ok', repeated: true } : { code: 'bad_request' };
  }
  const c = model.conversations.get(action.conversationId);
  if (!c) throw new Error('unknown conversation in the model');
  const holds = c.state === 'agent' && c.assignee?.id === agent.id;
  const needHolder = (): Expected | null => {
    if (c.state !== 'agent') return { code: 'invalid_state' };
    if (!holds) return c.assignee ? { code: 'conflict', holder: c.assignee } : { code: 'invalid_state' };
    return null;
  };

  let method: PlatformMethod | null = null;
  let apply: () => void = () => {};
  switch (action.type) {
    case 'takeOver':
      if (c.state === 'closed') return { code: 'invalid_state' };
      if (c.state === 'agent' && holds) {
        model.ledger.set(action.actionId, fingerprint);
        return { code: 'ok', repeated: false };
      }
      if (c.state === 'agent' && c.assignee) return { code: 'conflict', holder: c.assignee };
      method = 'takeOver';
      apply = () => {
        c.state = 'agent';
        c.assignee = agent;
      };
      break;
    case 'reply': {
      const refused = needHolder();
      if (refused) return refused;
      apply = () => void c.replies++;
      break;
    }
    case 'handBack': {
      const refused = needHolder();
      if (refused) return refused;
      method = 'handBack';
      apply = () => {
        c.state = 'bot';
        c.assignee = null;
      };
      break;
    }
    case 'close': {
      const refused = needHolder();
      if (refused) return refused;
      method = 'close';
      apply = () => {
        c.state = 'closed';
        if (action.rating !== undefined) c.rating = action.rating;
      };
      break;
    }
    case 'rate':
      if (c.state === 'closed') {
        if (c.assignee && c.assignee.id !== agent.id) return { code: 'conflict', holder: c.assignee };
      } else {
        const refused = needHolder();
        if (refused) return refused;
      }
      apply = () => void (c.rating = action.rating);
      break;
    case 'tag': {
      const tags = new Set(c.tags);
      for (const tag of action.remove) tags.delete(tag);
      for (const tag of action.add) tags.add(tag);
      method = 'setTags';
      apply = () => void (c.tags = [...tags]);
      break;
    }
    case 'upload':
      throw new Error('not generated');
  }
  const failure = method ? model.failNext.get(method) : undefined;
  if (method && failure) {
    model.failNext.delete(method);
    if (failure === 'unavailable') return { code: 'provider_error' };
    // The platform says someone else has it: the core shows that holder.
    c.state = 'agent';
    c.assignee = ZOE;
    return { code: 'conflict', holder: ZOE };
  }
  apply();
  model.ledger.set(action.actionId, fingerprint);
  return { code: 'ok', repeated: false };
}

function modelPlatform(model: Model, conversationId: string, holder: PlatformHolder): void {
  const c = model.conversations.get(conversationId);
  if (!c) return;
  switch (holder.kind) {
    case 'bot':
    case 'waiting':
      c.state = holder.kind;
      c.assignee = null;
      break;
    case 'agent':
      c.state = 'agent';
      c.assignee = { id: holder.agentId, name: holder.agentName };
      break;
    case 'closed':
      c.state = 'closed';
      break;
  }
}

// ------------------------------------------------------------------------------------------------ steps

const ActStep = fc.record({
  kind: fc.constant('act' as const),
  agent: fc.nat(2),
  conversation: fc.nat(1),
  type: fc.constantFrom('takeOver', 'reply', 'handBack', 'close', 'rate', 'tag'),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  add: fc.subarray(TAGS),
  remove: fc.subarray(TAGS),
});
/** Repeats an earlier action: the same agent (a retry) or another agent (a confused client). */
const RepeatStep = fc.record({
  kind: fc.constant('repeat' as const),
  pick: fc.nat(),
  sameAgent: fc.boolean(),
});
const PlatformStep = fc.record({
  kind: fc.constant('platform' as const),
  conversation: fc.nat(1),
  holder: fc.constantFrom('bot', 'waiting', 'agent', 'closed'),
  /** 0-2: one of our agents took it in the platform (another window); 3: someone outside. */
  agent: fc.nat(3),
});
const FailStep = fc.record({
  kind: fc.constant('fail' as const),
  method: fc.constantFrom<PlatformMethod>('takeOver', 'handBack', 'close', 'setTags'),
  error: fc.constantFrom('unavailable' as const, 'conflict' as const),
});
const RaceStep = fc.record({
  kind: fc.constant('race' as const),
  conversation: fc.nat(1),
  first: fc.nat(2),
  offset: fc.integer({ min: 1, max: 2 }),
});
const Step = fc.oneof(
  { arbitrary: ActStep, weight: 6 },
  { arbitrary: RepeatStep, weight: 2 },
  { arbitrary: PlatformStep, weight: 2 },
  { arbitrary: FailStep, weight: 1 },
  { arbitrary: RaceStep, weight: 1 },
);
type Step = typeof Step extends fc.Arbitrary<infer T> ? T : never;

function buildAction(step: Extract<Step, { kind: 'act' }>, n: number): Action {
  const base = { actionId: `a${n}`, conversationId: `w:${CONVERSATIONS[step.conversation]}` };
  switch (step.type) {
    case 'takeOver':
      return { type: 'takeOver', ...base };
    case 'reply':
      return { type: 'reply', ...base, content: { type: 'text', text: `reply ${n}` } };
    case 'handBack':
      return { type: 'handBack', ...base };
    case 'close':
      return { type: 'close', ...base, ...(step.rating === undefined ? {} : { rating: step.rating }) };
    case 'rate':
      return { type: 'rate', ...base, rating: step.rating ?? 4 };
    case 'tag':
      return { type: 'tag', ...base, add: step.add, remove: step.remove };
  }
}

function platformHolder(step: Extract<Step, { kind: 'platform' }>): PlatformHolder {
  switch (step.holder) {
    case 'bot':
      return { kind: 'bot' };
    case 'waiting':
      return { kind: 'waiting', since: '2026-11-21T11:00:00.000Z', reason: 'Asked again' };
    case 'closed':
      return { kind: 'closed', at: '2026-11-21T11:30:00.000Z' };
    case 'agent': {
      const agent = AGENTS[step.agent] ?? ZOE;
      return { kind: 'agent', agentId: agent.id, agentName: agent.name };
    }
  }
}

// ------------------------------------------------------------------------------------------------ runner

type Outcome = { code: 'ok'; repeated: boolean } | { code: string; heldBy?: Agent; message: string };

async function outcomeOf(promise: Promise<{ repeated: boolean }>): Promise<Outcome> {
  try {
    const { repeated } = await promise;
    return { code: 'ok', repeated };
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    return {
      code: error.code,
      message: error.message,
      ...(error.extra.heldBy ? { heldBy: error.extra.heldBy } : {}),
    };
  }
}

function expectOutcome(actual: Outcome, expected: Expected, context: string): void {
  expect(actual.code, context).toBe(expected.code);
  if (expected.code === 'ok' && actual.code === 'ok' && 'repeated' in actual) {
    expect(actual.repeated, `${context}: repeated`).toBe(expected.repeated);
  }
  if (expected.code === 'conflict' && 'message' in actual) {
    // The refusal names whoever really holds it, in words and (where given) as `heldBy`.
    expect(actual.message, context).toContain(expected.holder.name);
    if (actual.heldBy) expect(actual.heldBy, context).toEqual(expected.holder);
  }
}

async function runScenario(steps: Step[]): Promise<void> {
  const connector = new ScriptedConnector(CONVERSATIONS.map((id) => waitingConversation(id)));
  const core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Model', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  const model = newModel();
  const issued: { agent: Agent; action: Action }[] = [];
  let n = 0;

  const check = (context: string) => {
    for (const [id, expected] of model.conversations) {
      const real = core.store.getConversation(id);
      expect(real, context).toBeDefined();
      if (!real) return;
      expect({ state: real.state, assignee: real.assignee }, `${context}: ${id}`).toEqual({
        state: expected.state,
        assignee: expected.assignee,
      });
      expect(real.rating, `${context}: ${id} rating`).toBe(expected.rating);
      expect(real.tags, `${context}: ${id} tags`).toEqual(expected.tags);
      const agentMessages = core.store.getMessages(id).filter((m) => m.author.role === 'agent');
      expect(agentMessages, `${context}: ${id} replies`).toHaveLength(expected.replies);
    }
  };

  for (const [index, step] of steps.entries()) {
    const context = `step ${index} ${JSON.stringify(step)}`;
    switch (step.kind) {
      case 'act': {
        const agent = AGENTS[step.agent] as Agent;
        const action = buildAction(step, ++n);
        issued.push({ agent, action });
        const expected = modelPerform(model, agent, action);
        expectOutcome(await outcomeOf(core.perform(agent, action)), expected, context);
        break;
      }
      case 'repeat': {
        if (issued.length === 0) continue;
        const earlier = issued[step.pick % issued.length] as { agent: Agent; action: Action };
        const agent = step.sameAgent
          ? earlier.agent
          : (AGENTS[(AGENTS.indexOf(earlier.agent) + 1) % AGENTS.length] as Agent);
        const expected = modelPerform(model, agent, earlier.action);
        expectOutcome(await outcomeOf(core.perform(agent, earlier.action)), expected, context);
        break;
      }
      case 'platform': {
        const id = CONVERSATIONS[step.conversation] as string;
        const holder = platformHolder(step);
        modelPlatform(model, `w:${id}`, holder);
        connector.sink?.conversation({ ...waitingConversation(id), holder });
        break;
      }
      case 'fail': {
        model.failNext.set(step.method, step.error);
        connector.failNext.set(
          step.method,
          step.error === 'conflict'
            ? new ConnectorError('held elsewhere', 'conflict', { status: 409, heldBy: ZOE })
            : new ConnectorError('down', 'unavailable', { status: 503 }),
        );
        break;
      }
      case 'race': {
        const a = AGENTS[step.first] as Agent;
        const b = AGENTS[(step.first + step.offset) % AGENTS.length] as Agent;
        const conversationId = `w:${CONVERSATIONS[step.conversation]}`;
        const first: Action = { type: 'takeOver', actionId: `a${++n}`, conversationId };
        const second: Action = { type: 'takeOver', actionId: `a${++n}`, conversationId };
        issued.push({ agent: a, action: first }, { agent: b, action: second });
        // With a failure pending the first press fails late while the second waits: keep that case serial.
        const serial = model.failNext.has('takeOver');
        const expectedFirst = modelPerform(model, a, first);
        const expectedSecond = modelPerform(model, b, second);
        const [got1, got2] = serial
          ? [await outcomeOf(core.perform(a, first)), await outcomeOf(core.perform(b, second))]
          : await Promise.all([outcomeOf(core.perform(a, first)), outcomeOf(core.perform(b, second))]);
        expectOutcome(got1, expectedFirst, `${context} first`);
        expectOutcome(got2, expectedSecond, `${context} second`);
        break;
      }
    }
    // Replies go to the platform in the background: let them settle before comparing transcripts.
    await new Promise((resolve) => setImmediate(resolve));
    check(context);
  }
  await core.close();
}

describe('handover engine against a model', () => {
  it('agrees with the model on every random sequence of actions, repeats, platform changes and failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Step, { minLength: 1, maxLength: 40 }), (steps) => runScenario(steps)),
      { numRuns: 300 },
    );
  });

  it('a two-agent race on a waiting conversation always has exactly one winner, and the loser is told who', async () => {
    await runScenario([{ kind: 'race', conversation: 0, first: 0, offset: 1 }]);
    await runScenario([
      { kind: 'fail', method: 'takeOver', error: 'conflict' },
      { kind: 'race', conversation: 1, first: 2, offset: 1 },
    ]);
  });
});
