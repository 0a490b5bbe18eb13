/**
 * Baton's inbound gateway: where customer channels deliver customer messages and where platforms deliver
 * webhooks, for every relayed workspace. Every request is checked on its raw bytes (size, signature, time,
 * replay) and then parsed and validated; a refused request reaches no connector and changes nothing.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeIssues } from '../../contract';
import type { Logger } from '../baton-core';
import { KeyedQueue } from '../keyed-queue';
import type {
  InboundCustomerMessage,
  OutboundChannelMessage,
  RelayHost,
  VerifiedWebhook,
  WebhookVerification,
} from '../relay';
import {
  ChannelCustomerMessage,
  type ChannelDelivery,
  type GatewayErrorBody,
  MAX_CHANNEL_BODY_BYTES,
} from './channel-wire';
import {
  CHANNEL_SIGNATURE,
  ReplayGuard,
  signRequest,
  type SignatureHeaders,
  verifySignedRequest,
} from './signed-request';

export interface ChannelRegistration {
  /** Shared with the company's chat backend: signs both directions. */
  secret: string;
  /** Where Baton delivers bot and agent messages. */
  callbackUrl: string;
}

interface Registration {
  /** Absent for platforms that reach customers themselves (Direqt, Direct Line): only webhooks arrive. */
  channel: ChannelRegistration | null;
  channelReplay: ReplayGuard;
  seenMessages: Set<string>;
  onCustomerMessage: ((message: InboundCustomerMessage) => Promise<void>) | null;
  webhook: {
    verification: WebhookVerification;
    replay: ReplayGuard;
    handler: (w: VerifiedWebhook) => Promise<unknown>;
  } | null;
}

export interface Gateway {
  url: string;
  register(workspaceId: string, channel?: ChannelRegistration): RelayHost;
  unregister(workspaceId: string): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  host?: string;
  port?: number;
  /** The address platforms and channels use to reach this gateway, when it differs (a proxy or tunnel). */
  publicUrl?: string;
  log: Logger;
  deliveryTimeoutMs?: number;
}

function refuse(
  c: Context,
  status: 400 | 401 | 404 | 409 | 413 | 500 | 502,
  code: string,
  message: string,
  issues?: GatewayErrorBody['error']['issues'],
) {
  return c.json(
    { error: { code, message, ...(issues ? { issues } : {}) } } satisfies GatewayErrorBody,
    status,
  );
}

