/** Connection and identity as the UI shows them. Sequence bookkeeping lives in CoreSession, not here. */
import { create } from 'zustand';
import type { Agent } from '@contract';
import type { TransportStatus } from '../../../transport/transport';

export type SessionPhase =
  /** First connection attempt in progress. */
  | 'starting'
  /** Socket open, `session.hello` in flight. */
  | 'handshaking'
  | 'ready'
  /** Was connected, lost it, retrying. */
  | 'reconnecting'
  /** Browser opened without the host's token: nothing to connect with. */
  | 'missing-token'
  /** The core refused us (bad token, protocol mismatch): retrying will not help. */
  | 'refused';

interface SessionState {
  phase: SessionPhase;
  connection: TransportStatus;
  agent: Agent | null;
  error: string | null;
  /** True once a session was ever established: from then on cached data stays on screen while reconnecting. */
  everReady: boolean;
  /** How many times the connection came back, and when last; lets the UI say "Reconnected" briefly. */
  reconnects: number;
  reconnectedAt: number | null;
}

export const useSessionStore = create<SessionState>()(() => ({
  phase: 'starting',
  connection: 'connecting',
  agent: null,
  error: null,
  everReady: false,
  reconnects: 0,
  reconnectedAt: null,
}));

export const useAgent = () => useSessionStore((s) => s.agent);
export const useMeId = () => useSessionStore((s) => s.agent?.id ?? null);
