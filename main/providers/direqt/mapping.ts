/**
 * Baton's `MessageContent` ↔ Direqt's messages. Agent replies map onto `agentMessage.content` exactly (text,
 * card, carousel, file, with reply/openUrl/dial suggestions); the bot's messages and the user's messages map
 * back for the console. Nothing here does I/O.
 */
import type { Card, MessageContent, Suggestion } from '../../contract';
import type { AgentContent, DireqtCard, DireqtSuggestion, UserAction, UserContent } from './wire';
import { fitContent } from '../../core/fit-content';

/** Why a piece of content cannot go to Direqt, in a sentence for the agent; undefined when it can. */
export function unsendableReason(content: MessageContent): string | undefined {
  switch (content.type) {
    case 'card':
      return content.card.mediaUrl ? undefined : 'Direqt cards need an image (mediaUrl).';
    case 'carousel':
      return content.cards.every((card) => card.mediaUrl)
        ? undefined
        : 'Every card of a Direqt carousel needs an image (mediaUrl).';
    case 'geolocation':
    case 'action':
    case 'event':
      return `Direqt cannot send a ${content.type} message to a user.`;
    default:
      return undefined;
  }
}

export function toDireqtSuggestion(suggestion: Suggestion): DireqtSuggestion {
  switch (suggestion.type) {
    case 'reply':
      return {
        suggestionType: 'reply',
        text: suggestion.text,
        ...(suggestion.context !== undefined && { context: suggestion.context }),
      };
    case 'openUrl':
      return { suggestionType: 'openUrl', text: suggestion.text, openUrl: { uri: suggestion.url } };
    case 'dial':
      return { suggestionType: 'dial', text: suggestion.text, dial: { phoneNumber: suggestion.phoneNumber } };
  }
}

function toDireqtCard(card: Card): DireqtCard {
  return {
    title: card.title,
    ...(card.description !== undefined && { description: card.description }),
    // Checked by `unsendableReason` first.
    mediaUrl: card.mediaUrl ?? '',
    ...(card.buttons && card.buttons.length > 0 && { suggestions: card.buttons.map(toDireqtSuggestion) }),
  };
}

const withSuggestions = (suggestions: Suggestion[] | undefined) =>
  suggestions && suggestions.length > 0 ? { suggestions: suggestions.map(toDireqtSuggestion) } : {};

/** Call `unsendableReason` first: content it refuses throws here. */
export function toAgentContent(content: MessageContent): AgentContent {
  switch (content.type) {
    case 'text':
      return { contentType: 'text', text: content.text, ...withSuggestions(content.suggestions) };
    case 'card':
      return {
        contentType: 'card',
        card: toDireqtCard(content.card),
        ...withSuggestions(content.suggestions),
      };
    case 'carousel':
      return {
        contentType: 'carousel',
        carousel: { cards: content.cards.map(toDireqtCard) },
        ...withSuggestions(content.suggestions),
      };
    case 'file':
      // Direqt's file carries a URL only: the name and type are the channel's business.
      return { contentType: 'file', file: { url: content.url }, ...withSuggestions(content.suggestions) };
    default:
      throw new Error(`Direqt cannot send ${content.type} content`);
  }
}

// ------------------------------------------------------------------------------------------- way back

function fromDireqtSuggestion(suggestion: DireqtSuggestion): Suggestion | undefined {
  switch (suggestion.suggestionType) {
    case 'reply':
      return {
        type: 'reply',
        text: suggestion.text,
        ...(suggestion.context !== undefined && { context: suggestion.context }),
      };
    case 'openUrl':
      return suggestion.openUrl && { type: 'openUrl', text: suggestion.text, url: suggestion.openUrl.uri };
    case 'dial':
      return (
        suggestion.dial && { type: 'dial', text: suggestion.text, phoneNumber: suggestion.dial.phoneNumber }
      );
  }
}

const suggestionsBack = (suggestions: DireqtSuggestion[] | undefined): { suggestions?: Suggestion[] } => {
  const mapped = (suggestions ?? []).map(fromDireqtSuggestion).filter((s) => s !== undefined);
  return mapped.length > 0 ? { suggestions: mapped } : {};
};

function fromDireqtCard(card: DireqtCard): Card {
  const buttons = suggestionsBack(card.suggestions).suggestions;
  return {
    title: card.title,
    ...(card.description !== undefined && { description: card.description }),
    mediaUrl: card.mediaUrl,
    ...(buttons && { buttons }),
  };
}

/** A bot message for the console (the persistent menu is not shown: it is navigation, not conversation). */
export function fromAgentContent(content: AgentContent): MessageContent {
  switch (content.contentType) {
    case 'text':
      return { type: 'text', text: content.text, ...suggestionsBack(content.suggestions) };
    case 'card':
      return { type: 'card', card: fromDireqtCard(content.card), ...suggestionsBack(content.suggestions) };
    case 'carousel':
      return {
        type: 'carousel',
        cards: content.carousel.cards.map(fromDireqtCard),
        ...suggestionsBack(content.suggestions),
      };
    case 'file':
      return { type: 'file', url: content.file.url, ...suggestionsBack(content.suggestions) };
    case 'suggestions':
      return { type: 'text', text: '(suggestions)', ...suggestionsBack(content.suggestions) };
  }
}

export function fromUserContent(content: UserContent): MessageContent {
  return fitContent(userContent(content));
}

function userContent(content: UserContent): MessageContent {
  switch (content.contentType) {
    case 'text':
      return {
        type: 'text',
        // The contract wants non-empty text; a surface may send an empty one (an emoji it could not carry).
        text: content.text.trim() === '' ? '(empty message)' : content.text,
        ...(content.context !== undefined && { context: content.context }),
      };
    case 'geolocation':
      return {
        type: 'geolocation',
        latitude: content.geolocation.latitude,
        longitude: content.geolocation.longitude,
        ...(content.geolocation.label !== undefined && { label: content.geolocation.label }),
      };
    case 'file':
      return {
        type: 'file',
        url: content.file.url,
        ...(content.file.name !== undefined && { name: content.file.name }),
        ...(content.file.mimeType !== undefined && { mimeType: content.file.mimeType }),
      };
  }
}

const ACTION_TEXT: Record<UserAction['actionType'], string> = {
  openUrl: 'Opened a link',
  dial: 'Started a call',
  shareLocation: 'Shared their location',
  viewLocation: 'Viewed a location',
};

export function fromUserAction(action: UserAction): MessageContent {
  return fitContent(userAction(action));
}

function userAction(action: UserAction): MessageContent {
  const where = action.location ? ` (${action.location.latitude}, ${action.location.longitude})` : '';
  const tapped = action.text ? `: ${action.text}` : '';
  return {
    type: 'action',
    action: action.actionType,
    text: `${ACTION_TEXT[action.actionType]}${tapped}${where}`.slice(0, 200),
    ...(action.context !== undefined && { context: action.context }),
    ...(action.openUrl && { url: action.openUrl.uri }),
    ...(action.dial && { phoneNumber: action.dial.phoneNumber }),
  };
}
