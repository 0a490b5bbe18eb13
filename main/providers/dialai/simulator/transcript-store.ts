/**
 * What the simulated tenant holds: transcripts, their messages and every state change. Each change is
 * published once, in order, as a live event; nothing else in the simulator mutates a transcript.
 */
import { randomUUID } from 'node:crypto';
import { ERROR_CODES, LIVE_EVENTS } from '../wire';
import type {
  Csr,
  HandoverEvent,
  TranscriptStatus,
  TranscriptWithMessages,
  WireMessage,
  WireTranscript,
} from '../wire';
import { DialaiApiError, notFound } from './api-error';

export interface StoredTranscript {
  /** Creation order, for stable paging. */
  readonly seq: number;
  readonly id: string;
  readonly chatLink: string;
  readonly channel: string;
  readonly customer: { id: string; name: string };
  readonly createdAt: string;
  status: TranscriptStatus;
  csr: Csr | null;
  escalatedAt: string | null;
  escalationReason: string | null;
  tags: string[];
  updatedAt: string;
  updatedAtMs: number;
  completedAt: string | null;
  messages: WireMessage[];
  /** The bot's consecutive misunderstandings; the second one escalates. */
  misunderstood: number;
}

export interface TranscriptFilter {
  statuses?: readonly TranscriptStatus[];
  updatedSinceMs?: number;
  /** Case-insensitive text found in the customer name, a message, a tag or the id. */
  q?: string;
}

export type Publish = (event: string, data: unknown) => void;
type MessageFields = Omit<WireMessage, 'id' | 'transcriptId' | 'createdAt'>;

/** Completed transcripts kept for listing; older ones are forgotten so a demo can run for hours. */
const DEFAULT_COMPLETED_KEPT = 500;

export class TranscriptStore {
  private readonly transcripts = new Map<string, StoredTranscript>();
  private readonly messageListeners: ((t: StoredTranscript, message: WireMessage) => void)[] = [];
  private nextSeq = 1;

  constructor(
    private readonly now: () => number,
    private readonly publish: Publish,
    private readonly completedKept = DEFAULT_COMPLETED_KEPT,
  ) {}

  /** Called after every stored message (the scripted customers listen for CSR messages). */
  onMessage(listener: (t: StoredTranscript, message: WireMessage) => void): void {
    this.messageListeners.push(listener);
  }

  create(input: { customerId?: string; customerName?: string; channel?: string }): StoredTranscript {
    const at = this.isoNow();
    const t: StoredTranscript = {
      seq: this.nextSeq++,
      id: randomUUID(),
      chatLink: randomUUID(),
      channel: input.channel ?? 'web',
      customer: {
        id: input.customerId ?? `visitor-${randomUUID().slice(0, 8)}`,
        name: input.customerName ?? 'Visitor',
      },
      createdAt: at,
      status: 'active',
      csr: null,
      escalatedAt: null,
      escalationReason: null,
      tags: [],
      updatedAt: at,
      updatedAtMs: this.now(),
      completedAt: null,
      messages: [],
      misunderstood: 0,
    };
    this.transcripts.set(t.id, t);
    this.publish(LIVE_EVENTS.transcriptCreated, { transcript: toWire(t) });
    return t;
  }

  get(id: string): StoredTranscript | undefined {
    return this.transcripts.get(id);
  }

  require(id: string): StoredTranscript {
    const t = this.transcripts.get(id);
    if (!t) throw notFound(`Transcript ${id} does not exist.`);
    return t;
  }

  /** In creation order. */
  list(filter: TranscriptFilter = {}): StoredTranscript[] {
    const q = filter.q?.toLowerCase();
    return [...this.transcripts.values()].filter(
      (t) =>
        (!filter.statuses || filter.statuses.includes(t.status)) &&
        (filter.updatedSinceMs === undefined || t.updatedAtMs >= filter.updatedSinceMs) &&
        (q === undefined || matches(t, q)),
    );
  }

  addMessage(t: StoredTranscript, fields: MessageFields): WireMessage {
    const message: WireMessage = {
      id: randomUUID(),
      transcriptId: t.id,
      createdAt: this.isoNow(),
      ...fields,
    };
    t.messages.push(message);
    this.touch(t);
    this.publish(LIVE_EVENTS.messageCreated, { transcriptId: t.id, message });
    for (const listener of this.messageListeners) listener(t, message);
    return message;
  }

  escalate(t: StoredTranscript, reason: string): void {
    if (t.status !== 'active') return;
    t.status = 'escalated';
    t.escalatedAt = this.isoNow();
    t.escalationReason = reason;
    this.changed(t, 'escalated', `Escalated to a human: ${reason}`);
  }

