/**
 * The one contract between the renderer and the core: every request, response and event that crosses a
 * process boundary is described here with zod, and the TypeScript types are derived from the schemas.
 *
 * This module must stay free of node, electron and DOM imports: the core (Node), the renderer (browser) and
 * the desktop shell all import it.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
/** WebSocket sub-protocol names: the first says what is spoken, the second carries the host's token. */
export const WS_PROTOCOL = 'baton.v1';
export const WS_TOKEN_PREFIX = 'baton.token.';

/** Size limits that apply everywhere, so a bad client cannot make the core hold huge strings. */
export const LIMITS = {
  /** Large enough for one upload (base64 grows it by a third), small enough to refuse a flood. */
  frameBytes: 3 * 1024 * 1024,
  uploadBytes: 2 * 1024 * 1024,
  textChars: 10_000,
  nameChars: 80,
  idChars: 200,
  tagChars: 40,
  tagsPerConversation: 20,
  /** Messages per transcript page: `conversation.open` returns the newest, `conversation.history` older ones. */
  transcriptPage: 200,
} as const;

// ---------------------------------------------------------------------------------------------- domain

export const PlatformKind = z.enum(['dialai', 'certainly', 'directly', 'direqt', 'directline']);
export type PlatformKind = z.infer<typeof PlatformKind>;

export const PLATFORM_LABELS: Record<PlatformKind, string> = {
  dialai: 'Dialai',
  certainly: 'Certainly',
  directly: 'Directly',
  direqt: 'Direqt',
  directline: 'Direct Line',
};

export const ConversationState = z.enum(['bot', 'waiting', 'agent', 'closed']);
export type ConversationState = z.infer<typeof ConversationState>;

const Id = z.string().min(1).max(LIMITS.idChars);
const IsoTime = z.iso.datetime({ offset: true });

export const Agent = z.object({ id: Id, name: z.string().min(1).max(LIMITS.nameChars) });
export type Agent = z.infer<typeof Agent>;

export const Customer = z.object({ id: Id, name: z.string().max(LIMITS.nameChars * 2) });
export type Customer = z.infer<typeof Customer>;

/** What a connector's platform can do. The UI shows only what is possible and says why the rest is not. */
export const CapabilityName = z.enum([
  'richContent',
  'quickReplies',
  'typing',
  'readReceipts',
  'rating',
  'handBack',
  'attachments',
  'liveStream',
  'tags',
]);
export type CapabilityName = z.infer<typeof CapabilityName>;

