/**
 * What the agent can do, by state:
 * - bot / waiting: `Take over` (primary when the customer is waiting);
 * - agent, held by me: `Hand back` and `Close` in the header, the reply box below the transcript;
 * - agent, held by someone else: who is handling it, and no reply box;
 * - closed: the rating given, or the `Rating` group when there is none yet.
 */
import type { Conversation, PlatformKind } from '@contract';
import type { RefObject } from 'react';
import { useId, useState } from 'react';
import { WaitTimer } from '../../inbox/components/wait-timer';
import type { ConversationActionsState } from '../api/use-conversation-actions';
import type { CapabilityCheck } from '../lib/capabilities';
import { ratingDestination } from '../lib/capabilities';
import { ClosePanel } from './close-panel';
import { useCommandStore } from '../../commands/stores/command-store';
import { RatingGroup } from './rating-group';
import { ReplyBox } from './reply-box';

/** Header buttons for a conversation the agent holds. */
export function HeaderActions({
  actions,
  conversationId,
}: {
  actions: ConversationActionsState;
  conversationId: string;
}) {
  if (!actions.mine) return null;
  const handBack = actions.capabilities.handBack;
  return (
    <div className="pane-header__actions" role="group" aria-label="Conversation actions">
      <CapabilityButton
        name="Hand back"
        busyLabel="Handing back…"
        busy={actions.pending.handBack}
        check={handBack}
        disabled={actions.busy}
        hint="Return the conversation to the bot (h)"
        keyShortcut="h"
        onClick={() => actions.run({ type: 'handBack', conversationId })}
      />
      <button
        type="button"
        className="button button--secondary"
        disabled={actions.busy}
        title="Pass this conversation to another agent"
        aria-haspopup="dialog"
        onClick={() => useCommandStore.getState().setTransferFor(conversationId)}
      >
        Transfer
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={actions.closing}
        aria-keyshortcuts="c"
        disabled={actions.busy}
        onClick={() => actions.setClosing(!actions.closing)}
      >
        Close
      </button>
    </div>
  );
}

export function ActionFooter({
  conversation: c,
  actions,
  customerName,
  replyRef,
}: {
  conversation: Conversation;
  actions: ConversationActionsState;
  customerName: string;
  replyRef: RefObject<HTMLTextAreaElement | null>;
}) {
  return (
    <div className="actions">
      {actions.errors.map((text) => (
        <p key={text} className="actions__alert" role="alert">
          {text}
        </p>
      ))}

      {actions.canTake && (
        <div className={`actions__bar actions__bar--${c.state}`}>
          <div className="actions__summary">
            {c.state === 'waiting' ? (
              <>
                <p className="actions__headline">
                  {customerName} is waiting for an agent
                  {c.waitingSince && <WaitTimer since={c.waitingSince} variant="header" />}
                </p>
                {c.escalationReason && <p className="actions__detail">{c.escalationReason}</p>}
              </>
            ) : (
              <>
                <p className="actions__headline">The bot is handling this conversation</p>
                <p className="actions__detail">Take over to reply yourself; the bot stops answering.</p>
              </>
            )}
          </div>
          <button
            type="button"
            className={`button button--lg ${c.state === 'waiting' ? 'button--primary' : 'button--secondary'}`}
            onClick={() => actions.run({ type: 'takeOver', conversationId: c.id })}
            disabled={actions.pending.takeOver}
            aria-keyshortcuts="t"
          >
            {actions.pending.takeOver ? 'Taking over…' : 'Take over'}
          </button>
        </div>
      )}

      {c.state === 'agent' && !actions.mine && (
        <p className="actions__notice actions__notice--other">
          {c.assignee?.name ?? 'Another agent'} is handling this conversation
        </p>
      )}

      {actions.mine &&
        (actions.closing ? (
          <ClosePanel
            customerName={customerName}
            platform={c.platform}
            rating={actions.capabilities.rating}
            isPending={actions.pending.close}
            onCancel={() => actions.setClosing(false)}
            onConfirm={(rating) =>
              actions.run({
                type: 'close',
                conversationId: c.id,
                ...(rating !== undefined ? { rating } : {}),
              })
            }
          />
        ) : (
          <ReplyBox
            ref={replyRef}
            conversationId={c.id}
            customerName={customerName}
            supported={actions.supported}
          />
        ))}

      {c.state === 'closed' && (
        <ClosedNotice
          key={c.id}
          platform={c.platform}
          rating={c.rating}
          canRate={actions.capabilities.rating}
          isPending={actions.pending.rate}
          onRate={(rating) => actions.run({ type: 'rate', conversationId: c.id, rating })}
        />
      )}
    </div>
  );
}

/** An action the platform may not support stays visible but disabled, and says why. */
function CapabilityButton({
  name,
  busyLabel,
  busy,
  check,
  disabled,
  hint,
  keyShortcut,
  onClick,
}: {
  name: string;
  busyLabel: string;
  busy: boolean;
  check: CapabilityCheck;
  disabled: boolean;
  hint: string;
  keyShortcut?: string;
  onClick: () => void;
}) {
  const reasonId = `why-not-${name.replace(/\s+/g, '-').toLowerCase()}`;
  if (!check.supported) {
    return (
      <>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled="true"
          aria-describedby={reasonId}
          title={check.reason ?? undefined}
        >
          {name}
        </button>
        <span id={reasonId} className="visually-hidden">
          {check.reason}
        </span>
      </>
    );
  }
  return (
    <button
      type="button"
      className="button button--secondary"
      aria-label={name}
      title={hint}
      aria-keyshortcuts={keyShortcut}
      disabled={disabled}
      onClick={onClick}
    >
      {busy ? busyLabel : name}
    </button>
  );
}

function ClosedNotice({
  platform,
  rating,
  canRate,
  isPending,
  onRate,
}: {
  platform: PlatformKind;
  rating: number | null;
  canRate: CapabilityCheck;
  isPending: boolean;
  onRate: (rating: number) => void;
}) {
  const [value, setValue] = useState<number | null>(null);
  const destination = ratingDestination(platform, canRate);
  const noteId = useId();
  if (rating !== null) {
    return (
      <div className="actions__closed">
        <p className="actions__notice">
          Closed · rated <strong>{rating} of 5</strong>
          <span className="stars" aria-hidden="true">
            {'★'.repeat(rating)}
            <span className="stars__off">{'★'.repeat(5 - rating)}</span>
          </span>
        </p>
        <p
          className={`actions__rating-destination actions__rating-destination--${destination.reachesPlatform ? 'sent' : 'kept'}`}
        >
          {destination.after}
        </p>
      </div>
    );
  }
  return (
    <div className="actions__closed">
      <p className="actions__notice">Closed without a rating.</p>
      <form
        className="actions__rate"
        onSubmit={(event) => {
          event.preventDefault();
          if (value !== null) onRate(value);
        }}
      >
        <span className="actions__detail">Rate it now:</span>
        <RatingGroup value={value} onChange={setValue} disabled={isPending} />
        <button
          type="submit"
          className="button button--secondary"
          disabled={value === null || isPending}
          aria-describedby={noteId}
        >
          {isPending ? 'Saving…' : 'Save rating'}
        </button>
      </form>
      <p id={noteId} className="actions__rating-destination">
        {destination.before}
      </p>
    </div>
  );
}
