/**
 * Redaction for everything that leaves the machine by hand (the "Copy diagnostics" bundle) and for every
 * line written to the local log. Support teams paste diagnostics into tickets: no secret, token, credential
 * or customer message may be in them. Rules err on the side of removing too much.
 */

const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (JSON, key=value, headers, URLs). */
const SECRET_KEYS =
  'access[_-]?token|refresh[_-]?token|id[_-]?token|token|secret|client[_-]?secret|signing[_-]?secret|' +
  'password|passwd|pwd|api[_-]?key|apikey|key|authorization|auth|cookie|set-cookie|session|sig|signature|' +
  'code|credential|credentials|private[_-]?key|x-api-key';

/** Field names whose values are what customers or agents wrote. */
const BODY_KEYS =
  'text|body|message|content|markdown|caption|transcript|messages|reply|draft|title|description';

const RULES: [RegExp, string | ((...groups: string[]) => string)][] = [
  // PEM blocks (private keys, certificates).
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, `[redacted key]`],
  // Authorization schemes.
  [/\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]{4,}/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  // JWT-like: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted jwt]'],
  // Credentials inside URLs: https://user:pass@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, (_m, scheme) => `${scheme}${REDACTED}@`],
  // Secret query parameters: ?token=…, &sig=….
  [new RegExp(`([?&;](?:${SECRET_KEYS})=)[^&#\\s"']*`, 'gi'), (_m, key) => `${key}${REDACTED}`],
  // JSON string fields: "token": "…", "text": "…" (escaped quotes inside the value included).
  [
    new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'),
    (_m, key) => `${key}"${REDACTED}"`,
  ],
  [
    new RegExp(`("(?:${BODY_KEYS})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|\\[[^\\]]*\\])`, 'gi'),
    (_m, key) => `${key}"[message body redacted]"`,
  ],
  // key=value and key: value in prose and headers (token=abc, Authorization: xyz, password: hunter2).
  [
    new RegExp(
      `\\b((?:${SECRET_KEYS})\\s*[=:]\\s*)(?!\\[redacted|(?:Bearer|Basic|Token|Digest) \\[)[^\\s,;&"'}\\]]+`,
      'gi',
    ),
    (_m, key) => `${key}${REDACTED}`,
  ],
  // Long opaque strings (API keys, signing secrets, keychain values) even without a telling name:
  // 24+ characters of key alphabet that mix letters and digits.
  [/\b(?=[A-Za-z0-9_\-+/]*\d)(?=[A-Za-z0-9_\-+/]*[A-Za-z])[A-Za-z0-9_\-+/]{24,}={0,2}/g, '[redacted key]'],
  // E-mail addresses (customers and agents).
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, '[email]'],
];

/**
 * Redacts `text`. `knownSecrets` are exact values to remove wherever they appear (for example values the
 * caller knows are secret); they are removed first, longest first, so a shorter one inside a longer one
 * cannot leave a fragment behind.
 */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  const known = [...new Set(knownSecrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of known) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of RULES) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}
