/**
 * Direct Line messages in Baton's terms. 1.1 has no sender role, so the role comes from `from`: Baton's own
 * stable id is the agent, the user named in the handoff notification is the customer, anyone else the bot.
 * One Direct Line message may carry text, images and attachments: each becomes its own Baton message.
 */
import type { MessageContent } from '../../contract';
import type { PlatformMessage } from '../../core/connector';
import type { Message } from './wire';
import { absoluteUrl, AGENT_FROM, batonData } from './wire';
import { fitContent } from '../../core/fit-content';

function fileName(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').at(-1);
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

function fileContent(url: string, mimeType: string | undefined): MessageContent {
  const name = fileName(url);
  return {
    type: 'file',
    url,
    ...(name !== undefined && { name }),
    ...(mimeType !== undefined && { mimeType }),
  };
}

function imageMimeType(url: string): string {
  const extension = /\.([a-z0-9]+)(?:$|\?)/i.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
  };
  // `images` are images by definition; the exact type is only a hint when the name does not say.
  return (extension !== undefined && known[extension]) || 'image/*';
}

export function toPlatformMessages(baseUrl: string, message: Message, customerId: string): PlatformMessage[] {
  const id = message.id;
  if (!id) return [];
  const baton = batonData(message);
  // Handover steps are not messages: the core draws markers for them.
  if (message.from === AGENT_FROM && baton?.handoff !== undefined && !message.text) return [];
  const role: PlatformMessage['role'] =
    message.from === AGENT_FROM ? 'agent' : message.from === customerId ? 'customer' : 'bot';
  const base = {
    role,
    ...(message.from !== undefined && { authorId: message.from }),
    ...(role === 'agent' && baton?.agent && { authorId: baton.agent.id, authorName: baton.agent.name }),
    at: message.created ?? new Date().toISOString(),
  };
  const contents: MessageContent[] = [];
  if (message.text && message.text.trim() !== '') contents.push({ type: 'text', text: message.text });
  for (const image of message.images ?? []) {
    const url = absoluteUrl(baseUrl, image);
    contents.push(fileContent(url, imageMimeType(url)));
  }
  for (const attachment of message.attachments ?? []) {
    contents.push(fileContent(absoluteUrl(baseUrl, attachment.url), attachment.contentType));
  }
  return contents.map((content, index) => ({
    ...base,
    // The first part keeps the platform's id so an agent's echo maps to the id `reply`/`upload` returned.
    platformMessageId: index === 0 ? id : `${id}#${index}`,
    ...(role === 'agent' &&
      index === 0 &&
      baton?.messageId !== undefined && { clientMessageId: baton.messageId }),
    // Too-long text is shortened and a link that is not a URL is said plainly, so each part fits the contract.
    content: fitContent(content),
  }));
}
