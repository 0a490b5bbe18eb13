/**
 * What the simulated Direqt platform does, apart from HTTP: accepts agent messages (validated against the
 * seed's limits, media fetched), and turns what users do — say, tap, share, type, receive — into webhook
 * deliveries. Routes and the simulated users both act through it.
 */
import { ERROR_MESSAGES, mediaUrlsOf, SendMessageBody } from '../wire';
import type { AgentMessage, DireqtSuggestion, UserMessage, UserStatus } from '../wire';
import { describeZodError } from '../../http-kit/read-json';
import type { TimerSet } from '../../http-kit/timer-set';
import { DireqtApiError } from './api-error';
import { mediaFile } from './media';
import { newUserMessageId } from './user-store';
import type { SimMessage, SimUser, UserStore } from './user-store';
import type { WebhookSender } from './webhook-sender';

const MEDIA_FETCH_TIMEOUT_MS = 2000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface WorldOptions {
  users: UserStore;
  webhooks: WebhookSender;
  timers: TimerSet;
  /** The simulator's own origin: its `/media/…` files are checked without a request. */
  origin: () => string;
  /** How long a surface takes to report `delivered` for a message it received. */
  deliveredAfterMs: number;
}

export type ReceivedListener = (user: SimUser, message: SimMessage) => void;

export class DireqtWorld {
  private readonly reachableMedia = new Set<string>();
  private readonly listeners: ReceivedListener[] = [];

  constructor(private readonly options: WorldOptions) {}

  /** Called for every content message a user receives (the simulated users react to them). */
  onReceived(listener: ReceivedListener): void {
    this.listeners.push(listener);
  }

  userOrThrow(userId: string): SimUser {
    const user = this.options.users.get(userId);
    if (!user) throw new DireqtApiError(404, ERROR_MESSAGES.unknownRecipient, { userId });
    return user;
  }

  /** `POST /v3/messages`: validates, checks media, records, and has the surface confirm delivery. */
  async send(raw: unknown): Promise<SimMessage> {
    const parsed = SendMessageBody.safeParse(raw);
    if (!parsed.success) throw new DireqtApiError(400, describeZodError(parsed.error));
    const { userId, agentMessage } = parsed.data;
    const user = this.userOrThrow(userId);
    if (agentMessage.messageType === 'content') {
      for (const url of mediaUrlsOf(agentMessage.content)) {
        if (!(await this.mediaReachable(url))) {
          throw new DireqtApiError(400, ERROR_MESSAGES.unreachableMedia, { url });
        }
      }
    }
    if (agentMessage.messageType === 'status' && agentMessage.status.statusType === 'read') {
      const related = agentMessage.status.relatedMessageId;
      if (!user.messages.some((m) => m.direction === 'in' && m.id === related)) {
        throw new DireqtApiError(400, `relatedMessageId ${related} is not a message from this user`);
      }
    }
    const message = this.options.users.recordOut(user, agentMessage);
    if (agentMessage.messageType === 'content') {
      this.options.timers.after(this.options.deliveredAfterMs, () =>
        this.userStatus(user, { statusType: 'delivered', relatedMessageId: message.id }),
      );
      for (const listener of this.listeners) listener(user, message);
    }
    return message;
  }

  /** Any user message (already shaped), recorded and delivered to the webhook. */
  userSends(user: SimUser, message: UserMessage): SimMessage {
    const recorded = this.options.users.recordIn(user, message);
    this.options.webhooks.publish({
      userId: user.userId,
      userMessage: message,
      surface: user.surface,
      userProfile: { displayName: user.name },
    });
    return recorded;
  }

  say(user: SimUser, text: string, context?: string): SimMessage {
    return this.userSends(user, {
      messageType: 'content',
      messageId: newUserMessageId(),
      content: { contentType: 'text', text, ...(context !== undefined && { context }) },
    });
  }

  userStatus(user: SimUser, status: UserStatus): SimMessage {
    return this.userSends(user, { messageType: 'status', messageId: newUserMessageId(), status });
  }

  shareLocation(
    user: SimUser,
    location: { latitude: number; longitude: number; label?: string },
  ): SimMessage {
    return this.userSends(user, {
      messageType: 'content',
      messageId: newUserMessageId(),
      content: { contentType: 'geolocation', geolocation: location },
    });
  }

  /**
   * The user taps suggestion `index` of a message they received: the quick replies first, then a card's
   * buttons (carousel cards in order). A reply becomes text with the context; anything else an action.
   */
  tap(user: SimUser, messageId: string, index: number): SimMessage {
    const received = this.options.users.received(user, messageId);
    if (!received) throw new DireqtApiError(404, `The user did not receive message ${messageId}`);
    const suggestion = suggestionsOf(received.body as AgentMessage)[index];
    if (!suggestion) throw new DireqtApiError(400, `Message ${messageId} has no suggestion ${index}`);
    const context = suggestion.context !== undefined ? { context: suggestion.context } : {};
    if (suggestion.suggestionType === 'reply') return this.say(user, suggestion.text, suggestion.context);
    return this.userSends(user, {
      messageType: 'action',
      messageId: newUserMessageId(),
      action: {
        actionType: suggestion.suggestionType,
        text: suggestion.text,
        ...context,
        ...(suggestion.openUrl && { openUrl: { uri: suggestion.openUrl.uri } }),
        ...(suggestion.dial && { dial: { phoneNumber: suggestion.dial.phoneNumber } }),
      },
    });
  }

  /** Only loopback URLs are fetched: the simulator never reaches out to the internet. */
  private async mediaReachable(raw: string): Promise<boolean> {
    if (this.reachableMedia.has(raw)) return true;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    let ok = false;
    if (url.origin === this.options.origin() && url.pathname.startsWith('/media/')) {
      ok = mediaFile(decodeURIComponent(url.pathname.slice('/media/'.length))) !== undefined;
    } else if (LOOPBACK_HOSTS.has(url.hostname)) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(MEDIA_FETCH_TIMEOUT_MS) });
        await response.body?.cancel();
        ok = response.ok;
      } catch {
        ok = false;
      }
    }
    // Like Direqt's media cache: a URL fetched once is not fetched again.
    if (ok) this.reachableMedia.add(raw);
    return ok;
  }
}

/** Quick replies, then card buttons in order: what a user can tap on a message. */
export function suggestionsOf(message: AgentMessage): DireqtSuggestion[] {
  if (message.messageType !== 'content') return [];
  const content = message.content;
  const quick = content.suggestions ?? [];
  switch (content.contentType) {
    case 'card':
      return [...quick, ...(content.card.suggestions ?? [])];
    case 'carousel':
      return [...quick, ...content.carousel.cards.flatMap((card) => card.suggestions ?? [])];
    default:
      return quick;
  }
}
