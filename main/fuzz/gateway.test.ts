/**
 * Fuzzes the gateway's inbound parsers over real HTTP: correctly signed random bodies (so the parser, not the
 * signature check, is exercised) to the customer channel endpoint and to a platform webhook endpoint served
 * by the real Direct Line connector. Invalid bodies answer 400/413 (a webhook Baton cannot read: 200 with
 * `accepted: false`, so the sender does not retry it), never 500, and reach no handler and no sink.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelCustomerMessage, MAX_CHANNEL_BODY_BYTES } from '../core/gateway/channel-wire';
import { type Gateway, startGateway } from '../core/gateway/gateway-server';
import { signRequest } from '../core/gateway/signed-request';
import type { InboundCustomerMessage } from '../core/relay';
import { recordingSink } from '../core/test-support';
import { createDirectLineConnector } from '../providers/directline/connector';
import { HANDOFF_HEADERS, HANDOFF_SIGNATURE_PREFIX, HandoffNotification } from '../providers/directline/wire';
import { fuzzInput } from './mutate';

const CHANNEL_SECRET = 'channel-secret';
const HANDOFF_SECRET = 'handoff-secret';
const HANDOFF_SCHEME = {
  idHeader: HANDOFF_HEADERS.id,
  timestampHeader: HANDOFF_HEADERS.timestamp,
  signatureHeader: HANDOFF_HEADERS.signature,
  signaturePrefix: HANDOFF_SIGNATURE_PREFIX,
};

const CHANNEL_SAMPLE = {
  conversationId: 'conv-1',
  messageId: 'm-1',
  customer: { id: 'c-1', name: 'Maya Patel', profile: { tier: 'gold' }, variables: { orderId: '4412' } },
  text: 'Where is my order?',
  sentAt: '2026-11-21T10:00:00.000Z',
  context: 'ctx',
};
const HANDOFF_SAMPLE = {
  conversationId: 'dl-conv-1',
  token: 'token-1',
  expiresIn: 1800,
  user: { id: 'u-1', name: 'Maya' },
  reason: 'Asked for a person',
};

/** A body as text: JSON of a fuzzed value, or bytes that are not JSON (or not UTF-8) at all. */
const rawBody = (samples: unknown[]) =>
  fc.oneof(
    {
      arbitrary: fuzzInput(...samples).map((value) => ({ value, raw: JSON.stringify(value) ?? 'undefined' })),
      weight: 8,
    },
    {
      arbitrary: fc
        .oneof(
          fc.string({ maxLength: 40 }),
          fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
        )
        .map((raw) => ({ value: undefined, raw })),
      weight: 1,
    },
    {
      arbitrary: fc.constant({ value: undefined, raw: `{"text":"${'x'.repeat(MAX_CHANNEL_BODY_BYTES)}"}` }),
      weight: 1,
    },
  );

function isJson(raw: string | Uint8Array): boolean {
  try {
    JSON.parse(typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw));
    return true;
  } catch {
    return false;
  }
}

let gateway: Gateway;
const received: InboundCustomerMessage[] = [];
const directLine = recordingSink();
let stopDirectLine: () => Promise<void>;

beforeAll(async () => {
  gateway = await startGateway({ log: () => {} });
  const relay = gateway.register('ws-1', {
    secret: CHANNEL_SECRET,
    callbackUrl: 'http://127.0.0.1:9/callback',
  });
  relay.onCustomerMessage(async (message) => {
    received.push(message);
  });
  const connector = createDirectLineConnector(
    { workspaceId: 'ws-dl', baseUrl: 'http://127.0.0.1:9', handoffSecret: HANDOFF_SECRET },
    gateway.register('ws-dl'),
  );
  await connector.start(directLine.sink);
  stopDirectLine = () => connector.stop();
});
afterAll(async () => {
  await stopDirectLine();
  await gateway.close();
});

/**
 * One request per connection: after a 413 the server stops reading and drops the connection, which a
 * pooled client may already be reusing for the next request.
 */
function post(path: string, raw: string | Uint8Array, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      `${gateway.url}${path}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    request.end(raw);
  });
}

describe('fuzzing the gateway', () => {
  it('the channel endpoint answers 400/413 to every signed invalid body and 202 to valid ones, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody([CHANNEL_SAMPLE]), async ({ value, raw }) => {
        const before = received.length;
        const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
        const { status, text } = await post('/channels/ws-1/messages', raw, signRequest(CHANNEL_SECRET, raw));
        const valid =
          bytes <= MAX_CHANNEL_BODY_BYTES && isJson(raw) && ChannelCustomerMessage.safeParse(value).success;
        if (valid) {
          expect(status, text).toBe(202);
          expect(received.length).toBeLessThanOrEqual(before + 1);
        } else {
          expect([400, 413], text).toContain(status);
          expect(JSON.parse(text)).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
          expect(received).toHaveLength(before);
        }
      }),
      { numRuns: 1000 },
    );
    // Whatever reached the handler was a valid customer message.
    for (const message of received) {
      expect(message.text.trim().length).toBeGreaterThan(0);
      expect(message.customer.name.trim().length).toBeGreaterThan(0);
    }
  });

  it('the Direct Line webhook never answers 500 to a signed body it cannot read, and reports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody([HANDOFF_SAMPLE]).filter(({ value }) => !HandoffNotification.safeParse(value).success),
        async ({ raw }) => {
          const { status, text } = await post(
            '/webhooks/ws-dl',
            raw,
            signRequest(HANDOFF_SECRET, raw, HANDOFF_SCHEME),
          );
          expect([200, 400, 413], text).toContain(status);
          if (status === 200) expect(JSON.parse(text)).toMatchObject({ accepted: false });
          expect(directLine.conversations).toHaveLength(0);
          expect(directLine.messages).toHaveLength(0);
        },
      ),
      { numRuns: 600 },
    );
  });
});
