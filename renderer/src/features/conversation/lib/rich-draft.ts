/**
 * The rich part of a reply being composed (suggestions, a card, a carousel, a file) and the rules it must meet
 * before it can be sent. The limits are the contract's; the friendly checks run first (so the agent reads
 * "2 characters over 25" rather than a schema path), then the contract's own `MessageContent` schema has the
 * last word, so the UI and the core always agree.
 */
import { LIMITS, MessageContent } from '@contract';
import type { CapabilityName, Card, Suggestion } from '@contract';
import { isE164, isMediaUrl, isSafeExternalUrl } from '../../../lib/links';

export const RICH_LIMITS = {
  title: 200,
  description: 2000,
  suggestionText: 25,
  suggestions: 13,
  buttons: 4,
  minCards: 2,
  cards: 10,
  context: 500,
  fileName: 255,
} as const;

export type SuggestionKind = Suggestion['type'];

/** One suggestion or card button as typed: `value` is the context (reply), URL (openUrl) or number (dial). */
export interface SuggestionDraft {
  type: SuggestionKind;
  text: string;
  value: string;
}

export interface CardDraft {
  title: string;
  description: string;
  mediaUrl: string;
  buttons: SuggestionDraft[];
}

export interface UploadFile {
  name: string;
  mimeType: string;
  size: number;
  dataBase64: string;
}

export type Attachment =
  | { kind: 'card'; card: CardDraft }
  | { kind: 'carousel'; cards: CardDraft[] }
  | { kind: 'file'; url: string; name: string; mimeType: string }
  | { kind: 'upload'; file: UploadFile };

export interface RichDraft {
  attachment: Attachment | null;
  /** null while the suggestions editor is closed. */
  suggestions: SuggestionDraft[] | null;
}

export const EMPTY_RICH_DRAFT: RichDraft = { attachment: null, suggestions: null };

export const emptySuggestion = (): SuggestionDraft => ({ type: 'reply', text: '', value: '' });
export const emptyCard = (): CardDraft => ({ title: '', description: '', mediaUrl: '', buttons: [] });

/** What the Add menu may offer, from the workspace's capabilities only. */
export interface AddOptions {
  suggestions: boolean;
  card: boolean;
  carousel: boolean;
  fileUrl: boolean;
  upload: boolean;
}

export function addOptions(supported: readonly CapabilityName[]): AddOptions {
  const rich = supported.includes('richContent');
  return {
    suggestions: supported.includes('quickReplies'),
    card: rich,
    carousel: rich,
    fileUrl: rich,
    upload: supported.includes('attachments'),
  };
}

export const E164_HINT = 'E.164 format: + and country code, e.g. +14155550123';

