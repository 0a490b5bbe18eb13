/**
 * The Certainly connector ("relayed" in DESIGN.md §4): Certainly's Chat REST API is called by the
 * integrator, and Baton's gateway is that integrator. Customer messages arrive through the `RelayHost`;
 * while the bot holds a conversation they go to Certainly as `text` and the bot's answers go back to the
 * customer's channel; while a human holds it (or it waits for one) customer and agent messages are only
 * recorded on Certainly as `standby`. Certainly has no list call and no take over ("when the bot needs to
 * shut down, simply don't call this API"), so who holds what is the connector's own state.
 */
import { z } from 'zod';
import { LIMITS } from '../../contract';
import type { Agent, MessageContent } from '../../contract';
import { capabilities, ConnectorError } from '../../core/connector';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformConversation,
  PlatformMessage,
  SendResult,
} from '../../core/connector';
import { KeyedQueue } from '../../core/keyed-queue';
import type { InboundCustomerMessage, OutboundChannelMessage, RelayHost } from '../../core/relay';
import { CertainlyApi } from './certainly-api';
import { ConversationStates } from './conversation-state';
import type { CertainlyConversation, InboundProgress } from './conversation-state';
import {
  detailsOf,
  handoverModule,
  handoverReason,
  optionsOf,
  refFromContext,
  toPlatformMessages,
} from './mapping';
import { DEFAULT_START_MODULE_ID, HANDOVER_KPI_TAG } from './wire';
import type { BotMessage, MessageRequest } from './wire';
import { parseConnectorConfig } from '../http-kit/connector-config';

export const CertainlyConnectorConfig = z.object({
  workspaceId: z.string().min(1),
  /** `https://app.certainly.io` for the hosted platform. */
  baseUrl: z.url(),
  /** The `id` in the bot's Certainly Widget script. */
  deploymentId: z.string().min(1),
  /** Bot Settings → Channels → Certainly Widget → Chat API → Generate API Token. */
  token: z.string().min(1),
  /** The bot's welcome module: the `ref` of a new conversation. Defaults to the simulator's. */
  startModuleId: z.string().regex(/^\d+$/, 'must be a Module ID (digits)').optional(),
});
export type CertainlyConnectorConfig = z.input<typeof CertainlyConnectorConfig>;

export interface CertainlyConnectorOptions {
  requestTimeoutMs?: number;
  /** A bot that lands on a module with this KPI tag has handed over; default `handover`. */
  handoverKpiTag?: string;
  /** What the conversation list shows as the channel; default `web`. */
  channel?: string;
  now?: () => number;
}

export const CERTAINLY_CAPABILITIES = capabilities(['handBack', 'quickReplies'], {
  rating: "Certainly's Chat API has no rating; Baton keeps the rating.",
  liveStream: 'Certainly has no live stream: Baton sees the conversations that pass through its own gateway.',
  richContent: "Certainly's Chat API records text only, so an agent sends text and quick replies.",
  attachments: "Certainly's Chat API does not accept attachments yet.",
  typing: "Certainly's Chat API has no typing indicator.",
  readReceipts: "Certainly's Chat API does not report when the customer has read a message.",
  tags: "Certainly's Chat API has no way to tag a conversation.",
});

const CUSTOMER_NAME_CHARS = LIMITS.nameChars * 2;

