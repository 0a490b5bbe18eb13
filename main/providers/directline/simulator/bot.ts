/**
 * The simulated bot: answers users (text, sometimes an image), and hands off to a person when asked or when
 * it fails to understand twice, by posting a signed handoff notification to Baton's gateway (what a bot
 * developer adds to a real bot; it is not part of Direct Line). While an agent has joined it stays silent.
 */
import { randomUUID } from 'node:crypto';
import { backoffDelay } from '../../http-kit/backoff';
import type { TimerSet } from '../../http-kit/timer-set';
import type { HandoffNotification } from '../wire';
import { AGENT_FROM, batonData, HANDOFF_HEADERS, HANDOFF_SIGNATURE_PREFIX, handoffSignature } from '../wire';
import type { DirectLineStore, SimConversationState, StoredMessage } from './store';

export const BOT_ID = 'baton-demo-bot';

export interface HandoffTarget {
  url: string;
  secret: string;
}

export interface HandoffDelivery {
  id: string;
  notification: HandoffNotification;
  state: 'pending' | 'delivered' | 'failed' | 'no_target';
  attempts: number;
  lastStatus?: number;
}

const MAX_ATTEMPTS = 5;
const DELIVERY_TIMEOUT_MS = 5000;
/** A 1×1 PNG: the bot's "picture" answer. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const ASKS_FOR_PERSON = /\b(person|human|agent|someone|representative|operator)\b/i;
const ASKS_FOR_PICTURE = /\b(picture|photo|image|screenshot|diagram)\b/i;
const ANSWERS: [RegExp, string][] = [
  [/\b(hi|hello|hey)\b/i, 'Hello! I am the demo bot. Ask me about orders, refunds or opening hours.'],
  [/\border\b/i, 'Orders usually ship within two working days. You can track yours under "My orders".'],
  [/\brefund\b/i, 'Refunds are paid back to the original payment method within 5 working days.'],
  [/\b(hours|open)\b/i, 'We are open Monday to Friday, 9:00 to 17:00.'],
];

export class SimulatedBot {
  private target: HandoffTarget | null = null;
  private failing = 0;
  private closed = false;
  readonly handoffs: HandoffDelivery[] = [];

  constructor(
    private readonly store: DirectLineStore,
    private readonly timers: TimerSet,
    private readonly options: { latencyMs: number; now: () => number },
  ) {
    store.onMessage((conversation, message) => this.heard(conversation, message));
  }

  setTarget(target: HandoffTarget | null): void {
    this.target = target;
  }

  get handoffTarget(): HandoffTarget | null {
    return this.target;
  }

  /** The next `count` sends answer 502 (the bot is failing); -1 fails until set back to 0. */
  setFailing(count: number): void {
    this.failing = count;
  }

  /** Consumed per send, so a count of 1 fails exactly one request. */
  takeFailure(): boolean {
    if (this.failing === 0) return false;
    if (this.failing > 0) this.failing--;
    return true;
  }

  close(): void {
    this.closed = true;
  }

  private heard(conversation: SimConversationState, message: StoredMessage): void {
    if (message.from === BOT_ID || message.from === AGENT_FROM || batonData(message) !== undefined) return;
    conversation.userId ??= message.from;
    if (conversation.handoff !== 'bot') return;
    this.timers.after(this.options.latencyMs, () => this.answer(conversation, message));
  }

  private answer(conversation: SimConversationState, message: StoredMessage): void {
    // An agent may have joined while the bot was "thinking".
    if (this.closed || conversation.handoff !== 'bot') return;
    const text = message.text ?? '';
    const say = (reply: string, extra: { images?: string[] } = {}) =>
      this.store.append(conversation, { from: BOT_ID, text: reply, ...extra });
    if (ASKS_FOR_PERSON.test(text)) {
      say('Of course, let me find a person for you. Please hold on.');
      this.handOff(conversation, 'User asked for a person');
      return;
    }
    if (ASKS_FOR_PICTURE.test(text)) {
      conversation.misses = 0;
      const url = this.store.storeFile(conversation.id, 'image/png', PIXEL_PNG, 'diagram.png');
      say('Here is a picture that should help.', { images: [url] });
      return;
    }
    const known = ANSWERS.find(([pattern]) => pattern.test(text));
    if (known) {
      conversation.misses = 0;
      say(known[1]);
      return;
    }
    conversation.misses++;
    if (conversation.misses >= 2) {
      say('Sorry, I still did not get that. Let me find a person who can help.');
      this.handOff(conversation, 'The bot did not understand the user twice');
      return;
    }
    say('Sorry, I did not understand. Could you rephrase that?');
  }

  /** Public for the control plane: hand a conversation off as the bot would. */
  handOff(conversation: SimConversationState, reason: string): HandoffDelivery {
    const { token, expiresIn } = this.store.issueToken(conversation.id);
    const notification: HandoffNotification = {
      conversationId: conversation.id,
      token,
      expiresIn,
      user: { id: conversation.userId ?? 'unknown-user', name: conversation.userName },
      reason,
    };
    const delivery: HandoffDelivery = {
      id: `hof_${randomUUID()}`,
      notification,
      state: this.target ? 'pending' : 'no_target',
      attempts: 0,
    };
    this.handoffs.push(delivery);
    if (this.target) void this.deliver(delivery, this.target);
    return delivery;
  }

  private async deliver(delivery: HandoffDelivery, target: HandoffTarget): Promise<void> {
    const body = JSON.stringify(delivery.notification);
    while (!this.closed && delivery.attempts < MAX_ATTEMPTS) {
      delivery.attempts++;
      // Signed afresh per attempt so the timestamp stays inside the receiver's window.
      const timestamp = String(Math.floor(this.options.now() / 1000));
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            [HANDOFF_HEADERS.id]: delivery.id,
            [HANDOFF_HEADERS.timestamp]: timestamp,
            [HANDOFF_HEADERS.signature]:
              HANDOFF_SIGNATURE_PREFIX + handoffSignature(target.secret, delivery.id, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        await response.body?.cancel();
        delivery.lastStatus = response.status;
        // 409 means the gateway has seen this id already: delivered.
        if (response.ok || response.status === 409) {
          delivery.state = 'delivered';
          return;
        }
        // A refused signature will not get better by retrying.
        if (response.status === 401) break;
      } catch {
        // Network failure: retried below.
      }
      await this.timers.sleep(backoffDelay(delivery.attempts - 1, { baseMs: 200, maxMs: 5000 }, 0, () => 1));
    }
    delivery.state = 'failed';
  }
}