  /** Idempotent for the CSR who already holds it. */
  takeOver(t: StoredTranscript, csr: Csr): void {
    this.refuseIfCompleted(t);
    if (t.csr?.csrId === csr.csrId) return;
    if (t.csr) {
      throw new DialaiApiError(
        409,
        ERROR_CODES.alreadyHeld,
        `Transcript ${t.id} is held by ${t.csr.csrName}.`,
        {
          heldBy: t.csr,
        },
      );
    }
    t.status = 'csr';
    t.csr = { ...csr };
    this.changed(t, 'csr_takeover', `${csr.csrName} joined the conversation`);
  }

  /** A repeated `clientMessageId` returns the message stored the first time, whatever happened since. */
  addCsrMessage(t: StoredTranscript, input: { csrId: string; text: string; clientMessageId: string }) {
    const earlier = t.messages.find((m) => m.role === 'csr' && m.clientMessageId === input.clientMessageId);
    if (earlier) return { message: earlier, repeated: true };
    this.refuseIfCompleted(t);
    if (t.csr?.csrId !== input.csrId) {
      const holder = t.csr
        ? `is held by ${t.csr.csrName}`
        : t.status === 'escalated'
          ? 'waits for a CSR'
          : 'is held by the bot';
      throw new DialaiApiError(
        409,
        ERROR_CODES.notHolder,
        `Transcript ${t.id} ${holder}; take it over (CsrTakeOver) before sending.`,
        t.csr ? { heldBy: t.csr } : {},
      );
    }
    const message = this.addMessage(t, {
      role: 'csr',
      text: input.text,
      csrId: t.csr.csrId,
      csrName: t.csr.csrName,
      clientMessageId: input.clientMessageId,
    });
    return { message, repeated: false };
  }

  handBack(t: StoredTranscript): void {
    this.refuseIfCompleted(t);
    if (t.status === 'active') return;
    const who = t.csr?.csrName ?? 'A CSR';
    t.status = 'active';
    t.csr = null;
    t.escalatedAt = null;
    t.escalationReason = null;
    t.misunderstood = 0;
    this.changed(t, 'handed_back', `${who} handed the conversation back to the bot`);
  }

  complete(t: StoredTranscript, why = 'Conversation completed'): void {
    if (t.status === 'completed') return;
    t.status = 'completed';
    t.completedAt = this.isoNow();
    this.changed(t, 'completed', why);
    this.forgetOldCompleted();
  }

  setTags(t: StoredTranscript, tags: string[]): void {
    t.tags = [...new Set(tags)];
    this.touch(t);
    this.publish(LIVE_EVENTS.transcriptUpdated, { transcript: toWire(t) });
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  private refuseIfCompleted(t: StoredTranscript): void {
    if (t.status === 'completed') {
      throw new DialaiApiError(409, ERROR_CODES.completed, `Transcript ${t.id} is completed.`);
    }
  }

  /** A handover step: the transcript update first, then the system message that records it. */
  private changed(t: StoredTranscript, event: HandoverEvent, text: string): void {
    this.touch(t);
    this.publish(LIVE_EVENTS.transcriptUpdated, { transcript: toWire(t) });
    this.addMessage(t, { role: 'system', text, event });
  }

  private touch(t: StoredTranscript): void {
    t.updatedAt = this.isoNow();
    t.updatedAtMs = this.now();
  }

  private forgetOldCompleted(): void {
    const completed = [...this.transcripts.values()].filter((t) => t.status === 'completed');
    for (const t of completed.slice(0, Math.max(0, completed.length - this.completedKept))) {
      this.transcripts.delete(t.id);
    }
  }
}

function matches(t: StoredTranscript, q: string): boolean {
  return (
    t.id.toLowerCase().includes(q) ||
    t.customer.name.toLowerCase().includes(q) ||
    t.tags.some((tag) => tag.toLowerCase().includes(q)) ||
    t.messages.some((m) => m.text.toLowerCase().includes(q))
  );
}

export function toWire(t: StoredTranscript): WireTranscript {
  return {
    id: t.id,
    status: t.status,
    channel: t.channel,
    customer: { ...t.customer },
    csr: t.csr ? { ...t.csr } : null,
    escalatedAt: t.escalatedAt,
    escalationReason: t.escalationReason,
    tags: [...t.tags],
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    completedAt: t.completedAt,
    messageCount: t.messages.length,
  };
}

export function toWireWithMessages(t: StoredTranscript): TranscriptWithMessages {
  return { ...toWire(t), messages: [...t.messages] };
}