function over(length: number, limit: number): string {
  const n = length - limit;
  return `${n} ${n === 1 ? 'character' : 'characters'} over ${limit}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file may not be uploaded, or null. */
export function uploadProblem(name: string, size: number): string | null {
  if (size > LIMITS.uploadBytes)
    return `“${name}” is ${formatBytes(size)}, over the ${formatBytes(LIMITS.uploadBytes)} upload limit.`;
  if (size === 0) return `“${name}” is empty.`;
  return null;
}

/** Problems with one suggestion (`label` names it: "Suggestion 2", "Card 1 button 3"). */
export function suggestionProblems(s: SuggestionDraft, label: string): string[] {
  const problems: string[] = [];
  const text = s.text.trim();
  if (!text) problems.push(`${label}: add the text the customer sees`);
  else if (text.length > RICH_LIMITS.suggestionText)
    problems.push(`${label} text is ${over(text.length, RICH_LIMITS.suggestionText)}`);
  const value = s.value.trim();
  if (s.type === 'openUrl' && !isSafeExternalUrl(value))
    problems.push(`${label}: the link must be an https URL`);
  if (s.type === 'dial' && !isE164(value)) problems.push(`${label}: the number must be in ${E164_HINT}`);
  if (s.type === 'reply' && value.length > RICH_LIMITS.context)
    problems.push(`${label} context is ${over(value.length, RICH_LIMITS.context)}`);
  return problems;
}

export function cardProblems(card: CardDraft, label: string): string[] {
  const problems: string[] = [];
  const title = card.title.trim();
  if (!title) problems.push(`${label}: add a title`);
  else if (title.length > RICH_LIMITS.title)
    problems.push(`${label} title is ${over(title.length, RICH_LIMITS.title)}`);
  if (card.description.length > RICH_LIMITS.description)
    problems.push(`${label} description is ${over(card.description.length, RICH_LIMITS.description)}`);
  const media = card.mediaUrl.trim();
  if (media && !isMediaUrl(media)) problems.push(`${label}: the image must be an https URL`);
  if (card.buttons.length > RICH_LIMITS.buttons)
    problems.push(`${label} has ${card.buttons.length} buttons; at most ${RICH_LIMITS.buttons}`);
  card.buttons.forEach((b, i) => problems.push(...suggestionProblems(b, `${label} button ${i + 1}`)));
  return problems;
}

function toSuggestion(s: SuggestionDraft): Suggestion {
  const text = s.text.trim();
  const value = s.value.trim();
  if (s.type === 'openUrl') return { type: 'openUrl', text, url: value };
  if (s.type === 'dial') return { type: 'dial', text, phoneNumber: value };
  return value ? { type: 'reply', text, context: value } : { type: 'reply', text };
}

function toCard(c: CardDraft): Card {
  const card: Card = { title: c.title.trim() };
  if (c.description.trim()) card.description = c.description;
  if (c.mediaUrl.trim()) card.mediaUrl = c.mediaUrl.trim();
  if (c.buttons.length) card.buttons = c.buttons.map(toSuggestion);
  return card;
}

export type Outgoing =
  { kind: 'reply'; content: MessageContent; keepText: boolean } | { kind: 'upload'; file: UploadFile };

export interface Plan {
  /** What Send would send, or null (nothing yet, or a problem). */
  outgoing: Outgoing | null;
  /** Every rule broken, worded for the agent; the first is the reason Send is disabled. */
  problems: string[];
}

/**
 * What pressing Send would do. With a card, carousel or file attached, Send sends that and the text box keeps
 * its text for the next message; with none, the text (and any suggestions) is the message.
 */
export function planSend(text: string, draft: RichDraft): Plan {
  const problems: string[] = [];
  const suggestions = draft.suggestions ?? [];
  if (suggestions.length > RICH_LIMITS.suggestions)
    problems.push(`${suggestions.length} suggestions; at most ${RICH_LIMITS.suggestions}`);
  suggestions.forEach((s, i) => problems.push(...suggestionProblems(s, `Suggestion ${i + 1}`)));
  const withSuggestions = suggestions.length ? { suggestions: suggestions.map(toSuggestion) } : {};
  const a = draft.attachment;

  if (a?.kind === 'upload') {
    const problem = uploadProblem(a.file.name, a.file.size);
    if (problem) problems.push(problem);
    if (suggestions.length)
      problems.push('Suggestions cannot go with an upload; remove them or send them separately');
    return { outgoing: problems.length ? null : { kind: 'upload', file: a.file }, problems };
  }

  let content: MessageContent | null = null;
  const trimmed = text.trim();
  if (!a) {
    if (trimmed.length > LIMITS.textChars)
      problems.push(`${trimmed.length - LIMITS.textChars} characters over the limit`);
    if (!trimmed && suggestions.length) problems.push('Write the message that goes with the suggestions');
    if (trimmed) content = { type: 'text', text: trimmed, ...withSuggestions };
  } else if (a.kind === 'card') {
    problems.push(...cardProblems(a.card, 'Card'));
    content = { type: 'card', card: toCard(a.card), ...withSuggestions };
  } else if (a.kind === 'carousel') {
    if (a.cards.length < RICH_LIMITS.minCards)
      problems.push(`A carousel needs at least ${RICH_LIMITS.minCards} cards`);
    if (a.cards.length > RICH_LIMITS.cards)
      problems.push(`A carousel has at most ${RICH_LIMITS.cards} cards`);
    a.cards.forEach((c, i) => problems.push(...cardProblems(c, `Card ${i + 1}`)));
    content = { type: 'carousel', cards: a.cards.map(toCard), ...withSuggestions };
  } else {
    const url = a.url.trim();
    if (!isMediaUrl(url)) problems.push('The file URL must be an https URL');
    if (a.name.length > RICH_LIMITS.fileName)
      problems.push(`The file name is ${over(a.name.length, RICH_LIMITS.fileName)}`);
    content = {
      type: 'file',
      url,
      ...(a.name.trim() ? { name: a.name.trim() } : {}),
      ...(a.mimeType.trim() ? { mimeType: a.mimeType.trim() } : {}),
      ...withSuggestions,
    };
  }

  if (problems.length || !content) return { outgoing: null, problems };
  // The contract has the last word: what it refuses, the core would refuse too.
  const parsed = MessageContent.safeParse(content);
  if (!parsed.success) {
    return {
      outgoing: null,
      problems: parsed.error.issues.map((i) => `${i.path.map(String).join(' ') || 'Message'}: ${i.message}`),
    };
  }
  return { outgoing: { kind: 'reply', content: parsed.data, keepText: !!a }, problems };
}

/** Reads a picked file as base64 (chunked, so a 2 MB file does not blow the argument limit). */
export async function readAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** One line for a reply the core has not confirmed yet ("Card: Spring sale"). */
export function contentSummary(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'card':
      return `Card: ${content.card.title}`;
    case 'carousel':
      return `Carousel: ${content.cards.length} cards`;
    case 'file':
      return `File: ${content.name || content.url}`;
    case 'geolocation':
      return `Location: ${content.label ?? `${content.latitude}, ${content.longitude}`}`;
    case 'action':
    case 'event':
      return content.text;
  }
}
