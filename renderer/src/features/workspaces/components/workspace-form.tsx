/**
 * Add or edit a workspace. The fields are exactly the platform's `PLATFORM_FIELDS`, in order. Secret fields
 * never show a value: a set secret shows "Set" with Replace and Remove; a new value goes to the core once.
 */
import { PLATFORM_LABELS, PlatformKind } from '@contract';
import type { ConnectionTest, Workspace, WorkspaceField } from '@contract';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { PlatformChip } from '../../../components/platform-chip';
import { RpcError } from '../../../transport/rpc-error';
import type { WorkspaceOps } from '../api/workspace-mutations';
import {
  FORM_TARGET,
  NAME_TARGET,
  fieldsFor,
  initialDraft,
  issuesByTarget,
  missingRequired,
  targetOf,
  toInput,
  withPlatform,
} from '../lib/workspace-form';
import type { WorkspaceDraft } from '../lib/workspace-form';
import { WebhookUrl } from './webhook-url';
import './workspaces.css';

export interface WorkspaceFormProps {
  /** The workspace to edit; absent to add one. */
  workspace?: Workspace;
  ops: WorkspaceOps;
  onSaved(workspace: Workspace): void;
  onCancel(): void;
}

type Busy = 'save' | 'test' | null;

export function WorkspaceForm({ workspace: initial, ops, onSaved, onCancel }: WorkspaceFormProps) {
  const base = useId();
  const idOf = (target: string) => `${base}-${target}`;
  const [workspace, setWorkspace] = useState(initial);
  const [draft, setDraft] = useState<WorkspaceDraft>(() => initialDraft(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [replacing, setReplacing] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<Busy>(null);
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const fields = fieldsFor(draft.platform);
  const editing = Boolean(workspace);
  const platformLabel = draft.platform ? PLATFORM_LABELS[draft.platform] : null;
  const title = workspace
    ? `Edit ${workspace.displayName}`
    : platformLabel
      ? `Add a ${platformLabel} workspace`
      : 'Add a workspace';

  useEffect(() => titleRef.current?.focus(), []);

  const change = (next: WorkspaceDraft, target: string) => {
    setDraft(next);
    setResult(null);
    if (errors[target]) setErrors(({ [target]: _, ...rest }) => rest);
  };

  const focusTarget = (target: string) => document.getElementById(idOf(target))?.focus();

  const check = (): boolean => {
    const missing = missingRequired(draft, workspace);
    setErrors(missing);
    const first = Object.keys(missing)[0];
    if (first) {
      if (first !== FORM_TARGET) focusTarget(first);
      return false;
    }
    return true;
  };

  const runTest = async () => {
    setResult(null);
    setNotice(null);
    if (!check()) return;
    setBusy('test');
    try {
      const outcome = await ops.test(toInput(draft, workspace));
      setResult(outcome);
      if (!outcome.ok && outcome.field) {
        const target = targetOf(outcome.field, fields);
        if (target !== FORM_TARGET) setErrors((e) => ({ ...e, [target]: outcome.message }));
      }
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setNotice(null);
    if (!check()) return;
    setBusy('save');
    try {
      const saved = await ops.save(toInput(draft, workspace));
      onSaved(saved);
    } catch (error) {
      showError(error);
      setBusy(null);
    }
  };

  const showError = (error: unknown) => {
    if (error instanceof RpcError && error.body.issues?.length) {
      const byTarget = issuesByTarget(error.body.issues, fields);
      if (!byTarget[FORM_TARGET] && Object.keys(byTarget).length > 0)
        byTarget[FORM_TARGET] = 'Some fields need attention.';
      setErrors(byTarget);
      const first = Object.keys(byTarget).find((t) => t !== FORM_TARGET);
      if (first) focusTarget(first);
    } else {
      const message = error instanceof Error ? error.message : 'The Baton core did not answer.';
      setErrors({ [FORM_TARGET]: message });
    }
  };

  const removeSecret = async (field: WorkspaceField) => {
    if (!workspace) return;
    setNotice(null);
    setResult(null);
    try {
      const updated = await ops.removeSecret(workspace.id, field.key);
      setWorkspace(updated);
      setNotice(`${field.label} removed from the keychain.`);
      setErrors(({ [field.key]: _, ...rest }) => rest);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The Baton core did not answer.';
      setErrors((e) => ({ ...e, [field.key]: message }));
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.stopPropagation();
      onCancel();
    }
  };

  const describedBy = (target: string, help?: boolean) =>
    [help ? `${idOf(target)}-help` : null, errors[target] ? `${idOf(target)}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;

  const errorText = (target: string) =>
    errors[target] ? (
      <p id={`${idOf(target)}-error`} className="ws-field__error">
        {errors[target]}
      </p>
    ) : null;

  const resultTarget = result && !result.ok && result.field ? targetOf(result.field, fields) : null;
  const resultField = resultTarget ? fields.find((f) => f.key === resultTarget) : undefined;

  return (
    <section className="ws-form" role="dialog" aria-labelledby={`${base}-title`} onKeyDown={onKeyDown}>
      <h3 id={`${base}-title`} className="ws-form__title" tabIndex={-1} ref={titleRef}>
        {title}
      </h3>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        {editing && workspace ? (
          <p className="ws-form__platform">
            <span className="field-label">Platform</span>
            <PlatformChip platform={workspace.platform} />
          </p>
        ) : (
          <div className="ws-field">
            <label htmlFor={idOf('platform')} className="field-label">
              Platform
            </label>
            <select
              id={idOf('platform')}
              className="text-input"
              value={draft.platform ?? ''}
              aria-invalid={errors[FORM_TARGET] === 'Choose a platform.' || undefined}
              onChange={(event) => {
                const parsed = PlatformKind.safeParse(event.target.value);
                if (parsed.success) change(withPlatform(draft, parsed.data), FORM_TARGET);
              }}
            >
              <option value="" disabled>
                Choose a platform
              </option>
              {PlatformKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {PLATFORM_LABELS[kind]}
                </option>
              ))}
            </select>
          </div>
        )}

        {draft.platform && (
          <>
            <div className="ws-field">
              <label htmlFor={idOf(NAME_TARGET)} className="field-label">
                Workspace name
              </label>
              <input
                id={idOf(NAME_TARGET)}
                className="text-input"
                value={draft.displayName}
                maxLength={80}
                autoComplete="off"
                aria-invalid={errors[NAME_TARGET] ? true : undefined}
                aria-describedby={describedBy(NAME_TARGET, true)}
                onChange={(event) => change({ ...draft, displayName: event.target.value }, NAME_TARGET)}
              />
              <p id={`${idOf(NAME_TARGET)}-help`} className="ws-field__help">
                Shown beside this workspace’s conversations.
              </p>
              {errorText(NAME_TARGET)}
            </div>

            {fields.map((field) =>
              field.kind === 'secret' ? (
                <SecretField
                  key={field.key}
                  field={field}
                  id={idOf(field.key)}
                  isSet={workspace?.secrets[field.key] === true}
                  replacing={replacing.has(field.key)}
                  value={draft.secrets[field.key] ?? ''}
                  describedBy={describedBy(field.key, true)}
                  invalid={Boolean(errors[field.key])}
                  error={errorText(field.key)}
                  onChange={(value) =>
                    change({ ...draft, secrets: { ...draft.secrets, [field.key]: value } }, field.key)
                  }
                  onReplace={() => {
                    setReplacing((s) => new Set(s).add(field.key));
                    requestAnimationFrame(() => focusTarget(field.key));
                  }}
                  onKeep={() => {
                    setReplacing((s) => {
                      const next = new Set(s);
                      next.delete(field.key);
                      return next;
                    });
                    const { [field.key]: _, ...secrets } = draft.secrets;
                    change({ ...draft, secrets }, field.key);
                  }}
                  onRemove={() => void removeSecret(field)}
                />
              ) : (
                <div className="ws-field" key={field.key}>
                  <label htmlFor={idOf(field.key)} className="field-label">
                    {field.label}
                  </label>
                  <input
                    id={idOf(field.key)}
                    className="text-input"
                    type={field.kind === 'url' ? 'url' : 'text'}
                    inputMode={field.kind === 'url' ? 'url' : undefined}
                    value={draft.settings[field.key] ?? ''}
                    placeholder={field.placeholder}
                    autoComplete="off"
                    spellCheck={false}
                    aria-required={field.required || undefined}
                    aria-invalid={errors[field.key] ? true : undefined}
                    aria-describedby={describedBy(field.key, true)}
                    onChange={(event) =>
                      change(
                        { ...draft, settings: { ...draft.settings, [field.key]: event.target.value } },
                        field.key,
                      )
                    }
                  />
                  <p id={`${idOf(field.key)}-help`} className="ws-field__help">
                    {field.required ? '' : 'Optional. '}
                    {field.help}
                  </p>
                  {errorText(field.key)}
                </div>
              ),
            )}

            {workspace?.webhookUrl && <WebhookUrl url={workspace.webhookUrl} platform={workspace.platform} />}
          </>
        )}

        <div className="ws-form__outcome">
          {result?.ok && (
            <p role="status" className="form-status form-status--ok">
              <span aria-hidden="true">✓ </span>
              Connection works. {result.message}
            </p>
          )}
          {result && !result.ok && (
            <div role="alert" className="form-status form-status--bad">
              <p>
                {resultField ? `${resultField.label}: ` : 'Connection failed: '}
                {result.message}
              </p>
              {resultField && (
                <button type="button" className="link-button" onClick={() => focusTarget(resultField.key)}>
                  Go to {resultField.label}
                </button>
              )}
            </div>
          )}
          {errors[FORM_TARGET] && (
            <p role="alert" className="form-status form-status--bad">
              {errors[FORM_TARGET]}
            </p>
          )}
          {notice && (
            <p role="status" className="form-status form-status--ok">
              {notice}
            </p>
          )}
        </div>

        <div className="ws-form__actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy !== null || !draft.platform}
            onClick={() => void runTest()}
          >
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <span className="ws-form__spacer" />
          <button
            type="button"
            className="button button--ghost"
            disabled={busy === 'save'}
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy !== null || !draft.platform}
          >
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}

interface SecretFieldProps {
  field: WorkspaceField;
  id: string;
  isSet: boolean;
  replacing: boolean;
  value: string;
  describedBy: string | undefined;
  invalid: boolean;
  error: ReactNode;
  onChange(value: string): void;
  onReplace(): void;
  onKeep(): void;
  onRemove(): void;
}

function SecretField(props: SecretFieldProps) {
  const { field, id, isSet, replacing, value, describedBy, invalid, error } = props;
  const labelId = `${id}-label`;
  const optional = field.required ? '' : 'Optional. ';
  if (isSet && !replacing) {
    return (
      <div className="ws-field" role="group" aria-labelledby={labelId} aria-describedby={describedBy}>
        <span id={labelId} className="field-label">
          {field.label}
        </span>
        <div className="ws-secret">
          <span className="ws-secret__state" id={id} tabIndex={-1}>
            <span aria-hidden="true">●●●● </span>Set
          </span>
          <button type="button" className="button button--secondary" onClick={props.onReplace}>
            Replace
          </button>
          <button type="button" className="button button--ghost" onClick={props.onRemove}>
            Remove
          </button>
        </div>
        <p id={`${id}-help`} className="ws-field__help">
          {optional}
          {field.help} Stored in your system keychain.
        </p>
        {error}
      </div>
    );
  }
  return (
    <div className="ws-field">
      <label id={labelId} htmlFor={id} className="field-label">
        {field.label}
      </label>
      <div className="ws-secret">
        <input
          id={id}
          className="text-input"
          type="password"
          value={value}
          placeholder={field.placeholder}
          autoComplete="new-password"
          spellCheck={false}
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
        />
        {isSet && (
          <button type="button" className="button button--ghost" onClick={props.onKeep}>
            Keep current
          </button>
        )}
      </div>
      <p id={`${id}-help`} className="ws-field__help">
        {optional}
        {field.help} {isSet ? 'Leave empty to keep the current one.' : 'Stored in your system keychain.'}
      </p>
      {error}
    </div>
  );
}
