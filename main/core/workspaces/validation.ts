/**
 * Validation of a workspace's form, built from the contract's `PLATFORM_FIELDS` so the core and the
 * renderer agree on what exists. A refusal names each bad field as `workspace.settings.<key>` or
 * `workspace.secrets.<key>`; no secret value ever appears in a message.
 */
import { z } from 'zod';
import { PLATFORM_FIELDS, type PlatformKind, type WorkspaceField } from '../../contract';
import { CoreError } from '../core-error';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https anywhere; plain http only on this machine (simulators, a local tunnel). No credentials in URLs. */
export const SafeUrl = z
  .string()
  .max(2000)
  .refine((value) => URL.canParse(value), 'must be a full URL, like https://example.com')
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must start with https:// (plain http only for 127.0.0.1 or localhost)')
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password;
  }, 'must not contain a user name or password')
  .transform((value) => value.replace(/\/+$/, ''));

/** Tenants, realms, client ids, deployment ids: letters, digits and a few separators. */
export const IdText = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'may hold letters, digits and . _ - : @ only, without spaces');

export function fieldsOf(platform: PlatformKind): readonly WorkspaceField[] {
  return PLATFORM_FIELDS[platform];
}

export function secretKeys(platform: PlatformKind): string[] {
  return fieldsOf(platform)
    .filter((f) => f.kind === 'secret')
    .map((f) => f.key);
}

/** The non-secret settings of a platform as a strict zod object: unknown keys are refused. */
export function settingsSchema(platform: PlatformKind) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of fieldsOf(platform)) {
    if (field.kind === 'secret') continue;
    const base = field.kind === 'url' ? SafeUrl : IdText;
    shape[field.key] = field.required
      ? z.string({ error: 'is required' }).trim().min(1, 'is required').pipe(base)
      : z
          .string()
          .trim()
          .optional()
          .transform((v) => (v ? v : undefined))
          .pipe(base.optional());
  }
  return z.strictObject(shape);
}

type Issue = { path: string; message: string };

function refuse(issues: Issue[]): never {
  const first = issues[0];
  throw new CoreError(
    'bad_request',
    first ? `${first.path.replace(/^workspace\./, '')}: ${first.message}` : 'Invalid workspace.',
    { issues },
  );
}

/**
 * Checks a platform's settings and the secrets about to be stored. `storedSecrets` are the keys already in
 * the keychain (when editing), which satisfy required secrets left blank.
 */
export function validateWorkspaceFields(
  platform: PlatformKind,
  settings: Record<string, string>,
  secrets: Record<string, string>,
  storedSecrets: readonly string[] = [],
): Record<string, string> {
  const issues: Issue[] = [];
  const parsed = settingsSchema(platform).safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const secret = secretKeys(platform).includes(key);
          issues.push({
            path: `workspace.settings.${key}`,
            message: secret
              ? 'is a secret: send it in secrets, not settings'
              : 'is not a setting of this platform',
          });
        }
      } else {
        issues.push({
          path: ['workspace', 'settings', ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
      }
    }
  }
  const allowed = new Set(secretKeys(platform));
  for (const key of Object.keys(secrets)) {
    if (!allowed.has(key))
      issues.push({ path: `workspace.secrets.${key}`, message: 'is not a secret of this platform' });
    else if (!secrets[key]?.trim())
      issues.push({ path: `workspace.secrets.${key}`, message: 'cannot be empty' });
  }
  for (const field of fieldsOf(platform)) {
    if (field.kind !== 'secret' || !field.required) continue;
    if (!secrets[field.key] && !storedSecrets.includes(field.key)) {
      issues.push({ path: `workspace.secrets.${field.key}`, message: 'is required' });
    }
  }
  if (issues.length > 0) refuse(issues);
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.data ?? {})) if (value !== undefined) clean[key] = value;
  return clean;
}
