/** `conversation.open` per id, cached and then kept current by message events. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, MethodResult } from '@contract';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { INBOX_QUERY_KEY, upsertSnapshot } from '../../inbox/api/inbox-cache';
import type { InboxData } from '../../inbox/api/inbox-cache';
import { useInboxConversation } from '../../inbox/api/inbox-query';
import {
  applyTranscriptEvents,
  mergeMessages,
  prependHistory,
  transcriptFromOpen,
  transcriptKey,
} from './transcript-cache';
import type { TranscriptData } from './transcript-cache';

export function transcriptQueryOptions(core: Core, queryClient: QueryClient, conversationId: string) {
  return queryOptions({
    queryKey: transcriptKey(conversationId),
    queryFn: async (): Promise<TranscriptData> => {
      const seqAtRequest = core.session.lastSeq;
      const result = await core.rpc.request('conversation.open', { conversationId });
      putConversation(queryClient, result.conversation, seqAtRequest);
      return applyTranscriptEvents(
        transcriptFromOpen(result),
        core.sync.eventsAfter(seqAtRequest, conversationId),
      );
    },
    // Transcripts nobody looks at are dropped after a while; reopening fetches them afresh.
    gcTime: 5 * 60_000,
  });
}

export function useTranscript(conversationId: string) {
  const core = useCore();
  const queryClient = useQueryClient();
  const ready = useSessionReady();
  return useQuery({ ...transcriptQueryOptions(core, queryClient, conversationId), enabled: ready });
}

/** Loads the page before the oldest message held, into the cached transcript. */
export function useEarlierMessages(conversationId: string) {
  const core = useCore();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const held = queryClient.getQueryData<TranscriptData>(transcriptKey(conversationId));
      const oldest = held?.messages[0];
      if (!held || !oldest || held.olderCount === 0) return;
      const page = await core.rpc.request('conversation.history', { conversationId, beforeId: oldest.id });
      queryClient.setQueryData<TranscriptData>(transcriptKey(conversationId), (old) =>
        old ? prependHistory(old, page) : old,
      );
    },
  });
}

/** The freshest copy of a conversation: the inbox's (patched by events), else the one `open` returned. */
export function useLiveConversation(conversationId: string): Conversation | undefined {
  const fromInbox = useInboxConversation(conversationId);
  const { data } = useTranscript(conversationId);
  return fromInbox ?? data?.conversation;
}

export function putConversation(
  queryClient: QueryClient,
  conversation: Conversation,
  seqAtRequest: number,
): void {
  queryClient.setQueryData<InboxData>(INBOX_QUERY_KEY, (old) =>
    old ? upsertSnapshot(old, conversation, seqAtRequest) : old,
  );
}

/** An action's result: the conversation goes into the inbox, its message (a reply) into the transcript. */
export function applyActionResult(
  queryClient: QueryClient,
  result: MethodResult<'action.perform'>,
  seqAtRequest: number,
): void {
  putConversation(queryClient, result.conversation, seqAtRequest);
  const message = result.message;
  if (!message) return;
  queryClient.setQueryData<TranscriptData>(transcriptKey(message.conversationId), (old) => {
    if (!old) return old;
    const messages = mergeMessages(old.messages, [message]);
    return messages === old.messages ? old : { ...old, messages };
  });
}