export const Capabilities = z.object({
  supported: z.array(CapabilityName),
  /** For each unsupported capability, a sentence the UI can show ("Dialai has no rating API"). */
  reasons: z.partialRecord(CapabilityName, z.string()),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const WorkspaceHealth = z.object({
  state: z.enum(['connecting', 'connected', 'catching_up', 'degraded', 'disabled']),
  since: IsoTime,
  lastError: z.string().optional(),
  /**
   * When the platform last sent anything (a conversation, a message, a receipt): "events flowing", apart
   * from the connection being open. Updated at most every few seconds.
   */
  lastEventAt: IsoTime.optional(),
});
export type WorkspaceHealth = z.infer<typeof WorkspaceHealth>;

/** One field of a platform's workspace form. Secrets go to the OS keychain; the rest to the data folder. */
export interface WorkspaceField {
  key: string;
  label: string;
  kind: 'url' | 'text' | 'secret';
  required: boolean;
  help: string;
  placeholder?: string;
}

/**
 * Exactly the fields each platform needs, in form order. The core validates each field's format; the
 * renderer builds its forms from this list, so the two always agree on what exists.
 */
export const PLATFORM_FIELDS: Record<PlatformKind, readonly WorkspaceField[]> = {
  dialai: [
    {
      key: 'baseUrl',
      label: 'Instance URL',
      kind: 'url',
      required: true,
      help: 'https://<your-instance>.dialai.ca',
      placeholder: 'https://acme.dialai.ca',
    },
    {
      key: 'tenant',
      label: 'Tenant',
      kind: 'text',
      required: true,
      help: 'The tenant in your API paths: /api/org/<tenant>/…',
    },
    {
      key: 'realm',
      label: 'Realm',
      kind: 'text',
      required: true,
      help: 'The identity realm that issues tokens.',
    },
    {
      key: 'clientId',
      label: 'Client id',
      kind: 'text',
      required: false,
      help: 'The tenant’s service-account client; not needed if you sign in with Dialai.',
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      kind: 'secret',
      required: false,
      help: 'Not needed if you sign in with Dialai instead.',
    },
    {
      key: 'signInClientId',
      label: 'Sign-in client id',
      kind: 'text',
      required: false,
      help: 'The public client for Sign in with Dialai (baton-desktop unless your admin says otherwise).',
    },
  ],
  certainly: [
    {
      key: 'baseUrl',
      label: 'API URL',
      kind: 'url',
      required: true,
      help: 'https://app.certainly.io for Certainly’s cloud.',
      placeholder: 'https://app.certainly.io',
    },
    {
      key: 'deploymentId',
      label: 'Bot deployment id',
      kind: 'text',
      required: true,
      help: 'The "id" in your Certainly Widget script.',
    },
    {
      key: 'token',
      label: 'Chat API token',
      kind: 'secret',
      required: true,
      help: 'Bot Settings → Channels → Certainly Widget → Chat API → Generate API Token.',
    },
    {
      key: 'channelSecret',
      label: 'Chat backend secret',
      kind: 'secret',
      required: true,
      help: 'Shared with your chat backend: signs messages both ways.',
    },
    {
      key: 'callbackUrl',
      label: 'Chat backend callback URL',
      kind: 'url',
      required: true,
      help: 'Where Baton delivers bot and agent messages.',
    },
  ],
  directly: [
    {
      key: 'baseUrl',
      label: 'API URL',
      kind: 'url',
      required: true,
      help: 'From your Directly representative.',
    },
    { key: 'tokenUrl', label: 'Token URL', kind: 'url', required: true, help: 'The OAuth token endpoint.' },
    {
      key: 'clientId',
      label: 'Client id',
      kind: 'text',
      required: true,
      help: 'From your Directly representative.',
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      kind: 'secret',
      required: true,
      help: 'From your Directly representative.',
    },
    {
      key: 'webhookSigningSecret',
      label: 'Webhook signing secret',
      kind: 'secret',
      required: true,
      help: 'Verifies Engage events sent to Baton.',
    },
    {
      key: 'channelSecret',
      label: 'Chat backend secret',
      kind: 'secret',
      required: true,
      help: 'Shared with your chat backend: signs messages both ways.',
    },
    {
      key: 'callbackUrl',
      label: 'Chat backend callback URL',
      kind: 'url',
      required: true,
      help: 'Where Baton delivers bot and agent messages.',
    },
  ],
  direqt: [
    {
      key: 'baseUrl',
      label: 'API URL',
      kind: 'url',
      required: true,
      help: 'https://gateway.direqt.io for Direqt’s cloud.',
      placeholder: 'https://gateway.direqt.io',
    },
    {
      key: 'accessToken',
      label: 'Access token',
      kind: 'secret',
      required: true,
      help: 'Chatbot settings → Webhook tab → Access token.',
    },
    {
      key: 'signingSecret',
      label: 'Signing secret',
      kind: 'secret',
      required: true,
      help: 'Chatbot settings → Webhook tab → Signing secret.',
    },
    {
      key: 'chatbotWebhookUrl',
      label: 'Your chatbot’s webhook URL',
      kind: 'url',
      required: true,
      help: 'Baton relays to it while the bot holds a conversation.',
    },
  ],
  directline: [
    {
      key: 'baseUrl',
      label: 'Direct Line URL',
      kind: 'url',
      required: true,
      help: 'https://directline.botframework.com',
      placeholder: 'https://directline.botframework.com',
    },
    {
      key: 'secret',
      label: 'Direct Line secret',
      kind: 'secret',
      required: true,
      help: 'Azure Bot → Channels → Direct Line → Secret keys.',
    },
    {
      key: 'handoffSecret',
      label: 'Handoff secret',
      kind: 'secret',
      required: true,
      help: 'Shared with your bot: signs its handoff notifications to Baton.',
    },
  ],
};

export const Workspace = z.object({
  id: Id,
  platform: PlatformKind,
  displayName: z.string().min(1).max(LIMITS.nameChars),
  baseUrl: z.string(),
  demo: z.boolean(),
  capabilities: Capabilities,
  health: WorkspaceHealth,
  enabled: z.boolean(),
  /** Provisioned by the admin's policy file and locked against editing. */
  locked: z.boolean(),
  /** Non-secret settings by field key. */
  settings: z.record(z.string(), z.string()),
  /** For each secret field: whether it is set in the keychain. Never the value. */
  secrets: z.record(z.string(), z.boolean()),
  /** Where Baton expects this workspace's webhooks (for platforms that send them). */
  webhookUrl: z.string().optional(),
  /** Who is signed in, for platforms with a sign-in (Dialai). */
  account: z.string().optional(),
});
export type Workspace = z.infer<typeof Workspace>;

const FieldValue = z.string().trim().max(4000);
export const WorkspaceInput = z.object({
  /** Absent for a new workspace. */
  id: Id.optional(),
  platform: PlatformKind,
  displayName: z.string().trim().min(1).max(LIMITS.nameChars),
  settings: z.record(z.string(), FieldValue),
  /** New secret values to store (replacing any set ones); omitted keys are left as they are. */
  secrets: z.record(z.string(), z.string().min(1).max(4000)).default({}),
  enabled: z.boolean().default(true),
});
export type WorkspaceInput = z.input<typeof WorkspaceInput>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** One sentence an agent can act on: "Unreachable: connection refused at https://…", "401: the token was refused". */
  message: z.string(),
  /** The form field the problem is about, when there is one. */
  field: z.string().optional(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

const HttpsOrLoopbackUrl = z.url().max(2000);

export const Suggestion = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    text: z.string().min(1).max(25),
    context: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('openUrl'), text: z.string().min(1).max(25), url: HttpsOrLoopbackUrl }),
  z.object({ type: z.literal('dial'), text: z.string().min(1).max(25), phoneNumber: z.string().max(20) }),
]);
export type Suggestion = z.infer<typeof Suggestion>;

