/**
 * The fault-injection suite: a real core (durable outbox and local cache on a temporary data folder) with
 * the Dialai and Direct Line connectors against their simulators over HTTP, while customers write, agents
 * take over and reply, and the platforms misbehave on purpose: the Dialai live stream and the Direct Line
 * poll are cut 20 times each mid-traffic, replies meet 503s and answers lost after processing, every request
 * is slowed down for a while, the live stream answers with a garbled body, tokens are revoked. Afterwards every transcript in Baton must equal the platform's, message for message: nothing
 * lost, nothing twice, and no reply delivered twice to a customer.
 *
 * The figures (actions attempted, faults injected, lost, duplicated) are printed and written to
 * `test-results/fault-injection.json` so each run's numbers can be quoted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Agent, Message } from '../contract';
import { BatonCore } from '../core/baton-core';
import { Outbox } from '../core/outbox/outbox';
import { openDatabase } from '../core/persistence/database';
import { LocalStore } from '../core/persistence/local-store';
import { createDialaiConnector } from '../providers/dialai/connector';
import { type DialaiSimulator, startDialaiSimulator } from '../providers/dialai/simulator';
import { createDirectLineConnector } from '../providers/directline/connector';
import {
  BOT_ID,
  type DirectLineSimulator,
  startDirectLineSimulator,
} from '../providers/directline/simulator';
import { AGENT_FROM } from '../providers/directline/wire';
import { startTestRelay } from '../providers/directly/test-support';
import type { Fault } from '../providers/http-kit/sim-control';
import { waitFor } from '../providers/http-kit/test-support';

const HANDOFF_SECRET = 'fault-suite-handoff-secret';
const DROPS_PER_STREAM = 20;
const agents: Agent[] = [
  { id: 'agent:alice', name: 'Alice' },
  { id: 'agent:bob', name: 'Bob' },
];

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Figures {
  conversations: number;
  customerMessages: number;
  actionsAttempted: number;
  faultsInjected: Record<string, number>;
  messagesLost: number;
  duplicatesInBaton: number;
  repliesDeliveredTwice: number;
  repliesNotDelivered: number;
}

type Line = { role: string; text: string };

const lineKey = (line: Line) => `${line.role}\u0000${line.text}`;

/** What is in one list and not the other, counting repeats. */
function difference(a: Line[], b: Line[]): Line[] {
  const remaining = new Map<string, number>();
  for (const line of b) remaining.set(lineKey(line), (remaining.get(lineKey(line)) ?? 0) + 1);
  const extra: Line[] = [];
  for (const line of a) {
    const left = remaining.get(lineKey(line)) ?? 0;
    if (left > 0) remaining.set(lineKey(line), left - 1);
    else extra.push(line);
  }
  return extra;
}

function batonLines(messages: Message[]): Line[] {
  return messages
    .filter((m) => m.content.type === 'text' && m.content.text.length > 0)
    .map((m) => ({ role: m.author.role, text: m.content.type === 'text' ? m.content.text : '' }));
}

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-faults-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = openDatabase(dataDir);
  const local = new LocalStore(db);
  const outbox = new Outbox(db, { backoff: { baseMs: 100, maxMs: 1000 } });
  const logs: string[] = [];
  const core = new BatonCore({ outbox, local, log: (level, message) => logs.push(`${level} ${message}`) });
  cleanups.push(() => db.close());
  cleanups.push(() => local.close());
  cleanups.push(() => core.close());

  const dialai: DialaiSimulator = await startDialaiSimulator({ botLatencyMs: 5 });
  cleanups.push(() => dialai.close());
  await core.addWorkspace(
    { id: 'dialai', platform: 'dialai', displayName: 'Dialai', baseUrl: dialai.info.baseUrl, demo: false },
    createDialaiConnector(
      { workspaceId: 'dialai', ...dialai.info },
      { backoff: { baseMs: 20, maxMs: 200 }, requestTimeoutMs: 2000 },
    ),
  );

  const directline: DirectLineSimulator = await startDirectLineSimulator({ botLatencyMs: 5 });
  cleanups.push(() => directline.close());
  const relay = await startTestRelay();
  cleanups.push(() => relay.close());
  directline.control.setHandoffTarget({ url: relay.webhookUrl, secret: HANDOFF_SECRET });
  await core.addWorkspace(
    {
      id: 'directline',
      platform: 'directline',
      displayName: 'Direct Line',
      baseUrl: directline.info.baseUrl,
      demo: false,
    },
    createDirectLineConnector(
      {
        workspaceId: 'directline',
        baseUrl: directline.info.baseUrl,
        handoffSecret: HANDOFF_SECRET,
        secret: directline.info.secret,
      },
      relay,
      { pollMs: 40, backoff: { baseMs: 20, maxMs: 200 }, requestTimeoutMs: 2000 },
    ),
  );
  return { core, outbox, dialai, directline, logs };
}

