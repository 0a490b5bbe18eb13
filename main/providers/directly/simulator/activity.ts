/**
 * What the simulated tenant saw of each integrator conversation (by the `conversationId` the integrator
 * sends with Understand and Automate, and the `externalId` of Engage), and the Report computed from it.
 * Definitions are in README.md ("Report").
 */
import type { Report, UnderstandResult } from '../wire';

export interface AutomationEntry {
  from: 'customer' | 'automation';
  text: string;
  at: string;
  intent?: string;
  automationId?: string;
}

export interface ConversationActivity {
  conversationId: string;
  firstSeenMs: number;
  /** What the customer asked and what Automate answered, in order. */
  entries: AutomationEntry[];
  automatedAnswers: number;
  escalations: number;
}

interface Signal {
  atMs: number;
}

export class Activity {
  private readonly conversations = new Map<string, ConversationActivity>();
  private readonly feedback: (Signal & { helpful: boolean; automationId: string })[] = [];
  private readonly ratings: (Signal & { engageId: string; rating: number })[] = [];

  constructor(private readonly now: () => number) {}

  list(): ConversationActivity[] {
    return [...this.conversations.values()];
  }

  private touch(conversationId: string): ConversationActivity {
    let activity = this.conversations.get(conversationId);
    if (!activity) {
      activity = {
        conversationId,
        firstSeenMs: this.now(),
        entries: [],
        automatedAnswers: 0,
        escalations: 0,
      };
      this.conversations.set(conversationId, activity);
    }
    return activity;
  }

  private at(): string {
    return new Date(this.now()).toISOString();
  }

  understood(conversationId: string | undefined, text: string, result: UnderstandResult): void {
    if (conversationId === undefined) return;
    this.touch(conversationId).entries.push({
      from: 'customer',
      text,
      at: this.at(),
      ...(result.intent !== undefined && { intent: result.intent }),
    });
  }

  automated(conversationId: string | undefined, automationId: string, text: string): void {
    if (conversationId === undefined) return;
    const activity = this.touch(conversationId);
    activity.automatedAnswers++;
    activity.entries.push({ from: 'automation', text, at: this.at(), automationId });
  }

  escalated(conversationId: string): void {
    this.touch(conversationId).escalations++;
  }

  feedbackGiven(automationId: string, helpful: boolean): void {
    this.feedback.push({ atMs: this.now(), automationId, helpful });
  }

  /** A conversation is rated once: a second rating replaces the first (a retried or corrected rating). */
  rated(engageId: string, rating: number): void {
    const existing = this.ratings.find((r) => r.engageId === engageId);
    if (existing) {
      existing.rating = rating;
      existing.atMs = this.now();
    } else this.ratings.push({ atMs: this.now(), engageId, rating });
  }

  report(fromMs: number, toMs: number): Report {
    const inPeriod = (atMs: number): boolean => atMs >= fromMs && atMs < toMs;
    const conversations = [...this.conversations.values()].filter((c) => inPeriod(c.firstSeenMs));
    const escalated = conversations.filter((c) => c.escalations > 0).length;
    const automated = conversations.filter((c) => c.escalations === 0 && c.automatedAnswers > 0).length;
    const feedback = this.feedback.filter((f) => inPeriod(f.atMs));
    const helpful = feedback.filter((f) => f.helpful).length;
    const notHelpful = feedback.length - helpful;
    const ratings = this.ratings.filter((r) => inPeriod(r.atMs));
    const ratingSum = ratings.reduce((sum, r) => sum + r.rating, 0);
    const satisfied = helpful + ratings.filter((r) => r.rating >= 4).length;
    const signals = feedback.length + ratings.length;
    return {
      period: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      conversations: conversations.length,
      automated,
      escalated,
      automationRate: conversations.length === 0 ? 0 : round(automated / conversations.length),
      helpful,
      notHelpful,
      ratings: {
        count: ratings.length,
        average: ratings.length === 0 ? null : round(ratingSum / ratings.length),
      },
      satisfaction: signals === 0 ? null : round(satisfied / signals),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
