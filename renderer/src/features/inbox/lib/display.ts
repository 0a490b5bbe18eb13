import type { Conversation } from '@contract';

/** Platforms may send an empty display name; the agent still needs something to call the row by. */
export function customerName(conversation: Pick<Conversation, 'customer'>): string {
  const name = conversation.customer.name.trim();
  return name || `Customer ${conversation.customer.id.slice(-6)}`;
}

const PREVIEW_PREFIX: Record<string, string> = { bot: 'Bot: ', agent: 'Agent: ', system: '' };

export function previewPrefix(role: string, meName: string | null, assigneeName: string | undefined): string {
  if (role === 'agent' && assigneeName && assigneeName === meName) return 'You: ';
  return PREVIEW_PREFIX[role] ?? '';
}
