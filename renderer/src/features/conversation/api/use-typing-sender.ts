/**
 * Tells the core the agent is typing: `active: true` when they start (at most once every 3 s while they keep
 * typing), `active: false` after 4 s idle, on send, and when they leave the conversation. Only where the
 * workspace supports `typing`.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Core } from '../../../app/core/core-context';

export const TYPING_REFRESH_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export function useTypingSender(core: Core, conversationId: string, enabled: boolean) {
  const lastSent = useRef(0);
  const active = useRef(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const post = useCallback(
    (value: boolean) => {
      core.rpc.request('conversation.typing', { conversationId, active: value }).catch(() => {
        // Typing is a courtesy: a lost notice is not worth an error.
      });
    },
    [core, conversationId],
  );

  const stop = useCallback(() => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (!active.current) return;
    active.current = false;
    lastSent.current = 0;
    post(false);
  }, [post]);

  const typed = useCallback(() => {
    if (!enabled) return;
    const now = Date.now();
    if (!active.current || now - lastSent.current >= TYPING_REFRESH_MS) {
      active.current = true;
      lastSent.current = now;
      post(true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [enabled, post, stop]);

  useEffect(() => stop, [stop]);

  return { typed, stop };
}
