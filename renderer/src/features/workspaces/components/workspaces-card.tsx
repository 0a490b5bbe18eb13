/**
 * Settings → Workspaces: every workspace with its platform, health and what it supports; add, edit, remove
 * (the keychain entries go too) and enable or disable; sign in to (and out of) Dialai workspaces. Workspaces
 * the admin's policy provisioned are locked.
 */
import { CapabilityName } from '@contract';
import type { Workspace } from '@contract';
import { useEffect, useId, useRef, useState } from 'react';
import { PlatformChip } from '../../../components/platform-chip';
import { WorkspaceHealth } from '../../../components/workspace-health';
import { useRemoveWorkspace, useSetWorkspaceEnabled, useWorkspaceOps } from '../api/workspace-mutations';
import { useWorkspaces } from '../api/workspaces-query';
import { CAPABILITY_LABELS } from '../lib/workspace-text';
import { DialaiSignIn } from './dialai-sign-in';
import { WebhookUrl } from './webhook-url';
import { WorkspaceForm } from './workspace-form';
import './workspaces.css';

type Editing = { mode: 'add' } | { mode: 'edit'; id: string } | null;

export function WorkspacesCard() {
  const { data, isError, isPending } = useWorkspaces();
  const ops = useWorkspaceOps();
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // A workspace removed while its form was open simply has no form any more.
  const editingWorkspace = editing?.mode === 'edit' ? data?.find((w) => w.id === editing.id) : undefined;

  const close = () => {
    setEditing(null);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <section className="card" aria-labelledby="workspaces-title">
      <div className="ws-card__head">
        <div>
          <h2 id="workspaces-title" className="card__title">
            Workspaces
          </h2>
          <p className="card__lead">
            One per bot platform account. A platform outage affects only its own workspace.
          </p>
        </div>
        <button
          ref={addButton}
          type="button"
          className="button button--primary"
          disabled={editing?.mode === 'add'}
          onClick={() => {
            setSaved(null);
            setEditing({ mode: 'add' });
          }}
        >
          Add workspace
        </button>
      </div>

      {editing?.mode === 'add' && (
        <WorkspaceForm
          ops={ops}
          onCancel={close}
          onSaved={(workspace) => {
            setSaved(`${workspace.displayName} was added.`);
            close();
          }}
        />
      )}
      {editing?.mode === 'edit' && editingWorkspace && (
        <WorkspaceForm
          key={editingWorkspace.id}
          workspace={editingWorkspace}
          ops={ops}
          onCancel={close}
          onSaved={(workspace) => {
            setSaved(`${workspace.displayName} was saved.`);
            close();
          }}
        />
      )}
      <p role="status" className="form-status form-status--ok ws-card__status">
        {saved}
      </p>

      {isPending ? (
        <p className="page__note">{isError ? "Can't reach the Baton core — retrying…" : 'Loading…'}</p>
      ) : !data || data.length === 0 ? (
        <p className="page__note">No workspaces are configured. Add one to start receiving escalations.</p>
      ) : (
        <ul className="workspaces" aria-label="Workspaces">
          {data.map((w) => (
            <WorkspaceItem
              key={w.id}
              workspace={w}
              editing={editing?.mode === 'edit' && editing.id === w.id}
              onEdit={() => {
                setSaved(null);
                setEditing({ mode: 'edit', id: w.id });
              }}
              onRemoved={(name) => setSaved(`${name} was removed, with its keychain entries.`)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function WorkspaceItem({
  workspace: w,
  editing,
  onEdit,
  onRemoved,
}: {
  workspace: Workspace;
  editing: boolean;
  onEdit(): void;
  onRemoved(name: string): void;
}) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const toggle = useSetWorkspaceEnabled();
  const lockedNote = w.locked ? `${id}-locked` : undefined;
  const enabled = toggle.isPending ? (toggle.variables?.enabled ?? w.enabled) : w.enabled;

  return (
    <li className="workspace" aria-labelledby={`${id}-name`} data-workspace-id={w.id}>
      <div className="workspace__head">
        <span id={`${id}-name`} className="workspace__name">
          {w.displayName}
        </span>
        <PlatformChip platform={w.platform} />
        {w.demo && <span className="workspace__demo">Demo</span>}
        {w.locked && <span className="workspace__demo ws-badge--locked">Locked by your administrator</span>}
        {!w.enabled && <span className="workspace__demo">Disabled</span>}
        <WorkspaceHealth health={w.health} showEvents />
      </div>
      <p className="workspace__url">{w.baseUrl}</p>
      {w.health.lastError && <p className="workspace__error">{w.health.lastError}</p>}
      {w.platform === 'dialai' && !w.demo && <DialaiSignIn workspace={w} />}
      {w.locked && (
        <p id={lockedNote} className="ws-locked">
          Your administrator provisioned this workspace with a policy file, so it can’t be edited, disabled or
          removed here. Ask them to change it.
        </p>
      )}

      <div className="ws-item__actions">
        <label className="ws-switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            aria-disabled={w.locked || toggle.isPending || undefined}
            aria-describedby={lockedNote}
            onChange={(event) => {
              if (w.locked || toggle.isPending) return;
              toggle.mutate({ workspace: w, enabled: event.target.checked });
            }}
          />
          Enabled
        </label>
        <span className="ws-form__spacer" />
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={w.locked || editing || undefined}
          aria-describedby={lockedNote}
          onClick={() => {
            if (!w.locked && !editing) onEdit();
          }}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button--ghost"
          aria-disabled={w.locked || undefined}
          aria-describedby={lockedNote}
          onClick={() => {
            if (!w.locked) setConfirming(true);
          }}
        >
          Remove
        </button>
      </div>
      {toggle.isError && (
        <p role="alert" className="form-status form-status--bad">
          Couldn’t {toggle.variables?.enabled ? 'enable' : 'disable'} {w.displayName}: {toggle.error.message}
        </p>
      )}

      {confirming && (
        <ConfirmRemove
          workspace={w}
          onCancel={() => setConfirming(false)}
          onRemoved={() => {
            setConfirming(false);
            onRemoved(w.displayName);
          }}
        />
      )}

      {w.webhookUrl && <WebhookUrl url={w.webhookUrl} platform={w.platform} />}

      <ul className="capabilities" aria-label={`What ${w.displayName} supports`}>
        {CapabilityName.options.map((name) => {
          const supported = w.capabilities.supported.includes(name);
          return (
            <li
              key={name}
              className={supported ? 'capability capability--on' : 'capability capability--off'}
              title={supported ? undefined : w.capabilities.reasons[name]}
            >
              <span aria-hidden="true">{supported ? '✓' : '–'}</span> {CAPABILITY_LABELS[name]}
              <span className="visually-hidden">
                {supported ? ': supported' : `: not supported. ${w.capabilities.reasons[name] ?? ''}`}
              </span>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

function ConfirmRemove({
  workspace,
  onCancel,
  onRemoved,
}: {
  workspace: Workspace;
  onCancel(): void;
  onRemoved(): void;
}) {
  const id = useId();
  const remove = useRemoveWorkspace();
  const cancel = useRef<HTMLButtonElement>(null);
  const secretCount = Object.values(workspace.secrets).filter(Boolean).length;
  useEffect(() => cancel.current?.focus(), []);

  return (
    <div
      className="ws-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={`${id}-title`} className="ws-confirm__title">
        Remove {workspace.displayName}?
      </p>
      <p id={`${id}-text`}>
        Baton stops receiving its conversations and forgets its settings. Its keychain entries are removed too
        {secretCount > 0 ? ` (${secretCount} ${secretCount === 1 ? 'secret' : 'secrets'})` : ''}, so you would
        need the secrets again to add it back.
      </p>
      {remove.isError && (
        <p role="alert" className="form-status form-status--bad">
          Couldn’t remove it: {remove.error.message}
        </p>
      )}
      <div className="ws-form__actions">
        <button ref={cancel} type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(workspace.id, { onSuccess: onRemoved })}
        >
          {remove.isPending ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </div>
  );
}
