/**
 * Performing actions. Every user intent gets one client-made actionId; automatic retries after a lost
 * connection, and a manual "Try again", reuse it, so the core applies the action at most once.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActionInput, MethodResult } from '@contract';
import { useCallback, useRef } from 'react';
import { useCore } from '../../../app/core/core-context';
import type { Core } from '../../../app/core/core-context';
import { newActionId } from '../../../lib/action-id';
import { backoffDelay } from '../../../transport/backoff';
import { isTransient } from '../../../transport/rpc-error';
import { applyActionResult } from './transcript-query';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ActionRequest = DistributiveOmit<ActionInput, 'actionId'>;

export const ACTION_RETRIES = 4;

export async function performAction(
  core: Core,
  action: ActionInput,
): Promise<MethodResult<'action.perform'>> {
  return core.rpc.request('action.perform', { action });
}

/**
 * One hook instance per action button. `perform` mints the intent's id on the first attempt and keeps it until
 * the action succeeds or is refused for good (a refusal makes the next press a new intent).
 */
export function useAction() {
  const core = useCore();
  const queryClient = useQueryClient();
  const intents = useRef(new Map<string, string>());

  const mutation = useMutation({
    mutationFn: async (action: ActionInput) => {
      const seqAtRequest = core.session.lastSeq;
      const result = await performAction(core, action);
      return { result, seqAtRequest };
    },
    retry: (count, error) => isTransient(error) && count < ACTION_RETRIES,
    retryDelay: (attempt) => backoffDelay(attempt, { baseMs: 500, capMs: 5_000 }),
    onSuccess: ({ result, seqAtRequest }) => applyActionResult(queryClient, result, seqAtRequest),
  });
  const { mutate } = mutation;

  const perform = useCallback(
    (request: ActionRequest) => {
      const key = `${request.type}:${request.conversationId}`;
      let actionId = intents.current.get(key);
      if (!actionId) {
        actionId = newActionId();
        intents.current.set(key, actionId);
      }
      mutate({ ...request, actionId } as ActionInput, {
        onSuccess: () => intents.current.delete(key),
        onError: (error) => {
          if (!isTransient(error)) intents.current.delete(key);
        },
      });
    },
    [mutate],
  );

  return { perform, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
