/** The reply box: Enter sends, Shift+Enter adds a line. The draft survives switching conversations and reloads. */
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { KeyboardEvent, Ref } from 'react';
import { LIMITS } from '@contract';
import { useCore } from '../../../app/core/core-context';
import { SendIcon } from '../../../components/icons';
import { sendReply } from '../api/send-reply';
import { useComposeStore } from '../stores/compose-store';

export function ReplyBox({
  conversationId,
  customerName,
  ref,
}: {
  conversationId: string;
  customerName: string;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const core = useCore();
  const queryClient = useQueryClient();
  const id = useId();
  const draft = useComposeStore((s) => s.drafts[conversationId] ?? '');
  const setDraft = useComposeStore((s) => s.setDraft);
  const text = draft.trim();
  const tooLong = text.length > LIMITS.textChars;

  const send = () => {
    if (!text || tooLong) return;
    sendReply(core, queryClient, conversationId, text);
    setDraft(conversationId, '');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape') {
      // Leaves the box (the draft stays) so the single-key shortcuts work again.
      event.currentTarget.blur();
    }
  };

  return (
    <form
      className="reply-box"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        ref={ref}
        id={id}
        className="reply-box__input"
        value={draft}
        onChange={(event) => setDraft(conversationId, event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={`Reply to ${customerName}…`}
        rows={3}
        aria-describedby={`${id}-hint`}
      />
      <div className="reply-box__bar">
        <span id={`${id}-hint`} className="reply-box__hint">
          {tooLong ? (
            <span className="reply-box__error">
              {text.length - LIMITS.textChars} characters over the limit
            </span>
          ) : (
            <>
              <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
            </>
          )}
        </span>
        <button type="submit" className="button button--primary" disabled={!text || tooLong}>
          <SendIcon />
          Send
        </button>
      </div>
    </form>
  );
}
