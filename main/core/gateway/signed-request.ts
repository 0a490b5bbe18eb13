/**
 * The signature scheme of every request that crosses Baton's gateway, in both directions: HMAC-SHA256 over
 * `id + "." + timestamp + "." + rawBody`, compared in constant time, with a 300 s window on the timestamp
 * and each id accepted once. The same scheme signs what Baton sends to a customer channel's callback.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 300;
const MAX_ID_CHARS = 200;

export interface SignatureHeaders {
  idHeader: string;
  timestampHeader: string;
  signatureHeader: string;
  /** What stands before the hex digest, e.g. `sha256=`. */
  signaturePrefix: string;
}

/** Baton's own header names, for customer channels (both directions). */
export const CHANNEL_SIGNATURE: SignatureHeaders = {
  idHeader: 'X-Baton-Id',
  timestampHeader: 'X-Baton-Timestamp',
  signatureHeader: 'X-Baton-Signature',
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
  rawBody: string | Uint8Array,
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

export type Verdict =
  { ok: true; id: string; timestamp: number } | { ok: false; status: 401 | 409; message: string };

/**
 * Ids accepted within the signature window. Older ids can be forgotten: a request that old fails the
 * timestamp check before its id is looked at, so memory stays bounded by five minutes of traffic.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  get size(): number {
    return this.seen.size;
  }

  /** Records `id` (its timestamp in seconds); false when it was already accepted. */
  claim(id: string, timestampSeconds: number, nowSeconds: number): boolean {
    // Ids arrive in roughly timestamp order, so the oldest sit at the front: stop at the first recent one.
    for (const [seenId, at] of this.seen) {
      if (at >= nowSeconds - SIGNATURE_WINDOW_SECONDS) break;
      this.seen.delete(seenId);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, timestampSeconds);
    return true;
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
  rawBody: Uint8Array | string;
  replay: ReplayGuard;
  nowSeconds?: number;
}): Verdict {
  const { scheme, header } = input;
  const id = header(scheme.idHeader)?.trim();
  const timestamp = header(scheme.timestampHeader)?.trim();
  const signature = header(scheme.signatureHeader)?.trim();
  if (!id || !timestamp || !signature) {
    return {
      ok: false,
      status: 401,
      message: `Unsigned request: ${scheme.idHeader}, ${scheme.timestampHeader} and ${scheme.signatureHeader} are required.`,
    };
  }
  if (id.length > MAX_ID_CHARS) return { ok: false, status: 401, message: `${scheme.idHeader} is too long.` };
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
  const given = signature.slice(scheme.signaturePrefix.length).toLowerCase();
  const expected = signatureOf(input.secret, id, timestamp, input.rawBody);
  // timingSafeEqual throws on different lengths; a malformed digest is simply wrong.
  if (
    !/^[0-9a-f]{64}$/.test(given) ||
    !timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'))
  ) {
    return {
      ok: false,
      status: 401,
      message: 'Bad signature: it does not match the body with this workspace’s secret.',
    };
  }
  if (!input.replay.claim(id, Number(timestamp), now)) {
    return {
      ok: false,
      status: 409,
      message: `Replayed request: ${scheme.idHeader} ${id} was already accepted.`,
    };
  }
  return { ok: true, id, timestamp: Number(timestamp) };
}
