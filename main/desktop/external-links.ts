/**
 * The only way out of the app to the system browser. Chat content is hostile (a customer or a bot can send
 * any link), so only plain https URLs without credentials leave; everything else is refused.
 */
import { shell } from 'electron';

export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** Returns the normalised URL when it may be opened outside, otherwise null. */
export function vetExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // The URL parser silently strips tabs, newlines and surrounding spaces; a link that needs that is not
  // one a person typed, so refuse it rather than open something other than what was shown.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  // Invisible format characters (zero-width spaces and joiners, bidi overrides, soft hyphens, BOM) are
  // dropped or reordered by the URL parser or the display: "exa\u200bmple.com" opens example.com while
  // showing something else. A real link never needs them.
  if (/\p{Cf}|[\u00ad\u115f\u1160\u3164\uffa0]|\u034f/u.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  return url.href;
}

/** Opens a vetted URL in the system browser; false when refused or when the OS could not open it. */
export async function openExternalIfVetted(
  raw: unknown,
  log: (line: string) => void = () => {},
): Promise<boolean> {
  const url = vetExternalUrl(raw);
  if (url === null) {
    log('desktop: refused to open a link that is not a plain https URL');
    return false;
  }
  try {
    await shell.openExternal(url);
    return true;
  } catch (error) {
    log(
      `desktop: the system could not open a link (${error instanceof Error ? error.message : String(error)})`,
    );
    return false;
  }
}
