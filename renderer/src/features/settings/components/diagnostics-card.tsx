/**
 * "Copy diagnostics" (desktop app): the shell builds a redacted bundle (versions, OS, update state,
 * workspace health, recent log lines) and puts it on the clipboard for a support ticket. Nothing is sent
 * anywhere. In a browser there is no bridge and the card does not show.
 */
import { useState } from 'react';
import { desktopBridge } from '../../../lib/desktop-bridge';
import './diagnostics-card.css';

export function DiagnosticsCard() {
  const bridge = desktopBridge();
  const [status, setStatus] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!bridge?.copyDiagnostics) return null;
  const copy = bridge.copyDiagnostics;

  const onCopy = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const result = await copy();
      setStatus(
        result?.copied
          ? { tone: 'ok', text: `Copied ${result.lines} lines. Paste them into your support ticket.` }
          : { tone: 'bad', text: 'Diagnostics could not be copied.' },
      );
    } catch {
      setStatus({ tone: 'bad', text: 'Diagnostics could not be copied.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title" className="card__title">
        Diagnostics
      </h2>
      <p className="card__lead">
        Copies Baton’s version, your system, each workspace’s health and the latest log lines to the
        clipboard, for your support team. Passwords, tokens, keys and what customers wrote are removed first.
        Nothing is sent anywhere.
      </p>
      <div className="diagnostics-card__row">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => void onCopy()}
        >
          {busy ? 'Copying…' : 'Copy diagnostics'}
        </button>
        {status && (
          <span
            role={status.tone === 'bad' ? 'alert' : 'status'}
            className={`form-status form-status--${status.tone}`}
          >
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
