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

/**
 * Every request method with its params and result schema. The core validates params where they enter;
 * the client may validate results.
 */
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
    result: z.object({ conversations: z.array(Conversation), seq: z.number().int().nonnegative() }),
  },
  'conversation.open': {
    params: z.object({ conversationId: Id }),
    result: z.object({ conversation: Conversation, messages: z.array(Message) }),
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
  /** Auto-update (desktop only; absent in older shells). */
  readonly updates?: DesktopUpdates;
  /** Copies the redacted diagnostics bundle to the clipboard (desktop only). */
  copyDiagnostics?(): Promise<DiagnosticsCopyResult>;
}
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
