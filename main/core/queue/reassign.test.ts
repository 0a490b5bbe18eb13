import { describe, expect, it } from 'vitest';
import type { Agent, MessageContent } from '../../contract';
import { BatonCore } from '../baton-core';
import type { ConversationRef, PlatformReport, SendResult } from '../connector';
import { CoreError } from '../core-error';
import { memoryChannel, ScriptedConnector, until, waitingConversation } from '../test-support';

const jane: Agent = { id: 'agent:jane', name: 'Jane' };
const raj: Agent = { id: 'agent:raj', name: 'Raj' };
const lead: Agent = { id: 'agent:lee', name: 'Lee' };

/** Records which agent the platform was told acted, and can answer a Directly-style report. */
class SeatRecordingConnector extends ScriptedConnector {
  readonly actors: { method: string; agentId: string }[] = [];
  reportResult: PlatformReport | Error | null = null;
  override takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
    this.actors.push({ method: 'takeOver', agentId: agent.id });
    return super.takeOver(ref, agent);
  }
  override reply(
    ref: ConversationRef,
    agent: Agent,
    content: MessageContent,
    id: string,
  ): Promise<SendResult> {
    this.actors.push({ method: 'reply', agentId: agent.id });
    return super.reply(ref, agent, content, id);
  }
  override handBack(ref: ConversationRef): Promise<void> {
    return super.handBack(ref);
  }
}

async function setup() {
  const connector = new SeatRecordingConnector([
    waitingConversation('t1'),
    waitingConversation('t2', 'Liam'),
  ]);
  const core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'dialai', displayName: 'Test', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  // Raj and Jane are connected agents.
  core.monitor.agentConnected(jane);
  core.monitor.agentConnected(raj);
  return { core, connector };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error);
  }
}

const markers = (core: BatonCore, id: string) =>
  core.store.getMessages(id).flatMap((m) => (m.content.type === 'event' ? [m.content.text] : []));

