/**
 * The renderer is served from `app://baton/`, never `file://`: a privileged standard scheme gives the page a
 * real origin (storage, CSP 'self', same-origin checks) and lets the shell serve only its own files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'baton';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True for URLs on our own origin. WHATWG URL gives non-special schemes an opaque origin ("null") in Node,
 * so scheme and host are compared instead of `url.origin`; Chromium lower-cases the host of a standard
 * scheme, Node does not, hence the case-insensitive host.
 */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
