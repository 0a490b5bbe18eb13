/** Settings → Notifications: which platforms, sound, quiet hours and how often a long wait is repeated. */
import type { NotificationSettings, PlatformKind } from '@contract';
import { PLATFORM_LABELS } from '@contract';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useCore, useSessionReady } from '../../../app/core/core-context';
import { desktopBridge } from '../../../lib/desktop-bridge';
import { useNotificationStore } from '../stores/notification-store';
import './notifications.css';

const INTERVALS: { seconds: number; label: string }[] = [
  { seconds: 0, label: 'Never' },
  { seconds: 30, label: '30 seconds' },
  { seconds: 60, label: '1 minute' },
  { seconds: 120, label: '2 minutes' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 600, label: '10 minutes' },
];

function withCurrent(seconds: number) {
  return INTERVALS.some((i) => i.seconds === seconds)
    ? INTERVALS
    : [...INTERVALS, { seconds, label: `${seconds} seconds` }];
}

export function NotificationSettingsCard() {
  const core = useCore();
  const ready = useSessionReady();
  const permission = useNotificationStore((s) => s.permission);
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    core.rpc
      .request('notifications.getSettings', {})
      .then((result) => !cancelled && setSettings(result.settings))
      .catch(
        () => !cancelled && setStatus({ tone: 'bad', text: "Couldn't load your notification settings." }),
      );
    return () => {
      cancelled = true;
    };
  }, [core, ready]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    setSaving(true);
    setStatus(null);
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const result = await core.rpc.request('notifications.saveSettings', {
        settings: { ...settings, ...(timeZone ? { timeZone } : {}) },
      });
      setSettings(result.settings);
      setStatus({ tone: 'ok', text: 'Saved.' });
    } catch (error) {
      setStatus({ tone: 'bad', text: `Not saved: ${error instanceof Error ? error.message : 'try again'}` });
    } finally {
      setSaving(false);
    }
  };

  const update = (patch: Partial<NotificationSettings>) => setSettings((s) => (s ? { ...s, ...patch } : s));

  return (
    <section className="card" aria-labelledby="notify-settings-title">
      <h2 id="notify-settings-title" className="card__title">
        Notifications
      </h2>
      <p className="card__lead">
        When a customer starts waiting for an agent, Baton tells every available agent with a notification and
        a sound, and again while they keep waiting.
        {!desktopBridge() && permission === 'denied' && (
          <strong> This browser blocks Baton's notifications: allow them in the site settings.</strong>
        )}
      </p>
      {!settings ? (
        <p className="notify-settings__hint">{status?.text ?? 'Loading…'}</p>
      ) : (
        <form className="notify-settings" onSubmit={(event) => void onSubmit(event)}>
          <fieldset>
            <legend>Platforms that notify</legend>
            <div className="notify-settings__row">
              {(Object.keys(PLATFORM_LABELS) as PlatformKind[]).map((platform) => (
                <label key={platform}>
                  <input
                    type="checkbox"
                    checked={settings.platforms[platform] !== false}
                    onChange={(event) =>
                      update({ platforms: { ...settings.platforms, [platform]: event.target.checked } })
                    }
                  />
                  {PLATFORM_LABELS[platform]}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Sound and repeats</legend>
            <div className="notify-settings__row">
              <label>
                <input
                  type="checkbox"
                  checked={settings.sound}
                  onChange={(event) => update({ sound: event.target.checked })}
                />
                Play a sound
              </label>
              <label>
                Remind me after
                <select
                  className="text-input notify-settings__select"
                  value={settings.waitingThresholdSeconds}
                  onChange={(event) => update({ waitingThresholdSeconds: Number(event.target.value) })}
                >
                  {withCurrent(settings.waitingThresholdSeconds).map((i) => (
                    <option key={i.seconds} value={i.seconds}>
                      {i.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                then every
                <select
                  className="text-input notify-settings__select"
                  value={settings.repeatEverySeconds}
                  onChange={(event) => update({ repeatEverySeconds: Number(event.target.value) })}
                >
                  {withCurrent(settings.repeatEverySeconds).map((i) => (
                    <option key={i.seconds} value={i.seconds}>
                      {i.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Quiet hours</legend>
            <div className="notify-settings__row">
              <label>
                <input
                  type="checkbox"
                  checked={settings.quietHours !== null}
                  onChange={(event) =>
                    update({ quietHours: event.target.checked ? { from: '22:00', to: '07:00' } : null })
                  }
                />
                No notifications between
              </label>
              <input
                type="time"
                className="text-input notify-settings__time"
                aria-label="Quiet from"
                value={settings.quietHours?.from ?? '22:00'}
                disabled={!settings.quietHours}
                onChange={(event) =>
                  settings.quietHours &&
                  update({ quietHours: { ...settings.quietHours, from: event.target.value } })
                }
              />
              <span>and</span>
              <input
                type="time"
                className="text-input notify-settings__time"
                aria-label="Quiet until"
                value={settings.quietHours?.to ?? '07:00'}
                disabled={!settings.quietHours}
                onChange={(event) =>
                  settings.quietHours &&
                  update({ quietHours: { ...settings.quietHours, to: event.target.value } })
                }
              />
            </div>
            <p className="notify-settings__hint">
              The badge keeps counting during quiet hours and while you are away.
            </p>
          </fieldset>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save notification settings'}
          </button>
          {status && (
            <p
              className={`form-status form-status--${status.tone}`}
              role={status.tone === 'bad' ? 'alert' : 'status'}
            >
              {status.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
