/**
 * Certainly's answers in the connector interface's terms: bot messages → `PlatformMessage`s (choice options
 * → reply suggestions), the handover signal (a module with the handover KPI tag), and the side panel's facts.
 */
import { LIMITS } from '../../contract';
import type { DetailSection, MessageContent, Suggestion } from '../../contract';
import type { PlatformMessage } from '../../core/connector';
import type { CertainlyConversation } from './conversation-state';
import type { BotAction, BotMessage, ChoiceOption } from './wire';

/** The contract's limits on quick replies and detail sections. */
const SUGGESTION_CHARS = 25;
const SUGGESTIONS_MAX = 13;
const CONTEXT_CHARS = 500;
const DETAIL_ITEMS_MAX = 50;
const DETAIL_VALUE_CHARS = 2000;

/** A tapped option comes back from the channel with this context; the module becomes the next `ref`. */
const OPTION_CONTEXT_PREFIX = 'certainly-module:';

export function optionContext(option: ChoiceOption): string | undefined {
  return option.ref === undefined
    ? undefined
    : `${OPTION_CONTEXT_PREFIX}${option.ref}`.slice(0, CONTEXT_CHARS);
}

/** The module a tapped option leads to, if the context names one the bot really offered. */
export function refFromContext(
  context: string | undefined,
  offered: readonly ChoiceOption[],
): string | undefined {
  if (context === undefined) return undefined;
  return offered.find((option) => option.ref !== undefined && optionContext(option) === context)?.ref;
}

export function optionsOf(message: BotMessage): ChoiceOption[] {
  return message.actions.flatMap((action) => (action.type === 'choice' ? (action.options ?? []) : []));
}

function suggestionsOf(actions: readonly BotAction[]): Suggestion[] {
  return actions
    .flatMap((action) => (action.type === 'choice' ? (action.options ?? []) : []))
    .filter((option) => option.text.trim() !== '')
    .slice(0, SUGGESTIONS_MAX)
    .map((option) => {
      const context = optionContext(option);
      return {
        type: 'reply' as const,
        text: option.text.trim().slice(0, SUGGESTION_CHARS),
        ...(context !== undefined && { context }),
      };
    });
}

/**
 * One bot message's actions as one chat message: the texts in order, the options as suggestions. Actions
 * without text (`wait`, or media the seed does not describe) are left out; null when nothing is left.
 */
export function contentOf(actions: readonly BotAction[]): MessageContent | null {
  const text = actions
    .map((action) => action.text?.trim() ?? '')
    .filter((line) => line !== '')
    .join('\n\n')
    .slice(0, LIMITS.textChars);
  const suggestions = suggestionsOf(actions);
  if (text === '' && suggestions.length === 0) return null;
  return {
    type: 'text',
    text: text === '' ? 'Please choose an option.' : text,
    ...(suggestions.length > 0 && { suggestions }),
  };
}

export function botMessageId(message: BotMessage): string {
  return `certainly-${message.id}`;
}

export function toPlatformMessages(messages: readonly BotMessage[], at: string): PlatformMessage[] {
  return messages.flatMap((message) => {
    const content = contentOf(message.actions);
    return content ? [{ platformMessageId: botMessageId(message), role: 'bot' as const, content, at }] : [];
  });
}

/** The bot handed over when it landed the customer on a module with the handover KPI tag. */
export function handoverModule(messages: readonly BotMessage[], kpiTag: string): BotMessage | undefined {
  return messages.find((message) => message.bot_module.kpi_tags.includes(kpiTag));
}

/** What agents see as the reason: the module's name, and whether the bot got there by not understanding. */
export function handoverReason(message: BotMessage): string {
  const byFallback = message.connections.data.some((connection) => connection.fallback);
  const name = message.bot_module.name.trim() || `module ${message.bot_module.id}`;
  return byFallback ? `${name}: the bot did not understand the customer` : `Bot handed over (${name})`;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function valueText(value: unknown): string {
  return clip(
    typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
    DETAIL_VALUE_CHARS,
  );
}

/** The side panel: Certainly's view of the conversation, then what the company told it about the customer. */
export function detailsOf(state: CertainlyConversation): DetailSection[] {
  const certainly: DetailSection['items'] = [];
  if (state.module) certainly.push({ label: 'Module', value: `${state.module.name} (${state.module.id})` });
  if (state.certainlyConversationId !== null) {
    const earlier = state.earlierCertainlyConversationIds;
    certainly.push({
      label: 'Conversation',
      value:
        earlier.length > 0
          ? `${state.certainlyConversationId} (continues ${earlier.join(', ')} after expiry)`
          : String(state.certainlyConversationId),
    });
  }
  if (state.module) {
    certainly.push({
      label: 'KPI tags',
      value: state.module.kpiTags.length > 0 ? state.module.kpiTags.join(', ') : 'none',
    });
  }
  const customer = [
    ...Object.entries(state.userProfile).map(([label, value]) => ({ label, value: valueText(value) })),
    ...Object.entries(state.userCvars).map(([label, value]) => ({ label, value: valueText(value) })),
  ]
    .map((item) => ({ label: clip(item.label, LIMITS.nameChars), value: item.value }))
    .slice(0, DETAIL_ITEMS_MAX);
  return [
    ...(certainly.length > 0 ? [{ title: 'Certainly', items: certainly }] : []),
    ...(customer.length > 0 ? [{ title: 'Customer', items: customer }] : []),
  ];
}
