/**
 * The scripted customers that make the demo feel alive: per workspace an opening burst, then a new
 * conversation every few seconds; customers answer the bot and agents after human-sized pauses, a share of
 * them steer towards a person, and each goes quiet after a while. In-flight conversations are bounded per
 * workspace so a demo can run for hours. Conversations started through the control plane are not scripted:
 * their caller drives them.
 */
import { TimerSet } from '../http-kit/timer-set';
import type { ConversationStore, StoredConversation, StoredMessage } from './conversation-store';
import { ASK_FOR_PERSON, CONFUSING, DID_NOT_HELP, HELPED, STILL_WAITING, TOPICS } from './customer-lines';
import type { Topic } from './customer-lines';
import { fillLine, newCustomer, pick } from './customers';
import type { CustomerFacts, Random } from './customers';
import type { ChannelCustomer } from './wire';

export interface TrafficSettings {
  enabled: boolean;
  newConversationEveryMs: number;
  /** 0..1: the share of new conversations whose customer steers towards a person. */
  escalationShare: number;
  /** Scripted conversations in flight at once, per workspace. */
  maxInFlight: number;
  /** Conversations started at once per workspace when traffic starts (half heading for a person). */
  openingBurst: number;
}

export const DEFAULT_TRAFFIC: TrafficSettings = {
  enabled: false,
  newConversationEveryMs: 5000,
  escalationShare: 0.35,
  maxInFlight: 40,
  openingBurst: 0,
};

/** How long a customer types and thinks before answering. */
export const CUSTOMER_PAUSE_MS = { min: 2000, max: 7000 } as const;
/** How long a customer stays without hearing anything, by phase, before leaving. */
const IDLE_LEAVE_MS = { bot: 45_000, waiting: 4 * 60_000, agent: 5 * 60_000 } as const;
const SWEEP_EVERY_MS = 5000;
const NUDGE_AFTER_MS = { min: 30_000, max: 90_000 } as const;
/** Chance, after a bot answer, of tapping one of its quick replies, or of giving feedback and leaving. */
const TAP_SUGGESTION = 0.3;
const FEEDBACK_AND_LEAVE = 0.2;

/** The gateway's status for a line, or null when it never answered. */
export interface GatewayAnswer {
  gatewayStatus: number | null;
}

/** What traffic needs from the channel: a new conversation, and a customer line sent to the gateway. */
export interface CustomerVoice {
  create(workspaceId: string, customer: ChannelCustomer): StoredConversation;
  say(conversation: StoredConversation, text: string, context?: string): Promise<GatewayAnswer>;
}

interface Script {
  conversation: StoredConversation;
  topic: Topic;
  facts: CustomerFacts;
  /** How this customer gets to a person, if they want one. */
  escalation: 'none' | 'ask' | 'confuse';
  /** Who the customer believes they are talking to. */
  phase: 'bot' | 'waiting' | 'agent';
  followUps: number;
  agentLines: number;
  confusing: number;
  nudged: boolean;
  answerScheduled: boolean;
}

export interface TrafficOptions {
  now: () => number;
  random?: Random;
  pauseMs?: { min: number; max: number };
}

export class Traffic {
  private settings: TrafficSettings = { ...DEFAULT_TRAFFIC };
  private timers: TimerSet | undefined;
  private connected = false;
  private readonly scripts = new Map<string, Script>();
  private readonly random: Random;

  constructor(
    store: ConversationStore,
    private readonly voice: CustomerVoice,
    private readonly workspaceIds: readonly string[],
    private readonly options: TrafficOptions,
  ) {
    this.random = options.random ?? Math.random;
    store.onReply((conversation, message) => this.onReply(conversation, message));
  }

  get current(): TrafficSettings {
    return { ...this.settings };
  }

  /** Scripted conversations still in flight, per workspace. */
  inFlight(workspaceId: string): number {
    let count = 0;
    for (const script of this.scripts.values()) if (script.conversation.workspaceId === workspaceId) count++;
    return count;
  }

  set(update: Partial<TrafficSettings>): void {
    const wasRunning = this.running;
    this.settings = { ...this.settings, ...update };
    this.restart(!wasRunning);
  }

  /** The gateway is up: traffic may start. */
  connect(): void {
    const wasRunning = this.running;
    this.connected = true;
    if (!wasRunning) this.restart(true);
  }

  /** Ends every script and timer; conversations stay in the store. */
  stop(): void {
    this.timers?.clear();
    this.timers = undefined;
    this.scripts.clear();
  }

  private get running(): boolean {
    return this.timers !== undefined;
  }

  private restart(withBurst: boolean): void {
    this.timers?.clear();
    this.timers = undefined;
    if (!this.settings.enabled || !this.connected) {
      this.scripts.clear();
      return;
    }
    const timers = new TimerSet();
    this.timers = timers;
    const every = this.settings.newConversationEveryMs;
    this.workspaceIds.forEach((workspaceId, index) => {
      // Staggered, so that several workspaces do not all get a customer in the same instant.
      const offset = (every * index) / this.workspaceIds.length;
      timers.after(offset, () => timers.every(every, () => this.startOne(workspaceId)));
      const burst = withBurst ? this.settings.openingBurst : 0;
      for (let i = 0; i < burst; i++) this.startOne(workspaceId, i % 2 === 0);
    });
    timers.every(SWEEP_EVERY_MS, () => this.leaveIdle());
  }

