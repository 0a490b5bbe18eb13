import type { Conversation } from '@contract';
import { stateLabel, stateTone } from '../features/inbox/lib/state-label';
import './state-badge.css';

/** The handover state, worded exactly as the UI names it (`Bot`, `Waiting`, `With you`, …). */
export function StateBadge({
  conversation,
  meId,
}: {
  conversation: Pick<Conversation, 'state' | 'assignee'>;
  meId: string | null;
}) {
  return (
    <span className={`state-badge state-badge--${stateTone(conversation, meId)}`}>
      {stateLabel(conversation, meId)}
    </span>
  );
}