export const Card = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  mediaUrl: HttpsOrLoopbackUrl.optional(),
  buttons: z.array(Suggestion).max(4).optional(),
});
export type Card = z.infer<typeof Card>;

const suggestions = z.array(Suggestion).max(13).optional();

export const MessageContent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string().trim().min(1).max(LIMITS.textChars),
    suggestions,
    /** The opaque context of the suggestion the customer tapped to send this text. */
    context: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('card'), card: Card, suggestions }),
  z.object({ type: z.literal('carousel'), cards: z.array(Card).min(1).max(10), suggestions }),
  z.object({
    type: z.literal('file'),
    url: HttpsOrLoopbackUrl,
    name: z.string().max(255).optional(),
    mimeType: z.string().max(255).optional(),
    suggestions,
  }),
  z.object({
    type: z.literal('geolocation'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    label: z.string().max(200).optional(),
  }),
  /** Something the customer did rather than said: tapped a link or a call button, shared a location. */
  z.object({
    type: z.literal('action'),
    action: z.enum(['openUrl', 'dial', 'shareLocation', 'viewLocation']),
    text: z.string().max(200),
    context: z.string().max(500).optional(),
    url: z.string().max(2000).optional(),
    phoneNumber: z.string().max(20).optional(),
  }),
  /** A handover or platform event shown in the timeline ("Bot escalated: customer asked for a person"). */
  z.object({ type: z.literal('event'), name: z.string().max(60), text: z.string().max(LIMITS.textChars) }),
]);
export type MessageContent = z.infer<typeof MessageContent>;

export const AuthorRole = z.enum(['customer', 'bot', 'agent', 'system']);
export type AuthorRole = z.infer<typeof AuthorRole>;

