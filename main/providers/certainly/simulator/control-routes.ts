/**
 * Certainly's part of the simulator control plane (faults come from http-kit): what the platform holds, with
 * every message and who sent it. There is no customer population here: customers live in the company's
 * chat backend, which reaches Certainly only through its integrator (Baton's gateway).
 */
import { Hono } from 'hono';
import type { StoredConversation } from './conversation-store';

/** One conversation as `GET /__sim/conversations` shows it. */
export interface SimConversation {
  /** Certainly's `conversation_id`. */
  id: number;
  userId: string;
  /** The module id the conversation is at. */
  module: number;
  userProfile: Record<string, unknown>;
  userCvars: Record<string, unknown>;
  messages: {
    id: number;
    /** The integrator's message `id`, when it sent one. */
    externalId?: string;
    from: 'human' | 'bot' | 'agent';
    type: string;
    text: string;
    at: string;
  }[];
}

export function simConversation(c: StoredConversation): SimConversation {
  return {
    id: c.id,
    userId: c.userId,
    module: c.module,
    userProfile: structuredClone(c.userProfile),
    userCvars: structuredClone(c.userCvars),
    messages: c.messages.map((m) => ({ ...m })),
  };
}

export function controlRoutes(conversations: () => SimConversation[]): Hono {
  const app = new Hono();
  app.get('/conversations', (c) => c.json({ conversations: conversations() }));
  return app;
}
