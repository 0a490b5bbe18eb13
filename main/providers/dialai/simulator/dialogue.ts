/**
 * The customer side of a conversation and the bot's turn. A bot turn stands for an LLM call: it takes a
 * little while, and only so many run at once per tenant ("LLM concurrency back-pressure" in the seed);
 * beyond that, message calls are refused with 429 and a Retry-After before anything is stored.
 */
import { ERROR_CODES } from '../wire';
import type { UserMessageResult, WireMessage } from '../wire';
import type { TimerSet } from '../../http-kit/timer-set';
import { DialaiApiError } from './api-error';
import { botAnswer } from './bot';
import { toWire } from './transcript-store';
import type { StoredTranscript, TranscriptStore } from './transcript-store';

export interface DialogueOptions {
  /** How long the bot "thinks" before answering. */
  botLatencyMs: number;
  /** Bot turns allowed in flight at once for the tenant. */
  maxConcurrentTurns: number;
}

export interface NewConversation {
  customerId?: string;
  customerName?: string;
  channel?: string;
  firstMessage?: string;
}

/** `enforceCapacity: false` is for the simulator's own customers, which queue rather than fail. */
interface TurnOptions {
  enforceCapacity: boolean;
}

const RETRY_AFTER_SECONDS = 1;

export class Dialogue {
  private turnsInFlight = 0;

  constructor(
    private readonly store: TranscriptStore,
    private readonly timers: TimerSet,
    private readonly options: DialogueOptions,
  ) {}

  async start(input: NewConversation, turn: TurnOptions): Promise<StoredTranscript> {
    if (input.firstMessage !== undefined) this.checkCapacity(turn);
    const t = this.store.create(input);
    if (input.firstMessage !== undefined) await this.say(t, input.firstMessage, { enforceCapacity: false });
    return t;
  }

  /** The customer says something; the bot answers when it holds the conversation. */
  async say(t: StoredTranscript, text: string, turn: TurnOptions): Promise<UserMessageResult> {
    if (t.status === 'completed') {
      throw new DialaiApiError(
        409,
        ERROR_CODES.completed,
        `Transcript ${t.id} is completed; start a new one.`,
      );
    }
    const botHolds = t.status === 'active';
    if (botHolds) this.checkCapacity(turn);
    const message = this.store.addMessage(t, { role: 'user', text });
    const replies = botHolds ? await this.botTurn(t, text) : [];
    return { message, replies, transcript: toWire(t) };
  }

  private checkCapacity(turn: TurnOptions): void {
    if (turn.enforceCapacity && this.turnsInFlight >= this.options.maxConcurrentTurns) {
      throw new DialaiApiError(
        429,
        ERROR_CODES.capacity,
        'The assistant is busy with other conversations (LLM capacity reached); retry shortly.',
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
  }

  private async botTurn(t: StoredTranscript, text: string): Promise<WireMessage[]> {
    this.turnsInFlight++;
    try {
      await this.timers.sleep(this.options.botLatencyMs);
    } finally {
      this.turnsInFlight--;
    }
    // A CSR may have taken over (or someone completed it) while the bot was thinking.
    if (t.status !== 'active') return [];
    const before = t.messages.length;
    const answer = botAnswer(text, t.misunderstood);
    t.misunderstood = answer.misunderstood;
    for (const reply of answer.replies) {
      this.store.addMessage(t, {
        role: 'bot',
        text: reply.text,
        ...(reply.quickReplies && { quickReplies: reply.quickReplies }),
      });
    }
    if (answer.escalate) this.store.escalate(t, answer.escalate);
    return t.messages.slice(before);
  }
}
