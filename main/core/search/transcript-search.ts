/**
 * Transcript search across every workspace, over the core's in-memory messages. Kept behind one function
 * so an indexed (SQLite) search can replace it without touching its callers.
 */
import type { Conversation, Message, TranscriptHit } from '../../contract';
import { previewOf } from '../inbox-store';

export interface SearchSource {
  listConversations(): Conversation[];
  getMessages(conversationId: string): Message[];
}

const SNIPPET_CHARS = 120;

function searchableText(message: Message): string {
  const content = message.content;
  switch (content.type) {
    case 'text':
    case 'event':
    case 'action':
      return content.text;
    case 'card':
      return `${content.card.title} ${content.card.description ?? ''}`;
    case 'carousel':
      return content.cards.map((c) => `${c.title} ${c.description ?? ''}`).join(' ');
    default:
      return previewOf(message);
  }
}

/** A window of the text around the first match, with an ellipsis where it was cut. */
export function snippetAround(text: string, index: number, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= SNIPPET_CHARS) return flat;
  const start = Math.max(0, Math.min(index - 40, flat.length - SNIPPET_CHARS));
  const end = Math.min(flat.length, Math.max(start + SNIPPET_CHARS, index + length));
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/**
 * Case-insensitive, every word of the query must appear in the message (or the customer's name); newest
 * conversations first, one hit per matching message, timeline markers left out.
 */
export function searchTranscripts(source: SearchSource, query: string, limit = 50): TranscriptHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: TranscriptHit[] = [];
  const conversations = [...source.listConversations()].sort((a, b) =>
    b.lastActivityAt.localeCompare(a.lastActivityAt),
  );
  for (const conversation of conversations) {
    const name = conversation.customer.name.toLowerCase();
    for (const message of source.getMessages(conversation.id)) {
      if (message.content.type === 'event') continue;
      const text = searchableText(message);
      const lower = text.toLowerCase();
      if (!words.every((w) => lower.includes(w) || name.includes(w))) continue;
      const first = words.map((w) => lower.indexOf(w)).find((i) => i >= 0) ?? 0;
      hits.push({
        conversationId: conversation.id,
        messageId: message.id,
        customerName: conversation.customer.name,
        platform: conversation.platform,
        workspaceId: conversation.workspaceId,
        role: message.author.role,
        internal: message.internal === true,
        snippet: snippetAround(text, first, words[0]?.length ?? 0),
        at: message.at,
      });
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}
