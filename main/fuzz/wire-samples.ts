/** Valid platform responses and webhook bodies, one or two per provider: the seeds the fuzzers mutate. */
export const DIALAI_TRANSCRIPT = {
  id: 'tr-1',
  status: 'csr',
  channel: 'web',
  customer: { id: 'c-1', name: 'Maya Patel' },
  csr: { csrId: 'agent-1', csrName: 'Jane' },
  escalatedAt: '2026-11-21T10:00:00.000Z',
  escalationReason: 'Asked for a person',
  tags: ['vip'],
  createdAt: '2026-11-21T09:58:00.000Z',
  updatedAt: '2026-11-21T10:01:00.000Z',
  completedAt: null,
  messageCount: 2,
};
export const DIALAI_MESSAGES = [
  {
    id: 'm-1',
    transcriptId: 'tr-1',
    role: 'bot',
    text: 'How can I help?',
    createdAt: '2026-11-21T09:58:01.000Z',
    quickReplies: ['Track order', 'Talk to a person'],
  },
  {
    id: 'm-2',
    transcriptId: 'tr-1',
    role: 'csr',
    text: 'Hi, Jane here',
    createdAt: '2026-11-21T10:01:00.000Z',
    csrId: 'agent-1',
    csrName: 'Jane',
    clientMessageId: 'b-1',
  },
  {
    id: 'm-3',
    transcriptId: 'tr-1',
    role: 'system',
    text: 'Escalated',
    createdAt: '2026-11-21T10:00:00.000Z',
    event: 'escalated',
  },
];
export const DIALAI_TRANSCRIPT_WITH_MESSAGES = { ...DIALAI_TRANSCRIPT, messages: DIALAI_MESSAGES };
export const DIALAI_PAGE = { transcripts: [DIALAI_TRANSCRIPT], nextCursor: 'c2' };
export const DIALAI_MESSAGE_EVENT = { transcriptId: 'tr-1', message: DIALAI_MESSAGES[1] };
export const DIALAI_ERROR = {
  error: { code: 'conflict', message: 'Jane has it', heldBy: { csrId: 'agent-1', csrName: 'Jane' } },
};

export const DIRECTLINE_MESSAGE_SET = {
  messages: [
    {
      id: 'conv|000000000000000001',
      conversationId: 'conv',
      created: '2026-11-21T10:00:00.000Z',
      from: 'u-1',
      text: 'I need a person',
      images: ['/attachments/photo.png', 'https://cdn.example/x.jpg?size=2'],
      attachments: [{ url: 'files/receipt%20one.pdf', contentType: 'application/pdf' }],
    },
    {
      id: 'conv|000000000000000002',
      from: 'baton-agent',
      text: 'Hello',
      channelData: { baton: { messageId: 'b-1', agent: { id: 'agent:alice', name: 'Alice' } } },
    },
    { id: 'conv|000000000000000003', from: 'baton-agent', channelData: { baton: { handoff: 'agent' } } },
  ],
  watermark: '3',
};
export const DIRECTLINE_HANDOFF = {
  conversationId: 'conv',
  token: 't',
  expiresIn: 1800,
  user: { id: 'u-1', name: 'Maya' },
  reason: 'Asked for a person',
};
export const DIRECTLINE_ERROR = { error: { code: 'BadArgument', message: 'nope', statusCode: 400 } };

export const DIREQT_DELIVERIES = [
  {
    userId: 'u-1',
    instanceId: 'i-1',
    userMessage: {
      messageType: 'content',
      messageId: 'dm-1',
      content: { contentType: 'text', text: 'Hello', context: 'ctx' },
    },
    surface: 'web',
    userProfile: { displayName: 'Maya' },
  },
  {
    userId: 'u-1',
    userMessage: {
      messageType: 'content',
      messageId: 'dm-2',
      content: {
        contentType: 'geolocation',
        geolocation: { latitude: 48.1, longitude: 11.5, label: 'Home' },
      },
    },
  },
  {
    userId: 'u-1',
    userMessage: {
      messageType: 'content',
      messageId: 'dm-3',
      content: {
        contentType: 'file',
        file: { url: 'https://files.example/a.png', mimeType: 'image/png', name: 'a.png' },
      },
    },
  },
  {
    userId: 'u-1',
    userMessage: {
      messageType: 'action',
      messageId: 'dm-4',
      action: {
        actionType: 'openUrl',
        text: 'Track',
        context: 'c',
        openUrl: { uri: 'https://track.example' },
        location: { latitude: 1, longitude: 2 },
      },
    },
  },
  {
    userId: 'u-1',
    userMessage: {
      messageType: 'status',
      messageId: 'dm-5',
      status: { statusType: 'failed', relatedMessageId: 'x', reason: 'r' },
    },
  },
];

const ENGAGE_MESSAGE = {
  id: 'em-1',
  from: 'expert',
  text: 'Hi, Sam here',
  clientMessageId: 'b-1',
  expertId: 'e-1',
  expertName: 'Sam',
  createdAt: '2026-11-21T10:00:00.000Z',
};
export const DIRECTLY_EVENTS = [
  {
    id: 'ev-1',
    type: 'engage.message',
    createdAt: '2026-11-21T10:00:00.000Z',
    data: { conversationId: 'eg-1', externalId: 'x-1', message: ENGAGE_MESSAGE },
  },
  {
    id: 'ev-2',
    type: 'engage.status',
    createdAt: '2026-11-21T10:00:00.000Z',
    data: {
      conversationId: 'eg-1',
      externalId: 'x-1',
      status: 'assigned',
      expert: { id: 'e-1', name: 'Sam' },
    },
  },
  {
    id: 'ev-3',
    type: 'engage.rated',
    createdAt: '2026-11-21T10:00:00.000Z',
    data: { conversationId: 'eg-1', externalId: 'x-1', rating: 5, comment: 'great' },
  },
  {
    id: 'ev-4',
    type: 'models.trained',
    createdAt: '2026-11-21T10:00:00.000Z',
    data: { jobId: 'j-1', utterances: 12 },
  },
];
export const DIRECTLY_ERROR = {
  error: { code: 'conflict', message: 'Sam has it', expert: { id: 'e-1', name: 'Sam' } },
};

export const CERTAINLY_RESPONSE = [
  {
    error: null,
    message: [
      {
        bot_module: { id: 101, name: 'Start', group_colour: null, kpi_tags: ['handover'] },
        connections: {
          id_message_evaluate: 'q-1',
          reply_to_module_id: 100,
          data: [{ type: 'text', fallback: false }],
        },
        from: 'bot',
        actions: [
          { type: 'text', text: 'Hello!' },
          { type: 'choice', text: 'Pick one', options: [{ text: 'Orders', ref: '7' }, { text: 'Returns' }] },
          { type: 'wait' },
        ],
        id: 5,
        conversation_id: 9,
      },
    ],
  },
];
