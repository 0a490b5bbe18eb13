/**
 * The simulated tenant's "trained models": intents with example utterances, the expert-written content
 * behind the automatable ones, and a nearest-match recogniser. It ships trained on common support topics so
 * the demo works without an ingest; ingested utterances are added as further examples.
 */
import { HUMAN_HANDOFF_INTENT } from '../wire';
import type { NextStep, UnderstandResult } from '../wire';

export interface Automation {
  automationId: string;
  title: string;
  body: string;
}

interface Intent {
  name: string;
  nextStep: NextStep;
  automation?: Automation;
  examples: string[];
}

/** A score below this is "not recognised": better a human than a wrong answer. */
const RECOGNITION_THRESHOLD = 0.5;

const STOPWORDS = new Set(
  "a an the i im i'm my me we our you your to of for on in at is are was be been it its this that and or but do does did can could would will with how what where when why which please hi hello hey there just so".split(
    ' ',
  ),
);

/** Lower-case word stems without stopwords: crude, but enough for a recogniser that has to be predictable. */
export function keywords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9\s']/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !STOPWORDS.has(word));
  return new Set(words.map((word) => word.replace(/'s$/, '').replace(/(ing|ed|es|s)$/, '') || word));
}

/** Dice coefficient of the two keyword sets (1 for the same words, 0 for none in common). */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const HUMAN_REQUEST = /\b(human|person|agent|someone real|real people|representative|operator)\b/i;

function builtInIntents(): Intent[] {
  const automated = (name: string, title: string, body: string, examples: string[]): Intent => ({
    name,
    nextStep: 'automate',
    automation: { automationId: `auto_${name}`, title, body },
    examples,
  });
  return [
    automated(
      'password_reset',
      'Resetting your password',
      'Open Sign in → "Forgot password?", enter your account email and follow the link we send (it is valid for 30 minutes). No email after 5 minutes? Check your spam folder, or add noreply@example.com to your contacts and try again.',
      [
        'reset my password',
        'I forgot my password',
        "I'm trying to reset my password, but I'm not receiving the email your site mentions.",
        "I can't find how to reset my password on the account settings page.",
        'password reset email not arriving',
      ],
    ),
    automated(
      'order_status',
      'Where is my order?',
      'Go to Account → Orders and open the order: the tracking link shows where the parcel is. Orders ship within 2 working days; the tracking number becomes active a few hours after the label is printed.',
      [
        'where is my order',
        'order status',
        'track my order',
        'has my order shipped',
        'tracking number for my order',
      ],
    ),
    automated(
      'refund',
      'Getting a refund',
      'Start a return under Account → Orders → Return items. Once the parcel reaches us, the refund goes to your original payment method within 5 working days.',
      ['I want a refund', 'how do I get my money back', 'refund my order', 'return an item for a refund'],
    ),
    automated(
      'opening_hours',
      'Opening hours',
      'Our stores are open Monday to Saturday 9:00–20:00 and Sunday 11:00–17:00. Customer support answers chats every day from 8:00 to 22:00.',
      ['opening hours', 'when are you open', 'what time do you close', 'store hours'],
    ),
    automated(
      'shipping_cost',
      'Shipping options and costs',
      'Standard delivery (3–5 working days) is free over $50, otherwise $4.95. Express delivery (next working day) is $9.95 when ordered before 14:00.',
      [
        'how much is shipping',
        'shipping cost',
        'delivery options',
        'do you offer express shipping',
        'how long does delivery take',
      ],
    ),
    {
      name: HUMAN_HANDOFF_INTENT,
      nextStep: 'engage',
      examples: [
        'talk to a person',
        'speak to a human',
        'I want an agent',
        'can I talk to someone',
        'real person please',
      ],
    },
  ];
}

export class Knowledge {
  private readonly intents = builtInIntents();
  private readonly index = new Map<Intent, Set<string>[]>();

  constructor() {
    for (const intent of this.intents) this.index.set(intent, intent.examples.map(keywords));
  }

  automation(automationId: string): Automation | undefined {
    return this.intents.find((intent) => intent.automation?.automationId === automationId)?.automation;
  }

  understand(text: string): UnderstandResult {
    if (HUMAN_REQUEST.test(text)) {
      return { recognized: true, intent: HUMAN_HANDOFF_INTENT, confidence: 0.99, nextStep: 'engage' };
    }
    const words = keywords(text);
    let best: { intent: Intent; score: number } | undefined;
    for (const [intent, examples] of this.index) {
      for (const example of examples) {
        const score = similarity(words, example);
        if (!best || score > best.score) best = { intent, score };
      }
    }
    const confidence = Math.round((best?.score ?? 0) * 100) / 100;
    if (!best || best.score < RECOGNITION_THRESHOLD)
      return { recognized: false, confidence, nextStep: 'none' };
    return {
      recognized: true,
      intent: best.intent.name,
      confidence,
      nextStep: best.intent.nextStep,
      ...(best.intent.automation && { automationId: best.intent.automation.automationId }),
    };
  }

  /**
   * Training on ingested utterances: one close to a known intent becomes another example of it; the rest
   * form new intents that are recognised but have no expert content yet, so they go to a human (`engage`).
   */
  train(utterances: readonly string[], jobId: string): void {
    let n = 0;
    for (const utterance of utterances) {
      const words = keywords(utterance);
      if (words.size === 0) continue;
      const match = this.understand(utterance);
      let intent = match.recognized
        ? this.intents.find((candidate) => candidate.name === match.intent)
        : undefined;
      if (!intent) {
        intent = { name: `ingested_${jobId}_${++n}`, nextStep: 'engage', examples: [] };
        this.intents.push(intent);
        this.index.set(intent, []);
      }
      intent.examples.push(utterance);
      this.index.get(intent)?.push(words);
    }
  }
}
