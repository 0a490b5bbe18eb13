/** Marks a conversation read while the agent who holds it has it open (and again as new messages arrive). */
import { useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '@contract';
import { useEffect, useRef } from 'react';
import { useCore } from '../../../app/core/core-context';
import { putConversation } from './transcript-query';

export function useMarkRead(conversation: Conversation | undefined, meId: string | null): void {
  const core = useCore();
  const queryClient = useQueryClient();
  const marked = useRef<{ id: string; inFlight: boolean } | null>(null);
  const holds = conversation?.state === 'agent' && meId !== null && conversation.assignee?.id === meId;
  const id = conversation?.id;
  const unread = conversation?.unread ?? 0;

  useEffect(() => {
    if (!id || !holds) return;
    const firstTime = marked.current?.id !== id;
    if (!firstTime && (unread === 0 || marked.current?.inFlight)) return;
    if (document.visibilityState !== 'visible' && !firstTime) return;
    const entry = { id, inFlight: true };
    marked.current = entry;
    const seqAtRequest = core.session.lastSeq;
    core.rpc
      .request('conversation.markRead', { conversationId: id })
      .then((result) => putConversation(queryClient, result.conversation, seqAtRequest))
      .catch((error: unknown) => console.warn('[baton] markRead failed', error))
      .finally(() => {
        entry.inFlight = false;
      });
  }, [core, queryClient, id, holds, unread]);
}
