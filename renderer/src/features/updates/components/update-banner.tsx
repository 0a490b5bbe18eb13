/**
 * The desktop app's update, in one quiet banner: available (with release notes), downloading, ready to
 * restart. The shell decides what is offered (policy, channel, rollout) and refuses a restart while the
 * agent holds conversations; this only shows it. In a browser there is no bridge and nothing shows.
 */
import { useEffect, useState } from 'react';
import type { DesktopUpdateState } from '@contract';
import { DesktopUpdateState as UpdateStateSchema } from '@contract';
import { desktopBridge } from '../../../lib/desktop-bridge';
import './update-banner.css';

/** The shell's update state, kept current; the setter takes answers to the banner's own actions. */
function useUpdateState() {
  const [state, setState] = useState<DesktopUpdateState | null>(null);
  useEffect(() => {
    const updates = desktopBridge()?.updates;
    if (!updates) return;
    let live = true;
    // What crosses the bridge is checked like everything else that crosses a boundary.
    const accept = (raw: unknown) => {
      const parsed = UpdateStateSchema.safeParse(raw);
      if (live && parsed.success) setState(parsed.data);
    };
    const stop = updates.onState(accept);
    updates.getState().then(accept, () => {});
    return () => {
      live = false;
      stop();
    };
  }, []);
  return [state, setState] as const;
}

/** Release notes are often HTML; they are shown as text: tags dropped, blocks and list items kept apart. */
export function plainNotes(notes: string): string {
  return notes
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<br\s*\/?>|<\/(p|h[1-6]|li|ul|ol|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

export function UpdateBanner() {
  const [state, setState] = useUpdateState();
  const [notesOpen, setNotesOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const updates = desktopBridge()?.updates;
  if (!state || !updates) return null;

  const run = async (action: () => Promise<DesktopUpdateState>) => {
    setBusy(true);
    try {
      const next = UpdateStateSchema.safeParse(await action());
      if (next.success) setState(next.data);
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'available') {
    return (
      <section className="update-banner" aria-label="Update">
        <div className="update-banner__row">
          <span className="update-banner__text">
            Baton {state.version} is available{state.channel === 'beta' ? ' (beta)' : ''}.
          </span>
          {state.releaseNotes && (
            <button
              type="button"
              className="button button--ghost"
              aria-expanded={notesOpen}
              onClick={() => setNotesOpen((open) => !open)}
            >
              {notesOpen ? 'Hide what’s new' : 'What’s new'}
            </button>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run(updates.download)}
          >
            Download update
          </button>
        </div>
        {notesOpen && state.releaseNotes && (
          <p className="update-banner__notes" aria-label="Release notes">
            {plainNotes(state.releaseNotes)}
          </p>
        )}
      </section>
    );
  }
  if (state.status === 'downloading') {
    const percent = Math.round(state.percent ?? 0);
    return (
      <section className="update-banner" aria-label="Update">
        <div className="update-banner__row">
          <span className="update-banner__text">Downloading Baton {state.version}…</span>
          <progress
            className="update-banner__progress"
            max={100}
            value={percent}
            aria-label="Update download"
          >
            {percent}%
          </progress>
          <span className="update-banner__percent">{percent}%</span>
        </div>
      </section>
    );
  }
  if (state.status === 'ready') {
    return (
      <section className="update-banner update-banner--ready" aria-label="Update">
        <div className="update-banner__row">
          <span className="update-banner__text">
            Baton {state.version} is ready. Baton restarts to install it; your conversations are kept.
          </span>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run(updates.install)}
          >
            Restart to update
          </button>
        </div>
        {state.message && (
          <p className="update-banner__message" role="status">
            {state.message}
          </p>
        )}
      </section>
    );
  }
  if (state.status === 'error' && state.message) {
    return (
      <section className="update-banner update-banner--quiet" aria-label="Update">
        <p className="update-banner__message" role="status">
          {state.message}
        </p>
      </section>
    );
  }
  return null;
}
