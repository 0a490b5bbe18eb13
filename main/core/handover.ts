/**
 * The handover state machine: which action an agent may take on a conversation in which state, and what the
 * conversation looks like afterwards. Pure functions, so every legal and illegal transition is testable
 * without a store or a platform.
 *
 *   bot ──escalate──▶ waiting ──take over──▶ agent ──hand back──▶ bot
 *    └──────────────take over───────────────▶   └──close──▶ closed
 */
import type { Action, Agent, Capabilities, CapabilityName, Conversation, MessageContent } from '../contract';
import { CoreError } from './core-error';

/** The fields of a conversation an action may change. */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
    'state' | 'assignee' | 'waitingSince' | 'escalationReason' | 'rating' | 'closedAt' | 'tags'
  >
>;

const REQUIRED_CAPABILITY: Partial<Record<Action['type'], CapabilityName>> = {
  handBack: 'handBack',
  upload: 'attachments',
};

function requireCapability(capabilities: Capabilities, name: CapabilityName): void {
  if (!capabilities.supported.includes(name)) {
    throw new CoreError(
      'unsupported',
      capabilities.reasons[name] ?? `This platform does not support ${name}.`,
    );
  }
}

/** Cards, carousels and files need rich content; suggestions need quick replies. */
function requireContentSupported(content: MessageContent, capabilities: Capabilities): void {
  if (content.type === 'card' || content.type === 'carousel' || content.type === 'file') {
    requireCapability(capabilities, 'richContent');
  }
  if ('suggestions' in content && content.suggestions?.length)
    requireCapability(capabilities, 'quickReplies');
  if (content.type === 'event' || content.type === 'action' || content.type === 'geolocation') {
    throw new CoreError('bad_request', `An agent cannot send ${content.type} messages.`);
  }
}

function requireHolder(conversation: Conversation, actor: Agent, verb: string): void {
  if (conversation.state !== 'agent') {
    throw new CoreError('invalid_state', `Take the conversation over before you ${verb}.`);
  }
  if (conversation.assignee?.id !== actor.id) {
    const holder = conversation.assignee?.name ?? 'another agent';
    throw new CoreError('conflict', `${holder} is handling this conversation.`, {
      ...(conversation.assignee ? { heldBy: conversation.assignee } : {}),
    });
  }
}

/**
 * Checks `action` against the conversation's state and the platform's capabilities and returns the patch
 * to apply. Throws a `CoreError` (`invalid_state`, `conflict`, `unsupported`) when it may not happen.
 */
export function planAction(
  conversation: Conversation,
  action: Action,
  actor: Agent,
  capabilities: Capabilities,
  now: string,
): ConversationPatch {
  const capability = REQUIRED_CAPABILITY[action.type];
  if (capability) requireCapability(capabilities, capability);

  switch (action.type) {
    case 'takeOver':
      if (conversation.state === 'closed') {
        throw new CoreError('invalid_state', 'This conversation is closed; it cannot be taken over.');
      }
      if (conversation.state === 'agent') {
        if (conversation.assignee?.id === actor.id) return {};
        requireHolder(conversation, actor, 'take over');
      }
      return { state: 'agent', assignee: actor, waitingSince: null };
    case 'reply':
      requireHolder(conversation, actor, 'reply');
      requireContentSupported(action.content, capabilities);
      return {};
    case 'upload':
      requireHolder(conversation, actor, 'reply');
      return {};
    case 'retry':
      requireHolder(conversation, actor, 'send a reply again');
      return {};
    case 'handBack':
      requireHolder(conversation, actor, 'hand back');
      return { state: 'bot', assignee: null, waitingSince: null, escalationReason: null };
    case 'close':
      requireHolder(conversation, actor, 'close');
      return {
        state: 'closed',
        waitingSince: null,
        closedAt: now,
        ...(action.rating === undefined ? {} : { rating: action.rating }),
      };
    case 'rate':
      // The agent who held it rates it, while holding it or once it is closed.
      if (conversation.state === 'closed') {
        if (conversation.assignee && conversation.assignee.id !== actor.id) {
          throw new CoreError('conflict', `Only ${conversation.assignee.name} can rate this conversation.`);
        }
        return { rating: action.rating };
      }
      requireHolder(conversation, actor, 'rate');
      return { rating: action.rating };
    case 'note':
      // Any agent may leave a note, in any state: it is for the team, not the customer.
      return {};
    case 'transfer':
      requireHolder(conversation, actor, 'transfer');
      if (action.to.id === actor.id) {
        throw new CoreError('bad_request', 'You already have this conversation.');
      }
      return { assignee: action.to };
    case 'tag': {
      const tags = new Set(conversation.tags);
      for (const tag of action.remove) tags.delete(tag);
      for (const tag of action.add) tags.add(tag);
      if (tags.size > 20) throw new CoreError('bad_request', 'A conversation can have at most 20 tags.');
      return { tags: [...tags] };
    }
  }
}

/** Whether a patch changes anything, so a repeated take over by the holder is a no-op. */
export function isEmptyPatch(patch: ConversationPatch): boolean {
  return Object.keys(patch).length === 0;
}
