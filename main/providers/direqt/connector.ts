/**
 * The Direqt connector ("relayed" in DESIGN.md §4): Baton's gateway is the chatbot's Direqt webhook. While the
 * bot holds a conversation each delivery is relayed to the chatbot (`chatbot-relay.ts`), which answers with
 * its messages and an optional handoff; Baton sends them through `/v3/messages`, so the console sees every
 * bot message. While a person holds it the chatbot hears nothing and the agent talks through `/v3/messages`.
 * Wire details are in `wire.ts`, the assumptions in README.md.
 */
import { z } from 'zod';
import type { Agent, MessageContent } from '../../contract';
import { capabilities, ConnectorError } from '../../core/connector';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformMessage,
  SendResult,
} from '../../core/connector';
import { KeyedQueue } from '../../core/keyed-queue';
import type { RelayHost, VerifiedWebhook } from '../../core/relay';
import { backoffDelay, DEFAULT_BACKOFF } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import { TimerSet } from '../http-kit/timer-set';
import { relayToChatbot } from './chatbot-relay';
import { DireqtApi } from './direqt-api';
import {
  fromAgentContent,
  fromUserAction,
  fromUserContent,
  toAgentContent,
  unsendableReason,
} from './mapping';
import { createSession, remember, toPlatformConversation } from './session';
import type { Session } from './session';
import { WEBHOOK_HEADERS, WEBHOOK_SIGNATURE_PREFIX, WebhookDelivery } from './wire';
import type { RelayAnswer, UserMessage } from './wire';
import { parseConnectorConfig } from '../http-kit/connector-config';

export const DireqtConnectorConfig = z.object({
  workspaceId: z.string().min(1),
  /** `https://gateway.direqt.io` for a real chatbot. */
  baseUrl: z.url(),
  accessToken: z.string().min(1),
  signingSecret: z.string().min(1),
  /** The chatbot's own webhook, which Direqt called before Baton took its place. */
  chatbotWebhookUrl: z.url(),
});
export type DireqtConnectorConfig = z.input<typeof DireqtConnectorConfig>;

export interface DireqtConnectorOptions {
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  now?: () => number;
  /** Direqt says when a user starts typing, never when they stop: Baton stops showing it after this. */
  typingTimeoutMs?: number;
}

export const DIREQT_CAPABILITIES = capabilities(
  ['richContent', 'quickReplies', 'typing', 'readReceipts', 'handBack', 'liveStream'],
  {
    attachments: 'Direqt sends files by URL: use a File message with a link.',
    rating: 'Direqt has no conversation rating.',
    tags: 'Direqt has no tags on conversations.',
  },
);

const DEFAULT_TYPING_TIMEOUT_MS = 6000;

