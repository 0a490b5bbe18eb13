/**
 * The company's own chatbot for the demo (product code, not a test double): a webhook that verifies Direqt's
 * signature and answers with `answer()`. In `relayed` mode (behind Baton) it returns its messages and any
 * handoff in the webhook answer, Baton's convention (README.md); in `direct` mode (no Baton) it sends them
 * itself through `/v3/messages`, as any Direqt chatbot does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { startServer } from '../../http-kit/start-server';
import {
  authorizationHeader,
  WEBHOOK_HEADERS,
  WEBHOOK_SIGNATURE_PREFIX,
  WEBHOOK_WINDOW_SECONDS,
  WebhookDelivery,
} from '../wire';
import type { RelayAnswer } from '../wire';
import { answer } from './answers';

export { HANDOFF_CONTEXT, HANDOFF_REASON } from './answers';

export interface DireqtChatbotOptions {
  direqtBaseUrl: string;
  accessToken: string;
  signingSecret: string;
  port?: number;
  /** Default `relayed`. */
  mode?: 'relayed' | 'direct';
}

export interface DireqtChatbot {
  webhookUrl: string;
  /** Deliveries it accepted, for tests and the demo log. */
  readonly received: WebhookDelivery[];
  close(): Promise<void>;
}

const WEBHOOK_PATH = '/direqt/webhook';

/** Checks the signature the way Direqt signs (wire.ts); a replayed id is refused. */
function verifier(secret: string) {
  const seen = new Set<string>();
  return (headers: (name: string) => string | undefined, raw: string): string | undefined => {
    const id = headers(WEBHOOK_HEADERS.delivery);
    const timestamp = headers(WEBHOOK_HEADERS.timestamp);
    const signature = headers(WEBHOOK_HEADERS.signature);
    if (!id || !timestamp || !signature?.startsWith(WEBHOOK_SIGNATURE_PREFIX)) return 'unsigned';
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > WEBHOOK_WINDOW_SECONDS)
      return 'stale';
    const given = Buffer.from(signature.slice(WEBHOOK_SIGNATURE_PREFIX.length), 'hex');
    const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${raw}`).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
    if (seen.has(id)) return 'replayed';
    seen.add(id);
    return undefined;
  };
}

export async function startDireqtChatbot(options: DireqtChatbotOptions): Promise<DireqtChatbot> {
  const base = options.direqtBaseUrl.replace(/\/+$/, '');
  const verify = verifier(options.signingSecret);
  const received: WebhookDelivery[] = [];

  async function sendDirect(userId: string, reply: RelayAnswer): Promise<void> {
    for (const agentMessage of reply.messages ?? []) {
      const response = await fetch(`${base}/v3/messages`, {
        method: 'POST',
        headers: {
          Authorization: authorizationHeader(options.accessToken),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ userId, agentMessage }),
      });
      await response.body?.cancel();
    }
  }

  const app = new Hono();
  app.post(WEBHOOK_PATH, async (c) => {
    const raw = await c.req.text();
    const refused = verify((name) => c.req.header(name), raw);
    if (refused) return c.json({ message: refused }, 401);
    const delivery = WebhookDelivery.safeParse(JSON.parse(raw));
    // Something this bot does not understand: acknowledged, so it is not retried forever.
    if (!delivery.success) return c.json({});
    received.push(delivery.data);
    const reply = answer(delivery.data.userMessage, base);
    if ((options.mode ?? 'relayed') === 'relayed') return c.json(reply);
    await sendDirect(delivery.data.userId, reply);
    return c.json({});
  });
  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });
  return { webhookUrl: server.url + WEBHOOK_PATH, received, close: () => server.close() };
}
