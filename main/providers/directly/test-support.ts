/**
 * Test support for the Directly connector: an in-memory `RelayHost` that stands in for Baton's gateway.
 * Customer messages are pushed in by the test; deliveries to the customer are recorded. Webhooks go through a
 * real HTTP server on 127.0.0.1 that checks the signature the way the gateway does (HMAC-SHA256 over
 * `id.timestamp.rawBody`, constant-time compare, 300 s window, each id once) before the handler sees anything,
 * so the simulator's signing is really exercised. It is written from the scheme, not from `wire.ts`, on
 * purpose: a mistake in the shared signing code must not verify itself.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type {
  InboundCustomerMessage,
  OutboundChannelMessage,
  RelayHost,
  VerifiedWebhook,
  WebhookVerification,
} from '../../core/relay';
import { startServer } from '../http-kit/start-server';
import type { RunningServer } from '../http-kit/start-server';

const WINDOW_SECONDS = 300;
const WEBHOOK_PATH = '/webhooks/directly';

export interface TestRelay extends RelayHost {
  /** Everything delivered to the customer's channel, in order. */
  readonly delivered: OutboundChannelMessage[];
  /** Webhook requests the signature check turned away, with the reason. */
  readonly refused: { status: number; reason: string }[];
  /** Verified webhooks handed to the connector. */
  readonly accepted: VerifiedWebhook[];
  /** The customer writes: resolves when the connector has handled the message (rejects like a 502). */
  customerSays(
    conversationId: string,
    text: string,
    options?: { messageId?: string; customer?: { id: string; name: string } },
  ): Promise<void>;
  /** Makes the next deliveries to the customer fail (the channel is down). */
  failDeliveries(count: number): void;
  close(): Promise<void>;
}

export async function startTestRelay(): Promise<TestRelay> {
  let customerHandler: ((message: InboundCustomerMessage) => Promise<void>) | undefined;
  let webhook:
    { verification: WebhookVerification; handler: (w: VerifiedWebhook) => Promise<unknown> } | undefined;
  const seenIds = new Set<string>();
  const delivered: OutboundChannelMessage[] = [];
  const refused: { status: number; reason: string }[] = [];
  const accepted: VerifiedWebhook[] = [];
  let failing = 0;

  const app = new Hono();
  app.post(WEBHOOK_PATH, async (c) => {
    if (!webhook) return c.json({ error: 'no webhook handler' }, 503);
    const { verification, handler } = webhook;
    const raw = await c.req.text();
    const refuse = (status: 401 | 409, reason: string) => {
      refused.push({ status, reason });
      return c.json({ error: reason }, status);
    };
    const id = c.req.header(verification.idHeader);
    const timestamp = c.req.header(verification.timestampHeader);
    const signature = c.req.header(verification.signatureHeader);
    if (!id || !timestamp || !signature) return refuse(401, 'unsigned');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > WINDOW_SECONDS) {
      return refuse(401, 'stale');
    }
    if (!signature.startsWith(verification.signaturePrefix)) return refuse(401, 'bad prefix');
    const given = Buffer.from(signature.slice(verification.signaturePrefix.length), 'hex');
    const expected = createHmac('sha256', verification.secret).update(`${id}.${timestamp}.${raw}`).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return refuse(401, 'bad signature');
    if (seenIds.has(id)) return refuse(409, 'replayed');
    seenIds.add(id);
    const headers = Object.fromEntries(Object.entries(c.req.header()).map(([k, v]) => [k.toLowerCase(), v]));
    const verified: VerifiedWebhook = { id, headers, body: JSON.parse(raw) as unknown };
    accepted.push(verified);
    try {
      return c.json((await handler(verified)) ?? {});
    } catch (error) {
      // Not remembered: the platform's retry must get through.
      seenIds.delete(id);
      return c.json({ error: error instanceof Error ? error.message : String(error) }, 500);
    }
  });
  const server: RunningServer = await startServer(app);

  return {
    webhookUrl: server.url + WEBHOOK_PATH,
    delivered,
    refused,
    accepted,
    onCustomerMessage(handler) {
      customerHandler = handler;
    },
    onWebhook(verification, handler) {
      webhook = { verification, handler };
    },
    async deliverToCustomer(message) {
      if (failing > 0) {
        failing--;
        throw new Error('The customer channel answered 503');
      }
      delivered.push(structuredClone(message));
    },
    async customerSays(conversationId, text, options = {}) {
      if (!customerHandler) throw new Error('No customer message handler registered');
      await customerHandler({
        channelConversationId: conversationId,
        messageId: options.messageId ?? `cm_${randomUUID()}`,
        customer: options.customer ?? { id: `cust-${conversationId}`, name: 'Maya Patel' },
        text,
        at: new Date().toISOString(),
      });
    },
    failDeliveries(count) {
      failing = count;
    },
    close: () => server.close(),
  };
}
