/**
 * Simulated web-chat users. They use the API like a real web chat client: a conversation token from the
 * secret, start the conversation, send messages, read with watermarks, and answer an agent after a pause.
 */
import type { TimerSet } from '../../http-kit/timer-set';
import { AGENT_FROM, batonData, Conversation, DIRECTLINE_PATHS, MessageSet, TokenString } from '../wire';

export interface UserTrafficSettings {
  enabled: boolean;
  newConversationEveryMs?: number;
  openingBurst?: number;
}

const NAMES = ['Maya Patel', 'Jonas Berg', 'Aiko Tanaka', 'Luis Ortega', 'Fatima Noor', 'Sam Carter'];
/** Every other script asks for a person, so a share of conversations escalate. */
const OPENERS: { lines: string[]; asksForPerson: boolean }[] = [
  { lines: ['Hi', 'When will my order ship?'], asksForPerson: false },
  { lines: ['Hello', 'Can I talk to a person please?'], asksForPerson: true },
  { lines: ['My parcel arrived damaged and the box is wet', 'It is all broken really'], asksForPerson: true },
  { lines: ['How do refunds work?', 'Can you send a picture of the return label?'], asksForPerson: false },
];
const ANSWERS_TO_AGENT = ['Thanks!', 'Order 48213, placed last Tuesday.', 'That works for me.'];
const POLL_MS = 1000;
const PAUSE_MS = 1500;
const MAX_TURNS_WITH_AGENT = 3;

export class SimulatedUsers {
  private stopTraffic: () => void = () => {};
  private count = 0;
  private active = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly secret: string,
    private readonly timers: TimerSet,
  ) {}

  set(settings: UserTrafficSettings): void {
    this.stopTraffic();
    this.stopTraffic = () => {};
    if (!settings.enabled) return;
    for (let i = 0; i < (settings.openingBurst ?? 3); i++)
      this.timers.after(i * 300, () => void this.runOne());
    this.stopTraffic = this.timers.every(settings.newConversationEveryMs ?? 8000, () => {
      // A bounded population: a long-running demo must not grow without end.
      if (this.active < 20) void this.runOne();
    });
  }

  private async runOne(): Promise<void> {
    const n = this.count++;
    const name = NAMES[n % NAMES.length] ?? 'Web chat user';
    const lines = OPENERS[n % OPENERS.length]?.lines ?? ['Hi'];
    const userId = `user-${n}-${name.split(' ')[0]?.toLowerCase() ?? 'web'}`;
    this.active++;
    try {
      const call = async (path: string, init: RequestInit & { token: string }): Promise<Response> => {
        const response = await fetch(this.baseUrl() + path, {
          ...init,
          headers: { Authorization: `Bearer ${init.token}`, 'Content-Type': 'application/json' },
        });
        if (!response.ok && response.status !== 204) throw new Error(`${path} answered ${response.status}`);
        return response;
      };
      const token = TokenString.parse(
        await (await call(DIRECTLINE_PATHS.generateToken, { method: 'POST', token: this.secret })).json(),
      );
      const conversation = Conversation.parse(
        await (await call(DIRECTLINE_PATHS.conversations, { method: 'POST', token })).json(),
      );
      const id = conversation.conversationId;
      const send = (text: string) =>
        call(DIRECTLINE_PATHS.messages(id), {
          method: 'POST',
          token,
          body: JSON.stringify({ from: userId, text, channelData: { userName: name } }),
        });
      let watermark = '';
      let agentTurns = 0;
      for (const line of lines) {
        await send(line);
        await this.timers.sleep(PAUSE_MS);
      }
      // Read like a web chat: page by watermark; answer each agent message after a pause.
      for (let polls = 0; polls < 120 && agentTurns < MAX_TURNS_WITH_AGENT; polls++) {
        await this.timers.sleep(POLL_MS);
        const query = watermark ? `?watermark=${watermark}` : '';
        const set = MessageSet.parse(
          await (await call(DIRECTLINE_PATHS.messages(id) + query, { method: 'GET', token })).json(),
        );
        if (set.watermark !== undefined) watermark = set.watermark;
        const fromAgent = set.messages.filter((m) => m.from === AGENT_FROM && m.text);
        const closed = set.messages.some((m) => batonData(m)?.handoff === 'closed');
        if (closed) break;
        if (fromAgent.length > 0) {
          await this.timers.sleep(PAUSE_MS);
          await send(ANSWERS_TO_AGENT[agentTurns % ANSWERS_TO_AGENT.length] ?? 'Thanks!');
          agentTurns++;
        }
      }
    } catch {
      // A simulated user that hits a fault just leaves, as a real one would.
    } finally {
      this.active--;
    }
  }
}
