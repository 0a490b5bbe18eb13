/**
 * Tells the core which conversation this window shows, so other agents see "Also viewing" and nobody
 * answers a customer another agent is already reading. Said again after a reconnect (the core forgets a
 * client's view when its connection ends).
 */
import { useEffect } from 'react';
import { useCore } from '../../../app/core/core-context';
import { useSessionStore } from '../../session/stores/session-store';

export function useViewing(conversationId: string): void {
  const core = useCore();
  // The live phase, not "ever ready": a reconnect must say it again.
  const ready = useSessionStore((s) => s.phase === 'ready');
  useEffect(() => {
    if (!ready) return;
    void core.rpc.request('conversation.view', { conversationId }).catch(() => undefined);
    return () => {
      void core.rpc.request('conversation.view', { conversationId: null }).catch(() => undefined);
    };
  }, [core, ready, conversationId]);
}
