/**
 * Chat content is hostile. Text is rendered as React text nodes only; the single exception is https links,
 * which become anchors that open outside the console. Every other scheme (javascript:, data:, http:, file:)
 * stays inert text.
 */
export function isSafeExternalUrl(value: string): boolean {
  if (INVISIBLE.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Invisible format characters: zero-width spaces and joiners, bidi overrides and isolates, soft hyphens,
 * the BOM. The URL parser drops some of them, and bidi overrides reorder what is shown, so a link holding one
 * opens somewhere other than what the agent reads. Such a link stays text, with each character revealed.
 */
const INVISIBLE = /\p{Cf}|[\u00ad\u115f\u1160\u3164\uffa0]|\u034f/u;
const INVISIBLE_ALL = /\p{Cf}|[\u00ad\u115f\u1160\u3164\uffa0]|\u034f/gu;

/** "exa\u200bmple.com" → "exa[U+200B]mple.com": what a hostile URL really holds, shown. */
export function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE_ALL,
    (ch) => `[U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const URL_PATTERN = /https:\/\/[^\s<>"'`]+/giu;
// Punctuation that usually ends the sentence rather than the URL ("see https://x.com/a.").
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function splitLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    if (trailing) candidate = candidate.slice(0, trailing.index);
    if (INVISIBLE.test(candidate)) {
      if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
      segments.push({ kind: 'text', text: revealInvisible(candidate) });
      last = start + candidate.length;
      continue;
    }
    if (!isSafeExternalUrl(candidate)) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: candidate, url: candidate });
    last = start + candidate.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** http on this machine (a simulator or the browser host): images may load from it (the CSP allows it). */
export function isLoopbackHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      (url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

/**
 * Hosts on the agent's own network (private and link-local addresses, single-label and internal-only
 * names): an image there would be fetched from inside the company the moment a customer sends it,
 * probing or triggering internal services. Loopback http is the exception that the demo simulators need.
 */
export function isInternalHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (host.includes(':')) {
    // IPv6: loopback, unspecified, unique-local (fc00::/7), link-local (fe80::/10), v4-mapped.
    return (
      host === '::1' ||
      host === '::' ||
      /^f[cd][0-9a-f]{0,2}:/.test(host) ||
      /^fe[89ab][0-9a-f]?:/.test(host) ||
      host.startsWith('::ffff:')
    );
  }
  if (!host.includes('.')) return true;
  return /\.(local|localhost|internal|intranet|lan|home|corp|home\.arpa)$/.test(host);
}

/**
 * Where an image or file may be shown or fetched from without the agent asking: https on public hosts, or
 * http on loopback (the demo simulators).
 */
export function isMediaUrl(value: string): boolean {
  if (isLoopbackHttpUrl(value)) return true;
  if (!isSafeExternalUrl(value)) return false;
  return !isInternalHost(new URL(value).hostname);
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
}
