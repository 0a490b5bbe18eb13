/**
 * The Direct Line connector ("joined", DESIGN §4): Direct Line 1.1 has no list call, so Baton learns of a
 * conversation that needs a person from a signed handoff notification the bot posts to Baton's gateway. It
 * then joins: reads the conversation by watermark, follows it, and posts into it as the agent, using
 * `channelData.baton` to mark handoff steps and to carry Baton's message ids (README.md).
 */
import { z } from 'zod';
import type { Agent, MessageContent } from '../../contract';
import type {
  Connector,
  ConnectorSink,
  ConversationRef,
  PlatformHolder,
  PlatformMessage,
  SendResult,
} from '../../core/connector';
import { capabilities, ConnectorError } from '../../core/connector';
import type { RelayHost, VerifiedWebhook } from '../../core/relay';
import { DEFAULT_BACKOFF } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import { DirectLineApi } from './directline-api';
import { ConversationFollower } from './follower';
import { toPlatformMessages } from './mapping';
import type { BatonChannelData, Message } from './wire';
import { AGENT_FROM, HANDOFF_HEADERS, HANDOFF_SIGNATURE_PREFIX, HandoffNotification } from './wire';

export interface DirectLineConfig {
  workspaceId: string;
  baseUrl: string;
  /** Shared with the bot developer: signs handoff notifications. */
  handoffSecret: string;
  /**
   * The Direct Line secret (Azure Bot → Channels → Direct Line), optional: only used when a conversation
   * token can no longer be renewed, and for `fetchMessages` of a conversation Baton has not joined.
   */
  secret?: string;
}

export interface DirectLineConnectorOptions {
  /** Pause between reads of a joined conversation (default 1000 ms). */
  pollMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  now?: () => number;
}

export const DIRECTLINE_CAPABILITIES = capabilities(['attachments', 'handBack', 'liveStream'], {
  richContent: 'Direct Line 1.1 messages carry text, images and attachments only, no cards.',
  quickReplies: 'Direct Line 1.1 has no suggested actions in its message schema.',
  typing: 'Direct Line 1.1 has no typing activity, only messages.',
  readReceipts: 'Direct Line 1.1 does not report when a user has read a message.',
  rating: 'Direct Line 1.1 has no way to ask the user for a rating.',
  tags: 'Direct Line 1.1 has nowhere to store tags on a conversation.',
});

const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800;

/** Resume point: the conversations followed, as JSON. */
const FOLLOWED_STREAM = 'followed';

const Followed = z.array(
  z.object({ id: z.string().min(1), customer: z.object({ id: z.string(), name: z.string() }) }),
);
type Followed = z.infer<typeof Followed>[number];

function parseFollowed(stored: string | undefined): Followed[] {
  if (stored === undefined) return [];
  try {
    return Followed.parse(JSON.parse(stored));
  } catch {
    return [];
  }
}

