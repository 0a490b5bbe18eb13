/** What the Direqt connector remembers per user (= per conversation), and the agent's side-panel facts. */
import type { DetailSection } from '../../contract';
import type { PlatformConversation, PlatformHolder, PlatformMessage } from '../../core/connector';

export interface Session {
  /** Direqt's `userId`: Baton's platform conversation id. */
  id: string;
  instanceId?: string;
  surface?: string;
  customerName: string;
  createdAt: string;
  holder: PlatformHolder;
  messages: PlatformMessage[];
  /** Direqt message id → Baton message id, for the delivery receipts of agent messages. */
  agentMessages: Map<string, string>;
  /** Deliveries already handled (the gateway de-duplicates too; this covers a retry after a failure). */
  handled: Set<string>;
  lastStatus?: { statusType: string; at: string };
  stopTyping?: () => void;
}

const MESSAGE_LIMIT = 500;

/** "Direqt user ab12": Direqt's user ids are opaque; the last four characters tell users apart. */
export function defaultCustomerName(userId: string): string {
  return `Direqt user ${userId.slice(-4)}`;
}

export function createSession(
  userId: string,
  at: string,
  facts: { instanceId?: string; surface?: string; displayName?: string },
): Session {
  return {
    id: userId,
    ...(facts.instanceId !== undefined && { instanceId: facts.instanceId }),
    ...(facts.surface !== undefined && { surface: facts.surface }),
    customerName: facts.displayName?.trim() || defaultCustomerName(userId),
    createdAt: at,
    holder: { kind: 'bot' },
    messages: [],
    agentMessages: new Map(),
    handled: new Set(),
  };
}

export function remember(session: Session, message: PlatformMessage): void {
  session.messages.push(message);
  if (session.messages.length > MESSAGE_LIMIT) session.messages.shift();
}

function details(session: Session): DetailSection[] {
  const items = [{ label: 'User id', value: session.id }];
  if (session.instanceId !== undefined) items.push({ label: 'Instance id', value: session.instanceId });
  if (session.surface !== undefined) items.push({ label: 'Surface', value: session.surface });
  if (session.lastStatus) {
    items.push({
      label: 'Last user status',
      value: `${session.lastStatus.statusType} at ${session.lastStatus.at}`,
    });
  }
  return [{ title: 'Direqt', items }];
}

export function toPlatformConversation(session: Session): PlatformConversation {
  return {
    platformConversationId: session.id,
    customer: { id: session.id, name: session.customerName },
    channel: session.surface ?? 'direqt',
    holder: session.holder,
    createdAt: session.createdAt,
    details: details(session),
  };
}
