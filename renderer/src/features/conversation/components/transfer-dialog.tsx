/** Transfer: pick another agent connected to this Baton; they then hold the conversation (it is in their Mine). */
import type { AgentPresence } from '@contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useCore } from '../../../app/core/core-context';
import { newActionId } from '../../../lib/action-id';
import { useCommandStore } from '../../commands/stores/command-store';
import { useNotificationStore } from '../../notifications/stores/notification-store';
import { useMeId } from '../../session/stores/session-store';
import { performAction } from '../api/perform-action';
import { applyActionResult } from '../api/transcript-query';

const PRESENCE_TEXT = { available: 'Available', away: 'Away', offline: 'Offline' } as const;

export function TransferDialog({ conversationId }: { conversationId: string }) {
  const core = useCore();
  const queryClient = useQueryClient();
  const meId = useMeId();
  const presence = useNotificationStore((s) => s.presence);
  const [agents, setAgents] = useState<AgentPresence[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = () => useCommandStore.getState().setTransferFor(null);

  useEffect(() => {
    let cancelled = false;
    core.rpc
      .request('agents.list', {})
      .then((result) => !cancelled && setAgents(result.agents.filter((a) => a.agent.id !== meId)))
      .catch(() => !cancelled && setError("Couldn't list the agents."));
    return () => {
      cancelled = true;
    };
  }, [core, meId]);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('button')?.focus();
  }, [agents]);

  const transfer = async (target: AgentPresence) => {
    setBusy(true);
    setError(null);
    try {
      const seq = core.session.lastSeq;
      const result = await performAction(core, {
        type: 'transfer',
        actionId: newActionId(),
        conversationId,
        to: target.agent,
      });
      applyActionResult(queryClient, result, seq);
      close();
    } catch (e) {
      setError(`Not transferred: ${e instanceof Error ? e.message : 'try again'}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="command-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && close()}
    >
      <div
        ref={dialogRef}
        className="sheet transfer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="transfer-title"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
      >
        <header className="sheet__header">
          <h2 id="transfer-title">Transfer to another agent</h2>
        </header>
        {agents === null && !error && <p>Loading agents…</p>}
        {agents?.length === 0 && <p>No other agent is connected to this Baton right now.</p>}
        {agents && agents.length > 0 && (
          <ul className="transfer__list" aria-label="Agents">
            {agents.map((a) => {
              const state = presence[a.agent.id] ?? a.presence;
              return (
                <li key={a.agent.id}>
                  <button
                    type="button"
                    className="button button--secondary transfer__agent"
                    disabled={busy}
                    onClick={() => void transfer(a)}
                  >
                    <span>{a.agent.name}</span>
                    <span className={`transfer__presence transfer__presence--${state}`}>
                      {PRESENCE_TEXT[state]}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {error && (
          <p className="form-status form-status--bad" role="alert">
            {error}
          </p>
        )}
        <div className="transfer__actions">
          <button type="button" className="button button--ghost" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