export function createDirectLineConnector(
  config: DirectLineConfig,
  relay: RelayHost,
  options: DirectLineConnectorOptions = {},
): Connector {
  const now = options.now ?? Date.now;
  const followers = new Map<string, ConversationFollower>();
  const api = new DirectLineApi({
    baseUrl: config.baseUrl,
    ...(options.requestTimeoutMs !== undefined && { timeoutMs: options.requestTimeoutMs }),
    secrets: () => [
      config.secret,
      config.handoffSecret,
      ...[...followers.values()].map((f) => f.currentToken),
    ],
  });
  let sink: ConnectorSink | undefined;

  const followerOf = (ref: ConversationRef): ConversationFollower => {
    const follower = followers.get(ref.platformConversationId);
    if (!follower) {
      throw new ConnectorError(
        `Baton has no Direct Line token for conversation ${ref.platformConversationId}: the bot has not handed it off.`,
        'not_found',
      );
    }
    return follower;
  };

  const post = (follower: ConversationFollower, message: Message): Promise<void> =>
    follower.authorized((token) =>
      api.send(follower.conversationId, token, { from: AGENT_FROM, ...message }),
    );

  const handoffStep = (
    ref: ConversationRef,
    handoff: NonNullable<BatonChannelData['handoff']>,
    agent: Agent,
  ): Promise<void> =>
    post(followerOf(ref), { channelData: { baton: { handoff, agent: { id: agent.id, name: agent.name } } } });

  /** The conversations being followed, kept across restarts (ids and customers; never tokens). */
  const rememberFollowed = (target: ConnectorSink): void => {
    const list: Followed[] = [...followers.values()]
      .filter((f) => !f.stopped)
      .map((f) => ({ id: f.conversationId, customer: f.customer }));
    target.resume.set(FOLLOWED_STREAM, JSON.stringify(list));
  };

  const follow = (
    target: ConnectorSink,
    id: string,
    customer: { id: string; name: string },
    token: string,
    expiresIn: number | undefined,
  ): ConversationFollower => {
    const follower = new ConversationFollower(
      id,
      token,
      customer,
      api,
      target,
      {
        baseUrl: config.baseUrl,
        pollMs: options.pollMs ?? 1000,
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        defaultTokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
        ...(config.secret !== undefined && { secret: config.secret }),
        now,
      },
      expiresIn,
    );
    followers.set(id, follower);
    rememberFollowed(target);
    return follower;
  };

  /**
   * Follows again, from their stored watermarks, the conversations followed when Baton last stopped, so
   * what customers wrote meanwhile arrives once. Tokens are never stored: the workspace's Direct Line
   * secret issues fresh ones. Without the secret they resume with the bot's next handoff notification.
   */
  const resumeFollowed = async (target: ConnectorSink): Promise<void> => {
    const stored = parseFollowed(target.resume.get(FOLLOWED_STREAM));
    if (stored.length === 0) return;
    const secret = config.secret;
    if (secret === undefined) {
      target.log(
        'info',
        `${stored.length} Direct Line conversations resume when the bot next notifies (no Direct Line secret to renew their tokens).`,
      );
      return;
    }
    await Promise.all(
      stored.map(async ({ id, customer }) => {
        try {
          const token = await api.renew(id, secret);
          await follow(target, id, customer, token, undefined).start();
        } catch (error) {
          target.log('warn', `Could not resume Direct Line conversation ${id}: ${String(error)}`);
        }
      }),
    );
  };

  async function onHandoff(webhook: VerifiedWebhook): Promise<unknown> {
    const current = sink;
    if (!current) throw new Error('The Direct Line connector is not started');
    const parsed = HandoffNotification.safeParse(webhook.body);
    if (!parsed.success) {
      // Answered 200: the same body would fail again, a retry cannot help.
      current.log('warn', `Ignored a malformed Direct Line handoff notification ${webhook.id}.`);
      return { accepted: false, error: 'malformed handoff notification' };
    }
    const notification = parsed.data;
    const id = notification.conversationId;
    const customer = { id: notification.user.id, name: notification.user.name || notification.user.id };
    const at = new Date(now()).toISOString();
    const report = (holder: PlatformHolder) =>
      current.conversation({
        platformConversationId: id,
        customer,
        channel: 'directline',
        holder,
        createdAt: at,
      });
    const waiting: PlatformHolder = { kind: 'waiting', since: at, reason: notification.reason ?? null };
    let follower = followers.get(id);
    // A newly joined conversation is shown with the bot first and its history read, so the waiting marker
    // comes after what led to the handoff.
    const joining = !follower || follower.stopped;
    report(joining ? { kind: 'bot' } : waiting);
    if (follower && !follower.stopped) {
      follower.updateToken(notification.token, notification.expiresIn);
    } else {
      follower = follow(current, id, customer, notification.token, notification.expiresIn);
    }
    try {
      await follower.start();
    } catch (error) {
      // Joined all the same: the follower keeps trying with backoff.
      current.log('warn', `First read of Direct Line conversation ${id} failed: ${String(error)}`);
    } finally {
      // Whatever the first read did, the escalation is never lost.
      if (joining) report(waiting);
    }
    return { accepted: true, conversationId: id };
  }

  async function sendOwn(
    follower: ConversationFollower,
    messageId: string,
    send: () => Promise<void>,
  ): Promise<Message & { id: string }> {
    // Direct Line has no idempotency key: a retried call first looks for the message sent the first time.
    const earlier = await follower.findOwn(messageId);
    if (earlier?.id !== undefined) return { ...earlier, id: earlier.id };
    await send();
    const sent = await follower.findOwn(messageId);
    if (sent?.id === undefined) {
      throw new ConnectorError(
        'Direct Line accepted the message but it did not appear in the conversation.',
        'unavailable',
      );
    }
    return { ...sent, id: sent.id };
  }

  return {
    platform: 'directline',
    capabilities: DIRECTLINE_CAPABILITIES,

    async start(target: ConnectorSink): Promise<void> {
      if (sink) throw new Error('The Direct Line connector is already started');
      sink = target;
      relay.onWebhook(
        {
          secret: config.handoffSecret,
          idHeader: HANDOFF_HEADERS.id,
          timestampHeader: HANDOFF_HEADERS.timestamp,
          signatureHeader: HANDOFF_HEADERS.signature,
          signaturePrefix: HANDOFF_SIGNATURE_PREFIX,
        },
        onHandoff,
      );
      // No list call exists: conversations arrive with handoff notifications, or resume from last time.
      if (target.resume.get(FOLLOWED_STREAM)) target.health({ state: 'catching_up' });
      await resumeFollowed(target);
      target.health({ state: 'connected' });
    },

    async stop(): Promise<void> {
      // Notifications that arrive from now on answer 500, so the bot retries them once Baton is back.
      sink = undefined;
      const all = [...followers.values()];
      followers.clear();
      await Promise.all(all.map((f) => f.stop()));
    },

    async fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]> {
      const follower = followers.get(ref.platformConversationId);
      const messages: PlatformMessage[] = [];
      let watermark: string | undefined;
      for (let page = 0; page < 500; page++) {
        const read = (token: string) => api.getMessages(ref.platformConversationId, token, watermark);
        const set = follower
          ? await follower.authorized(read)
          : config.secret !== undefined
            ? await read(config.secret)
            : undefined;
        if (!set) return [];
        if (set.messages.length === 0) break;
        for (const m of set.messages)
          messages.push(...toPlatformMessages(config.baseUrl, m, ref.customer.id));
        if (set.watermark === undefined || set.watermark === watermark) break;
        watermark = set.watermark;
      }
      return messages;
    },

    takeOver: (ref, agent) => handoffStep(ref, 'agent', agent),

    async reply(
      ref: ConversationRef,
      agent: Agent,
      content: MessageContent,
      messageId: string,
    ): Promise<SendResult> {
      if (content.type !== 'text') {
        throw new ConnectorError(
          `Direct Line 1.1 cannot send a ${content.type} from an agent; send text or a file.`,
          'rejected',
        );
      }
      if (content.suggestions && content.suggestions.length > 0) {
        throw new ConnectorError('Direct Line 1.1 has no quick replies; send the text alone.', 'rejected');
      }
      const follower = followerOf(ref);
      const sent = await sendOwn(follower, messageId, () =>
        post(follower, {
          text: content.text,
          channelData: { baton: { messageId, agent: { id: agent.id, name: agent.name } } },
        }),
      );
      return { platformMessageId: sent.id, state: 'sent' };
    },

    async upload(ref, agent, file, messageId) {
      const follower = followerOf(ref);
      const sent = await sendOwn(follower, messageId, () =>
        follower.authorized((token) =>
          api.upload(follower.conversationId, token, AGENT_FROM, file, {
            from: AGENT_FROM,
            channelData: { baton: { messageId, agent: { id: agent.id, name: agent.name } } },
          }),
        ),
      );
      // The upload call returns nothing: the stored message says which URL the platform gave the file.
      const content = toPlatformMessages(config.baseUrl, sent, ref.customer.id).find(
        (m) => m.content.type === 'file',
      )?.content;
      if (!content)
        throw new ConnectorError('Direct Line stored the upload without a file URL.', 'unavailable');
      // The platform renames stored files; the agent's name for it reads better in the transcript.
      return { platformMessageId: sent.id, state: 'sent', content: { ...content, name: file.name } };
    },

    handBack: (ref, agent) => handoffStep(ref, 'bot', agent),

    async close(ref: ConversationRef, agent: Agent): Promise<void> {
      const follower = followerOf(ref);
      await handoffStep(ref, 'closed', agent);
      // Read once more so the transcript ends complete, then stop following.
      await follower.readAll().catch(() => undefined);
      followers.delete(ref.platformConversationId);
      if (sink) rememberFollowed(sink);
      await follower.stop();
    },
  };
}
