/** The state as the UI names it: exactly `Bot`, `Waiting`, `With you`, `With <agent name>` or `Closed`. */
import type { Conversation } from '@contract';

export type StateTone = 'bot' | 'waiting' | 'mine' | 'other' | 'closed';

export function stateLabel(
  conversation: Pick<Conversation, 'state' | 'assignee'>,
  meId: string | null,
): string {
  switch (conversation.state) {
    case 'bot':
      return 'Bot';
    case 'waiting':
      return 'Waiting';
    case 'closed':
      return 'Closed';
    case 'agent':
      if (!conversation.assignee) return 'With an agent';
      return conversation.assignee.id === meId ? 'With you' : `With ${conversation.assignee.name}`;
  }
}

export function stateTone(
  conversation: Pick<Conversation, 'state' | 'assignee'>,
  meId: string | null,
): StateTone {
  if (conversation.state === 'agent') return conversation.assignee?.id === meId ? 'mine' : 'other';
  return conversation.state;
}
