/**
 * The benchmark's scaled simulators: one per platform, each a connector that reports conversations and
 * messages through the same `ConnectorSink` the real connectors use, so everything from the core's mapping
 * and store to the console's screen is the real path. What it leaves out is each platform's wire protocol
 * (HTTP, SSE, webhooks): at 10,000 conversations that would measure the simulators, not Baton.
 *
 * Every traffic message starts with a token `b<seq>.<emit epoch ms>` so the console page can tell when it
 * was emitted and measure event-to-screen latency against the same machine clock.
 */
import type { Agent } from '../contract';
import { PlatformKind } from '../contract';
import type { Connector, ConnectorSink, PlatformHolder, PlatformMessage } from '../core/connector';
import { capabilities } from '../core/connector';

export interface LoadPlan {
  conversations: number;
  messages: number;
  /** Messages in the first conversation (the one the benchmark opens). */
  openMessages: number;
}

const PLATFORMS = PlatformKind.options;

const TEXTS = [
  'Hi, my parcel has not arrived yet and the tracking page has not changed since Monday.',
  'Thanks! Could you also check whether the invoice was sent to the right address?',
  'I can help with that. Could you tell me your order number, please?',
  'The payment went through twice, can someone refund one of them?',
  'Sure, I have looked it up: the courier expects to deliver it tomorrow before noon.',
  'I would like to talk to a person about my contract renewal.',
];

function holderFor(index: number, at: string): PlatformHolder {
  if (index === 0) return { kind: 'waiting', since: at, reason: 'Asked for a person' };
  const bucket = index % 10;
  if (bucket < 6) return { kind: 'bot' };
  if (bucket < 8) return { kind: 'waiting', since: at, reason: 'Asked for a person' };
  if (bucket < 9) return { kind: 'agent', agentId: 'agent:colleague', agentName: 'Colleague' };
  return { kind: 'closed', at };
}

export class LoadConnector implements Connector {
  readonly capabilities = capabilities(['typing', 'handBack', 'tags']);
  private sink: ConnectorSink | null = null;

  constructor(readonly platform: PlatformKind) {}

  async start(sink: ConnectorSink): Promise<void> {
    this.sink = sink;
    sink.health({ state: 'connected' });
  }

  async stop(): Promise<void> {
    this.sink = null;
  }

  get connected(): ConnectorSink | null {
    return this.sink;
  }

  // The benchmark's connectors have nothing more than what they reported: the store is the transcript.
  async fetchMessages(): Promise<PlatformMessage[]> {
    return [];
  }
  async takeOver(): Promise<void> {}
  async reply(_ref: unknown, _agent: Agent, _content: unknown, messageId: string) {
    return { platformMessageId: `p-${messageId}`, state: 'delivered' as const };
  }
  async handBack(): Promise<void> {}
  async close(): Promise<void> {}
  async typing(): Promise<void> {}
  async setTags(): Promise<void> {}
}

export interface TrafficStats {
  emitted: number;
  holderChanges: number;
  startedAt: number;
  endedAt: number | null;
  /** Largest delay of the emit loop behind its schedule: the core could not keep up when it grows. */
  maxLagMs: number;
}

/** The five platforms' load connectors, the bulk seed and the sustained traffic. */
export class BenchLoad {
  readonly connectors = new Map<PlatformKind, LoadConnector>(
    PLATFORMS.map((platform) => [platform, new LoadConnector(platform)]),
  );
  private conversationCount = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;

  /** Workspace id and platform conversation id of conversation `index`. */
  locate(index: number): { platform: PlatformKind; platformConversationId: string } {
    const platform = PLATFORMS[index % PLATFORMS.length] as PlatformKind;
    return { platform, platformConversationId: `c${index}` };
  }

  private sinkOf(platform: PlatformKind): ConnectorSink {
    const sink = this.connectors.get(platform)?.connected;
    if (!sink) throw new Error(`The ${platform} load connector is not started.`);
    return sink;
  }

