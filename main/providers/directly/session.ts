/**
 * What the connector remembers of one relayed conversation. Directly keeps no transcript of the bot phase
 * (Understand and Automate are stateless calls), so the connector holds it: it feeds the Engage escalation's
 * transcript and `fetchMessages`, and the latest understanding feeds the agent's side panel.
 */
import type { Customer, DetailSection } from '../../contract';
import type { PlatformConversation, PlatformHolder, PlatformMessage } from '../../core/connector';
import type { Expert, TranscriptEntry, UnderstandResult } from './wire';

/** The channel name Baton shows for relayed Directly conversations (the company's own chat). */
export const DIRECTLY_CHANNEL = 'chat';
/** Engage takes at most this many transcript entries; the latest are the ones worth sending. */
const TRANSCRIPT_LIMIT = 500;

export interface Session {
  /** The channel's conversation id, used as Baton's platform conversation id and Directly's `externalId`. */
  id: string;
  customer: Customer;
  createdAt: string;
  holder: PlatformHolder;
  understanding?: UnderstandResult;
  /** Set right after Automate answered: the next "yes"/"no" is feedback on this automation. */
  awaitingFeedback?: string;
  /** Customer words and automated answers since the conversation last left a human. */
  transcript: TranscriptEntry[];
  /** The customer's last words: what Engage gets as the utterance. */
  lastUtterance?: string;
  /** The current (or, once closed, the last) Engage conversation. */
  engage?: { id: string; expert: Expert; open: boolean };
  messages: PlatformMessage[];
  /** Channel message ids fully handled; a repeat of one is ignored, a failed one is tried again. */
  handled: Set<string>;
  /** Baton message ids sent as the expert: their webhook echo marks them delivered. */
  replies: Set<string>;
  /** Engage message ids already passed on to the customer (webhooks may be delivered again). */
  relayed: Set<string>;
}

export function createSession(id: string, customer: Customer, at: string): Session {
  return {
    id,
    customer,
    createdAt: at,
    holder: { kind: 'bot' },
    transcript: [],
    messages: [],
    handled: new Set(),
    replies: new Set(),
    relayed: new Set(),
  };
}

export function addTranscript(session: Session, entry: TranscriptEntry): void {
  session.transcript.push(entry);
  if (session.transcript.length > TRANSCRIPT_LIMIT) session.transcript.shift();
}

/** Records a message for `fetchMessages` unless it is already there (a retried customer message). */
export function remember(session: Session, message: PlatformMessage): boolean {
  if (session.messages.some((m) => m.platformMessageId === message.platformMessageId)) return false;
  session.messages.push(message);
  return true;
}

export function directlyDetails(session: Session): DetailSection[] {
  const u = session.understanding;
  if (!u && !session.engage) return [];
  const items = u
    ? [
        { label: 'Intent', value: u.intent ?? '—' },
        { label: 'Confidence', value: `${Math.round(u.confidence * 100)}%` },
        { label: 'Next step', value: u.nextStep },
        { label: 'Recognised', value: u.recognized ? 'yes' : 'no' },
        { label: 'Automation id', value: u.automationId ?? '—' },
      ]
    : [];
  if (session.engage) items.push({ label: 'Engage conversation', value: session.engage.id });
  return [{ title: 'Directly', items }];
}

export function toPlatformConversation(session: Session): PlatformConversation {
  return {
    platformConversationId: session.id,
    customer: session.customer,
    channel: DIRECTLY_CHANNEL,
    holder: session.holder,
    createdAt: session.createdAt,
    details: directlyDetails(session),
  };
}
