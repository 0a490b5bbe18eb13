/**
 * The Directly connector ("relayed" in DESIGN.md §4): the integrator's code calls Directly, and in Baton that
 * is the gateway. Customer messages arrive through the `RelayHost`; while the bot holds a conversation they
 * run Understand → Automate (`bot-phase.ts`); take over escalates through Engage, whose messages and status
 * changes come back as signed webhooks. Wire details are in `wire.ts`, the assumptions in README.md.
 */
import { z } from 'zod';
import type { Agent, MessageContent } from '../../contract';
import { capabilities, ConnectorError } from '../../core/connector';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformMessage,
  PlatformReport,
  SendResult,
} from '../../core/connector';
import { KeyedQueue } from '../../core/keyed-queue';
import type { InboundCustomerMessage, RelayHost, VerifiedWebhook } from '../../core/relay';
import { backoffDelay, DEFAULT_BACKOFF } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import { TimerSet } from '../http-kit/timer-set';
import { BotPhase } from './bot-phase';
import { DirectlyApi } from './directly-api';
import { addTranscript, createSession, remember, toPlatformConversation } from './session';
import type { Session } from './session';
import { WEBHOOK_EVENTS, WEBHOOK_HEADERS, WEBHOOK_SIGNATURE_PREFIX, WebhookEvent } from './wire';
import type { EngageMessageData, EngageStatusData } from './wire';
import { parseConnectorConfig } from '../http-kit/connector-config';

export const DirectlyConnectorConfig = z.object({
  workspaceId: z.string().min(1),
  /** The API origin, e.g. `https://api.directly.com`. */
  baseUrl: z.url(),
  /** The OAuth token endpoint, absolute. */
  tokenUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The secret Directly signs its webhooks with. */
  webhookSigningSecret: z.string().min(1),
});
export type DirectlyConnectorConfig = z.input<typeof DirectlyConnectorConfig>;

export interface DirectlyConnectorOptions {
  /** Retry delays while Directly cannot be reached at start. */
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  now?: () => number;
}

export const DIRECTLY_CAPABILITIES = capabilities(['rating', 'handBack', 'liveStream'], {
  richContent: 'Directly Engage carries plain text only: no cards, carousels or images.',
  quickReplies: 'Directly Engage has no quick replies for an expert; only automated answers offer them.',
  typing: 'Directly does not tell the customer that an expert is typing.',
  readReceipts: 'Directly does not report when the customer has read a message.',
  attachments: 'Directly Engage does not take files.',
  tags: 'Directly has no tags on conversations.',
});

