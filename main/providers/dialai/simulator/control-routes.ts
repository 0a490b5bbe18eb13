/**
 * Dialai's part of the simulator control plane (the shared part, faults, comes from http-kit):
 * what the platform holds, and helpers for tests and demos to start conversations, speak as the customer
 * and switch the scripted traffic.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TranscriptWithMessages, UserMessageResult } from '../wire';
import { requireBody } from './api-error';
import type { StoredTranscript } from './transcript-store';
import type { TrafficSettings } from './traffic';

/** One conversation as `GET /__sim/conversations` shows it: every message and who sent it. */
export interface SimConversation {
  id: string;
  status: string;
  csr: { csrId: string; csrName: string } | null;
  customer: { id: string; name: string };
  tags: string[];
  messages: {
    id: string;
    from: 'user' | 'bot' | 'csr' | 'system';
    text: string;
    csrId?: string;
    clientMessageId?: string;
    createdAt: string;
  }[];
}

export interface StartConversationInput {
  customerName?: string;
  /** The customer asks for a person right after the opening line, so the conversation waits for a human. */
  escalate?: boolean;
  firstMessage?: string;
}

export interface ControlApi {
  conversations(): SimConversation[];
  startConversation(input?: StartConversationInput): Promise<TranscriptWithMessages>;
  customerSays(transcriptId: string, text: string): Promise<UserMessageResult>;
  setTraffic(traffic: Partial<TrafficSettings> & { enabled: boolean }): TrafficSettings;
}

export function simConversation(t: StoredTranscript): SimConversation {
  return {
    id: t.id,
    status: t.status,
    csr: t.csr ? { ...t.csr } : null,
    customer: { ...t.customer },
    tags: [...t.tags],
    messages: t.messages.map((m) => ({
      id: m.id,
      from: m.role,
      text: m.text,
      ...(m.csrId !== undefined && { csrId: m.csrId }),
      ...(m.clientMessageId !== undefined && { clientMessageId: m.clientMessageId }),
      createdAt: m.createdAt,
    })),
  };
}

const StartBody = z.object({
  customerName: z.string().trim().min(1).max(160).optional(),
  escalate: z.boolean().optional(),
  firstMessage: z.string().trim().min(1).max(10_000).optional(),
});
const SayBody = z.object({ text: z.string().trim().min(1).max(10_000) });
const TrafficBody = z.object({
  enabled: z.boolean(),
  newConversationEveryMs: z.number().int().min(200).max(3_600_000).optional(),
  escalationShare: z.number().min(0).max(1).optional(),
  maxInFlight: z.number().int().min(1).max(10_000).optional(),
});

export function controlRoutes(api: ControlApi): Hono {
  const app = new Hono();
  app.get('/conversations', (c) => c.json({ conversations: api.conversations() }));
  app.post('/conversations', async (c) =>
    c.json(await api.startConversation(await requireBody(c, StartBody)), 201),
  );
  app.post('/conversations/:id/say', async (c) => {
    const { text } = await requireBody(c, SayBody);
    return c.json(await api.customerSays(c.req.param('id'), text), 201);
  });
  app.post('/traffic', async (c) => c.json(api.setTraffic(await requireBody(c, TrafficBody))));
  return app;
}
