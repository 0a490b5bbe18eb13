/**
 * The sidebar's word on the platforms: one quiet line while every workspace is connected and sending;
 * otherwise each one in trouble by name, since when, and why, so an agent knows which customers may be
 * waiting on a platform rather than on them.
 */
import { eventsText, healthText, QUIET_AFTER_MS } from '../components/workspace-health';
import { useWorkspaces } from '../features/workspaces/api/workspaces-query';
import { useNow } from '../lib/clock';
import { pageHref } from './navigation-store';
import './workspace-status.css';

export function WorkspaceStatus() {
  const { data: workspaces } = useWorkspaces();
  const now = useNow();
  if (!workspaces || workspaces.length === 0) return null;
  const enabled = workspaces.filter((w) => w.health.state !== 'disabled');
  const troubled = enabled.filter(
    (w) =>
      w.health.state !== 'connected' ||
      (w.health.lastEventAt !== undefined && now - Date.parse(w.health.lastEventAt) > QUIET_AFTER_MS),
  );
  return (
    <section className="workspace-status" aria-label="Platforms" aria-live="polite">
      {troubled.length === 0 ? (
        <a className="workspace-status__all" href={pageHref('settings')}>
          <span className="workspace-status__dot workspace-status__dot--connected" aria-hidden="true" />
          {enabled.length === 1 ? 'Platform connected' : `All ${enabled.length} platforms connected`}
        </a>
      ) : (
        <ul>
          {troubled.map((w) => {
            const events = eventsText(w.health, now);
            return (
              <li key={w.id}>
                <a
                  className="workspace-status__item"
                  href={pageHref('settings')}
                  title={w.health.lastError ?? undefined}
                >
                  <span
                    className={`workspace-status__dot workspace-status__dot--${w.health.state}`}
                    aria-hidden="true"
                  />
                  <span className="workspace-status__text">
                    <span className="workspace-status__name">{w.displayName}</span>
                    <span className="workspace-status__state">
                      {w.health.state === 'connected' && events ? events : healthText(w.health)}
                    </span>
                    {w.health.lastError && w.health.state !== 'connected' && (
                      <span className="workspace-status__error">{w.health.lastError}</span>
                    )}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
