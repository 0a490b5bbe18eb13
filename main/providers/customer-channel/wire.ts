/**
 * The bodies and paths of Baton's channel API as the customer channel sees them (README.md): what it posts
 * to the gateway, and what Baton posts to its callback. Kept in one place so the gateway's final word can
 * correct it here.
 */
import type { MessageContent } from '../../contract';

/** Largest body either side accepts; bigger requests are answered 413. */
export { MAX_CHANNEL_BODY_BYTES as MAX_BODY_BYTES } from '../../core/gateway/channel-wire';

export const channelPaths = {
  /** On the gateway: where a customer's message goes. */
  messages: (workspaceId: string): string => `/channels/${encodeURIComponent(workspaceId)}/messages`,
  /** On the channel: where Baton delivers bot and agent messages. */
  callback: (workspaceId: string): string => `/callback/${encodeURIComponent(workspaceId)}`,
} as const;

/** The bodies are the gateway's own schemas, so the two sides cannot drift apart. */
import { ChannelCustomerMessage, ChannelDelivery } from '../../core/gateway/channel-wire';

export const CustomerMessageBody = ChannelCustomerMessage;
export type CustomerMessageBody = ChannelCustomerMessage;
export type ChannelCustomer = ChannelCustomerMessage['customer'];
/** Baton → customer channel: `POST {callbackUrl}`. */
export const CallbackBody = ChannelDelivery;
export type CallbackBody = ChannelDelivery;

/** Error body on both sides: `{ "error": { "code", "message" } }`. */
export const errorBody = (code: string, message: string): { error: { code: string; message: string } } => ({
  error: { code, message },
});

/** What a customer reads of a message: its text, a card's title, a file's name. */
export function contentText(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'card':
      return [content.card.title, content.card.description].filter(Boolean).join(' — ');
    case 'carousel':
      return content.cards.map((card) => card.title).join(' | ');
    case 'file':
      return content.name ?? content.url;
    case 'geolocation':
      return content.label ?? `${content.latitude}, ${content.longitude}`;
    case 'event':
    case 'action':
      return content.text;
  }
}

/** Quick replies offered with a message, which a scripted customer may tap. */
export function replySuggestions(content: MessageContent): { text: string; context?: string }[] {
  if (!('suggestions' in content) || !content.suggestions) return [];
  return content.suggestions.flatMap((s) =>
    s.type === 'reply' ? [{ text: s.text, ...(s.context !== undefined && { context: s.context }) }] : [],
  );
}
