/**
 * The scripted customer population that makes the demo feel alive: new conversations every few seconds, a
 * share of them escalating, customers who answer a CSR for a little while and then go quiet, and
 * conversations left alone completing after a while. In-flight conversations are bounded so a demo can run
 * for hours. Only conversations started here follow a script; conversations started through the API or the
 * control plane are driven by their caller.
 */
import { TimerSet } from '../../http-kit/timer-set';
import { IN_FLIGHT_STATUSES } from '../wire';
import type { WireMessage } from '../wire';
import { ASK_FOR_PERSON, CONFUSING, CUSTOMER_NAMES, STILL_WAITING, TOPICS } from './customer-lines';
import type { Topic } from './customer-lines';
import type { Dialogue } from './dialogue';
import type { StoredTranscript, TranscriptStore } from './transcript-store';

export interface TrafficSettings {
  enabled: boolean;
  newConversationEveryMs: number;
  /** 0..1: the share of new conversations that end up waiting for a human. */
  escalationShare: number;
  maxInFlight: number;
  /** Conversations started at once when traffic is switched on (half of them escalating), so a demo is busy at once. */
  openingBurst: number;
}

export const DEFAULT_TRAFFIC: TrafficSettings = {
  enabled: false,
  newConversationEveryMs: 4000,
  escalationShare: 0.35,
  maxInFlight: 60,
  openingBurst: 0,
};

/** How long an untouched conversation stays open, by status, before the customer is taken to have left. */
const IDLE_COMPLETION_MS = { active: 45_000, escalated: 4 * 60_000, csr: 5 * 60_000 } as const;
const SWEEP_EVERY_MS = 5000;
const CUSTOMER_PAUSE_MS = { min: 2500, max: 7000 } as const;

interface Script {
  topic: Topic;
  order: string;
  escalates: boolean;
  followUps: number;
  csrLines: number;
  nudged: boolean;
}

export class Traffic {
  private settings: TrafficSettings = { ...DEFAULT_TRAFFIC };
  private timers: TimerSet | undefined;
  private readonly scripts = new Map<string, Script>();

  constructor(
    private readonly store: TranscriptStore,
    private readonly dialogue: Dialogue,
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {
    store.onMessage((t, message) => this.onMessage(t, message));
  }

  get current(): TrafficSettings {
    return { ...this.settings };
  }

  set(update: Partial<TrafficSettings>): void {
    const wasEnabled = this.settings.enabled;
    this.settings = { ...this.settings, ...update };
    this.stop();
    if (!this.settings.enabled) return;
    const timers = new TimerSet();
    this.timers = timers;
    timers.every(this.settings.newConversationEveryMs, () => this.startOne());
    timers.every(SWEEP_EVERY_MS, () => this.completeIdle());
    const burst = wasEnabled ? 1 : Math.max(1, this.settings.openingBurst);
    for (let i = 0; i < burst; i++) this.startOne(burst > 1 ? i % 2 === 0 : undefined);
  }

  /** Ends every script and timer; scripted conversations stay where they are. */
  stop(): void {
    this.timers?.clear();
    this.timers = undefined;
    this.scripts.clear();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private pause(): number {
    return CUSTOMER_PAUSE_MS.min + this.random() * (CUSTOMER_PAUSE_MS.max - CUSTOMER_PAUSE_MS.min);
  }

  private fill(line: string, script: Script): string {
    return line.replace('{order}', script.order);
  }

  private startOne(escalates?: boolean): void {
    this.newConversation(escalates).catch(() => {});
  }

  private async newConversation(escalates = this.random() < this.settings.escalationShare): Promise<void> {
    if (this.store.list({ statuses: IN_FLIGHT_STATUSES }).length >= this.settings.maxInFlight) return;
    const topic = this.pick(TOPICS);
    const script: Script = {
      topic,
      order: String(100_000 + Math.floor(this.random() * 900_000)),
      escalates,
      followUps: 0,
      csrLines: 0,
      nudged: false,
    };
    const t = await this.dialogue.start(
      { customerName: this.pick(CUSTOMER_NAMES), firstMessage: this.pick(topic.openings) },
      { enforceCapacity: false },
    );
    if (!this.timers) return;
    this.scripts.set(t.id, script);
    this.later(t, () => this.nextLine(t, script));
  }

  /** Runs `step` after a human-sized pause, if the conversation is still scripted then. */
  private later(t: StoredTranscript, step: () => unknown): void {
    this.timers?.after(this.pause(), () => {
      if (!this.scripts.has(t.id) || t.status === 'completed') return;
      void Promise.resolve(step()).catch(() => {});
    });
  }

  private async say(t: StoredTranscript, text: string): Promise<void> {
    await this.dialogue.say(t, text, { enforceCapacity: false });
  }

  /** While the bot holds the conversation: follow the topic, or steer towards a human. */
  private async nextLine(t: StoredTranscript, script: Script): Promise<void> {
    if (t.status === 'escalated') return this.nudgeLater(t, script);
    if (t.status !== 'active') return;
    if (script.escalates) {
      if (this.random() < 0.5) {
        await this.say(t, this.pick(ASK_FOR_PERSON));
      } else {
        const first = this.pick(CONFUSING);
        await this.say(t, first);
        if (t.status === 'active') await this.say(t, this.pick(CONFUSING.filter((line) => line !== first)));
      }
      return this.nudgeLater(t, script);
    }
    const line = script.topic.followUps[script.followUps++];
    if (line === undefined) return; // Said everything: goes quiet, and the idle sweep completes it.
    await this.say(t, this.fill(line, script));
    this.later(t, () => this.nextLine(t, script));
  }

  /** A customer left waiting asks once whether anyone is there. */
  private nudgeLater(t: StoredTranscript, script: Script): void {
    if (script.nudged) return;
    script.nudged = true;
    this.timers?.after(30_000 + this.random() * 60_000, () => {
      if (t.status === 'escalated' && this.scripts.has(t.id))
        void this.say(t, this.pick(STILL_WAITING)).catch(() => {});
    });
  }

  private onMessage(t: StoredTranscript, message: WireMessage): void {
    const script = this.scripts.get(t.id);
    if (!script) return;
    if (message.role === 'system' && message.event === 'completed') {
      this.scripts.delete(t.id);
      return;
    }
    if (message.role !== 'csr') return;
    const line = script.topic.toCsr[script.csrLines];
    if (line === undefined) return;
    script.csrLines++;
    this.later(t, () => {
      if (t.status === 'csr') return this.say(t, this.fill(line, script));
    });
  }

  private completeIdle(): void {
    const now = this.now();
    for (const t of this.store.list({ statuses: IN_FLIGHT_STATUSES })) {
      const limit = IDLE_COMPLETION_MS[t.status as keyof typeof IDLE_COMPLETION_MS];
      if (now - t.updatedAtMs > limit) this.store.complete(t, 'The customer left the chat');
    }
  }
}
