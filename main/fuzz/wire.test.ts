/**
 * Fuzzes every provider's wire schemas and the hand-written functions that read platform responses and
 * webhooks: arbitrary JSON and mutated valid samples must never make them throw. A schema either accepts a
 * body or refuses it; whatever it accepts, the mapping to Baton's terms must take without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as certainlyMapping from '../providers/certainly/mapping';
import * as certainly from '../providers/certainly/wire';
import * as dialaiMapping from '../providers/dialai/mapping';
import * as dialai from '../providers/dialai/wire';
import * as directlineMapping from '../providers/directline/mapping';
import * as directline from '../providers/directline/wire';
import * as directly from '../providers/directly/wire';
import * as direqtMapping from '../providers/direqt/mapping';
import * as direqt from '../providers/direqt/wire';
import { fuzzInput } from './mutate';
import * as samples from './wire-samples';

const RUNS = 1500;

/** Parses fuzzed bodies with `schema`; hands whatever it accepts to `use`. Nothing may throw. */
function fuzzSchema<S extends z.ZodType>(
  schema: S,
  seeds: unknown[],
  use: (value: z.infer<S>) => void = () => {},
) {
  let accepted = 0;
  fc.assert(
    fc.property(fuzzInput(...seeds), (body) => {
      const parsed = schema.safeParse(body);
      if (parsed.success) {
        accepted++;
        use(parsed.data);
      } else {
        expect(parsed.error.issues.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: RUNS },
  );
  // The seeds themselves are valid, so some fuzzed bodies were accepted and their mapping exercised.
  for (const seed of seeds) expect(schema.safeParse(seed).success).toBe(true);
  return accepted;
}

describe('fuzzing Dialai wire parsing', () => {
  it('transcripts, pages and live events never throw, nor does mapping what they accept', () => {
    fuzzSchema(dialai.WireTranscript, [samples.DIALAI_TRANSCRIPT], (t) => {
      dialaiMapping.toPlatformConversation(t);
      dialaiMapping.toHolder(t);
    });
    fuzzSchema(dialai.TranscriptWithMessages, [samples.DIALAI_TRANSCRIPT_WITH_MESSAGES], (t) => {
      dialaiMapping.toPlatformConversation(t);
      dialaiMapping.toPlatformMessages(t.messages);
    });
    fuzzSchema(dialai.TranscriptPage, [samples.DIALAI_PAGE], (page) =>
      page.transcripts.forEach(dialaiMapping.toPlatformConversation),
    );
    fuzzSchema(dialai.MessageEventData, [samples.DIALAI_MESSAGE_EVENT], (e) =>
      dialaiMapping.toPlatformMessages([e.message]),
    );
    fuzzSchema(dialai.TranscriptEventData, [{ transcript: samples.DIALAI_TRANSCRIPT }], (e) =>
      dialaiMapping.toPlatformConversation(e.transcript),
    );
  });

  it('error bodies never make describeDialaiError throw', () => {
    fc.assert(
      fc.property(
        fuzzInput(samples.DIALAI_ERROR, { error: 'invalid_grant', error_description: 'x' }),
        (body) => {
          dialai.describeDialaiError(body);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing Direct Line wire parsing', () => {
  it('message sets never throw, nor does mapping their messages', () => {
    fuzzSchema(directline.MessageSet, [samples.DIRECTLINE_MESSAGE_SET], (set) => {
      for (const message of set.messages) {
        directline.batonData(message);
        directlineMapping.toPlatformMessages('http://127.0.0.1:9/v3/directline', message, 'u-1');
      }
    });
    fuzzSchema(directline.HandoffNotification, [samples.DIRECTLINE_HANDOFF]);
    fuzzSchema(directline.ErrorMessage, [samples.DIRECTLINE_ERROR]);
  });

  it('absoluteUrl takes any base and any URL', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl(), fc.string({ unit: 'grapheme', maxLength: 60 })),
        fc.oneof(fc.webUrl(), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constant('/'.repeat(5000))),
        (base, url) => {
          expect(typeof directline.absoluteUrl(base, url)).toBe('string');
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing Direqt wire parsing', () => {
  it('webhook deliveries never throw, nor does mapping what they carry', () => {
    fuzzSchema(direqt.WebhookDelivery, samples.DIREQT_DELIVERIES, (delivery) => {
      const message = delivery.userMessage;
      if (message.messageType === 'content') direqtMapping.fromUserContent(message.content);
      if (message.messageType === 'action') direqtMapping.fromUserAction(message.action);
    });
    fuzzSchema(direqt.SendMessageResult, [{ messageId: 'x' }]);
  });

  it('error bodies never make describeDireqtError throw', () => {
    fc.assert(
      fc.property(fuzzInput({ message: 'Unauthorized' }), (body) => void direqt.describeDireqtError(body)),
      {
        numRuns: RUNS,
      },
    );
  });
});

describe('fuzzing Directly wire parsing', () => {
  it('webhook events and engage conversations never throw', () => {
    fuzzSchema(directly.WebhookEvent, samples.DIRECTLY_EVENTS);
    fuzzSchema(directly.EngageConversationWithMessages, [
      {
        id: 'eg-1',
        externalId: 'x-1',
        status: 'assigned',
        customer: { id: 'c-1', name: 'Maya' },
        expert: { id: 'e-1', name: 'Sam' },
        utterance: 'help',
        rating: null,
        createdAt: '2026-11-21T10:00:00.000Z',
        resolvedAt: null,
        messageCount: 1,
        messages: [(samples.DIRECTLY_EVENTS[0] as { data: { message: unknown } }).data.message],
      },
    ]);
    fc.assert(
      fc.property(fuzzInput(samples.DIRECTLY_ERROR), (body) => void directly.describeDirectlyError(body)),
      {
        numRuns: RUNS,
      },
    );
  });
});

describe('fuzzing Certainly wire parsing', () => {
  it('bot responses never throw, nor does mapping their messages', () => {
    fuzzSchema(certainly.MessageResponse, [samples.CERTAINLY_RESPONSE], (response) => {
      for (const entry of response) {
        certainlyMapping.toPlatformMessages(entry.message, '2026-11-21T10:00:00.000Z');
        for (const message of entry.message) {
          certainlyMapping.optionsOf(message);
          certainlyMapping.handoverReason(message);
          certainlyMapping.handoverModule([message], certainly.HANDOVER_KPI_TAG);
        }
      }
    });
    fc.assert(
      fc.property(
        fuzzInput([{ error: 'bad', message: [] }], { detail: 'nope' }),
        (body) => void certainly.describeCertainlyError(body),
      ),
      { numRuns: RUNS },
    );
  });
});
