/** The open conversation: header, transcript, and the actions its state allows. */
import { PlatformChip } from '../../../components/platform-chip';
import { StateBadge } from '../../../components/state-badge';
import { RpcError } from '../../../transport/rpc-error';
import { customerName as nameOf } from '../../inbox/lib/display';
import { useAgent } from '../../session/stores/session-store';
import { useWorkspace } from '../../workspaces/api/workspaces-query';
import { useMarkRead } from '../api/mark-read';
import { useLiveConversation, useTranscript } from '../api/transcript-query';
import { useConversationActions } from '../api/use-conversation-actions';
import { ActionFooter, HeaderActions } from './conversation-actions';
import { NewMessageAnnouncer, Transcript } from './transcript';
import { TypingIndicator } from './typing-indicator';
import { ViewersChip } from './viewers-chip';
import { useViewing } from '../api/use-viewing';
import { DetailsPanel, DETAILS_PANEL_ID } from './details-panel';
import { InfoIcon } from '../../../components/icons';
import { cx } from '../../../lib/cx';
import { hasModifier, isTypingTarget } from '../../../lib/keyboard';
import { detailsLayout } from '../lib/details-layout';
import type { DetailsLayout } from '../lib/details-layout';
import { useDetailsOpen, useDetailsPanelStore } from '../stores/details-store';
import type { Conversation } from '@contract';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import './conversation-pane.css';

export function ConversationPane({ conversationId }: { conversationId: string }) {
  const conversation = useLiveConversation(conversationId);
  const transcript = useTranscript(conversationId);

  if (!conversation) {
    if (transcript.isError) {
      const gone = transcript.error instanceof RpcError && transcript.error.code === 'not_found';
      return (
        <section className="pane pane--message" aria-label="Conversation">
          <p className="pane__message-title">
            {gone ? 'This conversation is no longer available.' : "Can't open this conversation right now."}
          </p>
          <p className="pane__message-body">
            {gone
              ? 'It may have been removed on its platform.'
              : 'Baton keeps trying; pick another one meanwhile.'}
          </p>
        </section>
      );
    }
    return <PaneSkeleton />;
  }
  return <OpenConversation conversation={conversation} transcript={transcript} />;
}

function OpenConversation({
  conversation: c,
  transcript,
}: {
  conversation: Conversation;
  transcript: ReturnType<typeof useTranscript>;
}) {
  const agent = useAgent();
  const meId = agent?.id ?? null;
  const workspace = useWorkspace(c.workspaceId);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const actions = useConversationActions(c, workspace, meId, replyRef);
  const name = nameOf(c);
  useMarkRead(c, meId);
  useViewing(c.id);
  const paneRef = useRef<HTMLElement>(null);
  const layout = usePaneLayout(paneRef);
  const detailsOpen = useDetailsOpen(layout);
  const toggleDetails = useDetailsPanelStore((s) => s.toggle);
  const closeDetails = useDetailsPanelStore((s) => s.close);
  useDetailsShortcuts(layout, detailsOpen);
  const details = detailsOpen && (
    <DetailsPanel
      conversation={c}
      workspace={workspace}
      customerName={name}
      ratingCheck={actions.capabilities.rating}
      layout={layout}
      onDismiss={() => closeDetails(layout)}
    />
  );

  return (
    <section ref={paneRef} className="pane" aria-labelledby="pane-title">
      <header className="pane-header">
        <div className="pane-header__main">
          <h2 id="pane-title" className="pane-header__title">
            {name}
          </h2>
          <p className="pane-header__meta">
            <PlatformChip platform={c.platform} />
            <StateBadge conversation={c} meId={meId} />
            <span className="pane-header__item">
              <span className="visually-hidden">Channel: </span>
              {c.channel || 'Unknown channel'}
            </span>
            {/* The state badge names the assignee ("With Bob", "With you"), so it is not repeated here. */}
            {workspace && (
              <span className="pane-header__item">
                <span className="visually-hidden">Workspace: </span>
                {workspace.displayName}
              </span>
            )}
            <ViewersChip conversationId={c.id} meId={meId} />
          </p>
        </div>
        <div className="pane-header__tools">
          <HeaderActions actions={actions} conversationId={c.id} />
          <button
            type="button"
            className={cx('button button--ghost details-toggle', detailsOpen && 'details-toggle--on')}
            aria-expanded={detailsOpen}
            aria-controls={detailsOpen ? DETAILS_PANEL_ID : undefined}
            aria-keyshortcuts="i"
            title={
              detailsOpen ? 'Hide the details panel (i)' : 'Show customer, platform and capabilities (i)'
            }
            onClick={() => toggleDetails(layout)}
          >
            <InfoIcon />
            Details
          </button>
        </div>
      </header>

      <div className={cx('pane__body', `pane__body--${layout}`)}>
        <div className="pane__main">
          {/* The drawer covers only the transcript: the reply box and Take over stay in reach. */}
          <div className="pane__stage">
            {transcript.data ? (
              <>
                <Transcript
                  conversationId={c.id}
                  messages={transcript.data.messages}
                  olderCount={transcript.data.olderCount}
                  customerName={name}
                  meId={meId}
                  canReply={actions.mine}
                />
                <NewMessageAnnouncer messages={transcript.data.messages} customerName={name} />
              </>
            ) : transcript.isError ? (
              <div className="transcript transcript--message" role="alert">
                <p>Can't load the transcript — retrying…</p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void transcript.refetch()}
                >
                  Retry now
                </button>
              </div>
            ) : (
              <TranscriptSkeleton />
            )}
            {layout === 'drawer' && details}
          </div>

          <TypingIndicator conversationId={c.id} customerName={name} meName={agent?.name ?? null} />
          <ActionFooter conversation={c} actions={actions} customerName={name} replyRef={replyRef} />
        </div>
        {layout === 'column' && details}
      </div>
    </section>
  );
}

