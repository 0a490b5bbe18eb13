/**
 * The channel API's signature scheme as the customer channel uses it, in both directions. The scheme itself
 * lives in the core's gateway (`main/core/gateway/signed-request.ts`), so the gateway and this simulated
 * channel can never drift apart; this module only adapts it to the channel's milliseconds and header objects.
 */
import {
  CHANNEL_SIGNATURE,
  ReplayGuard,
  signRequest,
  verifySignedRequest,
} from '../../core/gateway/signed-request';

export { ReplayGuard as DeliveryIds };

/** A body as received or sent: a string is taken as its UTF-8 bytes. */
export type RawBody = string | Uint8Array;

/**
 * The three headers for one delivery. Every attempt is a new delivery with a new id: a retry after the
 * receiver failed must not be refused as a replay; the body's `messageId` is what de-duplicates the message.
 */
export function signChannelRequest(
  secret: string,
  rawBody: RawBody,
  now: number = Date.now(),
  id?: string,
): Record<string, string> {
  return signRequest(secret, rawBody, CHANNEL_SIGNATURE, Math.floor(now / 1000), id);
}

export type HeaderSource = Headers | Record<string, string | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export type ChannelVerification =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; status: 401 | 409; code: 'unauthorized' | 'replayed'; message: string };

/** Checks one request (milliseconds for `now`); without `deliveryIds`, replays are not detected. */
export function verifyChannelRequest(input: {
  secret: string;
  rawBody: RawBody;
  headers: HeaderSource;
  now?: number;
  deliveryIds?: ReplayGuard;
}): ChannelVerification {
  const verdict = verifySignedRequest({
    secret: input.secret,
    scheme: CHANNEL_SIGNATURE,
    header: (name) => header(input.headers, name),
    rawBody: input.rawBody,
    replay: input.deliveryIds ?? new ReplayGuard(),
    nowSeconds: Math.floor((input.now ?? Date.now()) / 1000),
  });
  if (verdict.ok) return verdict;
  return { ...verdict, code: verdict.status === 409 ? 'replayed' : 'unauthorized' };
}
