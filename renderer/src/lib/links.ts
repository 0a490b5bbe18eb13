/**
 * Chat content is hostile. Text is rendered as React text nodes only; the single exception is https links,
 * which become anchors that open outside the console. Every other scheme (javascript:, data:, http:, file:)
 * stays inert text.
 */
export function isSafeExternalUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const URL_PATTERN = /https:\/\/[^\s<>"'`]+/gi;
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

/** Where an image or file may be shown or fetched from: https anywhere, or http on loopback. */
export function isMediaUrl(value: string): boolean {
  return isSafeExternalUrl(value) || isLoopbackHttpUrl(value);
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
}
