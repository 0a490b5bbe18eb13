/**
 * Transcript search across every workspace, over the core's in-memory messages. Kept behind one function
 * so an indexed (SQLite) search can replace it without touching its callers.
 */
import type { Conversation, Message, MessageContent, TranscriptHit } from '../../contract';

export interface SearchSource {
  listConversations(): Conversation[];
  getMessages(conversationId: string): Message[];
}

const SNIPPET_CHARS = 120;

/** The words of a message a person would search for; timeline markers and actions are not transcript text. */
export function searchableText(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'card':
      return [content.card.title, content.card.description ?? ''].join(' ').trim();
    case 'carousel':
      return content.cards.map((card) => [card.title, card.description ?? ''].join(' ').trim()).join(' ');
    case 'file':
      return content.name ?? '';
    case 'geolocation':
      return content.label ?? '';
    case 'event':
    case 'action':
      return '';
  }
}

export function transcriptHit(conversation: Conversation, message: Message, snippet: string): TranscriptHit {
  return {
    conversationId: conversation.id,
    messageId: message.id,
    customerName: conversation.customer.name,
    platform: conversation.platform,
    workspaceId: conversation.workspaceId,
    role: message.author.role,
    internal: message.internal === true,
    snippet,
    at: message.at,
  };
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
      const text = searchableText(message.content);
      const lower = text.toLowerCase();
      if (!words.every((w) => lower.includes(w) || name.includes(w))) continue;
      const first = words.map((w) => lower.indexOf(w)).find((i) => i >= 0) ?? 0;
      hits.push(transcriptHit(conversation, message, snippetAround(text, first, words[0]?.length ?? 0)));
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}
