/**
 * The Dialai connector ("native" in DESIGN.md §4): Dialai has transcripts, a live SSE stream and CSR take
 * over, so the connector reads and acts on the platform directly. Wire details are in `wire.ts`, the
 * assumptions behind them in README.md.
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
import { DEFAULT_BACKOFF } from '../http-kit/backoff';
import type { BackoffPolicy } from '../http-kit/backoff';
import { DialaiApi } from './dialai-api';
import { LiveFollower } from './live-follower';
import { toPlatformMessages } from './mapping';
import { DialaiUserTokenSource } from './sign-in';
import { LIVE_HEARTBEAT_MS } from './wire';
import { parseConnectorConfig } from '../http-kit/connector-config';

const DialaiCommonConfig = z.object({
  workspaceId: z.string().min(1),
  /** The instance's API origin, e.g. `https://acme.dialai.ca`. */
  baseUrl: z.url(),
  tenant: z.string().min(1),
  realm: z.string().min(1),
  /** The service-account client (with `clientSecret`) or the public sign-in client (with `refreshToken`). */
  clientId: z.string().min(1),
  /** Only when the realm's token endpoint is not under `baseUrl`. */
  tokenUrl: z.url().optional(),
});

/** Either a service account's client secret, or a signed-in user's refresh token (see `sign-in.ts`). */
export const DialaiConnectorConfig = DialaiCommonConfig.extend({
  clientSecret: z.string().min(1).optional(),
  refreshToken: z.string().min(1).optional(),
  onRefreshToken: z
    .custom<(refreshToken: string) => Promise<void> | void>((value) => typeof value === 'function')
    .optional(),
}).superRefine((value, ctx) => {
  if (value.clientSecret === undefined && value.refreshToken === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['clientSecret'],
      message: 'clientSecret or refreshToken is required',
    });
  }
  if (value.clientSecret !== undefined && value.refreshToken !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['refreshToken'],
      message: 'give clientSecret or refreshToken, not both',
    });
  }
  if (value.refreshToken !== undefined && value.onRefreshToken === undefined) {
    ctx.addIssue({ code: 'custom', path: ['onRefreshToken'], message: 'required with refreshToken' });
  }
});
export type DialaiConnectorConfig = z.input<typeof DialaiCommonConfig> &
  (
    | { clientSecret: string; refreshToken?: undefined; onRefreshToken?: undefined }
    | {
        clientSecret?: undefined;
        /** The signed-in user's refresh token, from `startDialaiSignIn` or the keychain. */
        refreshToken: string;
        /** Every rotated refresh token: store it in the keychain in place of the previous one. */
        onRefreshToken: (refreshToken: string) => Promise<void> | void;
      }
  );

export interface DialaiConnectorOptions {
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  /** Live stream silent for this long (no event, no heartbeat) is taken for dead; default three heartbeats. */
  liveIdleTimeoutMs?: number;
  fetchConcurrency?: number;
  now?: () => number;
}

export const DIALAI_CAPABILITIES = capabilities(['liveStream', 'handBack', 'tags'], {
  richContent: 'Dialai lets an agent send plain text only: no cards, carousels or images.',
  quickReplies: 'Dialai has no way for an agent to send quick replies; only its bot offers them.',
  typing: 'Dialai does not show the customer that an agent is typing.',
  readReceipts: 'Dialai does not report when the customer has read a message.',
  rating: 'Dialai has no rating API; Baton keeps the rating for itself.',
  attachments: 'Dialai does not let an agent send files.',
});

export function createDialaiConnector(
  config: DialaiConnectorConfig,
  options: DialaiConnectorOptions = {},
): Connector {
  const settings = parseConnectorConfig(DialaiConnectorConfig, config, 'Dialai');
  const now = options.now ?? Date.now;
  const tokenSource =
    settings.refreshToken !== undefined && settings.onRefreshToken
      ? new DialaiUserTokenSource({
          baseUrl: settings.baseUrl,
          realm: settings.realm,
          clientId: settings.clientId,
          tenant: settings.tenant,
          refreshToken: settings.refreshToken,
          onRefreshToken: settings.onRefreshToken,
          ...(settings.tokenUrl !== undefined && { tokenUrl: settings.tokenUrl }),
          ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
          now,
        })
      : undefined;
  const api = new DialaiApi({
    baseUrl: settings.baseUrl,
    tenant: settings.tenant,
    realm: settings.realm,
    clientId: settings.clientId,
    ...(settings.clientSecret !== undefined && { clientSecret: settings.clientSecret }),
    ...(tokenSource && { tokenSource }),
    ...(settings.tokenUrl !== undefined && { tokenUrl: settings.tokenUrl }),
    ...(options.requestTimeoutMs !== undefined && { timeoutMs: options.requestTimeoutMs }),
    now,
  });
  let follower: LiveFollower | undefined;

  const csrOf = (agent: Agent) => ({ csrId: agent.id, csrName: agent.name });

  return {
    platform: 'dialai',
    capabilities: DIALAI_CAPABILITIES,

    async start(sink: ConnectorSink): Promise<void> {
      if (follower) throw new Error('The Dialai connector is already started');
      follower = new LiveFollower(api, sink, {
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        idleTimeoutMs: options.liveIdleTimeoutMs ?? 3 * LIVE_HEARTBEAT_MS,
        fetchConcurrency: options.fetchConcurrency ?? 4,
        now,
      });
      await follower.start();
    },

    async stop(): Promise<void> {
      const current = follower;
      follower = undefined;
      await current?.stop();
    },

    async fetchMessages(ref: ConversationRef): Promise<PlatformMessage[]> {
      const transcript = await api.getTranscript(ref.platformConversationId);
      return toPlatformMessages(transcript.messages);
    },

    async takeOver(ref: ConversationRef, agent: Agent): Promise<void> {
      await api.csrTakeOver(ref.platformConversationId, csrOf(agent));
    },

    async reply(
      ref: ConversationRef,
      agent: Agent,
      content: MessageContent,
      messageId: string,
    ): Promise<SendResult> {
      if (content.type !== 'text') {
        throw new ConnectorError(
          `Dialai can only send text from an agent, not a ${content.type}.`,
          'rejected',
        );
      }
      if (content.suggestions && content.suggestions.length > 0) {
        throw new ConnectorError(
          'Dialai cannot send quick replies from an agent; send the text alone.',
          'rejected',
        );
      }
      // The message id is Dialai's idempotency key: a retried reply returns the message stored the first time.
      const message = await api.addCsrMessage(ref.platformConversationId, {
        csrId: agent.id,
        text: content.text,
        clientMessageId: messageId,
      });
      return { platformMessageId: message.id, state: 'sent' };
    },

    async handBack(ref: ConversationRef): Promise<void> {
      await api.setStatus(ref.platformConversationId, { status: 'active' });
    },

    /** Dialai has no rating: the rating stays in Baton. */
    async close(ref: ConversationRef): Promise<void> {
      await api.setStatus(ref.platformConversationId, { status: 'completed' });
    },

    async setTags(ref: ConversationRef, tags: string[]): Promise<void> {
      await api.setTags(ref.platformConversationId, tags);
    },
  };
}
