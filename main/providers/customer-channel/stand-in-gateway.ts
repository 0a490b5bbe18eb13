/**
 * For tests only: a stand-in for Baton's gateway that checks signatures with this folder's own verifier,
 * records what arrived and answers as the test says, and can play a bot by delivering signed answers to the
 * channel's callback. The real gateway is tested on its own.
 */
import { Hono } from 'hono';
import { startServer } from '../http-kit/start-server';
import type { RunningServer } from '../http-kit/start-server';
import { DeliveryIds, signChannelRequest, verifyChannelRequest } from './channel-signature';
import type { CustomerMessageBody } from './wire';
import { errorBody } from './wire';

export interface ArrivedMessage {
  workspaceId: string;
  deliveryId: string;
  body: CustomerMessageBody;
  receivedAt: number;
}

/** How the stand-in answers one request: a status, and optionally a delay or headers. */
export interface GatewayAnswer {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface StandInGateway {
  url: string;
  arrived: ArrivedMessage[];
  /** Requests refused by the signature check. */
  refused: number;
  /** Decides the answer to each verified message (default 202). */
  answer: (message: ArrivedMessage, index: number) => GatewayAnswer;
  /** Called after a verified message was answered 2xx, e.g. to play a bot. */
  onAccepted?: (message: ArrivedMessage) => void;
  close(): Promise<void>;
}

export async function startStandInGateway(secrets: Record<string, string>): Promise<StandInGateway> {
  const deliveryIds = new DeliveryIds();
  const running: { server?: RunningServer } = {};
  const gateway: StandInGateway = {
    url: '',
    arrived: [],
    refused: 0,
    answer: () => ({ status: 202 }),
    close: () => running.server?.close() ?? Promise.resolve(),
  };
  const app = new Hono();
  app.post('/channels/:workspaceId/messages', async (c) => {
    const workspaceId = c.req.param('workspaceId');
    const secret = secrets[workspaceId];
    if (secret === undefined) return c.json(errorBody('unknown_workspace', workspaceId), 404);
    const raw = await c.req.text();
    const verified = verifyChannelRequest({ secret, rawBody: raw, headers: c.req.raw.headers, deliveryIds });
    if (!verified.ok) {
      gateway.refused++;
      return c.json(errorBody(verified.code, verified.message), verified.status);
    }
    const message: ArrivedMessage = {
      workspaceId,
      deliveryId: verified.id,
      body: JSON.parse(raw) as CustomerMessageBody,
      receivedAt: Date.now(),
    };
    const index = gateway.arrived.push(message) - 1;
    const { status, delayMs, headers } = gateway.answer(message, index);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
    if (status >= 200 && status < 300) {
      setTimeout(() => gateway.onAccepted?.(message), 0);
      return c.json({ accepted: true }, 202);
    }
    return c.json(errorBody(`status_${status}`, 'Refused by the stand-in gateway.'), status as 400);
  });
  running.server = await startServer(app);
  gateway.url = running.server.url;
  return gateway;
}

/** Delivers a signed bot or agent message to a channel's callback, as Baton would. */
export async function deliver(
  callbackUrl: string,
  secret: string,
  body: unknown,
  options: { now?: number; id?: string } = {},
): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(callbackUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...signChannelRequest(secret, raw, options.now, options.id),
    },
    body: raw,
  });
}