function parseJson(raw: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) };
  } catch {
    return { ok: false };
  }
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const registrations = new Map<string, Registration>();
  const order = new KeyedQueue();
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: MAX_CHANNEL_BODY_BYTES,
    onError: (c) => refuse(c, 413, 'too_large', `The body is larger than ${MAX_CHANNEL_BODY_BYTES} bytes.`),
  });

  app.post('/channels/:workspaceId/messages', limit, async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const registration = registrations.get(workspaceId);
    if (!registration?.channel || !registration.onCustomerMessage) {
      return refuse(c, 404, 'unknown_workspace', `No customer channel for workspace ${workspaceId}.`);
    }
    const channel = registration.channel;
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifySignedRequest({
      secret: channel.secret,
      scheme: CHANNEL_SIGNATURE,
      header: (name) => c.req.header(name),
      rawBody: raw,
      replay: registration.channelReplay,
    });
    if (!verdict.ok) {
      options.log('warn', `gateway: refused a channel request for ${workspaceId}: ${verdict.message}`);
      return refuse(c, verdict.status, verdict.status === 409 ? 'replayed' : 'unauthorized', verdict.message);
    }
    const json = parseJson(raw);
    if (!json.ok) return refuse(c, 400, 'malformed', 'The body is not valid JSON (UTF-8).');
    const parsed = ChannelCustomerMessage.safeParse(json.value);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return refuse(c, 400, 'invalid', `Invalid message: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
    }
    const body = parsed.data;
    const key = `${body.conversationId}\u0000${body.messageId}`;
    // A channel retrying after a lost answer gets the same answer without the message being relayed twice.
    if (registration.seenMessages.has(key)) return c.json({ accepted: true, duplicate: true }, 202);
    registration.seenMessages.add(key);
    // Retries come within minutes; the oldest keys can go once the set is large.
    if (registration.seenMessages.size > 100_000) {
      const oldest = registration.seenMessages.values().next().value;
      if (oldest !== undefined) registration.seenMessages.delete(oldest);
    }
    const handler = registration.onCustomerMessage;
    try {
      await order.run(`${workspaceId}\u0000${body.conversationId}`, () =>
        handler({
          channelConversationId: body.conversationId,
          messageId: body.messageId,
          customer: body.customer,
          text: body.text,
          at: body.sentAt ?? new Date().toISOString(),
          ...(body.context ? { context: body.context } : {}),
        }),
      );
    } catch (error) {
      registration.seenMessages.delete(key);
      const reason = error instanceof Error ? error.message : String(error);
      options.log('warn', `gateway: ${workspaceId} could not relay ${body.messageId}: ${reason}`);
      return refuse(c, 502, 'platform_failed', `The platform behind this workspace failed: ${reason}`);
    }
    return c.json({ accepted: true }, 202);
  });

  app.post('/webhooks/:workspaceId', limit, async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const webhook = registrations.get(workspaceId)?.webhook;
    if (!webhook)
      return refuse(c, 404, 'unknown_workspace', `No webhook receiver for workspace ${workspaceId}.`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifySignedRequest({
      secret: webhook.verification.secret,
      scheme: webhook.verification,
      header: (name) => c.req.header(name),
      rawBody: raw,
      replay: webhook.replay,
    });
    if (!verdict.ok) {
      options.log('warn', `gateway: refused a webhook for ${workspaceId}: ${verdict.message}`);
      return refuse(c, verdict.status, verdict.status === 409 ? 'replayed' : 'unauthorized', verdict.message);
    }
    const json = parseJson(raw);
    if (!json.ok) return refuse(c, 400, 'malformed', 'The body is not valid JSON (UTF-8).');
    try {
      const result = await webhook.handler({ id: verdict.id, headers: c.req.header(), body: json.value });
      return c.json(result ?? { received: true }, 200);
    } catch (error) {
      options.log('error', `gateway: webhook handler for ${workspaceId} failed: ${String(error)}`);
      return refuse(c, 500, 'handler_failed', 'Baton could not process this webhook; retry later.');
    }
  });

  app.notFound((c) => refuse(c, 404, 'not_found', 'No such endpoint.'));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = (options.publicUrl ?? `http://127.0.0.1:${port}`).replace(/\/$/, '');

  async function deliver(channel: ChannelRegistration, message: OutboundChannelMessage): Promise<void> {
    const body: ChannelDelivery = {
      conversationId: message.channelConversationId,
      messageId: message.messageId,
      role: message.role,
      ...(message.authorName ? { authorName: message.authorName } : {}),
      content: message.content,
      sentAt: message.at,
    };
    const raw = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(channel.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signRequest(channel.secret, raw) },
        body: raw,
        signal: AbortSignal.timeout(options.deliveryTimeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(
        `the customer channel is unreachable (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the customer channel answered ${response.status}`);
  }

  return {
    url,
    register(workspaceId, channel) {
      const registration: Registration = {
        channel: channel ?? null,
        channelReplay: new ReplayGuard(),
        seenMessages: new Set(),
        onCustomerMessage: null,
        webhook: null,
      };
      registrations.set(workspaceId, registration);
      return {
        webhookUrl: `${url}/webhooks/${encodeURIComponent(workspaceId)}`,
        onCustomerMessage: (handler) => {
          registration.onCustomerMessage = handler;
        },
        deliverToCustomer: (message) =>
          registration.channel
            ? deliver(registration.channel, message)
            : Promise.reject(new Error('this workspace has no customer channel')),
        onWebhook: (verification, handler) => {
          registration.webhook = {
            verification: normalise(verification),
            replay: new ReplayGuard(),
            handler,
          };
        },
      };
    },
    unregister(workspaceId) {
      registrations.delete(workspaceId);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Header lookups are case-insensitive; keep the scheme's names lower-case once. */
function normalise(verification: WebhookVerification): WebhookVerification & SignatureHeaders {
  return {
    ...verification,
    idHeader: verification.idHeader.toLowerCase(),
    timestampHeader: verification.timestampHeader.toLowerCase(),
    signatureHeader: verification.signatureHeader.toLowerCase(),
  };
}
