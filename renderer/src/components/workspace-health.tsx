import type { Workspace } from '@contract';
import { HEALTH_TEXT } from '../features/workspaces/lib/workspace-text';
import { formatFullTime } from '../lib/time';
import './workspace-health.css';

/** A workspace's connection state as a dot and a word; the dot only repeats what the word says. */
export function WorkspaceHealth({ health, className }: { health: Workspace['health']; className?: string }) {
  return (
    <span
      className={`health health--${health.state}${className ? ` ${className}` : ''}`}
      title={`Since ${formatFullTime(health.since)}`}
    >
      <span className="health__dot" aria-hidden="true" />
      {HEALTH_TEXT[health.state]}
    </span>
  );
}
