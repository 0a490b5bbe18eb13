/** The navigation rail: views with live counts, the agent's name, and the connection's health. */
import type { ReactNode } from 'react';
import {
  ArchiveIcon,
  ChartIcon,
  ClockIcon,
  GearIcon,
  PulseIcon,
  ReportIcon,
  UserIcon,
} from '../components/icons';
import { Avatar } from '../components/avatar';
import { useViewCounts } from '../features/inbox/api/inbox-query';
import type { InboxView } from '../features/inbox/lib/views';
import { useSessionStore } from '../features/session/stores/session-store';
import { cx } from '../lib/cx';
import { PresenceSelect } from '../features/notifications/components/presence-select';
import { pageHref, useNavigation } from './navigation-store';
import type { Page } from './navigation-store';
import { WorkspaceStatus } from './workspace-status';
import './sidebar.css';

const NAV: { page: Page; label: string; icon: ReactNode; countHint?: string }[] = [
  { page: 'waiting', label: 'Waiting', icon: <ClockIcon />, countHint: 'waiting for an agent' },
  { page: 'mine', label: 'Mine', icon: <UserIcon />, countHint: 'held by you' },
  { page: 'live', label: 'Live', icon: <PulseIcon />, countHint: 'in progress' },
  { page: 'closed', label: 'Closed', icon: <ArchiveIcon />, countHint: 'closed' },
  { page: 'queue', label: 'Queue', icon: <ChartIcon /> },
  { page: 'reports', label: 'Reports', icon: <ReportIcon /> },
  { page: 'settings', label: 'Settings', icon: <GearIcon /> },
];

export function Sidebar() {
  const page = useNavigation((s) => s.page);
  const counts = useViewCounts();
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true" />
        <span className="sidebar__product">Baton</span>
      </div>
      <nav className="sidebar__nav" aria-label="Inbox">
        <ul>
          {NAV.map((item) => {
            const count = counts && item.page in counts ? counts[item.page as InboxView] : null;
            const countId = `nav-count-${item.page}`;
            return (
              <li key={item.page}>
                <a
                  href={pageHref(item.page)}
                  className={cx('nav-link', page === item.page && 'nav-link--active')}
                  aria-current={page === item.page ? 'page' : undefined}
                  aria-label={item.label}
                  title={item.label}
                  aria-describedby={count !== null ? countId : undefined}
                >
                  {item.icon}
                  <span className="nav-link__label">{item.label}</span>
                  {count !== null && (
                    <>
                      <span
                        className={cx(
                          'nav-link__count',
                          item.page === 'waiting' && count > 0 && 'nav-link__count--attention',
                        )}
                        aria-hidden="true"
                      >
                        {count}
                      </span>
                      <span id={countId} className="visually-hidden">
                        {count} {item.countHint}
                      </span>
                    </>
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <WorkspaceStatus />
      <AgentCard />
    </aside>
  );
}

function AgentCard() {
  const agent = useSessionStore((s) => s.agent);
  const phase = useSessionStore((s) => s.phase);
  const status =
    phase === 'ready'
      ? { tone: 'ok', text: 'Connected' }
      : phase === 'reconnecting'
        ? { tone: 'warn', text: 'Reconnecting…' }
        : phase === 'refused'
          ? { tone: 'bad', text: 'Refused' }
          : { tone: 'warn', text: 'Connecting…' };
  return (
    <div className="agent-card">
      <span className="agent-card__avatar" title={agent ? `${agent.name} · ${status.text}` : status.text}>
        {agent ? <Avatar name={agent.name} size="sm" /> : <span className="agent-card__placeholder" />}
      </span>
      <div className="agent-card__text">
        <span className="agent-card__name">{agent?.name ?? 'Signing in…'}</span>
        {phase === 'ready' ? (
          <PresenceSelect />
        ) : (
          <span className={`agent-card__status agent-card__status--${status.tone}`}>
            <span className="agent-card__dot" aria-hidden="true" />
            {status.text}
          </span>
        )}
      </div>
      <a className="agent-card__edit" href={pageHref('settings')} title="Change your name">
        <span className="visually-hidden">Change your name</span>
        <svg
          width="16"
          height="16"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          aria-hidden="true"
        >
          <path d="M4 20h4L19 9l-4-4L4 16z" strokeLinejoin="round" />
        </svg>
      </a>
    </div>
  );
}
