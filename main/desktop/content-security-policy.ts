/**
 * The renderer's Content-Security-Policy, sent as a header on every app:// response (a header cannot be
 * dropped by the page the way a meta tag could be edited). Scripts, styles and connections come from our
 * own origin only; images may also be data: or https (customer avatars, card media).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Loopback images too: the demo's simulators serve the media of cards and files from 127.0.0.1.
  "img-src 'self' data: https: http://127.0.0.1:* http://localhost:*",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response of the app:// scheme, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
