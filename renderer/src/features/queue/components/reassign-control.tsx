/** Gives a conversation to another agent: pick who, then Reassign. Says plainly what happened. */
import type { Agent } from '@contract';
import { useId, useState } from 'react';
import { RpcError } from '../../../transport/rpc-error';
import { useReassign } from '../api/queue-query';

export function ReassignControl({
  conversationId,
  customerName,
  holderId,
  agents,
}: {
  conversationId: string;
  customerName: string;
  holderId: string | null;
  agents: readonly { agent: Agent; online: boolean }[];
}) {
  const [choice, setChoice] = useState('');
  const reassign = useReassign();
  const id = useId();
  const candidates = agents.filter(({ agent }) => agent.id !== holderId);
  const target = candidates.find(({ agent }) => agent.id === choice)?.agent;
  const error = reassign.error;

  if (candidates.length === 0) {
    return <span className="reassign__none">No other agent yet</span>;
  }
  return (
    <form
      className="reassign"
      onSubmit={(event) => {
        event.preventDefault();
        if (target) reassign.mutate({ conversationId, toAgent: target });
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        Reassign {customerName} to
      </label>
      <select
        id={id}
        className="reassign__select"
        value={choice}
        onChange={(event) => {
          setChoice(event.target.value);
          reassign.reset();
        }}
      >
        <option value="">Reassign to…</option>
        {candidates.map(({ agent, online }) => (
          <option key={agent.id} value={agent.id}>
            {online ? agent.name : `${agent.name} (offline)`}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--secondary button--sm"
        disabled={!target || reassign.isPending}
        aria-label={`Reassign ${customerName}`}
      >
        {reassign.isPending ? 'Reassigning…' : 'Reassign'}
      </button>
      {error && (
        <span className="reassign__error" role="alert">
          {error instanceof RpcError ? error.message : 'Could not reassign; try again.'}
        </span>
      )}
    </form>
  );
}
