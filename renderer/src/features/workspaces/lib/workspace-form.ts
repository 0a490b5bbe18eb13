/**
 * The workspace form's state, kept apart from React so it can be tested on its own. The form is built from
 * `PLATFORM_FIELDS`; secret values typed here go to the core once (on Save or Test connection) and are never
 * read back: the renderer only ever learns whether a secret is set.
 */
import { PLATFORM_FIELDS } from '@contract';
import type { ErrorBody, PlatformKind, Workspace, WorkspaceField, WorkspaceInput } from '@contract';

export interface WorkspaceDraft {
  platform: PlatformKind | null;
  displayName: string;
  /** Non-secret values by field key. */
  settings: Record<string, string>;
  /** New secret values by field key; only keys the agent typed into (Replace, or a secret not yet set). */
  secrets: Record<string, string>;
}

/** Where a problem belongs: a field key, `displayName`, or the form as a whole. */
export type ErrorTarget = string;
export const FORM_TARGET = '(form)';
export const NAME_TARGET = 'displayName';

export function fieldsFor(platform: PlatformKind | null): readonly WorkspaceField[] {
  return platform ? PLATFORM_FIELDS[platform] : [];
}

/** A fresh draft: empty for a new workspace, the saved non-secret values when editing. */
export function initialDraft(workspace?: Workspace): WorkspaceDraft {
  if (!workspace) return { platform: null, displayName: '', settings: {}, secrets: {} };
  const settings: Record<string, string> = {};
  for (const field of PLATFORM_FIELDS[workspace.platform]) {
    if (field.kind !== 'secret') settings[field.key] = workspace.settings[field.key] ?? '';
  }
  return { platform: workspace.platform, displayName: workspace.displayName, settings, secrets: {} };
}

/** Switching platform keeps the name and any value whose key the new platform also has (e.g. `baseUrl`). */
export function withPlatform(draft: WorkspaceDraft, platform: PlatformKind): WorkspaceDraft {
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of PLATFORM_FIELDS[platform]) {
    if (field.kind === 'secret') {
      const value = draft.secrets[field.key];
      if (value) secrets[field.key] = value;
    } else {
      settings[field.key] = draft.settings[field.key] ?? '';
    }
  }
  return { ...draft, platform, settings, secrets };
}

/**
 * What to send to `workspaces.save` / `workspaces.test`: every non-secret field of the platform (trimmed),
 * and only the secrets the agent typed a value for; a secret left alone is omitted and stays as it is.
 */
export function toInput(draft: WorkspaceDraft, existing?: Workspace): WorkspaceInput {
  const platform = draft.platform ?? existing?.platform;
  if (!platform) throw new Error('Choose a platform first.');
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of PLATFORM_FIELDS[platform]) {
    if (field.kind === 'secret') {
      const value = draft.secrets[field.key]?.trim();
      if (value) secrets[field.key] = value;
    } else {
      settings[field.key] = (draft.settings[field.key] ?? '').trim();
    }
  }
  return {
    ...(existing ? { id: existing.id } : {}),
    platform,
    displayName: draft.displayName.trim(),
    settings,
    secrets,
    enabled: existing?.enabled ?? true,
  };
}

/**
 * Turns a path from the core (`workspace.settings.baseUrl`, `secrets.token`, `displayName`, or a bare field
 * key as in `ConnectionTest.field`) into the form's target for it.
 */
export function targetOf(path: string, fields: readonly WorkspaceField[]): ErrorTarget {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'workspace') parts.shift();
  if (parts[0] === 'settings' || parts[0] === 'secrets') parts.shift();
  const key = parts[0];
  if (!key) return FORM_TARGET;
  if (key === NAME_TARGET) return NAME_TARGET;
  return fields.some((f) => f.key === key) ? key : FORM_TARGET;
}

/** The core's issues by form target; several messages for one target are joined into one sentence list. */
export function issuesByTarget(
  issues: ErrorBody['issues'],
  fields: readonly WorkspaceField[],
): Record<ErrorTarget, string> {
  const out: Record<ErrorTarget, string> = {};
  for (const issue of issues ?? []) {
    const target = targetOf(issue.path, fields);
    const message =
      target === FORM_TARGET && issue.path && issue.path !== '(root)'
        ? `${issue.path}: ${issue.message}`
        : issue.message;
    out[target] = out[target] ? `${out[target]} ${message}` : message;
  }
  return out;
}

/**
 * Checks the form can be sent at all (required fields present, a required secret either set or typed), so the
 * agent is told at once; the core still validates every format.
 */
export function missingRequired(draft: WorkspaceDraft, existing?: Workspace): Record<ErrorTarget, string> {
  const out: Record<ErrorTarget, string> = {};
  if (!draft.platform) out[FORM_TARGET] = 'Choose a platform.';
  if (!draft.displayName.trim()) out[NAME_TARGET] = 'Give the workspace a name.';
  for (const field of fieldsFor(draft.platform)) {
    if (!field.required) continue;
    if (field.kind === 'secret') {
      const set = existing?.secrets[field.key] === true;
      if (!set && !draft.secrets[field.key]?.trim()) out[field.key] = `${field.label} is required.`;
    } else if (!draft.settings[field.key]?.trim()) {
      out[field.key] = `${field.label} is required.`;
    }
  }
  return out;
}
