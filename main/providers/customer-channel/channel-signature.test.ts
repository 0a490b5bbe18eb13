import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DeliveryIds, signChannelRequest, verifyChannelRequest } from './channel-signature';

const SECRET = 'whsec_test_0123456789';
const BODY = JSON.stringify({ conversationId: 'c1', messageId: 'm1', text: 'Grüße 👋' });
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('channel signature', () => {
  it('signs HMAC-SHA256(secret, id.timestamp.rawBody) as sha256=<hex>', () => {
    const headers = signChannelRequest(SECRET, BODY, NOW, 'delivery-1');
    expect(headers['X-Baton-Id']).toBe('delivery-1');
    expect(headers['X-Baton-Timestamp']).toBe(String(NOW / 1000));
    const expected = createHmac('sha256', SECRET)
      .update(Buffer.from(`delivery-1.${NOW / 1000}.${BODY}`, 'utf8'))
      .digest('hex');
    expect(headers['X-Baton-Signature']).toBe(`sha256=${expected}`);
    // The same bytes given as a Buffer sign the same.
    expect(signChannelRequest(SECRET, Buffer.from(BODY), NOW, 'delivery-1')).toEqual(headers);
    // Each delivery gets its own id unless one is given.
    expect(signChannelRequest(SECRET, BODY)['X-Baton-Id']).not.toBe(
      signChannelRequest(SECRET, BODY)['X-Baton-Id'],
    );
  });

  it('accepts its own signature, with header names in any case', () => {
    const headers = signChannelRequest(SECRET, BODY, NOW, 'd1');
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyChannelRequest({ secret: SECRET, rawBody: BODY, headers: lower, now: NOW })).toEqual({
      ok: true,
      id: 'd1',
      timestamp: NOW / 1000,
    });
    expect(
      verifyChannelRequest({ secret: SECRET, rawBody: BODY, headers: new Headers(headers), now: NOW }).ok,
    ).toBe(true);
  });

  it('refuses unsigned, wrong-secret, tampered and malformed requests with 401', () => {
    const headers = signChannelRequest(SECRET, BODY, NOW, 'd1');
    const check = (h: Record<string, string | undefined>, body = BODY, secret = SECRET) =>
      verifyChannelRequest({ secret, rawBody: body, headers: h, now: NOW });
    const cases = [
      check({}),
      check({ ...headers, 'X-Baton-Signature': undefined }),
      check(headers, BODY, 'another-secret'),
      check(headers, BODY.replace('m1', 'm2')),
      check({ ...headers, 'X-Baton-Id': 'd2' }),
      check({ ...headers, 'X-Baton-Timestamp': String(NOW / 1000 + 1) }),
      check({ ...headers, 'X-Baton-Signature': headers['X-Baton-Signature']!.replace('sha256=', 'sha1=') }),
      check({ ...headers, 'X-Baton-Signature': 'sha256=abc' }),
      check({ ...headers, 'X-Baton-Signature': `sha256=${'z'.repeat(64)}` }),
      check({ ...headers, 'X-Baton-Timestamp': '1e9' }),
    ];
    for (const result of cases)
      expect(result).toMatchObject({ ok: false, status: 401, code: 'unauthorized' });
  });

  it('refuses a timestamp more than 300 s away, either way', () => {
    const at = (offsetSeconds: number) =>
      verifyChannelRequest({
        secret: SECRET,
        rawBody: BODY,
        headers: signChannelRequest(SECRET, BODY, NOW + offsetSeconds * 1000),
        now: NOW,
      });
    expect(at(-300).ok).toBe(true);
    expect(at(300).ok).toBe(true);
    expect(at(-301)).toMatchObject({ ok: false, status: 401 });
    expect(at(301)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a replayed delivery id with 409, and forged requests do not use up ids', () => {
    const deliveryIds = new DeliveryIds();
    const headers = signChannelRequest(SECRET, BODY, NOW, 'd1');
    const verify = (h: Record<string, string>, secret = SECRET) =>
      verifyChannelRequest({ secret, rawBody: BODY, headers: h, now: NOW, deliveryIds });
    expect(verify(signChannelRequest('wrong', BODY, NOW, 'd1'), 'wrong-secret').ok).toBe(false);
    expect(verify(headers).ok).toBe(true);
    expect(verify(headers)).toMatchObject({ ok: false, status: 409, code: 'replayed' });
    expect(verify(signChannelRequest(SECRET, BODY, NOW, 'd2')).ok).toBe(true);
  });

  it('forgets ids once their timestamps are outside the window', () => {
    const deliveryIds = new DeliveryIds();
    const base = NOW / 1000;
    expect(deliveryIds.claim('a', base, base)).toBe(true);
    expect(deliveryIds.claim('b', base + 10, base + 10)).toBe(true);
    expect(deliveryIds.claim('c', base + 400, base + 400)).toBe(true);
    expect(deliveryIds.size).toBe(1);
  });
});