describe('reassignment by a lead', () => {
  it('moves a held conversation to another agent, says so in the timeline, and shows in their load', async () => {
    const { core } = await setup();
    await core.perform(jane, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    const updated = await core.reassign(lead, 'w:t1', raj);
    expect(updated).toMatchObject({ state: 'agent', assignee: raj });
    expect(markers(core, 'w:t1').at(-1)).toBe('Lead reassigned to Raj (from Jane) · by Lee');
    const agents = core.monitor.snapshot().agents;
    expect(agents.find((a) => a.agent.id === raj.id)?.holding.map((h) => h.conversationId)).toEqual(['w:t1']);
    expect(agents.find((a) => a.agent.id === jane.id)?.holding).toEqual([]);
  });

  it("lets the new holder act, through the first holder's platform seat; the old holder may not", async () => {
    const { core, connector } = await setup();
    await core.perform(jane, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    await core.reassign(lead, 'w:t1', raj);
    const reply = { type: 'reply', conversationId: 'w:t1', content: { type: 'text', text: 'Hi' } } as const;
    expect(await codeOf(core.perform(jane, { ...reply, actionId: 'j1' }))).toBe('conflict');
    await core.perform(raj, { ...reply, actionId: 'r1' });
    await until(() => connector.actors.some((a) => a.method === 'reply'));
    // The platform only knows Jane's seat.
    expect(connector.actors.filter((a) => a.method === 'reply')).toEqual([
      { method: 'reply', agentId: jane.id },
    ]);
    // The platform reporting its holder (Jane's seat) again does not take it from Raj.
    connector.sink?.conversation({
      ...waitingConversation('t1'),
      holder: { kind: 'agent', agentId: jane.id, agentName: jane.name },
    });
    expect(core.store.getConversation('w:t1')?.assignee).toEqual(raj);
    await core.perform(raj, { type: 'handBack', actionId: 'r2', conversationId: 'w:t1' });
    expect(core.store.getConversation('w:t1')).toMatchObject({ state: 'bot', assignee: null });
  });

  it('takes a waiting conversation over on the chosen agent’s behalf', async () => {
    const { core, connector } = await setup();
    await core.reassign(lead, 'w:t2', raj);
    expect(connector.actors).toEqual([{ method: 'takeOver', agentId: raj.id }]);
    expect(core.store.getConversation('w:t2')).toMatchObject({
      state: 'agent',
      assignee: raj,
      waitingSince: null,
    });
    expect(markers(core, 'w:t2').at(-1)).toBe('Lead reassigned to Raj · by Lee');
  });

  it('refuses an unknown agent or a closed conversation, and changes nothing', async () => {
    const { core } = await setup();
    const stranger = { id: 'agent:nobody', name: 'Nobody' };
    expect(await codeOf(core.reassign(lead, 'w:t1', stranger))).toBe('not_found');
    expect(core.store.getConversation('w:t1')).toMatchObject({ state: 'waiting', assignee: null });
    await core.perform(jane, { type: 'takeOver', actionId: 'a1', conversationId: 'w:t1' });
    await core.perform(jane, { type: 'close', actionId: 'a2', conversationId: 'w:t1' });
    expect(await codeOf(core.reassign(lead, 'w:t1', raj))).toBe('invalid_state');
    expect(core.store.getConversation('w:t1')?.assignee).toEqual(jane);
    expect(await codeOf(core.reassign(lead, 'w:nope', raj))).toBe('not_found');
  });
});

describe('queue and report methods', () => {
  it('answers queue.snapshot with the seq it includes, validates reports.query, and reassigns', async () => {
    const { core } = await setup();
    const client = memoryChannel();
    core.attach(client.channel);
    const call = async (id: string, method: string, params: unknown) => {
      client.deliver(JSON.stringify({ kind: 'request', id, method, params }));
      await until(() => client.received.some((f) => (f as { id?: string }).id === id));
      return client.received.find((f) => (f as { id?: string }).id === id) as {
        ok: boolean;
        result?: Record<string, unknown>;
        error?: { code: string; message: string };
      };
    };
    await call('h', 'session.hello', { protocol: 1, agentName: 'Lee' });
    const snapshot = await call('s', 'queue.snapshot', {});
    expect(snapshot.ok).toBe(true);
    expect(snapshot.result?.seq).toBe(core.store.lastSeq);
    expect((snapshot.result?.snapshot as { totals: unknown }).totals).toEqual({
      bot: 0,
      waiting: 2,
      agent: 0,
      closedToday: 0,
    });
    const online = (snapshot.result?.snapshot as { agents: { agent: Agent; online: boolean }[] }).agents;
    expect(online.find((a) => a.agent.name === 'Lee')?.online).toBe(true);

    const backwards = await call('r1', 'reports.query', {
      from: '2026-11-21T10:00:00Z',
      to: '2026-11-20T10:00:00Z',
    });
    expect(backwards.error?.code).toBe('bad_request');
    const unknown = await call('r2', 'reports.query', {
      from: '2026-11-20T10:00:00Z',
      to: '2026-11-21T10:00:00Z',
      workspaceIds: ['nope'],
    });
    expect(unknown.error?.code).toBe('not_found');

    const reassigned = await call('x', 'conversation.reassign', { conversationId: 'w:t1', toAgent: raj });
    expect(reassigned.ok).toBe(true);
    expect(core.store.getConversation('w:t1')?.assignee).toEqual(raj);
    const bad = await call('y', 'conversation.reassign', { conversationId: 'w:t2', toAgent: { id: '' } });
    expect(bad.error?.code).toBe('bad_request');
    expect(core.store.getConversation('w:t2')?.state).toBe('waiting');
  });

  it("adds Directly's automation rate and satisfaction to a report, and says when Directly cannot answer", async () => {
    const connector = new SeatRecordingConnector();
    const report: PlatformReport = {
      conversations: 12,
      automated: 9,
      escalated: 3,
      automationRate: 0.75,
      satisfaction: 0.8,
    };
    Object.assign(connector, { platform: 'directly', report: async () => report });
    const broken = new SeatRecordingConnector();
    Object.assign(broken, {
      platform: 'directly',
      report: async () => {
        throw new Error('503 Service Unavailable');
      },
    });
    const core = new BatonCore({ log: () => {} });
    const def = (id: string) => ({
      id,
      platform: 'directly' as const,
      displayName: `Directly ${id}`,
      baseUrl: 'http://127.0.0.1:1',
      demo: false,
    });
    await core.addWorkspace(def('d1'), connector);
    await core.addWorkspace(def('d2'), broken);
    const result = await core.report({ from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    expect(result.directly).toEqual([
      { workspaceId: 'd1', name: 'Directly d1', ...report },
      {
        workspaceId: 'd2',
        name: 'Directly d2',
        error: "Directly's report could not be read: 503 Service Unavailable",
      },
    ]);
    const only = await core.report({
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
      workspaceIds: ['d1'],
    });
    expect(only.directly.map((d) => d.workspaceId)).toEqual(['d1']);
  });
});