describe('fault injection', () => {
  it('keeps every transcript equal to the platform through 20 stream drops each and reply faults', async () => {
    const { core, outbox, dialai, directline, logs } = await setup();
    const figures: Figures = {
      conversations: 0,
      customerMessages: 0,
      actionsAttempted: 0,
      faultsInjected: {},
      messagesLost: 0,
      duplicatesInBaton: 0,
      repliesDeliveredTwice: 0,
      repliesNotDelivered: 0,
    };
    const injected = (name: string) =>
      (figures.faultsInjected[name] = (figures.faultsInjected[name] ?? 0) + 1);
    const refused: string[] = [];

    // Conversations on both platforms, escalated to a person.
    const dialaiIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await dialai.control.startConversation({
        customerName: `Dialai customer ${i}`,
        escalate: true,
      });
      dialaiIds.push(t.id);
    }
    const directlineIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = directline.control.startConversation({ userName: `DL customer ${i}`, text: 'hello' });
      await delay(30);
      directline.control.say(id, 'I want to talk to a person');
      directlineIds.push(id);
    }
    figures.conversations = dialaiIds.length + directlineIds.length;
    const batonId = (platform: 'dialai' | 'directline', id: string) => `${platform}:${id}`;
    const all = [
      ...dialaiIds.map((id) => batonId('dialai', id)),
      ...directlineIds.map((id) => batonId('directline', id)),
    ];
    await waitFor(() => all.every((id) => core.store.getConversation(id)?.state === 'waiting'), {
      what: 'every conversation waiting',
      timeoutMs: 15_000,
    });
    for (const [index, id] of all.entries()) {
      const agent = agents[index % agents.length] as Agent;
      figures.actionsAttempted++;
      await core.perform(agent, { type: 'takeOver', actionId: `take-${id}`, conversationId: id });
    }

    // Traffic: customers write and agents answer, while the faults come and go.
    let running = true;
    let sequence = 0;
    const traffic = (async () => {
      while (running) {
        const index = sequence++;
        const id = all[index % all.length] as string;
        const [platform, platformId] = id.split(/:(.*)/s) as [string, string];
        const text = `customer line ${index}`;
        figures.customerMessages++;
        if (platform === 'dialai') await dialai.control.customerSays(platformId, text).catch(() => undefined);
        else directline.control.say(platformId, text);
        if (index % 3 === 0) {
          const agent = agents[all.indexOf(id) % agents.length] as Agent;
          figures.actionsAttempted++;
          await core
            .perform(agent, {
              type: 'reply',
              actionId: `reply-${index}`,
              conversationId: id,
              content: { type: 'text', text: `agent answer ${index}` },
            })
            .catch((error: unknown) => refused.push(String(error)));
        }
        await delay(15);
      }
    })();

    const blip = async (set: (fault: Fault) => void, fault: Fault, name: string, ms: number) => {
      set(fault);
      injected(name);
      await delay(ms);
      set({ mode: 'none' });
      await delay(ms);
    };
    const dialaiFault = (fault: Fault) => dialai.control.setFault(fault);
    const directlineFault = (fault: Fault) => directline.control.setFault(fault);
    for (let i = 0; i < DROPS_PER_STREAM; i++) {
      await blip(dialaiFault, { mode: 'drop', paths: '/live/' }, 'Dialai live stream dropped', 80);
      await blip(directlineFault, { mode: 'drop', paths: '/messages' }, 'Direct Line poll dropped', 80);
      if (i % 5 === 0) {
        await blip(dialaiFault, { mode: 'error503', paths: 'addCsrMessage' }, 'Dialai reply 503', 150);
        await blip(directlineFault, { mode: 'error503', paths: '/messages' }, 'Direct Line 503', 150);
      }
      if (i % 5 === 1) {
        await blip(dialaiFault, { mode: 'latency', latencyMs: 400 }, 'Dialai slow (400 ms)', 200);
        await blip(directlineFault, { mode: 'latency', latencyMs: 400 }, 'Direct Line slow (400 ms)', 200);
        await blip(dialaiFault, { mode: 'malformed', paths: '/live/' }, 'Dialai live stream garbled', 80);
      }
      if (i % 5 === 2) {
        await blip(
          dialaiFault,
          { mode: 'dropAfter', paths: 'addCsrMessage' },
          'Dialai reply answer lost',
          150,
        );
        await blip(
          directlineFault,
          { mode: 'dropAfter', paths: '/messages' },
          'Direct Line answer lost',
          150,
        );
      }
      if (i % 10 === 4) {
        await blip(dialaiFault, { mode: 'revoke' }, 'Dialai tokens revoked', 50);
        await blip(directlineFault, { mode: 'revoke' }, 'Direct Line tokens revoked', 50);
      }
    }
    running = false;
    await traffic;

    // Everything settles: no reply still on its way, every transcript caught up with its platform.
    const platformLines = (id: string): Line[] => {
      const [platform, platformId] = id.split(/:(.*)/s) as [string, string];
      if (platform === 'dialai') {
        const transcript = dialai.control.conversations().find((c) => c.id === platformId);
        const role = { user: 'customer', bot: 'bot', csr: 'agent', system: 'system' } as const;
        return (transcript?.messages ?? [])
          .filter((m) => m.from !== 'system' && m.text.length > 0)
          .map((m) => ({ role: role[m.from], text: m.text }));
      }
      const conversation = directline.control.conversations().find((c) => c.id === platformId);
      return (conversation?.messages ?? [])
        .filter((m) => m.text)
        .map((m) => ({
          role: m.from === AGENT_FROM ? 'agent' : m.from === BOT_ID ? 'bot' : 'customer',
          text: m.text ?? '',
        }));
    };
    const settled = () =>
      outbox.list().length === 0 &&
      all.every((id) => {
        const ours = batonLines(core.store.getMessages(id));
        const theirs = platformLines(id);
        return difference(theirs, ours).length === 0 && difference(ours, theirs).length === 0;
      });
    await waitFor(settled, { what: 'transcripts equal to the platforms', timeoutMs: 30_000 }).catch(
      () => undefined,
    );

    for (const id of all) {
      const ours = batonLines(core.store.getMessages(id));
      const theirs = platformLines(id);
      figures.messagesLost += difference(theirs, ours).length;
      figures.duplicatesInBaton += difference(ours, theirs).length;
      // Each agent answer is sent once: its text appears exactly once at the platform.
      const answers = theirs.filter((line) => line.role === 'agent');
      figures.repliesDeliveredTwice += answers.length - new Set(answers.map((line) => line.text)).size;
      // What the customer and the bot said arrives in the platform's order.
      const spoken = (lines: Line[]) => lines.filter((line) => line.role !== 'agent').map(lineKey);
      expect(spoken(ours), `order of ${id}`).toEqual(spoken(theirs));
    }
    const sentByAgents = all.flatMap((id) =>
      core.store.getMessages(id).filter((m) => m.author.role === 'agent' && m.delivery),
    );
    figures.repliesNotDelivered = sentByAgents.filter((m) => m.delivery?.state === 'failed').length;

    // The faults were really met: the connectors say so in the core's log.
    const met = {
      dialaiStreamReconnects: logs.filter((line) => /Dialai live stream: .*reconnecting/.test(line)).length,
      directlineFailedReads: logs.filter((line) => /Reading Direct Line conversation .* failed/.test(line))
        .length,
      repliesRetried: logs.filter((line) => /not sent \(.*\); retry in/.test(line)).length,
    };
    const report = { ...figures, met, refusedActions: refused.length, date: new Date().toISOString() };
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/fault-injection.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(`fault injection: ${JSON.stringify(report)}`);

    expect(met.dialaiStreamReconnects).toBeGreaterThanOrEqual(DROPS_PER_STREAM);
    expect(met.directlineFailedReads).toBeGreaterThanOrEqual(DROPS_PER_STREAM);
    expect(met.repliesRetried).toBeGreaterThan(0);
    expect(figures.faultsInjected['Dialai live stream dropped']).toBe(DROPS_PER_STREAM);
    expect(figures.faultsInjected['Direct Line poll dropped']).toBe(DROPS_PER_STREAM);
    expect(refused).toEqual([]);
    expect(figures.messagesLost).toBe(0);
    expect(figures.duplicatesInBaton).toBe(0);
    expect(figures.repliesDeliveredTwice).toBe(0);
    expect(figures.repliesNotDelivered).toBe(0);
    expect(sentByAgents.length).toBeGreaterThan(20);
  }, 180_000);
});
