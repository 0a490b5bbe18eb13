/**
 * Turns a connector's platform facts into Baton conversations and messages. Kept apart from the core so
 * the mapping rules (who holds what, what counts as waiting) read in one place.
 */
import type { Agent, Conversation, Message, PlatformKind } from '../contract';
import { conversationKey } from '../contract';
import { fitContent } from './fit-content';
import type { PlatformConversation, PlatformHolder, PlatformMessage } from './connector';

type HolderFields = Pick<
  Conversation,
  'state' | 'assignee' | 'waitingSince' | 'escalationReason' | 'closedAt'
>;

/** The holder fields for a platform holder, keeping what the platform does not say (the first wait time). */
export function holderFields(holder: PlatformHolder, current: Conversation | undefined): HolderFields {
  switch (holder.kind) {
    case 'bot':
      return { state: 'bot', assignee: null, waitingSince: null, escalationReason: null, closedAt: null };
    case 'waiting':
      return {
        state: 'waiting',
        assignee: null,
        waitingSince:
          current?.state === 'waiting' && current.waitingSince ? current.waitingSince : holder.since,
        escalationReason: holder.reason,
        closedAt: null,
      };
    case 'agent': {
      const assignee: Agent = { id: holder.agentId, name: holder.agentName };
      return { state: 'agent', assignee, waitingSince: null, escalationReason: null, closedAt: null };
    }
    case 'closed':
      // The last holder stays on a closed conversation, so the UI can say who closed it and who may rate it.
      return {
        state: 'closed',
        assignee: current?.assignee ?? null,
        waitingSince: null,
        escalationReason: current?.escalationReason ?? null,
        closedAt: current?.closedAt ?? holder.at,
      };
  }
}

export function newConversation(
  workspaceId: string,
  platform: PlatformKind,
  source: PlatformConversation,
): Conversation {
  return {
    id: conversationKey(workspaceId, source.platformConversationId),
    workspaceId,
    platform,
    platformConversationId: source.platformConversationId,
    customer: source.customer,
    channel: source.channel,
    createdAt: source.createdAt,
    lastActivityAt: source.createdAt,
    lastMessage: null,
    messageCount: 0,
    unread: 0,
    tags: source.tags ?? [],
    rating: null,
    details: source.details ?? [],
    ...holderFields(source.holder, undefined),
  };
}

export function messageFromPlatform(conversationId: string, source: PlatformMessage): Message {
  return {
    // Our own message echoed before we recorded it (an upload still in flight) keeps Baton's id, so the two
    // are one message.
    id: source.clientMessageId ?? source.platformMessageId,
    conversationId,
    author: {
      role: source.role,
      ...(source.authorId ? { id: source.authorId } : {}),
      ...(source.authorName ? { name: source.authorName } : {}),
    },
    content: fitContent(source.content),
    at: source.at,
    ...(source.role === 'agent' ? { delivery: { state: 'delivered' as const, at: source.at } } : {}),
  };
}