export function createCertainlyConnector(
  config: CertainlyConnectorConfig,
  relay: RelayHost,
  options: CertainlyConnectorOptions = {},
): Connector {
  const settings = parseConnectorConfig(CertainlyConnectorConfig, config, 'Certainly');
  const now = options.now ?? Date.now;
  const nowIso = (): string => new Date(now()).toISOString();
  const startModuleId = settings.startModuleId ?? DEFAULT_START_MODULE_ID;
  const handoverTag = options.handoverKpiTag ?? HANDOVER_KPI_TAG;
  const channel = options.channel ?? 'web';
  const api = new CertainlyApi({
    baseUrl: settings.baseUrl,
    deploymentId: settings.deploymentId,
    token: settings.token,
    ...(options.requestTimeoutMs !== undefined && { timeoutMs: options.requestTimeoutMs }),
    now,
  });
  const states = new ConversationStates();
  // One task at a time per conversation: customer messages and agent actions keep their order.
  const queue = new KeyedQueue();
  /** What the sink last heard of each conversation, so unchanged facts are not reported again. */
  const reported = new Map<string, string>();
  let sink: ConnectorSink | undefined;
  let listening = false;
  let health: string | undefined;

  const setHealth = (state: 'connected' | 'degraded', lastError?: string): void => {
    const key = `${state}:${lastError ?? ''}`;
    if (health === key) return;
    health = key;
    sink?.health(lastError === undefined ? { state } : { state, lastError });
  };

  /** Calls Certainly; its outages and credential refusals show as the workspace's health. */
  async function certainly(request: MessageRequest): Promise<BotMessage[]> {
    try {
      const answers = await api.send(request);
      setHealth('connected');
      return answers;
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.kind === 'unauthorized' || error.kind === 'unavailable')
      ) {
        setHealth('degraded', error.message);
      }
      throw error;
    }
  }

  const requireState = (platformConversationId: string): CertainlyConversation => {
    const state = states.get(platformConversationId);
    if (!state) {
      throw new ConnectorError(
        `Certainly has no conversation ${platformConversationId} in Baton`,
        'not_found',
      );
    }
    return state;
  };

  const currentRef = (state: CertainlyConversation): string =>
    state.module ? String(state.module.id) : startModuleId;

  function report(state: CertainlyConversation): void {
    const conversation: PlatformConversation = {
      platformConversationId: state.platformConversationId,
      customer: { ...state.customer },
      channel,
      holder: { ...state.holder },
      createdAt: state.createdAt,
      details: detailsOf(state),
    };
    const fingerprint = JSON.stringify(conversation);
    if (reported.get(state.platformConversationId) === fingerprint) return;
    reported.set(state.platformConversationId, fingerprint);
    sink?.conversation(conversation);
  }

  function tell(state: CertainlyConversation, messages: PlatformMessage[]): void {
    if (messages.length === 0) return;
    states.addToTranscript(state, messages);
    sink?.messages(state.platformConversationId, messages);
  }

  async function deliverPending(progress: InboundProgress): Promise<void> {
    for (;;) {
      const next = progress.undelivered[0];
      if (!next) return;
      try {
        await relay.deliverToCustomer(next);
      } catch (error) {
        throw channelRefused("the bot's answer", error);
      }
      progress.undelivered.shift();
    }
  }

  function stateFor(message: InboundCustomerMessage): CertainlyConversation {
    const state =
      states.get(message.channelConversationId) ??
      states.create({
        platformConversationId: message.channelConversationId,
        customer: { id: message.customer.id, name: message.customer.name },
        userId: message.customer.id,
        createdAt: message.at,
      });
    // The channel knows the customer best: take its latest name, profile and variables.
    state.customer = { id: message.customer.id, name: message.customer.name.slice(0, CUSTOMER_NAME_CHARS) };
    Object.assign(state.userProfile, message.customer.profile);
    Object.assign(state.userCvars, message.customer.variables);
    return state;
  }

  async function onCustomerMessage(message: InboundCustomerMessage): Promise<void> {
    const state = stateFor(message);
    const progress = states.inboundProgress(state, message.messageId);
    // A repeat of a message Certainly already has (the channel retried after a failed delivery): finish it.
    if (progress.sent) return deliverPending(progress);

    // A customer writing again after the conversation was closed is back with the bot.
    if (state.holder.kind === 'closed') state.holder = { kind: 'bot' };
    report(state);
    // Shown to Baton at once, so an agent sees it even while Certainly is unreachable (the sink ignores repeats).
    const customerMessage: PlatformMessage = {
      platformMessageId: message.messageId,
      role: 'customer',
      authorId: message.customer.id,
      authorName: state.customer.name,
      content: { type: 'text', text: message.text.trim().slice(0, LIMITS.textChars) || '(empty message)' },
      at: message.at,
    };
    if (!state.transcript.some((m) => m.platformMessageId === message.messageId))
      tell(state, [customerMessage]);

    const botHolds = state.holder.kind === 'bot';
    const answers = await certainly({
      from: 'human',
      ...(Object.keys(state.userProfile).length > 0 && { user_profile: state.userProfile }),
      ref: (botHolds && refFromContext(message.context, state.offeredOptions)) || currentRef(state),
      user_cvars: state.userCvars,
      user_id: state.userId,
      timestamp: Math.floor(now() / 1000),
      id: message.messageId,
      // While a human holds it or it waits for one, Certainly records the message and stays silent.
      actions: [{ type: botHolds ? 'text' : 'standby', text: message.text }],
    });
    progress.sent = true;
    if (answers.length === 0) return;

    const last = answers.at(-1);
    if (last) {
      states.noteCertainlyConversation(state, last.conversation_id);
      state.module = {
        id: last.bot_module.id,
        name: last.bot_module.name,
        kpiTags: [...last.bot_module.kpi_tags],
      };
    }
    state.offeredOptions = answers.flatMap(optionsOf);
    const handover = handoverModule(answers, handoverTag);
    if (handover && state.holder.kind === 'bot') {
      state.holder = { kind: 'waiting', since: nowIso(), reason: handoverReason(handover) };
    }
    // The bot's words first, then the holder: a handover marker follows the bot's "a colleague is coming".
    const botMessages = toPlatformMessages(answers, nowIso());
    tell(state, botMessages);
    report(state);
    progress.undelivered = botMessages.map((m): OutboundChannelMessage => ({
      channelConversationId: state.platformConversationId,
      messageId: m.platformMessageId,
      role: 'bot',
      content: m.content,
      at: m.at,
    }));
    await deliverPending(progress);
  }

  async function receive(message: InboundCustomerMessage): Promise<void> {
    if (!sink) throw new ConnectorError('The Certainly workspace is not running', 'unavailable');
    await queue.run(message.channelConversationId, () => onCustomerMessage(message));
  }

  return {
    platform: 'certainly',
    capabilities: CERTAINLY_CAPABILITIES,

    /** Nothing to list (Certainly has no list call): the conversations arrive with the customers' messages. */
    async start(next: ConnectorSink): Promise<void> {
      if (sink) throw new Error('The Certainly connector is already started');
      sink = next;
      health = undefined;
      // The relay has no way to unregister, so the handler is registered once and follows `sink`.
      if (!listening) {
        relay.onCustomerMessage(receive);
        listening = true;
      }
      setHealth('connected');
    },

    async stop(): Promise<void> {
      sink = undefined;
    },

    async fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]> {
      return [...requireState(ref.platformConversationId).transcript];
    },

    takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        const state = requireState(ref.platformConversationId);
        const holder = state.holder;
        if (holder.kind === 'closed') throw new ConnectorError('The conversation is closed', 'rejected');
        if (holder.kind === 'agent' && holder.agentId !== agent.id) {
          throw new ConnectorError(`${holder.agentName} already holds the conversation`, 'conflict', {
            heldBy: { id: holder.agentId, name: holder.agentName },
          });
        }
        // Local only: the bot stays silent because customer messages now go to Certainly as `standby`.
        state.holder = { kind: 'agent', agentId: agent.id, agentName: agent.name };
      });
    },

    reply(
      ref: ConversationRef,
      agent: Agent,
      content: MessageContent,
      messageId: string,
    ): Promise<SendResult> {
      return queue.run(ref.platformConversationId, async () => {
        const state = requireState(ref.platformConversationId);
        if (content.type !== 'text') {
          throw new ConnectorError(`Certainly can record text only, not a ${content.type}.`, 'rejected');
        }
        // Each step is done once per message id, so a retried reply neither records nor delivers twice.
        const progress = states.replyProgress(state, messageId);
        if (!progress.recorded) {
          await certainly({
            from: 'agent',
            ref: currentRef(state),
            user_id: state.userId,
            timestamp: Math.floor(now() / 1000),
            id: messageId,
            actions: [{ type: 'standby', text: content.text }],
          });
          progress.recorded = true;
        }
        if (!progress.delivered) {
          const at = nowIso();
          try {
            await relay.deliverToCustomer({
              channelConversationId: state.platformConversationId,
              messageId,
              role: 'agent',
              authorName: agent.name,
              content,
              at,
            });
          } catch (error) {
            throw channelRefused('the reply', error);
          }
          progress.delivered = true;
          states.addToTranscript(state, [
            {
              platformMessageId: messageId,
              clientMessageId: messageId,
              role: 'agent',
              authorId: agent.id,
              authorName: agent.name,
              content,
              at,
            },
          ]);
        }
        return { platformMessageId: messageId, state: 'delivered' };
      });
    },

    handBack(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        // Local only: the next customer message goes to Certainly as `text` again and the bot answers.
        requireState(ref.platformConversationId).holder = { kind: 'bot' };
      });
    },

    /** Certainly is not told: the bot is simply not called. The rating stays in Baton. */
    close(ref: ConversationRef): Promise<void> {
      return queue.run(ref.platformConversationId, async () => {
        requireState(ref.platformConversationId).holder = { kind: 'closed', at: nowIso() };
      });
    },
  };
}

function channelRefused(what: string, error: unknown): ConnectorError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`The customer's channel did not accept ${what}: ${reason}`, 'unavailable');
}
