/**
 * Directly's part of the simulator control plane (faults come from http-kit): what the tenant holds — each
 * automation session and Engage conversation with every message and who sent it — the webhook delivery log,
 * and helpers for tests and demos (an expert speaking into an Engage conversation, revoking tokens).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { EngageMessage } from '../wire';
import type { AutomationEntry } from './activity';
import { requireBody } from './api-error';
import type { WebhookDelivery } from './webhook-sender';

export type SimConversation =
  | {
      kind: 'automation';
      /** The integrator's conversation id. */
      id: string;
      escalations: number;
      messages: AutomationEntry[];
    }
  | {
      kind: 'engage';
      id: string;
      externalId: string;
      status: string;
      customer: { id: string; name: string };
      expert: { id: string; name: string } | null;
      rating: { rating: number; comment?: string } | null;
      messages: EngageMessage[];
    };

export interface ControlApi {
  conversations(): SimConversation[];
  /** A Directly-side expert says something into an Engage conversation (delivered as a webhook). */
  expertSays(engageId: string, text: string, expertName?: string): EngageMessage;
  revokeTokens(): void;
  webhookDeliveries(): WebhookDelivery[];
}

const SayBody = z.object({
  text: z.string().trim().min(1).max(10_000),
  expertName: z.string().trim().min(1).max(160).optional(),
});

export function controlRoutes(api: ControlApi): Hono {
  const app = new Hono();
  app.get('/conversations', (c) => c.json({ conversations: api.conversations() }));
  app.post('/engage/:id/say', async (c) => {
    const { text, expertName } = await requireBody(c, SayBody);
    return c.json(api.expertSays(c.req.param('id'), text, expertName), 201);
  });
  app.post('/tokens/revoke', (c) => {
    api.revokeTokens();
    return c.json({ revoked: true });
  });
  app.get('/webhooks', (c) => c.json({ deliveries: api.webhookDeliveries() }));
  return app;
}

/** A fresh idempotency key for messages the simulator itself makes up. */
export const simMessageKey = (): string => `sim_${randomUUID()}`;
