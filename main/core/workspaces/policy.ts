/**
 * The administrator's policy file: workspaces provisioned for every user (without secrets: each user sets
 * their own), whether the demo runs, and the update channel. Read from, in order: `--policy <path>`, the
 * `BATON_POLICY` environment variable, or the per-OS default:
 *
 * - Linux:   /etc/baton/policy.json
 * - macOS:   /Library/Application Support/Baton/policy.json
 * - Windows: %ProgramData%\Baton\policy.json
 *
 * ```json
 * { "workspaces": [{ "id": "acme-dialai", "platform": "dialai", "displayName": "Acme",
 *                    "settings": { "baseUrl": "https://acme.dialai.ca", … }, "locked": true }],
 *   "demo": false,
 *   "updates": { "channel": "stable", "enabled": true, "pinnedVersion": "1.4.2" } }
 * ```
 *
 * A broken policy never stops Baton: each problem is listed (`settings.policy`, and the log at start) and
 * only the parts that are wrong are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LIMITS, PlatformKind } from '../../contract';
import { CoreError } from '../core-error';
import { secretKeys, validateWorkspaceFields } from './validation';

export interface PolicyWorkspace {
  id: string;
  platform: PlatformKind;
  displayName: string;
  settings: Record<string, string>;
  locked: boolean;
}

export interface Policy {
  path: string | null;
  problems: string[];
  demo: boolean;
  /** `pinnedVersion`: never update past this version (the admin validates releases first). */
  updates: { channel: 'stable' | 'beta'; enabled: boolean; pinnedVersion?: string };
  workspaces: PolicyWorkspace[];
}

export const DEFAULT_POLICY: Policy = {
  path: null,
  problems: [],
  demo: true,
  updates: { channel: 'stable', enabled: true },
  workspaces: [],
};

const PolicyWorkspaceSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be letters, digits, . _ - only'),
  platform: PlatformKind,
  displayName: z.string().trim().min(1).max(LIMITS.nameChars),
  settings: z.record(z.string(), z.string()),
  locked: z.boolean().optional(),
});

const PolicyFile = z.strictObject({
  workspaces: z.array(z.unknown()).optional(),
  demo: z.boolean().optional(),
  updates: z
    .strictObject({
      channel: z.enum(['stable', 'beta']),
      enabled: z.boolean(),
      pinnedVersion: z
        .string()
        .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be a version such as 1.4.2')
        .optional(),
    })
    .optional(),
});

export function defaultPolicyPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Baton', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Baton/policy.json';
  return '/etc/baton/policy.json';
}

/** `--policy <path>` or `--policy=<path>` from argv, else `BATON_POLICY`, else the per-OS default. */
export function resolvePolicyPath(argv: readonly string[] = process.argv, env = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--policy' && value) return value;
    if (arg?.startsWith('--policy=')) return arg.slice('--policy='.length);
  }
  return env.BATON_POLICY || defaultPolicyPath(process.platform, env);
}

function issueText(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads and checks the policy at `path`. A missing file is no policy (defaults); an unreadable or invalid
 * one yields problems and the defaults for the parts that were wrong.
 */
export function loadPolicy(path: string | null): Policy {
  if (!path) return { ...DEFAULT_POLICY, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_POLICY, problems: [] };
    return {
      ...DEFAULT_POLICY,
      path,
      problems: [
        `The policy file ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      ],
    };
  }
  const policy: Policy = { ...DEFAULT_POLICY, path, problems: [], workspaces: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    policy.problems.push(`The policy file ${path} is not valid JSON; it was ignored.`);
    return policy;
  }
  // Check each top-level part alone so one bad part does not cost the others.
  const raw = (json && typeof json === 'object' && !Array.isArray(json) ? json : null) as Record<
    string,
    unknown
  > | null;
  if (!raw) {
    policy.problems.push(`The policy file ${path} must hold a JSON object; it was ignored.`);
    return policy;
  }
  for (const key of Object.keys(raw)) {
    if (!(key in PolicyFile.shape))
      policy.problems.push(`Policy: "${key}" is not a policy setting; it was ignored.`);
  }
  const demo = PolicyFile.shape.demo.safeParse(raw.demo);
  if (demo.success) policy.demo = demo.data ?? true;
  else policy.problems.push(`Policy: demo: ${issueText(demo.error)}; the demo stays on.`);
  const updates = PolicyFile.shape.updates.safeParse(raw.updates);
  if (updates.success) policy.updates = updates.data ?? DEFAULT_POLICY.updates;
  else
    policy.problems.push(`Policy: updates: ${issueText(updates.error)}; the default (stable, on) applies.`);
  const list = PolicyFile.shape.workspaces.safeParse(raw.workspaces);
  if (!list.success) {
    policy.problems.push(`Policy: workspaces must be a list; no workspaces were provisioned.`);
    return policy;
  }
  const seen = new Set<string>();
  (list.data ?? []).forEach((entry, index) => {
    const where = `Policy: workspaces[${index}]`;
    const parsed = PolicyWorkspaceSchema.safeParse(entry);
    if (!parsed.success) {
      policy.problems.push(`${where}: ${issueText(parsed.error)}; this workspace was left out.`);
      return;
    }
    const w = parsed.data;
    if (seen.has(w.id)) {
      policy.problems.push(`${where}: the id "${w.id}" is used twice; the second was left out.`);
      return;
    }
    try {
      // Secrets are never in the policy: users set them, so their absence is not a problem here.
      const settings = validateWorkspaceFields(w.platform, w.settings, {}, secretKeys(w.platform));
      seen.add(w.id);
      policy.workspaces.push({ ...w, settings, locked: w.locked ?? false });
    } catch (error) {
      const issues = error instanceof CoreError ? (error.extra.issues ?? []) : [];
      const text = issues.map((i) => `${i.path.replace(/^workspace\./, '')}: ${i.message}`).join('; ');
      policy.problems.push(
        `${where} ("${w.id}"): ${text || 'invalid settings'}; this workspace was left out.`,
      );
    }
  });
  return policy;
}
