/**
 * Simulated subscribers for the demo: they start conversations (an opening burst, then every few seconds),
 * write, sometimes share a location or a photo, tap suggestions they were sent, read what they receive, type
 * before they answer, sometimes ask for a person, and eventually go quiet. Each follows a short script, so a
 * demo looks like real traffic without being random noise.
 */
import type { TimerSet } from '../../http-kit/timer-set';
import type { AgentMessage } from '../wire';
import { suggestionsOf } from './direqt-world';
import type { DireqtWorld } from './direqt-world';
import type { SimMessage, SimUser, UserStore } from './user-store';

type Step =
  | { say: string }
  | { location: { latitude: number; longitude: number; label: string } }
  | { file: string }
  | { tap: true };

interface Persona {
  name: string;
  surface: string;
  steps: Step[];
}

const PERSONAS: Persona[] = [
  {
    name: 'Maya Patel',
    surface: 'web',
    steps: [{ say: 'Hi! What are your opening hours?' }, { tap: true }, { say: 'Thanks, that helps.' }],
  },
  {
    name: 'Tom Becker',
    surface: 'messenger',
    steps: [{ say: 'Which plans do you have?' }, { tap: true }, { say: 'Can I talk to a person please?' }],
  },
  {
    name: 'Aiko Tanaka',
    surface: 'rcs',
    steps: [
      { say: 'Where is my order?' },
      { tap: true },
      { say: 'It still has not arrived, I want to speak to someone.' },
    ],
  },
  {
    name: 'Lucas Moreau',
    surface: 'web',
    steps: [
      { say: 'Is there a store near me?' },
      { location: { latitude: 48.8566, longitude: 2.3522, label: 'Paris' } },
      { say: 'Great, thank you!' },
    ],
  },
  {
    name: 'Priya Nair',
    surface: 'messenger',
    steps: [
      { say: 'My package arrived damaged' },
      { file: 'receipt.png' },
      { say: 'I need a human to sort this out' },
    ],
  },
];

export interface SimulatedUsersOptions {
  world: DireqtWorld;
  store: UserStore;
  timers: TimerSet;
  /** The simulator's origin, for the photos users send. */
  origin: () => string;
  newConversationEveryMs: number;
  openingBurst: number;
  /** How long a user takes to read, to type, to answer (ms); tests make it short. */
  paceMs?: number;
  random?: () => number;
}

export class SimulatedUsers {
  private readonly scripts = new Map<string, { persona: Persona; next: number; cancel?: () => void }>();
  private started = 0;

  constructor(private readonly options: SimulatedUsersOptions) {
    options.world.onReceived((user, message) => this.received(user, message));
  }

  private running = false;

  /** Idempotent: a second call does not double the traffic. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.openingBurst; i++) {
      this.options.timers.after(i * this.pace(0.5), () => this.startOne());
    }
    this.options.timers.every(this.options.newConversationEveryMs, () => this.startOne());
  }

  /** Starts one scripted conversation now. */
  startOne(): SimUser {
    const persona = PERSONAS[this.started++ % PERSONAS.length] as Persona;
    const user = this.options.store.create(persona.name, persona.surface, true);
    this.scripts.set(user.userId, { persona, next: 0 });
    this.act(user);
    return user;
  }

  private pace(factor: number): number {
    const base = this.options.paceMs ?? 1500;
    return Math.round(base * factor * (0.75 + (this.options.random ?? Math.random)() * 0.5));
  }

  /** Reads what arrived, then answers once the bot has finished (a burst of messages gets one answer). */
  private received(user: SimUser, message: SimMessage): void {
    const script = this.scripts.get(user.userId);
    if (!script) return;
    const { world, timers } = this.options;
    timers.after(this.pace(0.5), () =>
      world.userStatus(user, { statusType: 'read', relatedMessageId: message.id }),
    );
    script.cancel?.();
    script.cancel = timers.after(this.pace(1), () => this.act(user));
  }

  private act(user: SimUser): void {
    const script = this.scripts.get(user.userId);
    const step = script?.persona.steps[script.next];
    if (!script || !step) {
      // Out of lines: the user goes quiet.
      this.scripts.delete(user.userId);
      return;
    }
    script.next++;
    const { world, timers } = this.options;
    if ('tap' in step) {
      const last = [...user.messages].reverse().find((m) => m.direction === 'out' && m.kind === 'content');
      const options = last ? suggestionsOf(last.body as AgentMessage) : [];
      if (last && options.length > 0) {
        world.tap(user, last.id, Math.floor((this.options.random ?? Math.random)() * options.length));
        return;
      }
      this.act(user);
      return;
    }
    world.userStatus(user, { statusType: 'typing' });
    timers.after(this.pace(0.7), () => {
      if ('say' in step) world.say(user, step.say);
      else if ('location' in step) world.shareLocation(user, step.location);
      else
        world.userSends(user, {
          messageType: 'content',
          messageId: `umsg_${user.userId}_${script.next}`,
          content: {
            contentType: 'file',
            file: {
              url: `${this.options.origin()}/media/${step.file}`,
              mimeType: 'image/png',
              name: step.file,
            },
          },
        });
    });
  }
}
