/**
 * The process the outbox crash test kills with SIGKILL (bundled with esbuild at test time, not shipped): a
 * core with a data folder and a Dialai connector. With `text` it takes the conversation over and sends the
 * reply; without, it only starts, which resumes what the outbox holds. It reports on stdout, one JSON line
 * per fact.
 */
import type { Agent } from '../../contract';
import { createDialaiConnector } from '../../providers/dialai/connector';
import { BatonCore } from '../baton-core';
import { openDatabase } from '../persistence/database';
import { Outbox } from './outbox';

interface ChildConfig {
  dataDir: string;
  dialai: { baseUrl: string; tenant: string; realm: string; clientId: string; clientSecret: string };
  platformConversationId: string;
  text?: string;
}

const say = (fact: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(fact)}\n`);

async function main(): Promise<void> {
  const config = JSON.parse(process.env.BATON_CRASH_CHILD ?? '{}') as ChildConfig;
  const agent: Agent = { id: 'agent:alice', name: 'Alice' };
  const outbox = new Outbox(openDatabase(config.dataDir));
  const core = new BatonCore({ outbox, log: (level, message) => say({ log: `${level} ${message}` }) });
  core.store.subscribe(({ event }) => {
    if (event.type !== 'message.added' && event.type !== 'message.updated') return;
    const { id, author, delivery } = event.message;
    if (author.role === 'agent' && delivery) say({ delivery: { id, state: delivery.state } });
  });
  await core.addWorkspace(
    { id: 'dialai', platform: 'dialai', displayName: 'Dialai', baseUrl: config.dialai.baseUrl, demo: false },
    createDialaiConnector({ workspaceId: 'dialai', ...config.dialai }, { requestTimeoutMs: 2000 }),
  );
  core.resumeOutbox();
  const conversationId = `dialai:${config.platformConversationId}`;
  if (config.text) {
    await core.perform(agent, { type: 'takeOver', actionId: 'take-1', conversationId });
    const { message } = await core.perform(agent, {
      type: 'reply',
      actionId: 'reply-1',
      conversationId,
      content: { type: 'text', text: config.text },
    });
    say({ enqueued: message?.id });
  }
  say({ ready: true });
}

main().catch((error: unknown) => {
  say({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
