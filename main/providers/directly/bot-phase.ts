/**
 * The bot phase of a Directly conversation: Understand → Automate. The customer's words go to Understand;
 * a recognised utterance whose next step is "automate" gets Automate's expert-written content, delivered to
 * the customer as the bot's answer with a "did that help?" question whose answer becomes Automate's feedback
 * signal. Anything else (not recognised, a request for a person, content that did not help) waits for a human.
 */
import { randomUUID } from 'node:crypto';
import type { MessageContent } from '../../contract';
import type { ConnectorSink } from '../../core/connector';
import type { RelayHost } from '../../core/relay';
import type { DirectlyApi } from './directly-api';
import { FEEDBACK_REPLIES, feedbackVerdict } from './feedback-phrases';
import { addTranscript, remember, toPlatformConversation } from './session';
import type { Session } from './session';
import { HUMAN_HANDOFF_INTENT } from './wire';
import type { UnderstandResult } from './wire';

export interface BotPhaseDeps {
  api: DirectlyApi;
  relay: RelayHost;
  sink: ConnectorSink;
  now: () => number;
}

export const BOT_LINES = {
  helped: 'Glad that helped! Is there anything else I can do for you?',
  didNotHelp: "Sorry that didn't help. I'm getting you a person who can.",
  handingOver: "I'm getting you a person who can help with that. Please stay with me.",
  askHelped: 'Did that help?',
} as const;

export const WAIT_REASONS = {
  askedForPerson: 'Customer asked for a person',
  notRecognised: 'Directly did not recognise the question',
  didNotHelp: 'Automated answer did not help',
  expertTopic: (intent: string) => `Directly routes "${intent}" to an expert`,
} as const;

export class BotPhase {
  constructor(private readonly deps: BotPhaseDeps) {}

  /** One customer message while the bot holds the conversation. */
  async handle(session: Session, text: string): Promise<void> {
    const { api } = this.deps;
    const automationId = session.awaitingFeedback;
    session.awaitingFeedback = undefined;
    if (automationId !== undefined) {
      const verdict = feedbackVerdict(text);
      if (verdict !== undefined) {
        const helpful = verdict === 'helpful';
        await api.feedback(automationId, { helpful, conversationId: session.id });
        if (helpful) await this.say(session, { type: 'text', text: BOT_LINES.helped });
        else await this.wait(session, WAIT_REASONS.didNotHelp, BOT_LINES.didNotHelp);
        return;
      }
    }
    const understanding = await api.understand({ text, conversationId: session.id });
    session.understanding = understanding;
    if (understanding.recognized && understanding.nextStep === 'automate' && understanding.automationId) {
      const answer = await api.automate({
        automationId: understanding.automationId,
        conversationId: session.id,
      });
      const body = `${answer.content.title}\n\n${answer.content.body}\n\n${BOT_LINES.askHelped}`;
      this.deps.sink.conversation(toPlatformConversation(session));
      await this.say(session, {
        type: 'text',
        text: body,
        suggestions: [
          { type: 'reply', text: FEEDBACK_REPLIES.helpful },
          { type: 'reply', text: FEEDBACK_REPLIES.notHelpful },
        ],
      });
      session.awaitingFeedback = answer.automationId;
      return;
    }
    await this.wait(session, waitReason(understanding), BOT_LINES.handingOver);
  }

  /** Hands the conversation to the humans: the holder waits, and the customer is told a person is coming. */
  private async wait(session: Session, reason: string, line: string): Promise<void> {
    session.holder = { kind: 'waiting', since: this.iso(), reason };
    // The bot's "a person is coming" comes before the waiting marker in the timeline; the escalation is
    // reported even if telling the customer failed, so it is never missed.
    try {
      await this.say(session, { type: 'text', text: line });
    } finally {
      this.deps.sink.conversation(toPlatformConversation(session));
    }
  }

  private async say(session: Session, content: MessageContent & { type: 'text' }): Promise<void> {
    const messageId = `bot_${randomUUID()}`;
    const at = this.iso();
    await this.deps.relay.deliverToCustomer({
      channelConversationId: session.id,
      messageId,
      role: 'bot',
      content,
      at,
    });
    addTranscript(session, { from: 'automation', text: content.text, at });
    const message = { platformMessageId: messageId, role: 'bot' as const, content, at };
    remember(session, message);
    this.deps.sink.messages(session.id, [message]);
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}

function waitReason(understanding: UnderstandResult): string {
  if (understanding.intent === HUMAN_HANDOFF_INTENT) return WAIT_REASONS.askedForPerson;
  if (understanding.recognized && understanding.intent !== undefined && understanding.nextStep === 'engage') {
    return WAIT_REASONS.expertTopic(understanding.intent);
  }
  return WAIT_REASONS.notRecognised;
}
