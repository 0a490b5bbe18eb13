/**
 * The inbox cache: every conversation the core knows, normalised by id, patched in place by core events.
 *
 * One new snapshot per *batch*, not per event: the event sync hands over all events that arrived within one
 * animation frame. The maps inside are updated in place and the snapshot object is new, so React sees a change
 * without 10,000 entries being copied on every frame (that copy was the largest single cost at 500 events/s).
 * An older snapshot therefore reads current values: nothing keeps one to read later, and React cannot render
 * one half-way, because TanStack Query hands snapshots to React through useSyncExternalStore, which renders
 * synchronously. Untouched conversation objects keep their identity, so memoised rows do not re-render.
 *
 * Each snapshot also records which conversations changed since the one it was made from (and what they
 * were before), so the views and counts derived from it are patched per batch instead of re-filtering and
 * re-sorting all 10,000 conversations on every frame (see `inbox-derived.ts`).
 */
import type { Conversation, EventFrame } from '@contract';

export interface InboxData {
  /** Shared by the snapshots of one fetch and updated in place; read it from the newest snapshot. */
  readonly byId: ReadonlyMap<string, Conversation>;
  /** The event seq the fetched list reflects: events at or below it are already in the list. */
  readonly baseSeq: number;
  /** Seq of the last event applied per conversation (de-duplication, and guarding action results). */
  readonly seqById: ReadonlyMap<string, number>;
}

export const INBOX_QUERY_KEY = ['inbox'] as const;

/** What changed from snapshot version `from` to the next: each changed id and its conversation before. */
export interface InboxChange {
  readonly from: number;
  readonly before: ReadonlyMap<string, Conversation | undefined>;
}

// Versions and changes live beside the snapshots (not in them) so a snapshot never keeps older ones alive.
let lastVersion = 0;
const versions = new WeakMap<InboxData, number>();
const changes = new Map<number, InboxChange>();
const CHANGE_HISTORY = 64;

export function versionOf(data: InboxData): number {
  let version = versions.get(data);
  if (version === undefined) {
    version = ++lastVersion;
    versions.set(data, version);
  }
  return version;
}

function derived(
  previous: InboxData,
  next: InboxData,
  before: ReadonlyMap<string, Conversation | undefined>,
): InboxData {
  const from = versionOf(previous);
  changes.set(versionOf(next), { from, before });
  // Only the last few steps are kept: a reader further behind simply recomputes from scratch.
  if (changes.size > CHANGE_HISTORY) {
    for (const key of changes.keys()) {
      changes.delete(key);
      if (changes.size <= CHANGE_HISTORY) break;
    }
  }
  return next;
}

/**
 * The conversations that changed between snapshot version `since` and `data`, each with its value at
 * `since`; null when that path is no longer known (recompute from scratch).
 */
export function changesSince(data: InboxData, since: number): Map<string, Conversation | undefined> | null {
  const steps: InboxChange[] = [];
  let version = versionOf(data);
  while (version !== since) {
    const change = changes.get(version);
    if (!change || steps.length >= CHANGE_HISTORY) return null;
    steps.push(change);
    version = change.from;
  }
  // Oldest step last in `steps`: walk it first so each id keeps its value as it was at `since`.
  const before = new Map<string, Conversation | undefined>();
  for (let i = steps.length - 1; i >= 0; i--) {
    for (const [id, conversation] of (steps[i] as InboxChange).before) {
      if (!before.has(id)) before.set(id, conversation);
    }
  }
  return before;
}

export function createInboxData(conversations: readonly Conversation[], seq: number): InboxData {
  const byId = new Map<string, Conversation>();
  for (const conversation of conversations) byId.set(conversation.id, conversation);
  return { byId, baseSeq: seq, seqById: new Map() };
}

/** Applies a batch of event frames; returns the same object when nothing in it concerns the list. */
export function applyInboxEvents(data: InboxData, frames: readonly EventFrame[]): InboxData {
  const byId = data.byId as Map<string, Conversation>;
  const seqById = data.seqById as Map<string, number>;
  const before = new Map<string, Conversation | undefined>();
  for (const frame of frames) {
    if (frame.event.type !== 'conversation.upserted' || frame.seq <= data.baseSeq) continue;
    const conversation = frame.event.conversation;
    if (frame.seq <= (seqById.get(conversation.id) ?? 0)) continue; // replayed or duplicated event
    if (!before.has(conversation.id)) before.set(conversation.id, byId.get(conversation.id));
    byId.set(conversation.id, conversation);
    seqById.set(conversation.id, frame.seq);
  }
  return before.size > 0 ? derived(data, { ...data }, before) : data;
}

/**
 * Puts a conversation returned by a request (an action's result, `conversation.open`) into the list, unless an
 * event about it arrived after the request went out: that event is at least as fresh as this snapshot.
 */
export function upsertSnapshot(data: InboxData, conversation: Conversation, seqAtRequest: number): InboxData {
  const lastEventSeq = data.seqById.get(conversation.id) ?? 0;
  if (lastEventSeq > seqAtRequest) return data;
  const previous = data.byId.get(conversation.id);
  if (previous === conversation) return data;
  (data.byId as Map<string, Conversation>).set(conversation.id, conversation);
  return derived(data, { ...data }, new Map([[conversation.id, previous]]));
}

/** A removed workspace takes its conversations with it; returns the same object when it had none. */
export function dropWorkspaces(data: InboxData, workspaceIds: ReadonlySet<string>): InboxData {
  const byId = data.byId as Map<string, Conversation>;
  const before = new Map<string, Conversation | undefined>();
  for (const [id, conversation] of byId) {
    if (workspaceIds.has(conversation.workspaceId)) before.set(id, conversation);
  }
  for (const id of before.keys()) byId.delete(id);
  return before.size > 0 ? derived(data, { ...data }, before) : data;
}
