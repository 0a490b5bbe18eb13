/** Adds an internal note: one action id per note, kept across transient retries so it is never added twice. */
import type { QueryClient } from '@tanstack/react-query';
import type { Core } from '../../../app/core/core-context';
import { newActionId } from '../../../lib/action-id';
import { backoffDelay } from '../../../transport/backoff';
import { isTransient } from '../../../transport/rpc-error';
import { ACTION_RETRIES, performAction } from './perform-action';
import { applyActionResult } from './transcript-query';

export async function addNote(
  core: Core,
  queryClient: QueryClient,
  conversationId: string,
  text: string,
): Promise<void> {
  const action = { type: 'note' as const, actionId: newActionId(), conversationId, text };
  for (let attempt = 0; ; attempt++) {
    try {
      const seqAtRequest = core.session.lastSeq;
      applyActionResult(queryClient, await performAction(core, action), seqAtRequest);
      return;
    } catch (error) {
      if (!isTransient(error) || attempt >= ACTION_RETRIES) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, backoffDelay(attempt, { baseMs: 500, capMs: 5_000 })),
      );
    }
  }
}
