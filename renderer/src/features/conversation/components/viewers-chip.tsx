import { Avatar } from '../../../components/avatar';
import { useOtherViewers } from '../stores/viewers-store';

/** "Bob is viewing": shown beside the conversation's title while another agent has it open. */
export function ViewersChip({ conversationId, meId }: { conversationId: string; meId: string | null }) {
  const others = useOtherViewers(conversationId, meId);
  if (others.length === 0) return null;
  const names = others.map((agent) => agent.name);
  const text =
    names.length === 1
      ? `${names[0]} is viewing`
      : names.length === 2
        ? `${names[0]} and ${names[1]} are viewing`
        : `${names[0]} and ${names.length - 1} others are viewing`;
  return (
    <span className="pane-header__item viewers-chip" role="status" title={names.join(', ')}>
      <span className="viewers-chip__avatars" aria-hidden="true">
        {others.slice(0, 3).map((agent) => (
          <Avatar key={agent.id} name={agent.name} size="sm" />
        ))}
      </span>
      {text}
    </span>
  );
}
