/**
 * Platform content must fit the contract before it is stored or sent to a client: a platform may send text
 * longer than the console takes, or a "file" whose link is not a URL. Rather than refuse the customer's
 * message, Baton shortens what is too long and says plainly what it cannot show.
 */
import { LIMITS, MessageContent } from '../contract';

const CONTEXT_CHARS = 500;
const LABEL_CHARS = 200;

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

export function fitContent(content: MessageContent): MessageContent {
  if (MessageContent.safeParse(content).success) return content;
  let repaired: MessageContent;
  switch (content.type) {
    case 'text':
      repaired = {
        ...content,
        text: clip(content.text.trim() || '(empty message)', LIMITS.textChars),
        ...(content.context !== undefined && { context: clip(content.context, CONTEXT_CHARS) }),
      };
      break;
    case 'file':
      repaired = { type: 'text', text: 'Sent a file Baton cannot open: its link is not a valid URL.' };
      break;
    case 'geolocation':
      repaired = {
        type: 'geolocation',
        latitude: content.latitude,
        longitude: content.longitude,
        ...(content.label !== undefined && { label: clip(content.label, LABEL_CHARS) }),
      };
      break;
    case 'action':
      repaired = {
        type: 'action',
        action: content.action,
        text: clip(content.text, LABEL_CHARS),
        ...(content.context !== undefined && { context: clip(content.context, CONTEXT_CHARS) }),
      };
      break;
    default:
      repaired = content;
  }
  return MessageContent.safeParse(repaired).success
    ? repaired
    : { type: 'text', text: `(a ${content.type} message Baton cannot show)` };
}