export const DeliveryState = z.enum(['queued', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const Delivery = z.object({ state: DeliveryState, reason: z.string().optional(), at: IsoTime });
export type Delivery = z.infer<typeof Delivery>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  author: z.object({ role: AuthorRole, id: z.string().optional(), name: z.string().optional() }),
  content: MessageContent,
  at: IsoTime,
  /** Agent messages only. */
  delivery: Delivery.optional(),
  /** An internal note: agents see it in the transcript; the customer and the platform never do. */
  internal: z.boolean().optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * Platform facts an agent should see beside the transcript (Certainly's module and custom variables,
 * Directly's understanding of the customer's words), as labelled sections the UI renders generically.
 */
export const DetailSection = z.object({
  title: z.string().max(LIMITS.nameChars),
  items: z.array(z.object({ label: z.string().max(LIMITS.nameChars), value: z.string().max(2000) })).max(50),
});
export type DetailSection = z.infer<typeof DetailSection>;

export const Conversation = z.object({
  /** Baton's id: `<workspaceId>:<platform conversation id>`. */
  id: Id,
  workspaceId: Id,
  platform: PlatformKind,
  platformConversationId: z.string(),
  customer: Customer,
  channel: z.string(),
  state: ConversationState,
  assignee: Agent.nullable(),
  /** Set while the conversation waits for a human; the wait timer counts from here. */
  waitingSince: IsoTime.nullable(),
  /** Why it is waiting, from the platform or the bot ("Customer asked for a person"). */
  escalationReason: z.string().nullable(),
  createdAt: IsoTime,
  lastActivityAt: IsoTime,
  lastMessage: z.object({ role: AuthorRole, preview: z.string() }).nullable(),
  messageCount: z.number().int().nonnegative(),
  /** Customer messages since an agent last read the conversation. */
  unread: z.number().int().nonnegative(),
  tags: z.array(z.string()),
  rating: z.number().int().min(1).max(5).nullable(),
  closedAt: IsoTime.nullable(),
  details: z.array(DetailSection).max(10),
});
export type Conversation = z.infer<typeof Conversation>;

/** A conversation's fields, in the order a packed row holds their values. */
export const CONVERSATION_FIELDS = Object.keys(Conversation.shape) as readonly (keyof Conversation)[];

/**
 * Many conversations at once (the whole inbox): the field names once, then each conversation's values in that
 * order. At 10,000 conversations the repeated names were a third of a 5.5 MB answer, and a browser takes
 * tens of milliseconds per megabyte to receive one WebSocket message.
 */
export const PackedConversations = z.object({
  fields: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
});
export type PackedConversations = z.infer<typeof PackedConversations>;

export function packConversations(conversations: readonly Conversation[]): PackedConversations {
  return {
    fields: [...CONVERSATION_FIELDS],
    rows: conversations.map((conversation) => CONVERSATION_FIELDS.map((field) => conversation[field])),
  };
}

/** The conversations back as objects; refuses rows whose length does not match the field names. */
export function unpackConversations(packed: PackedConversations): Conversation[] {
  const { fields, rows } = packed;
  return rows.map((row, index) => {
    if (row.length !== fields.length) {
      throw new Error(`Packed conversation ${index} has ${row.length} values for ${fields.length} fields.`);
    }
    const conversation: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) conversation[fields[i] as string] = row[i];
    return conversation as Conversation;
  });
}

// ------------------------------------------------------------------------------------ queue and reports

/** Conversations per handover state; `closedToday` counts those closed since local midnight. */
export const QueueCounts = z.object({
  bot: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  agent: z.number().int().nonnegative(),
  closedToday: z.number().int().nonnegative(),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

export const RatingSummary = z.object({
  count: z.number().int().nonnegative(),
  average: z.number().nullable(),
  /** How many 1, 2, 3, 4 and 5 star ratings. */
  distribution: z.array(z.number().int().nonnegative()).length(5),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** What a team lead watches, computed in the core; `queue.updated` events replace its top-level parts. */
export const QueueSnapshot = z.object({
  at: IsoTime,
  slaSeconds: z.number().int().positive(),
  totals: QueueCounts,
  /** One row per workspace (and so per platform). */
  workspaces: z.array(
    z.object({
      workspaceId: Id,
      name: z.string(),
      platform: PlatformKind,
      counts: QueueCounts,
      oldestWaitingSince: IsoTime.nullable(),
    }),
  ),
  oldestWaitingSince: IsoTime.nullable(),
  /** Current waits by length: "under 1 min", "1–2 min"… */
  waitBuckets: z.array(z.object({ label: z.string(), count: z.number().int().nonnegative() })),
  /** Waiting conversations, longest wait first (at most 100). */
  waiting: z.array(
    z.object({
      conversationId: Id,
      customerName: z.string(),
      platform: PlatformKind,
      workspaceId: Id,
      waitingSince: IsoTime,
      /** Set once the wait is past the SLA. */
      breachedAt: IsoTime.nullable(),
    }),
  ),
  breaches: z.number().int().nonnegative(),
  /** Every known agent (connected or holding), busiest first. */
  agents: z.array(
    z.object({
      agent: Agent,
      online: z.boolean(),
      holding: z.array(
        z.object({
          conversationId: Id,
          customerName: z.string(),
          platform: PlatformKind,
          since: IsoTime.nullable(),
        }),
      ),
    }),
  ),
  today: z.object({
    handedBack: z.number().int().nonnegative(),
    closed: z.number().int().nonnegative(),
    /** Of the conversations agents finished today: the share handed back to the bot, and the share closed. */
    handBackRate: z.number().min(0).max(1).nullable(),
    resolutionRate: z.number().min(0).max(1).nullable(),
    ratings: RatingSummary,
  }),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const ReportBucket = z.enum(['hour', 'day']);
export type ReportBucket = z.infer<typeof ReportBucket>;

export const DurationStats = z.object({
  count: z.number().int().nonnegative(),
  averageMs: z.number().nonnegative().nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
  p99Ms: z.number().nonnegative().nullable(),
  maxMs: z.number().nonnegative().nullable(),
});
export type DurationStats = z.infer<typeof DurationStats>;

export const ReportQuery = z
  .object({
    from: IsoTime,
    to: IsoTime,
    workspaceIds: z.array(Id).max(100).optional(),
    bucket: ReportBucket.optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: '`from` must be before `to`.',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'A report covers at most 400 days.',
    path: ['from'],
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const PeriodReport = z.object({
  period: z.object({ from: IsoTime, to: IsoTime }),
  bucket: ReportBucket,
  totals: z.object({
    /** Conversations that began in the period. */
    conversations: z.number().int().nonnegative(),
    escalated: z.number().int().nonnegative(),
    takenOver: z.number().int().nonnegative(),
    handedBack: z.number().int().nonnegative(),
    closed: z.number().int().nonnegative(),
    handBackRate: z.number().min(0).max(1).nullable(),
    resolutionRate: z.number().min(0).max(1).nullable(),
  }),
  /** From escalation to take over, for waits that ended in the period. */
  wait: DurationStats,
  /** From take over to hand back or close, for holds that ended in the period. */
  handle: DurationStats,
  ratings: RatingSummary,
  series: z.array(
    z.object({
      start: IsoTime,
      conversations: z.number().int().nonnegative(),
      escalated: z.number().int().nonnegative(),
      handedBack: z.number().int().nonnegative(),
      closed: z.number().int().nonnegative(),
      waitP50Ms: z.number().nonnegative().nullable(),
      waitP90Ms: z.number().nonnegative().nullable(),
      handleAverageMs: z.number().nonnegative().nullable(),
    }),
  ),
  /** Directly's own Report API, per Directly workspace in the selection. */
  directly: z.array(
    z.object({
      workspaceId: Id,
      name: z.string(),
      /** Set when Directly could not be asked; the figures are then absent. */
      error: z.string().optional(),
      conversations: z.number().int().nonnegative().optional(),
      automated: z.number().int().nonnegative().optional(),
      escalated: z.number().int().nonnegative().optional(),
      automationRate: z.number().min(0).max(1).optional(),
      satisfaction: z.number().min(0).max(1).nullable().optional(),
    }),
  ),
});
export type PeriodReport = z.infer<typeof PeriodReport>;

// --------------------------------------------------------------------------------------------- actions

const ActionBase = { actionId: Id, conversationId: Id };
export const Rating = z.number().int().min(1).max(5);
const Tag = z.string().trim().min(1).max(LIMITS.tagChars);

/** Every state change an agent makes. `actionId` is made by the client; repeating it never applies twice. */
export const Action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('takeOver'), ...ActionBase }),
  z.object({ type: z.literal('reply'), ...ActionBase, content: MessageContent }),
  /** The agent sends a file from their machine (where the platform takes uploads). */
  z.object({
    type: z.literal('upload'),
    ...ActionBase,
    file: z.object({
      name: z.string().trim().min(1).max(255),
      mimeType: z.string().min(1).max(255),
      /** The file's bytes, base64; at most `LIMITS.uploadBytes` once decoded. */
      dataBase64: z
        .string()
        .max(Math.ceil(LIMITS.uploadBytes / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    }),
  }),
  /** Sends a failed reply again: the same message, with the same id, so the platform never gets it twice. */
  z.object({ type: z.literal('retry'), ...ActionBase, messageId: Id }),
  z.object({ type: z.literal('handBack'), ...ActionBase }),
  z.object({ type: z.literal('close'), ...ActionBase, rating: Rating.optional() }),
  z.object({ type: z.literal('rate'), ...ActionBase, rating: Rating }),
  z.object({
    type: z.literal('tag'),
    ...ActionBase,
    add: z.array(Tag).max(LIMITS.tagsPerConversation).default([]),
    remove: z.array(Tag).max(LIMITS.tagsPerConversation).default([]),
  }),
  /** An internal note for other agents: kept in Baton's transcript, never sent to the platform. */
  z.object({ type: z.literal('note'), ...ActionBase, text: z.string().trim().min(1).max(LIMITS.textChars) }),
  /** The holder passes the conversation to another agent, who then holds it. */
  z.object({ type: z.literal('transfer'), ...ActionBase, to: Agent }),
]);
export type Action = z.infer<typeof Action>;
export type ActionInput = z.input<typeof Action>;
export type ActionType = Action['type'];

// -------------------------------------------------------------------------------------- requests/results

export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'not_found',
  'conflict',
  'invalid_state',
  'unsupported',
  'provider_error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** For `conflict` on a take over: who holds the conversation. */
  heldBy: Agent.optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ConversationFilter = z.object({
  states: z.array(ConversationState).optional(),
  workspaceId: Id.optional(),
  assigneeId: Id.optional(),
});
export type ConversationFilter = z.infer<typeof ConversationFilter>;

/** Whether an agent wants escalations now. `away` is also set by the desktop when the machine locks. */
export const Presence = z.enum(['available', 'away', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const AgentPresence = z.object({ agent: Agent, presence: Presence });
export type AgentPresence = z.infer<typeof AgentPresence>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');

/** One agent's notification settings; the core decides with them who is told about what, and when. */
export const NotificationSettings = z.object({
  /** Platforms whose escalations notify; a platform missing here notifies. */
  platforms: z.partialRecord(PlatformKind, z.boolean()),
  sound: z.boolean(),
  /** No notifications (the badge still counts) between `from` and `to`, in the agent's time zone. */
  quietHours: z.object({ from: ClockTime, to: ClockTime }).nullable(),
  /** An IANA time zone ("Europe/Paris") for quiet hours; the core's own when absent. */
  timeZone: z.string().min(1).max(60).optional(),
  /** Notify again once a conversation has waited this long since the last notification (0: never again). */
  waitingThresholdSeconds: z.number().int().min(0).max(3600),
  /** After that, again every so often while it still waits (0: only once more). */
  repeatEverySeconds: z.number().int().min(0).max(3600),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  platforms: {},
  sound: true,
  quietHours: null,
  waitingThresholdSeconds: 60,
  repeatEverySeconds: 120,
};

/** A saved reply; `{customer.name}` and `{agent.name}` are filled in when it is inserted. */
export const CannedResponse = z.object({
  id: Id,
  title: z.string().trim().min(1).max(LIMITS.nameChars),
  text: z.string().trim().min(1).max(LIMITS.textChars),
  updatedAt: IsoTime,
});
export type CannedResponse = z.infer<typeof CannedResponse>;

export const TranscriptHit = z.object({
  conversationId: Id,
  messageId: Id,
  customerName: z.string(),
  platform: PlatformKind,
  workspaceId: Id,
  role: AuthorRole,
  internal: z.boolean(),
  snippet: z.string(),
  at: IsoTime,
});
export type TranscriptHit = z.infer<typeof TranscriptHit>;

/**
 * Every request method with its params and result schema. The core validates params where they enter;
 * the client may validate results.
 */
export const AuditEntry = z.object({
  at: IsoTime,
  agent: Agent,
  action: z.string(),
  actionId: z.string(),
  conversationId: Id,
  outcome: z.enum(['ok', 'refused', 'failed']),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const Methods = {
  'session.hello': {
    params: z.object({
      protocol: z.literal(PROTOCOL_VERSION),
      agentName: z.string().trim().min(1).max(LIMITS.nameChars).optional(),
      /**
       * Replay the inbox events after `afterSeq` of the stream `streamId` instead of starting afresh. The
       * stream id changes whenever the core restarts, so old numbers are never mistaken for new ones.
       */
      resume: z.object({ streamId: Id, afterSeq: z.number().int().nonnegative() }).optional(),
    }),
    result: z.object({
      agent: Agent,
      /** Identifies this run of the core's inbox stream; send it back with `resume`. */
      streamId: Id,
      /** Sequence number of the last inbox event before this session; events after it will follow. */
      seq: z.number().int().nonnegative(),
      /** True when every event after `resume.afterSeq` is replayed; false means: re-fetch lists. */
      resumed: z.boolean(),
      serverTime: IsoTime,
    }),
  },
  'workspaces.list': {
    params: z.object({}),
    result: z.object({ workspaces: z.array(Workspace) }),
  },
  'workspaces.save': {
    params: z.object({ workspace: WorkspaceInput }),
    result: z.object({ workspace: Workspace }),
  },
  'workspaces.test': {
    params: z.object({ workspace: WorkspaceInput }),
    result: ConnectionTest,
  },
  'workspaces.remove': {
    params: z.object({ workspaceId: Id }),
    result: z.object({}),
  },
  'workspaces.removeSecret': {
    params: z.object({ workspaceId: Id, key: z.string().min(1).max(60) }),
    result: z.object({ workspace: Workspace }),
  },
  /** Starts "Sign in with Dialai": the result is the page to open in the system browser. */
  'workspaces.signIn': {
    params: z.object({ workspaceId: Id }),
    result: z.object({ authorizeUrl: z.url() }),
  },
  /** Signs out: the platform revokes the token where it can, and the keychain forgets it. */
  'workspaces.signOut': {
    params: z.object({ workspaceId: Id }),
    result: z.object({ workspace: Workspace }),
  },
  'settings.policy': {
    params: z.object({}),
    result: z.object({
      /** Where the policy file was read from, if there is one. */
      path: z.string().nullable(),
      /** Problems found in it; Baton still opens, without the parts that were wrong. */
      problems: z.array(z.string()),
      demo: z.boolean(),
      updates: z.object({ channel: z.enum(['stable', 'beta']), enabled: z.boolean() }),
    }),
  },
  'conversations.list': {
    params: z.object({ filter: ConversationFilter.optional() }),
    result: z.object({ conversations: PackedConversations, seq: z.number().int().nonnegative() }),
  },
  /** The conversation and its newest transcript page; `olderCount` messages come before them. */
  'conversation.open': {
    params: z.object({ conversationId: Id }),
    result: z.object({
      conversation: Conversation,
      messages: z.array(Message),
      olderCount: z.number().int().nonnegative(),
    }),
  },
  /** The page of the transcript just before the message `beforeId` (the oldest the client has). */
  'conversation.history': {
    params: z.object({
      conversationId: Id,
      beforeId: Id,
      limit: z.number().int().min(1).max(LIMITS.transcriptPage).optional(),
    }),
    result: z.object({ messages: z.array(Message), olderCount: z.number().int().nonnegative() }),
  },
  'conversation.markRead': {
    params: z.object({ conversationId: Id }),
    result: z.object({ conversation: Conversation }),
  },
  'conversation.typing': {
    params: z.object({ conversationId: Id, active: z.boolean() }),
    result: z.object({}),
  },
  'action.perform': {
    params: z.object({ action: Action }),
    result: z.object({ conversation: Conversation, message: Message.optional(), repeated: z.boolean() }),
  },
  /** The conversation this client shows now (`null`: none), so other agents see who is looking at it. */
  'conversation.view': {
    params: z.object({ conversationId: Id.nullable() }),
    result: z.object({}),
  },
  /** Who did what to a conversation (or to any), newest first. */
  'audit.list': {
    params: z.object({ conversationId: Id.optional(), limit: z.number().int().min(1).max(500).optional() }),
    result: z.object({ entries: z.array(AuditEntry) }),
  },
  /** The team lead's live figures; `seq` is the inbox event the snapshot includes (apply later `queue.updated`). */
  'queue.snapshot': {
    params: z.object({}),
    result: z.object({ snapshot: QueueSnapshot, seq: z.number().int().nonnegative() }),
  },
  'reports.query': {
    params: ReportQuery,
    result: z.object({ report: PeriodReport }),
  },
  /** A team lead gives a conversation to another agent (one who has connected, or has held one). */
  'conversation.reassign': {
    params: z.object({ conversationId: Id, toAgent: Agent }),
    result: z.object({ conversation: Conversation }),
  },
  /** `automatic`: set by the machine (locked, asleep), so unlocking restores what the agent had chosen. */
  'presence.set': {
    params: z.object({ presence: Presence, automatic: z.boolean().optional() }),
    result: z.object({ presence: Presence }),
  },
  /** The agents this core knows, with their presence (transfer targets). */
  'agents.list': {
    params: z.object({}),
    result: z.object({ agents: z.array(AgentPresence) }),
  },
  'notifications.getSettings': {
    params: z.object({}),
    result: z.object({ settings: NotificationSettings }),
  },
  'notifications.saveSettings': {
    params: z.object({ settings: NotificationSettings }),
    result: z.object({ settings: NotificationSettings }),
  },
  'canned.list': {
    params: z.object({}),
    result: z.object({ responses: z.array(CannedResponse) }),
  },
  'canned.save': {
    params: z.object({
      response: z.object({
        id: Id.optional(),
        title: z.string().trim().min(1).max(LIMITS.nameChars),
        text: z.string().trim().min(1).max(LIMITS.textChars),
      }),
    }),
    result: z.object({ response: CannedResponse }),
  },
  'canned.remove': {
    params: z.object({ id: Id }),
    result: z.object({}),
  },
  /**
   * Searches every workspace's transcripts (customer names and message text); with a data folder also the
   * local full-text index (diacritics ignored, the last word as a prefix).
   */
  'transcripts.search': {
    params: z.object({
      query: z.string().trim().min(2).max(200),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    result: z.object({ hits: z.array(TranscriptHit) }),
  },
} as const;

export type MethodName = keyof typeof Methods;
export type MethodParams<M extends MethodName> = z.input<(typeof Methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof Methods)[M]['result']>;
export const METHOD_NAMES = Object.keys(Methods) as MethodName[];

// ----------------------------------------------------------------------------------------------- events

export const CoreEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation.upserted'), conversation: Conversation }),
  z.object({ type: z.literal('message.added'), message: Message }),
  z.object({ type: z.literal('message.updated'), message: Message }),
  z.object({ type: z.literal('workspace.updated'), workspace: Workspace }),
  /** The workspace was removed: drop it and its conversations from every list. */
  z.object({ type: z.literal('workspace.removed'), workspaceId: Id }),
  /** Someone is typing in a conversation (the customer, or another agent); `active: false` when they stop. */
  z.object({
    type: z.literal('conversation.typing'),
    conversationId: Id,
    role: z.enum(['customer', 'agent']),
    name: z.string().optional(),
    active: z.boolean(),
  }),
  /** Who has a conversation open right now (every agent's own client included). */
  z.object({ type: z.literal('conversation.viewers'), conversationId: Id, viewers: z.array(Agent) }),
  /** Queue figures changed: the top-level parts of `QueueSnapshot` given here replace the old ones (at most ~1/s). */
  z.object({ type: z.literal('queue.updated'), changes: QueueSnapshot.partial() }),
  /**
   * A conversation started waiting (or still waits) and `agentId` should be told: an OS notification, and
   * a sound when `sound`. Every session receives it; only that agent's act on it.
   */
  z.object({
    type: z.literal('notification.raised'),
    agentId: Id,
    conversationId: Id,
    customerName: z.string(),
    platform: PlatformKind,
    firstWords: z.string(),
    repeat: z.boolean(),
    sound: z.boolean(),
    at: IsoTime,
  }),
  /** The conversation no longer waits (taken over, handed back, closed): take its notification away. */
  z.object({ type: z.literal('notification.cleared'), agentId: Id, conversationId: Id }),
  /** How many conversations wait for `agentId` (app icon badge, tray). */
  z.object({ type: z.literal('notification.badge'), agentId: Id, count: z.number().int().nonnegative() }),
  z.object({ type: z.literal('presence.changed'), agent: Agent, presence: Presence }),
]);
export type CoreEvent = z.infer<typeof CoreEvent>;

// ----------------------------------------------------------------------------------------------- frames

export const RequestFrame = z.object({
  kind: z.literal('request'),
  id: z.string().min(1).max(100),
  method: z.enum(METHOD_NAMES as [MethodName, ...MethodName[]]),
  params: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export const ResponseFrame = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('response'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.string(), ok: z.literal(false), error: ErrorBody }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrame>;

/** Every event type the core may send. */
export const EVENT_TYPES: ReadonlySet<string> = new Set(
  CoreEvent.options.map((option) => option.shape.type.value),
);

/** `seq` increases by one per event on the `inbox` stream, so a client can notice a gap and resume. */
export const EventFrame = z.object({
  kind: z.literal('event'),
  stream: z.literal('inbox'),
  seq: z.number().int().positive(),
  event: CoreEvent,
});
export type EventFrame = z.infer<typeof EventFrame>;

/** Sent by the core when a frame cannot even be read as a request (so it has no id to answer to). */
export const ProtocolErrorFrame = z.object({ kind: z.literal('protocol_error'), error: ErrorBody });
export type ProtocolErrorFrame = z.infer<typeof ProtocolErrorFrame>;

export const ServerFrame = z.union([ResponseFrame, EventFrame, ProtocolErrorFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ClientFrame = RequestFrame;

// ------------------------------------------------------------------------------------------- helpers

/** Turns zod issues into the contract's flat, human-readable list. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function conversationKey(workspaceId: string, platformConversationId: string): string {
  return `${workspaceId}:${platformConversationId}`;
}

/** The desktop bridge the preload exposes on `window.baton`: named methods only, never a generic invoke. */
export interface DesktopBridge {
  readonly platform: 'desktop';
  readonly version: string;
  /** Opens a vetted https URL in the system browser; anything else is refused. */
  openExternal(url: string): Promise<boolean>;
  /** Asks the shell for a fresh MessagePort to the core; it arrives as a window message `baton:port`. */
  requestCorePort(): void;
  /** Hands a notification event for this agent to the shell (OS notification, sound, badge, tray). */
  notify(event: DesktopNotificationEvent): void;
  /** Calls back with `locked` when the machine locks or sleeps and `unlocked` when it is back. */
  onPowerChange(callback: (state: 'locked' | 'unlocked') => void): void;
  /** Calls back with a conversation id when the agent clicks one of Baton's notifications. */
  onNotificationClick(callback: (conversationId: string) => void): void;
  /** Auto-update (desktop only; absent in older shells). */
  readonly updates?: DesktopUpdates;
  /** Copies the redacted diagnostics bundle to the clipboard (desktop only). */
  copyDiagnostics?(): Promise<DiagnosticsCopyResult>;
}
export type DesktopNotificationEvent = Extract<
  CoreEvent,
  { type: 'notification.raised' | 'notification.cleared' | 'notification.badge' }
>;
export const DESKTOP_PORT_MESSAGE = 'baton:port';

/** What the desktop shell says about updates; the renderer shows it in a banner. */
export const DesktopUpdateState = z.object({
  status: z.enum(['off', 'idle', 'checking', 'available', 'downloading', 'ready', 'error']),
  channel: z.enum(['stable', 'beta']),
  currentVersion: z.string().max(64),
  version: z.string().max(64).optional(),
  releaseNotes: z.string().max(20_000).optional(),
  /** 0–100 while downloading. */
  percent: z.number().min(0).max(100).optional(),
  /** Why updates are off, what failed, or why a restart must wait (held conversations). */
  message: z.string().max(500).optional(),
});
export type DesktopUpdateState = z.infer<typeof DesktopUpdateState>;

export interface DesktopUpdates {
  getState(): Promise<DesktopUpdateState>;
  /** Calls back on every change; returns a function that stops it. */
  onState(listener: (state: DesktopUpdateState) => void): () => void;
  download(): Promise<DesktopUpdateState>;
  /** Restarts into the downloaded update, unless the agent holds conversations (then `message` says so). */
  install(): Promise<DesktopUpdateState>;
}

export interface DiagnosticsCopyResult {
  copied: boolean;
  lines: number;
}
