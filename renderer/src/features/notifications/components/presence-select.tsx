/** The agent's presence: available agents are told about waiting customers; away and offline are not. */
import type { Presence } from '@contract';
import { useState } from 'react';
import { useCore } from '../../../app/core/core-context';
import { useMeId } from '../../session/stores/session-store';
import { useNotificationStore } from '../stores/notification-store';

const LABELS: Record<Presence, string> = {
  available: 'Available',
  away: 'Away',
  offline: 'Appear offline',
};

export function PresenceSelect() {
  const core = useCore();
  const meId = useMeId();
  const presence = useNotificationStore((s) => (meId ? s.presence[meId] : undefined)) ?? 'available';
  const [error, setError] = useState(false);

  const choose = async (next: Presence) => {
    setError(false);
    try {
      const result = await core.rpc.request('presence.set', { presence: next });
      if (meId)
        useNotificationStore.setState((s) => ({ presence: { ...s.presence, [meId]: result.presence } }));
    } catch {
      setError(true);
    }
  };

  return (
    <div className={`presence presence--${presence}`}>
      <span className="presence__dot" aria-hidden="true" />
      <select
        className="presence__select"
        aria-label="Presence"
        title={presence === 'available' ? 'You are told about waiting customers' : 'You are not notified'}
        value={presence}
        onChange={(event) => void choose(event.target.value as Presence)}
        disabled={!meId}
      >
        {(Object.keys(LABELS) as Presence[]).map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="visually-hidden">
          Could not change your presence.
        </span>
      )}
    </div>
  );
}
