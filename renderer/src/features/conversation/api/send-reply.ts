/**
 * Sending a reply outlives the component that started it (the agent may switch conversations at once), so it
 * runs as a plain async task that reports into the compose store rather than as a component-bound mutation.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Core } from '../../../app/core/core-context';
import { newActionId } from '../../../lib/action-id';
import { backoffDelay } from '../../../transport/backoff';
import { RpcError, isTransient } from '../../../transport/rpc-error';
import { useComposeStore } from '../stores/compose-store';
import type { PendingSend } from '../stores/compose-store';
import { ACTION_RETRIES, performAction } from './perform-action';
import { applyActionResult } from './transcript-query';

const inFlight = new Set<string>();

export function sendReply(core: Core, queryClient: QueryClient, conversationId: string, text: string): void {
  const send: PendingSend = {
    actionId: newActionId(),
    conversationId,
    text,
    createdAt: Date.now(),
    status: 'sending',
  };
  useComposeStore.getState().addPending(send);
  void deliver(core, queryClient, send);
}

/** Retries a failed send with its original actionId. */
export function retrySend(core: Core, queryClient: QueryClient, send: PendingSend): void {
  useComposeStore.getState().updatePending({ ...send, status: 'sending', error: undefined });
  void deliver(core, queryClient, send);
}

async function deliver(core: Core, queryClient: QueryClient, send: PendingSend): Promise<void> {
  if (inFlight.has(send.actionId)) return;
  inFlight.add(send.actionId);
  const store = useComposeStore.getState();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const seqAtRequest = core.session.lastSeq;
        const result = await performAction(core, {
          type: 'reply',
          actionId: send.actionId,
          conversationId: send.conversationId,
          content: { type: 'text', text: send.text },
        });
        applyActionResult(queryClient, result, seqAtRequest);
        store.removePending(send.conversationId, send.actionId);
        return;
      } catch (error) {
        if (isTransient(error) && attempt < ACTION_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { capMs: 5_000 })));
          continue;
        }
        store.updatePending({ ...send, status: 'failed', error: describeSendError(error) });
        return;
      }
    }
  } finally {
    inFlight.delete(send.actionId);
  }
}

function describeSendError(error: unknown): string {
  if (error instanceof RpcError) {
    if (error.transient) return "Can't reach the Baton core.";
    if (error.code === 'invalid_state') return 'You no longer hold this conversation.';
    return error.message;
  }
  return 'Something went wrong.';
}
