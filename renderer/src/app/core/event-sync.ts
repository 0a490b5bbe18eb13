/**
 * Core events → TanStack Query caches. Events are batched per animation frame and applied to the caches in
 * place (see inbox-cache / transcript-cache). A short history of recent events is kept so that a list or
 * transcript fetched while events were streaming can be brought up to date without a gap.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { EventFrame, Workspace } from '@contract';
import { INBOX_QUERY_KEY, applyInboxEvents, dropWorkspaces } from '../../features/inbox/api/inbox-cache';
import type { InboxData } from '../../features/inbox/api/inbox-cache';
import { applyTranscriptEvents, transcriptKey } from '../../features/conversation/api/transcript-cache';
import type { TranscriptData } from '../../features/conversation/api/transcript-cache';
import { useTypingStore } from '../../features/conversation/stores/typing-store';
import { useViewersStore } from '../../features/conversation/stores/viewers-store';
import { WORKSPACES_QUERY_KEY } from '../../features/workspaces/api/workspaces-key';
import { applyQueueEvents, QUEUE_QUERY_KEY } from '../../features/queue/api/queue-cache';
import type { QueueData } from '../../features/queue/api/queue-cache';
import { FrameBatcher } from './frame-batcher';
import type { Pacer, Schedule } from './frame-batcher';

const HISTORY_LIMIT = 5_000;

export class EventSync {
  private readonly batcher: FrameBatcher<EventFrame>;
  private history: EventFrame[] = [];

  constructor(
    private readonly queryClient: QueryClient,
    schedule?: Schedule,
    pacer?: Pacer,
  ) {
    this.batcher = new FrameBatcher((frames) => this.apply(frames), schedule, pacer);
  }

  private readonly immediate = new Set<(frame: EventFrame) => void>();

  /**
   * Listens to every event as it arrives, before the per-frame batching: notifications must not wait for an
   * animation frame, which a hidden or minimised window never paints.
   */
  listen(listener: (frame: EventFrame) => void): () => void {
    this.immediate.add(listener);
    return () => this.immediate.delete(listener);
  }

  accept(frame: EventFrame): void {
    for (const listener of this.immediate) listener(frame);
    this.history.push(frame);
    // Trim in chunks so the history does not shift an array on every event.
    if (this.history.length > HISTORY_LIMIT * 1.5) this.history = this.history.slice(-HISTORY_LIMIT);
    this.batcher.push(frame);
  }

  /** Recent events after `seq` (optionally for one conversation), to replay onto a fresh fetch. */
  eventsAfter(seq: number, conversationId?: string): EventFrame[] {
    this.batcher.flush();
    return this.history.filter(
      (frame) => frame.seq > seq && (!conversationId || concerns(frame, conversationId)),
    );
  }

  /** The stream restarted (not resumed): old history no longer lines up with what the core will send. */
  reset(): void {
    this.batcher.flush();
    this.history = [];
    useViewersStore.getState().reset();
  }

  flush(): void {
    this.batcher.flush();
  }

  private apply(frames: EventFrame[]): void {
    const client = this.queryClient;
    client.setQueryData<InboxData>(INBOX_QUERY_KEY, (old) => (old ? applyInboxEvents(old, frames) : old));
    if (frames.some((frame) => frame.event.type === 'queue.updated')) {
      client.setQueryData<QueueData>(QUEUE_QUERY_KEY, (old) => (old ? applyQueueEvents(old, frames) : old));
    }

    const byConversation = new Map<string, EventFrame[]>();
    let workspaces: Workspace[] | null = null;
    let removed: Set<string> | null = null;
    for (const frame of frames) {
      const event = frame.event;
      if (event.type === 'conversation.typing') {
        useTypingStore.getState().apply(event);
      } else if (event.type === 'conversation.viewers') {
        useViewersStore.getState().apply(event);
      } else if (event.type === 'message.added' || event.type === 'message.updated') {
        const id = event.message.conversationId;
        // Whoever just wrote has stopped typing.
        if (event.type === 'message.added') {
          const role = event.message.author.role;
          if (role === 'customer' || role === 'agent')
            useTypingStore.getState().clear(id, role, event.message.author.name);
        }
        const list = byConversation.get(id);
        if (list) list.push(frame);
        else byConversation.set(id, [frame]);
      } else if (event.type === 'workspace.updated') {
        (workspaces ??= []).push(event.workspace);
        removed?.delete(event.workspace.id);
      } else if (event.type === 'workspace.removed') {
        (removed ??= new Set()).add(event.workspaceId);
        if (workspaces) workspaces = workspaces.filter((w) => w.id !== event.workspaceId);
      }
    }
    for (const [id, list] of byConversation) {
      // Only transcripts someone opened are cached; the rest are fetched when opened.
      client.setQueryData<TranscriptData>(transcriptKey(id), (old) =>
        old ? applyTranscriptEvents(old, list) : old,
      );
    }
    if (workspaces) {
      const updates = workspaces;
      client.setQueryData<Workspace[]>(WORKSPACES_QUERY_KEY, (old) => {
        if (!old) return old;
        const next = [...old];
        for (const workspace of updates) {
          const index = next.findIndex((w) => w.id === workspace.id);
          if (index >= 0) next[index] = workspace;
          else next.push(workspace);
        }
        return next;
      });
    }
    if (removed) {
      const gone = removed;
      client.setQueryData<Workspace[]>(WORKSPACES_QUERY_KEY, (old) => old?.filter((w) => !gone.has(w.id)));
      client.setQueryData<InboxData>(INBOX_QUERY_KEY, (old) => (old ? dropWorkspaces(old, gone) : old));
    }
  }
}

function concerns(frame: EventFrame, conversationId: string): boolean {
  const event = frame.event;
  if (event.type === 'conversation.upserted') return event.conversation.id === conversationId;
  if (event.type === 'message.added' || event.type === 'message.updated') {
    return event.message.conversationId === conversationId;
  }
  return false;
}