  /**
   * Reports the plan's conversations and messages, yielding to the event loop between chunks so the host
   * stays responsive. Conversation 0 gets `openMessages` and the latest activity (it tops the Live view).
   */
  async seed(plan: LoadPlan, onProgress?: (done: number) => void): Promise<void> {
    const count = plan.conversations;
    const rest = Math.max(0, plan.messages - plan.openMessages);
    const perConversation = count > 1 ? Math.floor(rest / (count - 1)) : 0;
    const extra = count > 1 ? rest - perConversation * (count - 1) : 0;
    const start = Date.now() - 3_600_000;
    // Conversation 0 goes last so that its activity is the latest even against the escalation markers that
    // the core stamps with the current time.
    for (let step = 1; step <= count; step++) {
      const index = step % count;
      const { platform, platformConversationId } = this.locate(index);
      const sink = this.sinkOf(platform);
      const n =
        index === 0 ? Math.min(plan.openMessages, plan.messages) : perConversation + (index <= extra ? 1 : 0);
      // Spread the conversations over the last hour, conversation 0 last.
      const firstAt =
        index === 0 ? Date.now() - n * 250 : start + Math.floor(((count - index) / count) * 3_000_000);
      const createdAt = new Date(firstAt).toISOString();
      sink.conversation({
        platformConversationId,
        customer: { id: `cust-${index}`, name: `Customer ${index}` },
        channel: 'web',
        holder: holderFor(index, createdAt),
        createdAt,
      });
      const messages: PlatformMessage[] = [];
      for (let m = 0; m < n; m++) {
        const role = m % 2 === 0 ? 'customer' : 'bot';
        messages.push({
          platformMessageId: `s${index}-${m}`,
          role,
          content: { type: 'text', text: TEXTS[(index + m) % TEXTS.length] as string },
          at: new Date(firstAt + m * 250).toISOString(),
        });
      }
      if (messages.length > 0) sink.messages(platformConversationId, messages);
      if (step % 250 === 0) {
        onProgress?.(step);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.conversationCount = count;
  }

  /**
   * Emits `rate` platform events per second for `seconds`: 95 % customer messages (one in `openShare` to
   * conversation 0, the rest to random open conversations), 5 % a conversation going to or from waiting.
   */
  traffic(
    options: { rate: number; seconds: number; openShare?: number },
    onDone: (stats: TrafficStats) => void,
  ): void {
    this.stopTraffic();
    const count = this.conversationCount;
    if (count === 0) throw new Error('Seed before traffic.');
    const openShare = options.openShare ?? 10;
    const stats: TrafficStats = {
      emitted: 0,
      holderChanges: 0,
      startedAt: Date.now(),
      endedAt: null,
      maxLagMs: 0,
    };
    const endAt = stats.startedAt + options.seconds * 1000;
    let lastTick = stats.startedAt;
    const tick = () => {
      const now = Date.now();
      stats.maxLagMs = Math.max(stats.maxLagMs, now - lastTick - 5);
      lastTick = now;
      const due =
        Math.floor(((Math.min(now, endAt) - stats.startedAt) * options.rate) / 1000) - stats.emitted;
      for (let i = 0; i < due; i++) this.emitOne(count, openShare, stats);
      if (now >= endAt) {
        this.stopTraffic();
        stats.endedAt = Date.now();
        onDone(stats);
      }
    };
    this.timer = setInterval(tick, 5);
  }

  stopTraffic(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private emitOne(count: number, openShare: number, stats: TrafficStats): void {
    const seq = ++this.seq;
    stats.emitted++;
    const index = seq % openShare === 0 || count === 1 ? 0 : 1 + Math.floor(Math.random() * (count - 1));
    const { platform, platformConversationId } = this.locate(index);
    const sink = this.sinkOf(platform);
    const at = new Date();
    if (index !== 0 && seq % 20 === 7) {
      stats.holderChanges++;
      // Bot ↔ waiting flips keep the handover engine and the Waiting view busy too.
      const waiting = seq % 40 === 7;
      sink.conversation({
        platformConversationId,
        customer: { id: `cust-${index}`, name: `Customer ${index}` },
        channel: 'web',
        holder: waiting
          ? { kind: 'waiting', since: at.toISOString(), reason: 'Asked for a person' }
          : { kind: 'bot' },
        createdAt: at.toISOString(),
      });
      return;
    }
    sink.messages(platformConversationId, [
      {
        platformMessageId: `t${seq}`,
        role: 'customer',
        content: { type: 'text', text: `b${seq}.${at.getTime()} ${TEXTS[seq % TEXTS.length] as string}` },
        at: at.toISOString(),
      },
    ]);
  }
}
