/**
 * The signature scheme of every request that crosses Baton's gateway, in both directions: HMAC-SHA256 over
 * `id + "." + timestamp + "." + rawBody`, compared in constant time, with a 300 s window on the timestamp
 * and each id accepted once. The same scheme signs what Baton sends to a customer channel's callback.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignatureHeaders {
  idHeader: string;
  timestampHeader: string;
  signatureHeader: string;
  /** What stands before the hex digest, e.g. `sha256=`. */
  signaturePrefix: string;
}

/** Baton's own header names, for customer channels (both directions). */
export const CHANNEL_SIGNATURE: SignatureHeaders = {
  idHeader: 'x-baton-id',
  timestampHeader: 'x-baton-timestamp',
  signatureHeader: 'x-baton-signature',
  signaturePrefix: 'sha256=',
};

export function signatureOf(
  secret: string,
  id: string,
  timestamp: string,
  rawBody: Uint8Array | string,
): string {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(rawBody).digest('hex');
}

/** Headers that sign `rawBody` for a receiver using `scheme`. */
export function signRequest(
  secret: string,
  rawBody: string,
  scheme: SignatureHeaders = CHANNEL_SIGNATURE,
  nowSeconds = Math.floor(Date.now() / 1000),
  id: string = randomUUID(),
): Record<string, string> {
  const timestamp = String(nowSeconds);
  return {
    [scheme.idHeader]: id,
    [scheme.timestampHeader]: timestamp,
    [scheme.signatureHeader]: `${scheme.signaturePrefix}${signatureOf(secret, id, timestamp, rawBody)}`,
  };
}

export type Verdict = { ok: true; id: string } | { ok: false; status: 401 | 409; message: string };

/** Remembers accepted ids for as long as their timestamps could still pass the window. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  has(id: string): boolean {
    return this.seen.has(id);
  }

  remember(id: string, timestampSeconds: number): void {
    this.seen.set(id, timestampSeconds);
    if (this.seen.size > this.capacity) this.forgetBefore(timestampSeconds - SIGNATURE_WINDOW_SECONDS);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private forgetBefore(seconds: number): void {
    for (const [id, at] of this.seen) if (at < seconds) this.seen.delete(id);
  }
}

/**
 * Checks a signed request on its raw bytes. Nothing is remembered unless it passes, so a refused request
 * changes nothing; a passing one's id is remembered so it cannot be replayed.
 */
export function verifySignedRequest(input: {
  secret: string;
  scheme: SignatureHeaders;
  header: (name: string) => string | undefined;
  rawBody: Uint8Array;
  replay: ReplayGuard;
  nowSeconds?: number;
}): Verdict {
  const { scheme, header } = input;
  const id = header(scheme.idHeader);
  const timestamp = header(scheme.timestampHeader);
  const signature = header(scheme.signatureHeader);
  if (!id || !timestamp || !signature) {
    return {
      ok: false,
      status: 401,
      message: `Unsigned request: ${scheme.idHeader}, ${scheme.timestampHeader} and ${scheme.signatureHeader} are required.`,
    };
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, status: 401, message: `${scheme.timestampHeader} must be unix seconds.` };
  }
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    return {
      ok: false,
      status: 401,
      message: `Stale request: the timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from now (check the sender's clock).`,
    };
  }
  if (!signature.startsWith(scheme.signaturePrefix)) {
    return {
      ok: false,
      status: 401,
      message: `${scheme.signatureHeader} must start with ${scheme.signaturePrefix}`,
    };
  }
  const given = Buffer.from(signature.slice(scheme.signaturePrefix.length), 'hex');
  const expected = Buffer.from(signatureOf(input.secret, id, timestamp, input.rawBody), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      status: 401,
      message: 'Bad signature: it does not match the body with this workspace’s secret.',
    };
  }
  if (input.replay.has(id)) {
    return {
      ok: false,
      status: 409,
      message: `Replayed request: ${scheme.idHeader} ${id} was already accepted.`,
    };
  }
  input.replay.remember(id, Number(timestamp));
  return { ok: true, id };
}
