/**
 * The simulator's users (subscribers on messaging surfaces) and everything each one sent and received, in
 * order, with who sent it: the user, or the chatbot's API (Baton's agents and bot share one access token, so
 * Direqt cannot tell them apart — `sentBy: "api"`).
 */
import { randomUUID } from 'node:crypto';
import type { AgentMessage, UserMessage } from '../wire';

export interface SimMessage {
  id: string;
  /** `in`: from the user to the chatbot; `out`: from the chatbot's API to the user. */
  direction: 'in' | 'out';
  kind: 'content' | 'status' | 'action';
  sentBy: 'user' | 'api';
  body: UserMessage | AgentMessage;
  at: string;
}

export interface SimUser {
  userId: string;
  name: string;
  surface: string;
  createdAt: string;
  /** Users started by `POST /__sim/users` follow no script. */
  scripted: boolean;
  messages: SimMessage[];
}

export class UserStore {
  private readonly users = new Map<string, SimUser>();

  constructor(private readonly now: () => number) {}

  create(name: string, surface: string, scripted: boolean): SimUser {
    const user: SimUser = {
      userId: `usr_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      name,
      surface,
      createdAt: this.iso(),
      scripted,
      messages: [],
    };
    this.users.set(user.userId, user);
    return user;
  }

  get(userId: string): SimUser | undefined {
    return this.users.get(userId);
  }

  list(): SimUser[] {
    return [...this.users.values()];
  }

  recordOut(user: SimUser, body: AgentMessage): SimMessage {
    const message: SimMessage = {
      id: `msg_${randomUUID()}`,
      direction: 'out',
      kind: body.messageType,
      sentBy: 'api',
      body,
      at: this.iso(),
    };
    user.messages.push(message);
    return message;
  }

  recordIn(user: SimUser, body: UserMessage): SimMessage {
    const message: SimMessage = {
      id: body.messageId,
      direction: 'in',
      kind: body.messageType,
      sentBy: 'user',
      body,
      at: this.iso(),
    };
    user.messages.push(message);
    return message;
  }

  /** A message the user received, by id. */
  received(user: SimUser, messageId: string): SimMessage | undefined {
    return user.messages.find((m) => m.direction === 'out' && m.id === messageId);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}

export const newUserMessageId = (): string => `umsg_${randomUUID()}`;
