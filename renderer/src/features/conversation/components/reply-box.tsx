/**
 * The reply box: Enter sends, Shift+Enter adds a line. The draft survives switching conversations and reloads.
 * Rich parts (suggestions, cards, files, uploads) are offered from the workspace's capabilities only; `/`
 * offers canned responses. Switched to "Internal note", it writes for the team only: the note is kept in
 * Baton's transcript and never sent to the customer or the platform.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { CapabilityName } from '@contract';
import type { Ref } from 'react';
import { useState } from 'react';
import { useCore } from '../../../app/core/core-context';
import { cx } from '../../../lib/cx';
import { useCannedResponses } from '../../canned/api/canned-query';
import { useAgent } from '../../session/stores/session-store';
import { addNote } from '../api/add-note';
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
  const agent = useAgent();
  const draft = useComposeStore((s) => s.drafts[conversationId] ?? '');
  const setDraft = useComposeStore((s) => s.setDraft);
  const noteMode = useComposeStore((s) => s.noteMode[conversationId] ?? false);
  const setNoteMode = useComposeStore((s) => s.setNoteMode);
  const typing = useTypingSender(core, conversationId, supported.includes('typing') && !noteMode);
  const { data: canned } = useCannedResponses();
  const [noteError, setNoteError] = useState<string | null>(null);

  return (
    <div className={cx('reply-area', noteMode && 'reply-area--note')}>
      <div className="reply-mode" role="group" aria-label="Write">
        <button
          type="button"
          className="reply-mode__option"
          aria-pressed={!noteMode}
          onClick={() => setNoteMode(conversationId, false)}
        >
          Reply to customer
        </button>
        <button
          type="button"
          className="reply-mode__option"
          aria-pressed={noteMode}
          onClick={() => setNoteMode(conversationId, true)}
        >
          Internal note
        </button>
        {noteMode && (
          <span className="reply-mode__hint">Only agents see notes. The customer never does.</span>
        )}
      </div>
      {noteError && (
        <p className="reply-box__error reply-box__alert" role="alert">
          {noteError}
        </p>
      )}
      <Composer
        // A new conversation starts with an empty rich part (the text draft is kept per conversation).
        key={`${conversationId}:${noteMode ? 'note' : 'reply'}`}
        customerName={customerName}
        supported={noteMode ? NOTHING : supported}
        draft={draft}
        onDraftChange={(text) => setDraft(conversationId, text)}
        onTyping={noteMode ? undefined : typing.typed}
        canned={canned}
        agentName={agent?.name ?? 'your agent'}
        sendLabel={noteMode ? 'Add note' : 'Send'}
        {...(noteMode ? { placeholder: 'Internal note for your team (the customer never sees it)…' } : {})}
        onSend={(content) => {
          if (noteMode) {
            if (content.type !== 'text') return;
            setNoteError(null);
            addNote(core, queryClient, conversationId, content.text).catch((error: unknown) => {
              setDraft(conversationId, content.text);
              setNoteError(`Note not added: ${error instanceof Error ? error.message : 'try again'}`);
            });
            return;
          }
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
    </div>
  );
}
