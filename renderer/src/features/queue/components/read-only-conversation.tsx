/**
 * A conversation opened from the Queue to look at, not to act on: the transcript and who holds it, with no
 * reply box and no take over, and a plain "Read-only" label so nobody wonders where the buttons went.
 */
import type { Agent } from '@contract';
import { useEffect, useRef } from 'react';
import { PlatformChip } from '../../../components/platform-chip';
import { StateBadge } from '../../../components/state-badge';
import { XIcon } from '../../../components/icons';
import { customerName as nameOf } from '../../inbox/lib/display';
import { useAgent } from '../../session/stores/session-store';
import { useWorkspace } from '../../workspaces/api/workspaces-query';
import { useLiveConversation, useTranscript } from '../../conversation/api/transcript-query';
import { Transcript } from '../../conversation/components/transcript';
import { ReassignControl } from './reassign-control';
import '../../conversation/components/conversation-pane.css';

export function ReadOnlyConversation({
  conversationId,
  agents,
  onClose,
}: {
  conversationId: string;
  /** Who it can be reassigned to (online first). */
  agents: readonly { agent: Agent; online: boolean }[];
  onClose(): void;
}) {
  const conversation = useLiveConversation(conversationId);
  const transcript = useTranscript(conversationId);
  const meId = useAgent()?.id ?? null;
  const workspace = useWorkspace(conversation?.workspaceId ?? '');
  const closeRef = useRef<HTMLButtonElement>(null);
  const name = conversation ? nameOf(conversation) : 'Conversation';

  useEffect(() => {
    closeRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <aside className="read-only pane" role="dialog" aria-labelledby="read-only-title">
      <header className="pane-header">
        <div className="pane-header__main">
          <h2 id="read-only-title" className="pane-header__title">
            {name}
            <span className="visually-hidden"> (read-only)</span>
          </h2>
          {conversation && (
            <p className="pane-header__meta">
              <span className="read-only__badge">Read-only</span>
              <PlatformChip platform={conversation.platform} />
              <StateBadge conversation={conversation} meId={meId} />
              {workspace && <span className="pane-header__item">{workspace.displayName}</span>}
            </p>
          )}
        </div>
        {conversation && conversation.state !== 'closed' && (
          <ReassignControl
            conversationId={conversationId}
            customerName={name}
            holderId={conversation.state === 'agent' ? (conversation.assignee?.id ?? null) : null}
            agents={agents}
          />
        )}
        <button
          ref={closeRef}
          type="button"
          className="button button--ghost"
          onClick={onClose}
          aria-label="Close the read-only view"
        >
          <XIcon />
        </button>
      </header>
      <div className="read-only__stage">
        {transcript.data ? (
          <Transcript
            conversationId={conversationId}
            messages={transcript.data.messages}
            olderCount={transcript.data.olderCount}
            customerName={name}
            meId={meId}
            canReply={false}
          />
        ) : (
          <p className="read-only__note">
            {transcript.isError ? "Can't load the transcript — retrying…" : 'Loading…'}
          </p>
        )}
      </div>
      <footer className="read-only__footer">
        You are viewing as a team lead. Replies, take over and hand back are for the agent who holds it.
      </footer>
    </aside>
  );
}
