/** The shortcut sheet (`?`): every shortcut, grouped by where it works. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../lib/shortcuts';
import type { Shortcut } from '../lib/shortcuts';
import { useCommandStore } from '../stores/command-store';

const GROUPS: Shortcut['group'][] = ['Anywhere', 'Conversation list', 'Open conversation', 'Reply box'];

export function ShortcutSheet() {
  const setSheet = useCommandStore((s) => s.setSheet);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="sheet-title">
      <header className="sheet__header">
        <h2 id="sheet-title">Keyboard shortcuts</h2>
        <button ref={closeRef} type="button" className="button button--ghost" onClick={() => setSheet(false)}>
          Close shortcuts
        </button>
      </header>
      <div className="sheet__groups">
        {GROUPS.map((group) => (
          <section key={group} aria-labelledby={`sheet-${group.replace(/\s+/g, '-')}`}>
            <h3 id={`sheet-${group.replace(/\s+/g, '-')}`}>{group}</h3>
            <dl className="sheet__list">
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={`${group}-${s.label}`} className="sheet__row">
                  <dt>
                    {s.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && '+'}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
