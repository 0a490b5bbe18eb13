/**
 * The inbox cache: every conversation the core knows, normalised by id, patched in place by core events.
 *
 * Copy-on-write per *batch*, not per event: the event sync hands over all events that arrived within one
 * animation frame, and this module copies the map once for the whole batch. Untouched conversation objects
 * keep their identity, so memoised rows do not re-render.
 */
import type { Conversation, EventFrame } from '@contract';

export interface InboxData {
  readonly byId: ReadonlyMap<string, Conversation>;
  /** The event seq the fetched list reflects: events at or below it are already in the list. */
  readonly baseSeq: number;
  /** Seq of the last event applied per conversation (de-duplication, and guarding action results). */
  readonly seqById: ReadonlyMap<string, number>;
}

export const INBOX_QUERY_KEY = ['inbox'] as const;

export function createInboxData(conversations: readonly Conversation[], seq: number): InboxData {
  const byId = new Map<string, Conversation>();
  for (const conversation of conversations) byId.set(conversation.id, conversation);
  return { byId, baseSeq: seq, seqById: new Map() };
}

/** Applies a batch of event frames; returns the same object when nothing in it concerns the list. */
export function applyInboxEvents(data: InboxData, frames: readonly EventFrame[]): InboxData {
  let byId: Map<string, Conversation> | null = null;
  let seqById: Map<string, number> | null = null;
  for (const frame of frames) {
    if (frame.event.type !== 'conversation.upserted' || frame.seq <= data.baseSeq) continue;
    const conversation = frame.event.conversation;
    const lastSeq = (seqById ?? data.seqById).get(conversation.id) ?? 0;
    if (frame.seq <= lastSeq) continue; // replayed or duplicated event
    byId ??= new Map(data.byId);
    seqById ??= new Map(data.seqById);
    byId.set(conversation.id, conversation);
    seqById.set(conversation.id, frame.seq);
  }
  return byId && seqById ? { ...data, byId, seqById } : data;
}

/**
 * Puts a conversation returned by a request (an action's result, `conversation.open`) into the list, unless an
 * event about it arrived after the request went out: that event is at least as fresh as this snapshot.
 */
export function upsertSnapshot(data: InboxData, conversation: Conversation, seqAtRequest: number): InboxData {
  const lastEventSeq = data.seqById.get(conversation.id) ?? 0;
  if (lastEventSeq > seqAtRequest) return data;
  if (data.byId.get(conversation.id) === conversation) return data;
  const byId = new Map(data.byId);
  byId.set(conversation.id, conversation);
  return { ...data, byId };
}

/** A removed workspace takes its conversations with it; returns the same object when it had none. */
export function dropWorkspaces(data: InboxData, workspaceIds: ReadonlySet<string>): InboxData {
  let byId: Map<string, Conversation> | null = null;
  for (const [id, conversation] of data.byId) {
    if (!workspaceIds.has(conversation.workspaceId)) continue;
    byId ??= new Map(data.byId);
    byId.delete(id);
  }
  return byId ? { ...data, byId } : data;
}
