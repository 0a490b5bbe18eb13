/**
 * Settings: the admin's policy notice, the agent's display name (saved in this browser, re-announced to the
 * core) and the workspaces (add, edit, remove, enable).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCore } from '../../../app/core/core-context';
import { normaliseAgentName, saveAgentName } from '../../session/lib/agent-name';
import { useAgent } from '../../session/stores/session-store';
import { WorkspacesCard } from '../../workspaces/components/workspaces-card';
import { DiagnosticsCard } from './diagnostics-card';
import { PolicyNotice } from './policy-notice';
import { NotificationSettingsCard } from '../../notifications/components/notification-settings';
import { CannedResponsesCard } from '../../canned/components/canned-responses-card';
import './page.css';
import './settings-page.css';

export function SettingsPage() {
  return (
    <main className="page" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <PolicyNotice />
      <AgentNameForm />
      <NotificationSettingsCard />
      <CannedResponsesCard />
      <WorkspacesCard />
      <DiagnosticsCard />
    </main>
  );
}

function AgentNameForm() {
  const core = useCore();
  const agent = useAgent();
  const [value, setValue] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = value ?? agent?.name ?? '';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const name = normaliseAgentName(shown);
    if (!name) {
      setStatus({ tone: 'bad', text: 'Enter a name of 1 to 80 characters.' });
      return;
    }
    setSaving(true);
    setStatus(null);
    saveAgentName(name);
    try {
      await core.session.rename(name);
      setValue(null);
      setStatus({ tone: 'ok', text: `Saved. Customers' transcripts and your team now show you as ${name}.` });
    } catch {
      setStatus({
        tone: 'bad',
        text: "Saved here, but the core didn't confirm it yet; it will use it on reconnect.",
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="agent-name-title">
      <h2 id="agent-name-title" className="card__title">
        Your name
      </h2>
      <p className="card__lead">Shown to your team beside the conversations you hold, and on your replies.</p>
      <form className="name-form" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor="agent-name" className="field-label">
          Display name
        </label>
        <div className="name-form__row">
          <input
            id="agent-name"
            className="text-input"
            value={shown}
            maxLength={80}
            autoComplete="name"
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
        {status && (
          <p
            className={`form-status form-status--${status.tone}`}
            role={status.tone === 'bad' ? 'alert' : 'status'}
          >
            {status.text}
          </p>
        )}
      </form>
    </section>
  );
}
