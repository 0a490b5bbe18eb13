/**
 * Turns messages (+ the agent's unconfirmed sends) into the rows the transcript draws: day separators,
 * messages with or without their author line (consecutive messages by one author within a few minutes are
 * grouped), and pending sends not yet matched by the core's copy.
 */
import type { Message } from '@contract';
import type { PendingSend } from '../stores/compose-store';

export type TranscriptItem =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: Message; showAuthor: boolean }
  | { kind: 'pending'; key: string; send: PendingSend };

const GROUP_MS = 5 * 60_000;

// Messages are immutable (an update replaces the object), so their parsed time and calendar day are worked
// out once: the transcript is rebuilt on every batch of events and dates are the costly part of it.
const stamps = new WeakMap<Message, { at: number; day: string }>();

function stampOf(message: Message): { at: number; day: string } {
  let stamp = stamps.get(message);
  if (!stamp) {
    const at = Date.parse(message.at);
    stamp = { at, day: new Date(at).toDateString() };
    stamps.set(message, stamp);
  }
  return stamp;
}

function authorKey(message: Message): string {
  return `${message.author.role}:${message.author.id ?? message.author.name ?? ''}`;
}

function isMarker(message: Message): boolean {
  return message.content.type === 'event' || message.author.role === 'system';
}

export function dayLabel(at: number, now: number): string {
  const day = new Date(at);
  const today = new Date(now);
  if (day.toDateString() === today.toDateString()) return 'Today';
  const yesterday = new Date(now - 86_400_000);
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return day.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
}

/**
 * A pending send is hidden once the core's transcript holds an agent message with the same text sent at or
 * after it (the core's echo can arrive before the action's answer; showing both would look like a double send).
 */
export function unmatchedPending(
  messages: readonly Message[],
  pending: readonly PendingSend[],
  meId: string | null,
): PendingSend[] {
  if (pending.length === 0) return [];
  const used = new Set<string>();
  const result: PendingSend[] = [];
  for (const send of pending) {
    let matched = false;
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (!m) continue;
      if (Date.parse(m.at) < send.createdAt - 60_000) break;
      if (
        !used.has(m.id) &&
        m.author.role === 'agent' &&
        (meId === null || !m.author.id || m.author.id === meId) &&
        m.content.type === 'text' &&
        m.content.text === send.text.trim()
      ) {
        used.add(m.id);
        matched = true;
        break;
      }
    }
    if (!matched) result.push(send);
  }
  return result;
}

export function buildTranscriptItems(
  messages: readonly Message[],
  pending: readonly PendingSend[],
  meId: string | null,
  now: number,
): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  let lastDay = '';
  let previous: Message | null = null;
  for (const message of messages) {
    const { at, day } = stampOf(message);
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `day:${day}`, label: dayLabel(at, now) });
      lastDay = day;
      previous = null;
    }
    const showAuthor =
      isMarker(message) ||
      !previous ||
      isMarker(previous) ||
      authorKey(previous) !== authorKey(message) ||
      at - stampOf(previous).at > GROUP_MS;
    items.push({ kind: 'message', key: message.id, message, showAuthor });
    previous = message;
  }
  for (const send of unmatchedPending(messages, pending, meId)) {
    items.push({ kind: 'pending', key: `pending:${send.actionId}`, send });
  }
  return items;
}