export function createDireqtConnector(
  config: DireqtConnectorConfig,
  relay: RelayHost,
  options: DireqtConnectorOptions = {},
): Connector {
  const settings = parseConnectorConfig(DireqtConnectorConfig, config, 'Direqt');
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const api = new DireqtApi({
    baseUrl: settings.baseUrl,
    accessToken: settings.accessToken,
    ...(options.requestTimeoutMs !== undefined && { timeoutMs: options.requestTimeoutMs }),
  });
  const sessions = new Map<string, Session>();
  const queue = new KeyedQueue();
  let timers = new TimerSet();
  let sink: ConnectorSink | undefined;
  let relayWired = false;
  let connected = false;

  const iso = (): string => new Date(now()).toISOString();
  const running = (): ConnectorSink => {
    if (!sink) throw new ConnectorError('The Direqt connector is not running.', 'unavailable');
    return sink;
  };

  /** Health follows the calls: a platform failure degrades the workspace, the next success restores it. */
  async function tracked<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      if (!connected) {
        connected = true;
        sink?.health({ state: 'connected' });
      }
      return result;
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.kind === 'unavailable' || error.kind === 'unauthorized')
      ) {
        connected = false;
        sink?.health({ state: 'degraded', lastError: error.message });
      }
      throw error;
    }
  }

  const report = (session: Session): void => running().conversation(toPlatformConversation(session));
  const reportMessage = (session: Session, message: PlatformMessage): void => {
    remember(session, message);
    running().messages(session.id, [message]);
  };

  const sessionFor = (ref: ConversationRef): Session => {
    const session = sessions.get(ref.platformConversationId);
    if (!session) {
      throw new ConnectorError(
        `Baton has no record of Direqt user ${ref.platformConversationId} (it knows users from their messages).`,
        'not_found',
      );
    }
    return session;
  };

  const setTyping = (session: Session, active: boolean): void => {
    session.stopTyping?.();
    session.stopTyping = undefined;
    running().typing(session.id, active);
    if (active) {
      session.stopTyping = timers.after(options.typingTimeoutMs ?? DEFAULT_TYPING_TIMEOUT_MS, () => {
        session.stopTyping = undefined;
        sink?.typing(session.id, false);
      });
    }
  };

  // --------------------------------------------------------------------------------------- user side

  function customerMessage(session: Session, message: UserMessage, at: string): void {
    const content: MessageContent | undefined =
      message.messageType === 'content'
        ? fromUserContent(message.content)
        : message.messageType === 'action'
          ? fromUserAction(message.action)
          : undefined;
    if (!content) return;
    if (session.stopTyping) setTyping(session, false);
    if (session.holder.kind === 'closed') {
      // The user writes again after a close: a new round with the bot.
      session.holder = { kind: 'bot' };
      report(session);
    }
    reportMessage(session, {
      platformMessageId: message.messageId,
      role: 'customer',
      authorId: session.id,
      authorName: session.customerName,
      content,
      at,
    });
  }

  function userStatus(
    session: Session,
    message: Extract<UserMessage, { messageType: 'status' }>,
    at: string,
  ) {
    const status = message.status;
    if (status.statusType === 'typing') {
      setTyping(session, true);
      return;
    }
    session.lastStatus = { statusType: status.statusType, at };
    const batonId = session.agentMessages.get(status.relatedMessageId);
    if (batonId !== undefined) {
      running().delivery(session.id, {
        messageId: batonId,
        state: status.statusType,
        ...(status.statusType === 'failed' && { reason: status.reason ?? 'Direqt could not deliver it' }),
        at,
      });
    }
    report(session);
  }

  /** The chatbot's answer: its messages go out through `/v3/messages` and show as bot messages. */
  async function applyAnswer(session: Session, answer: RelayAnswer): Promise<void> {
    for (const agentMessage of answer.messages ?? []) {
      try {
        const sent = await tracked(() => api.send(session.id, agentMessage));
        if (agentMessage.messageType === 'content') {
          reportMessage(session, {
            platformMessageId: sent.messageId,
            role: 'bot',
            content: fromAgentContent(agentMessage.content),
            at: iso(),
          });
        }
      } catch (error) {
        // Not thrown: Direqt would retry the delivery and the chatbot would answer twice.
        sink?.log('error', `Direqt refused the chatbot's message to ${session.id}: ${errorText(error)}`);
      }
    }
    if (answer.handoff && session.holder.kind === 'bot') {
      session.holder = { kind: 'waiting', since: iso(), reason: answer.handoff.reason || null };
      report(session);
    }
  }

  async function onWebhook(webhook: VerifiedWebhook): Promise<unknown> {
    const delivery = WebhookDelivery.safeParse(webhook.body);
    if (!delivery.success) {
      // Answered 200 all the same: a body Baton cannot read will not become readable by retrying it.
      sink?.log('warn', `Direqt delivery ${webhook.id} ignored: not a message Baton understands`);
      return { ignored: true };
    }
    const { userId, userMessage } = delivery.data;
    return queue.run(userId, async () => {
      const out = running();
      let session = sessions.get(userId);
      if (session?.handled.has(webhook.id)) return {};
      const at = iso();
      if (!session) {
        session = createSession(userId, at, {
          ...(delivery.data.instanceId !== undefined && { instanceId: delivery.data.instanceId }),
          ...(delivery.data.surface !== undefined && { surface: delivery.data.surface }),
          ...(delivery.data.userProfile?.displayName !== undefined && {
            displayName: delivery.data.userProfile.displayName,
          }),
        });
        sessions.set(userId, session);
        report(session);
      }
      if (userMessage.messageType === 'status') userStatus(session, userMessage, at);
      else customerMessage(session, userMessage, at);

      if (session.holder.kind === 'bot') {
        const outcome = await relayToChatbot({
          url: settings.chatbotWebhookUrl,
          secret: settings.signingSecret,
          deliveryId: webhook.id,
          body: webhook.body,
          now: now(),
        });
        if (!outcome.ok) {
          // A broken chatbot must not strand the user: the conversation waits for a person instead.
          out.log('warn', `Direqt chatbot relay failed for ${userId}: ${outcome.reason}`);
          if (userMessage.messageType !== 'status') {
            session.holder = { kind: 'waiting', since: at, reason: outcome.reason };
            report(session);
          }
        } else {
          if (outcome.ignored) out.log('warn', `Direqt chatbot answer ignored: ${outcome.ignored}`);
          await applyAnswer(session, outcome.answer);
        }
      }
      session.handled.add(webhook.id);
      return {};
    });
  }

  // ------------------------------------------------------------------------------------------- start

  async function register(attempt = 0): Promise<void> {
    try {
      await tracked(() => api.configureWebhook(relay.webhookUrl));
    } catch (error) {
      const delay = backoffDelay(attempt, backoff);
      sink?.log('warn', `Direqt webhook configuration failed; retrying in ${delay} ms: ${errorText(error)}`);
      timers.after(delay, () => void register(attempt + 1));
    }
  }

  const send = async (session: Session, content: MessageContent, messageId: string): Promise<SendResult> => {
    const known = [...session.agentMessages].find(([, batonId]) => batonId === messageId);
    // Direqt has no idempotency key: a retried reply Baton already sent is not sent twice.
    if (known) return { platformMessageId: known[0], state: 'sent' };
    const sent = await tracked(() =>
      api.send(session.id, { messageType: 'content', content: toAgentContent(content) }),
    ).catch((error: unknown) => {
      // Direqt can neither take an idempotency key nor be read back: after an answer that may have been
      // lost, a retry could show the customer the reply twice. The agent decides (Retry), not a timer.
      if (error instanceof ConnectorError && error.kind === 'unavailable' && error.options.maybeProcessed) {
        throw new ConnectorError(
          `Direqt may have delivered this reply but its answer was lost (${error.message}). Check the conversation before retrying.`,
          'rejected',
        );
      }
      throw error;
    });
    session.agentMessages.set(sent.messageId, messageId);
    return { platformMessageId: sent.messageId, state: 'sent' };
  };

  return {
    platform: 'direqt',
    capabilities: DIREQT_CAPABILITIES,

    async start(next: ConnectorSink): Promise<void> {
      if (sink) throw new Error('The Direqt connector is already started');
      sink = next;
      timers = new TimerSet();
      connected = false;
      next.health({ state: 'connecting' });
      // The relay has no way to unregister: the handler is wired once and checks that the connector runs.
      if (!relayWired) {
        relayWired = true;
        relay.onWebhook(
          {
            secret: settings.signingSecret,
            idHeader: WEBHOOK_HEADERS.delivery,
            timestampHeader: WEBHOOK_HEADERS.timestamp,
            signatureHeader: WEBHOOK_HEADERS.signature,
            signaturePrefix: WEBHOOK_SIGNATURE_PREFIX,
          },
          (webhook) => {
            running();
            return onWebhook(webhook);
          },
        );
        // Direqt users reach Baton through Direqt's webhook, never through a customer channel.
      }
      // Resolves either way: a Direqt outage degrades this workspace while configuration retries.
      await register();
      for (const session of sessions.values()) report(session);
    },

    async stop(): Promise<void> {
      timers.clear();
      sink = undefined;
    },

    async fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]> {
      return [...(sessions.get(ref.platformConversationId)?.messages ?? [])];
    },

    takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        const holder = session.holder;
        if (holder.kind === 'agent') {
          if (holder.agentId === agent.id) return;
          throw new ConnectorError(`${holder.agentName} already has this conversation.`, 'conflict', {
            heldBy: { id: holder.agentId, name: holder.agentName },
          });
        }
        session.holder = { kind: 'agent', agentId: agent.id, agentName: agent.name };
        report(session);
      });
    },

    reply(
      ref: ConversationRef,
      agent: Agent,
      content: MessageContent,
      messageId: string,
    ): Promise<SendResult> {
      const reason = unsendableReason(content);
      if (reason) return Promise.reject(new ConnectorError(reason, 'rejected'));
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        const result = await send(session, content, messageId);
        remember(session, {
          platformMessageId: result.platformMessageId,
          role: 'agent',
          clientMessageId: messageId,
          authorId: agent.id,
          authorName: agent.name,
          content,
          at: iso(),
        });
        return result;
      });
    },

    handBack(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        session.holder = { kind: 'bot' };
        report(session);
      });
    },

    /** Local only: Direqt has no conversations to end, and closing must not message the user. */
    close(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        session.holder = { kind: 'closed', at: iso() };
        report(session);
      });
    },

    /** Direqt has a `typing` status but no "stopped typing": nothing is sent when the agent stops. */
    async typing(ref: ConversationRef, active: boolean): Promise<void> {
      if (!active) return;
      sessionFor(ref);
      await tracked(() =>
        api.send(ref.platformConversationId, { messageType: 'status', status: { statusType: 'typing' } }),
      );
    },

    /** Reading the newest message implies the earlier ones: one `read` status for the last id. */
    async markRead(ref: ConversationRef, platformMessageIds: string[]): Promise<void> {
      const last = platformMessageIds.at(-1);
      if (last === undefined) return;
      sessionFor(ref);
      await tracked(() =>
        api.send(ref.platformConversationId, {
          messageType: 'status',
          status: { statusType: 'read', relatedMessageId: last },
        }),
      );
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