/** Column or drawer, from the pane's own width (measured before paint, then on every resize). */
function usePaneLayout(ref: RefObject<HTMLElement | null>): DetailsLayout {
  const [layout, setLayout] = useState<DetailsLayout>('drawer');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setLayout(detailsLayout(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return layout;
}

/** `i` shows or hides the details; Escape puts the drawer away (the column stays until toggled). */
function useDetailsShortcuts(layout: DetailsLayout, open: boolean) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      const { toggle, close } = useDetailsPanelStore.getState();
      if (event.key === 'i') {
        event.preventDefault();
        toggle(layout);
      } else if (event.key === 'Escape' && layout === 'drawer' && open) {
        // Escape inside a form (the close panel) belongs to that form.
        if (event.target instanceof Element && event.target.closest('form')) return;
        close(layout);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [layout, open]);
}

function TranscriptSkeleton() {
  return (
    <div className="transcript transcript--loading" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading the transcript…
      </p>
      {[60, 40, 70, 35].map((width, i) => (
        <span
          key={i}
          className={`skeleton skeleton--bubble ${i % 2 ? 'skeleton--right' : ''} skeleton--w${width}`}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}

function PaneSkeleton() {
  return (
    <section className="pane" aria-label="Conversation" aria-busy="true">
      <header className="pane-header">
        <div className="pane-header__main">
          <span className="skeleton skeleton--title" aria-hidden="true" />
          <span className="skeleton skeleton--line skeleton--w40" aria-hidden="true" />
        </div>
      </header>
      <TranscriptSkeleton />
    </section>
  );
}

export function NoConversation() {
  return (
    <section className="pane pane--message" aria-label="Conversation">
      <div className="pane__empty-art" aria-hidden="true" />
      <p className="pane__message-title">Pick a conversation</p>
      <p className="pane__message-body">Its whole transcript — bot, customer and agents — shows up here.</p>
      <dl className="shortcuts">
        <div>
          <dt>
            <kbd>j</kbd> <kbd>k</kbd>
          </dt>
          <dd>Move in the list</dd>
        </div>
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>Open</dd>
        </div>
        <div>
          <dt>
            <kbd>t</kbd>
          </dt>
          <dd>Take over</dd>
        </div>
        <div>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>Reply</dd>
        </div>
        <div>
          <dt>
            <kbd>i</kbd>
          </dt>
          <dd>Details</dd>
        </div>
      </dl>
    </section>
  );
}