export function createDirectlyConnector(
  config: DirectlyConnectorConfig,
  relay: RelayHost,
  options: DirectlyConnectorOptions = {},
): Connector {
  const settings = parseConnectorConfig(DirectlyConnectorConfig, config, 'Directly');
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const api = new DirectlyApi({
    baseUrl: settings.baseUrl,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    ...(options.requestTimeoutMs !== undefined && { timeoutMs: options.requestTimeoutMs }),
    now,
  });
  const sessions = new Map<string, Session>();
  /** Everything that touches one conversation runs in order: customer messages, actions and webhooks. */
  const queue = new KeyedQueue();
  let timers = new TimerSet();
  let sink: ConnectorSink | undefined;
  let bot: BotPhase | undefined;
  let relayWired = false;
  let connected = false;

  const iso = (): string => new Date(now()).toISOString();

  const running = (): { sink: ConnectorSink; bot: BotPhase } => {
    if (!sink || !bot) throw new ConnectorError('The Directly connector is not running.', 'unavailable');
    return { sink, bot };
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

  const sessionFor = (ref: ConversationRef): Session => {
    const session = sessions.get(ref.platformConversationId);
    if (!session) {
      throw new ConnectorError(
        `Baton has no record of Directly conversation ${ref.platformConversationId} (it is only known from the customer's messages).`,
        'not_found',
      );
    }
    return session;
  };

  const report = (session: Session): void => running().sink.conversation(toPlatformConversation(session));

  const reportMessage = (session: Session, message: PlatformMessage): void => {
    remember(session, message);
    running().sink.messages(session.id, [message]);
  };

  const sessionByEngageId = (engageId: string, externalId: string): Session | undefined => {
    const session = sessions.get(externalId);
    return session?.engage?.id === engageId ? session : undefined;
  };

  // ------------------------------------------------------------------------------------- customer side

  async function onCustomerMessage(message: InboundCustomerMessage): Promise<void> {
    const { bot: botPhase } = running();
    await queue.run(message.channelConversationId, async () => {
      let session = sessions.get(message.channelConversationId);
      if (!session) {
        session = createSession(message.channelConversationId, message.customer, message.at);
        sessions.set(session.id, session);
        report(session);
      }
      if (session.handled.has(message.messageId)) return;
      if (session.holder.kind === 'closed') {
        // The customer writes again after a close: a new round with the bot.
        session.holder = { kind: 'bot' };
        session.engage = undefined;
        session.transcript = [];
        report(session);
      }
      const customerMessage: PlatformMessage = {
        platformMessageId: message.messageId,
        role: 'customer',
        authorId: message.customer.id,
        authorName: message.customer.name,
        content: { type: 'text', text: message.text },
        at: message.at,
      };
      // A message tried again after a failure is already reported and in the transcript.
      if (remember(session, customerMessage)) {
        running().sink.messages(session.id, [customerMessage]);
        addTranscript(session, { from: 'customer', text: message.text, at: message.at });
      }
      session.lastUtterance = message.text;
      const current = session;
      if (current.holder.kind === 'bot') {
        await tracked(() => botPhase.handle(current, message.text));
      } else if (current.engage?.open) {
        // With a human: the customer's words go into the Engage conversation, so Directly has the record.
        const engageId = current.engage.id;
        await tracked(() =>
          api.postEngageMessage(engageId, {
            from: 'customer',
            text: message.text,
            clientMessageId: message.messageId,
          }),
        );
      }
      // Waiting without an Engage conversation yet: kept in the transcript that take over sends.
      current.handled.add(message.messageId);
    });
  }

  // --------------------------------------------------------------------------------------------- webhooks

  async function onWebhook(webhook: VerifiedWebhook): Promise<unknown> {
    const event = WebhookEvent.safeParse(webhook.body);
    if (!event.success) {
      // Answered 200 all the same: a body Baton cannot read will not become readable by retrying it.
      sink?.log('warn', `Directly webhook ${webhook.id} ignored: not an event Baton understands`);
      return { ignored: true };
    }
    switch (event.data.type) {
      case WEBHOOK_EVENTS.engageMessage:
        return onEngageMessage(event.data.data);
      case WEBHOOK_EVENTS.engageStatus:
        return onEngageStatus(event.data.data);
      case WEBHOOK_EVENTS.modelsTrained:
        sink?.log('info', `Directly finished training on ingest job ${event.data.data.jobId}`);
        return { ok: true };
      case WEBHOOK_EVENTS.engageRated:
        // Baton sent the rating itself; the event only confirms it.
        return { ok: true };
    }
  }

  async function onEngageMessage(data: EngageMessageData): Promise<unknown> {
    const found = sessionByEngageId(data.conversationId, data.externalId);
    if (!found) return { ignored: true };
    const session = found;
    const { message } = data;
    await queue.run(session.id, async () => {
      // The customer's own words, posted by this connector: already reported.
      if (message.from === 'customer') return;
      const base = {
        platformMessageId: message.id,
        role: 'agent' as const,
        ...(message.expertId !== undefined && { authorId: message.expertId }),
        ...(message.expertName !== undefined && { authorName: message.expertName }),
        content: { type: 'text' as const, text: message.text },
        at: message.createdAt,
      };
      if (message.clientMessageId !== undefined && session.replies.has(message.clientMessageId)) {
        // The echo of a Baton agent's reply: the core merges it with its own copy and marks it delivered.
        reportMessage(session, { ...base, clientMessageId: message.clientMessageId });
        return;
      }
      if (session.relayed.has(message.id)) return;
      // An expert on Directly's side answered: the customer gets it, the console shows it.
      await relay.deliverToCustomer({
        channelConversationId: session.id,
        messageId: message.id,
        role: 'agent',
        ...(message.expertName !== undefined && { authorName: message.expertName }),
        content: base.content,
        at: message.createdAt,
      });
      session.relayed.add(message.id);
      reportMessage(session, base);
    });
    return { ok: true };
  }

  async function onEngageStatus(data: EngageStatusData): Promise<unknown> {
    const session = sessionByEngageId(data.conversationId, data.externalId);
    if (!session || !session.engage) return { ignored: true };
    const engage = session.engage;
    await queue.run(session.id, async () => {
      const holder = session.holder;
      if (data.status === 'assigned' && data.expert) {
        engage.expert = data.expert;
        if (holder.kind === 'agent' && holder.agentId === data.expert.id) return;
        session.holder = { kind: 'agent', agentId: data.expert.id, agentName: data.expert.name };
      } else if (data.status === 'resolved') {
        engage.open = false;
        if (holder.kind === 'closed') return;
        session.holder = { kind: 'closed', at: iso() };
      } else if (data.status === 'returned') {
        engage.open = false;
        session.engage = undefined;
        if (holder.kind === 'bot') return;
        session.holder = { kind: 'bot' };
      } else return;
      report(session);
    });
    return { ok: true };
  }

  // ----------------------------------------------------------------------------------------------- start

  async function register(attempt = 0): Promise<void> {
    try {
      await tracked(() => api.registerWebhook(relay.webhookUrl));
    } catch (error) {
      const delay = backoffDelay(attempt, backoff);
      sink?.log('warn', `Directly webhook registration failed; retrying in ${delay} ms: ${errorText(error)}`);
      timers.after(delay, () => void register(attempt + 1));
    }
  }

  return {
    platform: 'directly',
    capabilities: DIRECTLY_CAPABILITIES,

    /** Directly's Report API: how much its automation handled, and how satisfied customers were. */
    async report(period: { from: string; to: string }): Promise<PlatformReport> {
      const report = await api.report(period);
      return {
        conversations: report.conversations,
        automated: report.automated,
        escalated: report.escalated,
        automationRate: report.automationRate,
        satisfaction: report.satisfaction,
      };
    },

    async start(next: ConnectorSink): Promise<void> {
      if (sink) throw new Error('The Directly connector is already started');
      sink = next;
      bot = new BotPhase({ api, relay, sink: next, now });
      timers = new TimerSet();
      connected = false;
      next.health({ state: 'connecting' });
      // The relay has no way to unregister: handlers are wired once and check that the connector runs.
      if (!relayWired) {
        relayWired = true;
        relay.onWebhook(
          {
            secret: settings.webhookSigningSecret,
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
        relay.onCustomerMessage(onCustomerMessage);
      }
      // Resolves either way: a Directly outage degrades this workspace while registration retries.
      await register();
      for (const session of sessions.values()) report(session);
    },

    async stop(): Promise<void> {
      timers.clear();
      sink = undefined;
      bot = undefined;
    },

    async fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]> {
      return [...(sessions.get(ref.platformConversationId)?.messages ?? [])];
    },

    takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        if (session.engage?.open) {
          const expert = session.engage.expert;
          if (expert.id === agent.id) return;
          throw new ConnectorError(`${expert.name} already has this conversation.`, 'conflict', {
            heldBy: { id: expert.id, name: expert.name },
          });
        }
        const created = await tracked(() =>
          api.createEngage({
            externalId: session.id,
            customer: { id: session.customer.id, name: session.customer.name },
            utterance: session.lastUtterance ?? '(The customer has not written yet.)',
            transcript: session.transcript,
            expert: { id: agent.id, name: agent.name },
          }),
        );
        session.engage = { id: created.id, expert: created.expert ?? agent, open: true };
        session.awaitingFeedback = undefined;
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
      if (content.type !== 'text') {
        return Promise.reject(
          new ConnectorError(`Directly Engage carries text only, not a ${content.type}.`, 'rejected'),
        );
      }
      if (content.suggestions && content.suggestions.length > 0) {
        return Promise.reject(
          new ConnectorError('Directly Engage cannot send quick replies; send the text alone.', 'rejected'),
        );
      }
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        if (!session.engage?.open) {
          throw new ConnectorError(
            'Take the conversation over before replying: it has no Engage conversation.',
            'rejected',
          );
        }
        const engageId = session.engage.id;
        // Known before the post: the webhook echo may arrive before the post's answer.
        session.replies.add(messageId);
        const posted = await tracked(() =>
          api.postEngageMessage(engageId, {
            from: 'expert',
            text: content.text,
            clientMessageId: messageId,
            expertId: agent.id,
            expertName: agent.name,
          }),
        );
        try {
          await relay.deliverToCustomer({
            channelConversationId: session.id,
            messageId,
            role: 'agent',
            authorName: agent.name,
            content: { type: 'text', text: content.text },
            at: posted.createdAt,
          });
        } catch (error) {
          // Retrying is safe: Engage keeps one message per clientMessageId, the channel one per messageId.
          throw new ConnectorError(
            `The customer's chat did not take the reply: ${errorText(error)}`,
            'unavailable',
          );
        }
        return { platformMessageId: posted.id, state: 'sent' };
      });
    },

    handBack(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        const engage = session.engage;
        if (engage?.open) await tracked(() => api.resolveEngage(engage.id, true));
        session.engage = undefined;
        session.transcript = [];
        session.holder = { kind: 'bot' };
        report(session);
      });
    },

    close(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const session = sessionFor(ref);
        const engage = session.engage;
        if (engage?.open) {
          await tracked(() => api.resolveEngage(engage.id, false));
          engage.open = false;
        }
        session.awaitingFeedback = undefined;
        session.holder = { kind: 'closed', at: iso() };
        report(session);
      });
    },

    /** The core calls this after `close` when the agent gave a rating: it goes to the Engage conversation. */
    rate(ref: ConversationRef, rating: number): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const engage = sessionFor(ref).engage;
        if (!engage) {
          throw new ConnectorError(
            'Directly rates Engage conversations only; this one never reached an expert.',
            'rejected',
          );
        }
        await tracked(() => api.rateEngage(engage.id, { rating }));
      });
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
