/** Wires transport → RPC client → session → event sync. Called once at start-up. */
import type { QueryClient } from '@tanstack/react-query';
import { prefetchInbox } from '../../features/inbox/api/inbox-query';
import { RpcClient } from '../../transport/rpc-client';
import type { Transport } from '../../transport/transport';
import type { Core } from './core-context';
import { CoreSession } from './core-session';
import { EventSync } from './event-sync';
import { LoadPacer } from './frame-batcher';

export function connectCore(transport: Transport, queryClient: QueryClient): Core {
  const rpc = new RpcClient(transport, {
    validateEvents: import.meta.env.DEV,
    validateResults: import.meta.env.DEV,
  });
  const sync = new EventSync(queryClient, undefined, new LoadPacer());
  const session = new CoreSession(transport, rpc, sync, queryClient, () => prefetchInbox(core, queryClient));
  const core: Core = { transport, rpc, session, sync };
  session.start();
  return core;
}