  private pause(): number {
    const { min, max } = this.options.pauseMs ?? CUSTOMER_PAUSE_MS;
    return min + this.random() * (max - min);
  }

  private startOne(workspaceId: string, escalates?: boolean): void {
    this.newConversation(workspaceId, escalates).catch(() => {});
  }

  private async newConversation(
    workspaceId: string,
    escalates = this.random() < this.settings.escalationShare,
  ): Promise<void> {
    if (!this.timers || this.inFlight(workspaceId) >= this.settings.maxInFlight) return;
    const { customer, facts } = newCustomer(this.random);
    const topic = pick(TOPICS, this.random);
    const conversation = this.voice.create(workspaceId, customer);
    // Registered before the first line goes out: the bot's answer may arrive before the gateway's 202.
    this.scripts.set(conversation.id, {
      conversation,
      topic,
      facts,
      escalation: escalates ? (this.random() < 0.5 ? 'ask' : 'confuse') : 'none',
      phase: 'bot',
      followUps: 0,
      agentLines: 0,
      confusing: 0,
      nudged: false,
      answerScheduled: false,
    });
    const sent = await this.voice.say(conversation, fillLine(pick(topic.openings, this.random), facts));
    // A customer whose first message went nowhere gives up.
    if (sent.gatewayStatus === null || sent.gatewayStatus >= 300) this.scripts.delete(conversation.id);
  }

  private onReply(conversation: StoredConversation, message: StoredMessage): void {
    const script = this.scripts.get(conversation.id);
    if (!script) return;
    if (message.from === 'agent') {
      script.phase = 'agent';
      this.answerLater(script, () => this.answerAgent(script));
    } else if (script.phase === 'bot') {
      this.answerLater(script, () => this.answerBot(script, message));
    }
    // A bot line while waiting for or talking to a person ("connecting you…") needs no answer.
  }

  /** One answer per burst of replies (a bot often sends several messages in a turn), after a pause. */
  private answerLater(script: Script, answer: () => Promise<unknown> | undefined): void {
    if (script.answerScheduled || !this.timers) return;
    script.answerScheduled = true;
    this.timers.after(this.pause(), () => {
      script.answerScheduled = false;
      if (this.scripts.get(script.conversation.id) !== script) return;
      void Promise.resolve(answer()).catch(() => {});
    });
  }

  private say(script: Script, text: string, context?: string): Promise<GatewayAnswer> {
    return this.voice.say(script.conversation, fillLine(text, script.facts), context);
  }

  private leave(script: Script): void {
    this.scripts.delete(script.conversation.id);
  }

  private answerBot(script: Script, botMessage: StoredMessage): Promise<unknown> | undefined {
    if (script.escalation === 'ask') {
      script.phase = 'waiting';
      this.nudgeLater(script);
      return this.say(script, pick(ASK_FOR_PERSON, this.random));
    }
    if (script.escalation === 'confuse') {
      // Two lines the bot cannot place, one per bot answer: a bot hands over after the second.
      const line = CONFUSING[script.confusing % CONFUSING.length] as string;
      script.confusing++;
      if (script.confusing >= 2) {
        script.phase = 'waiting';
        this.nudgeLater(script);
      }
      return this.say(script, line);
    }
    const suggestions = botMessage.suggestions ?? [];
    if (suggestions.length > 0 && this.random() < TAP_SUGGESTION) {
      const tapped = pick(suggestions, this.random);
      return this.say(script, tapped.text, tapped.context);
    }
    const next = script.topic.followUps[script.followUps];
    if (next !== undefined && this.random() >= FEEDBACK_AND_LEAVE) {
      script.followUps++;
      return this.say(script, next);
    }
    this.leave(script);
    // Some customers say whether it helped before they go; the rest just go quiet.
    if (next !== undefined || this.random() < 0.6)
      return this.say(script, pick(this.random() < 0.75 ? HELPED : DID_NOT_HELP, this.random));
    return undefined;
  }

  private answerAgent(script: Script): Promise<unknown> | undefined {
    const line = script.topic.toAgent[script.agentLines];
    if (line === undefined) {
      this.leave(script);
      return undefined;
    }
    script.agentLines++;
    return this.say(script, line);
  }

  /** A customer left waiting asks once whether anyone is there. */
  private nudgeLater(script: Script): void {
    if (script.nudged) return;
    script.nudged = true;
    const delay = NUDGE_AFTER_MS.min + this.random() * (NUDGE_AFTER_MS.max - NUDGE_AFTER_MS.min);
    this.timers?.after(delay, () => {
      if (script.phase === 'waiting' && this.scripts.get(script.conversation.id) === script)
        void this.say(script, pick(STILL_WAITING, this.random)).catch(() => {});
    });
  }

  private leaveIdle(): void {
    const now = this.options.now();
    for (const script of [...this.scripts.values()])
      if (now - script.conversation.updatedAtMs > IDLE_LEAVE_MS[script.phase]) this.leave(script);
  }
}
