/**
 * Test support for the core's unit tests: a connector whose platform is a plain object, so the handover
 * engine can be exercised without HTTP. Provider connectors are tested against their real simulators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Agent, MessageContent } from '../contract';
import type { Channel } from './channel';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformConversation,
  PlatformMessage,
  SendResult,
  ConnectorError,
} from './connector';
import { capabilities, memoryResumePoints } from './connector';

export class ScriptedConnector implements Connector {
  readonly platform = 'dialai' as const;
  readonly capabilities = capabilities(['handBack', 'liveStream', 'tags'], { rating: 'No rating API.' });
  sink: ConnectorSink | null = null;
  readonly calls: { method: string; id: string; args: unknown[] }[] = [];
  /** Make the next call of a method fail with this error. */
  readonly failNext = new Map<string, ConnectorError>();
  /** Calls wait for this before answering, to hold a take over "in flight". */
  gate: Promise<void> = Promise.resolve();
  private replyCount = 0;

  constructor(private readonly initial: PlatformConversation[] = []) {}

  async start(sink: ConnectorSink): Promise<void> {
    this.sink = sink;
    for (const conversation of this.initial) sink.conversation(conversation);
  }
  async stop(): Promise<void> {}
  async fetchMessages(): Promise<[]> {
    return [];
  }
  private async record(method: string, ref: ConversationRef, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, id: ref.platformConversationId, args });
    await this.gate;
    const failure = this.failNext.get(method);
    if (failure) {
      this.failNext.delete(method);
      throw failure;
    }
  }
  takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
    return this.record('takeOver', ref, agent.id);
  }
  async reply(
    ref: ConversationRef,
    _agent: Agent,
    content: MessageContent,
    messageId: string,
  ): Promise<SendResult> {
    await this.record('reply', ref, content, messageId);
    return { platformMessageId: `p-${++this.replyCount}`, state: 'sent' };
  }
  handBack(ref: ConversationRef): Promise<void> {
    return this.record('handBack', ref);
  }
  close(ref: ConversationRef, _agent: Agent, _actionId: string, rating?: number): Promise<void> {
    return this.record('close', ref, rating);
  }
  async setTags(ref: ConversationRef, tags: string[]): Promise<void> {
    await this.record('setTags', ref, tags);
  }
}

export function waitingConversation(id: string, name = 'Maya Patel'): PlatformConversation {
  return {
    platformConversationId: id,
    customer: { id: `c-${id}`, name },
    channel: 'web',
    holder: { kind: 'waiting', since: '2026-11-21T10:00:00.000Z', reason: 'Customer asked for a person' },
    createdAt: '2026-11-21T09:58:00.000Z',
  };
}

/** Both ends of an in-memory channel: the core's side and what a client sees. */
export function memoryChannel(): {
  channel: Channel;
  received: unknown[];
  deliver(data: unknown): void;
  close(): void;
} {
  const received: unknown[] = [];
  let onMessage: (data: unknown) => void = () => {};
  let onClose: () => void = () => {};
  return {
    received,
    channel: {
      label: 'memory',
      send: (frame) => received.push(frame),
      onMessage: (handler) => (onMessage = handler),
      onClose: (handler) => (onClose = handler),
      close: () => onClose(),
    },
    deliver: (data) => onMessage(data),
    close: () => onClose(),
  };
}

export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A sink that records what a connector reports, for the connectors' contract tests. */
export function recordingSink() {
  const conversations: PlatformConversation[] = [];
  const messages: { conversationId: string; message: PlatformMessage }[] = [];
  const deliveries: { conversationId: string; messageId: string; state: string; reason?: string }[] = [];
  const typing: { conversationId: string; active: boolean }[] = [];
  const health: { state: string; lastError?: string }[] = [];
  const logs: string[] = [];
  const sink: ConnectorSink = {
    conversation: (c) => conversations.push(structuredClone(c)),
    messages: (conversationId, batch) =>
      batch.forEach((message) => messages.push({ conversationId, message })),
    delivery: (conversationId, update) => deliveries.push({ conversationId, ...update }),
    typing: (conversationId, active) => typing.push({ conversationId, active }),
    health: (h) => health.push(h),
    log: (level, message) => logs.push(`${level}: ${message}`),
    resume: memoryResumePoints(),
  };
  return {
    sink,
    conversations,
    messages,
    deliveries,
    typing,
    health,
    logs,
    latest: (id: string) => conversations.filter((c) => c.platformConversationId === id).at(-1),
    messagesOf: (id: string) => messages.filter((m) => m.conversationId === id).map((m) => m.message),
    state: () => health.at(-1)?.state,
  };
}

/** A fresh folder under the OS temp folder, removed when the current test finishes (pass or fail). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
