/**
 * The reply box: Enter sends, Shift+Enter adds a line. The draft survives switching conversations and reloads.
 * Rich parts (suggestions, cards, files, uploads) are offered from the workspace's capabilities only.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { CapabilityName } from '@contract';
import type { Ref } from 'react';
import { useCore } from '../../../app/core/core-context';
import { sendReply, sendUpload } from '../api/send-reply';
import { useTypingSender } from '../api/use-typing-sender';
import { useComposeStore } from '../stores/compose-store';
import { Composer } from './composer';

const NOTHING: readonly CapabilityName[] = [];

export function ReplyBox({
  conversationId,
  customerName,
  supported = NOTHING,
  ref,
}: {
  conversationId: string;
  customerName: string;
  /** The workspace's capabilities (empty while the workspace is unknown). */
  supported?: readonly CapabilityName[];
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const core = useCore();
  const queryClient = useQueryClient();
  const draft = useComposeStore((s) => s.drafts[conversationId] ?? '');
  const setDraft = useComposeStore((s) => s.setDraft);
  const typing = useTypingSender(core, conversationId, supported.includes('typing'));

  return (
    <Composer
      // A new conversation starts with an empty rich part (the text draft is kept per conversation).
      key={conversationId}
      customerName={customerName}
      supported={supported}
      draft={draft}
      onDraftChange={(text) => setDraft(conversationId, text)}
      onTyping={typing.typed}
      onSend={(content) => {
        typing.stop();
        sendReply(
          core,
          queryClient,
          conversationId,
          content.type === 'text' && !content.suggestions ? content.text : content,
        );
      }}
      onUpload={(file) => {
        typing.stop();
        sendUpload(core, queryClient, conversationId, file);
      }}
      textareaRef={ref}
    />
  );
}
