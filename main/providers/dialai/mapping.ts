/**
 * Dialai's transcripts and messages in the connector interface's terms. Only facts are mapped; the core
 * decides what they mean for Baton's handover states.
 */
import { LIMITS } from '../../contract';
import type { MessageContent, Suggestion } from '../../contract';
import type { PlatformConversation, PlatformHolder, PlatformMessage } from '../../core/connector';
import type { WireMessage, WireTranscript } from './wire';

/** The contract's limits on a quick reply. */
const SUGGESTION_CHARS = 25;
const SUGGESTIONS_MAX = 13;

export function toHolder(t: WireTranscript): PlatformHolder {
  switch (t.status) {
    case 'active':
      return { kind: 'bot' };
    case 'escalated':
      return { kind: 'waiting', since: t.escalatedAt ?? t.updatedAt, reason: t.escalationReason };
    case 'csr':
      // A CSR holder without a name would be a platform bug; show the id rather than nothing.
      return {
        kind: 'agent',
        agentId: t.csr?.csrId ?? 'unknown',
        agentName: t.csr?.csrName ?? t.csr?.csrId ?? 'CSR',
      };
    case 'completed':
      return { kind: 'closed', at: t.completedAt ?? t.updatedAt };
  }
}

export function toPlatformConversation(t: WireTranscript): PlatformConversation {
  return {
    platformConversationId: t.id,
    customer: { id: t.customer.id, name: t.customer.name.slice(0, LIMITS.nameChars * 2) },
    channel: t.channel,
    holder: toHolder(t),
    createdAt: t.createdAt,
    tags: [...t.tags],
  };
}

function textOf(text: string): string {
  return text.trim() === '' ? '(empty message)' : text.slice(0, LIMITS.textChars);
}

function contentOf(m: WireMessage): MessageContent {
  const suggestions: Suggestion[] = (m.quickReplies ?? [])
    .map((reply) => reply.trim())
    .filter((reply) => reply !== '')
    .slice(0, SUGGESTIONS_MAX)
    .map((reply) => ({ type: 'reply', text: reply.slice(0, SUGGESTION_CHARS) }));
  return { type: 'text', text: textOf(m.text), ...(suggestions.length > 0 && { suggestions }) };
}

const ROLES = { user: 'customer', bot: 'bot', csr: 'agent', system: 'system' } as const;

/**
 * The transcript's messages for the core. Dialai records each handover step as a system message too; the
 * core draws its own marker for every state change on every platform, so those are left out here.
 */
export function toPlatformMessages(messages: readonly WireMessage[]): PlatformMessage[] {
  return messages.filter((m) => !(m.role === 'system' && m.event)).map(toPlatformMessage);
}

function toPlatformMessage(m: WireMessage): PlatformMessage {
  return {
    platformMessageId: m.id,
    role: ROLES[m.role],
    content: contentOf(m),
    at: m.createdAt,
    ...(m.role === 'csr' && {
      ...(m.csrId !== undefined && { authorId: m.csrId }),
      ...(m.csrName !== undefined && { authorName: m.csrName }),
      ...(m.clientMessageId !== undefined && { clientMessageId: m.clientMessageId }),
    }),
  };
}
