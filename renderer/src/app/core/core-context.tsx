/** The connected core (transport, RPC client, session, event sync) handed to features through context. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useSessionStore } from '../../features/session/stores/session-store';
import type { RpcClient } from '../../transport/rpc-client';
import type { Transport } from '../../transport/transport';
import type { CoreSession } from './core-session';
import type { EventSync } from './event-sync';

export interface Core {
  transport: Transport;
  rpc: RpcClient;
  session: CoreSession;
  sync: EventSync;
}

const CoreContext = createContext<Core | null>(null);

export function CoreProvider({ core, children }: { core: Core; children: ReactNode }) {
  return <CoreContext.Provider value={core}>{children}</CoreContext.Provider>;
}

export function useCore(): Core {
  const core = useContext(CoreContext);
  if (!core) throw new Error('useCore outside CoreProvider');
  return core;
}

/** Queries wait for the session: the core must know who we are before it answers for us. */
export function useSessionReady(): boolean {
  return useSessionStore((s) => s.everReady);
}
