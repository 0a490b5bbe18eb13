/**
 * Sending a reply outlives the component that started it (the agent may switch conversations at once), so it
 * runs as a plain async task that reports into the compose store rather than as a component-bound mutation.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ActionInput, MessageContent } from '@contract';
import type { Core } from '../../../app/core/core-context';
import { newActionId } from '../../../lib/action-id';
import { backoffDelay } from '../../../transport/backoff';
import { RpcError, isTransient } from '../../../transport/rpc-error';
import { contentSummary } from '../lib/rich-draft';
import type { UploadFile } from '../lib/rich-draft';
import { useComposeStore } from '../stores/compose-store';
import type { PendingSend } from '../stores/compose-store';
import { ACTION_RETRIES, performAction } from './perform-action';
import { applyActionResult } from './transcript-query';

const inFlight = new Set<string>();
/** Upload bytes by actionId: too big for localStorage, so a reload loses them (and says so). */
const uploadBytes = new Map<string, string>();

/** Sends text, or any reply content (card, carousel, file, text with suggestions). */
export function sendReply(
  core: Core,
  queryClient: QueryClient,
  conversationId: string,
  reply: string | MessageContent,
): void {
  const plain =
    typeof reply === 'string' || (reply.type === 'text' && !reply.suggestions?.length && !reply.context);
  const send: PendingSend = {
    actionId: newActionId(),
    conversationId,
    text: typeof reply === 'string' ? reply : contentSummary(reply),
    ...(plain ? {} : { content: reply as MessageContent }),
    createdAt: Date.now(),
    status: 'sending',
  };
  useComposeStore.getState().addPending(send);
  void deliver(core, queryClient, send);
}

/** Sends a file from the agent's machine (the `upload` action). */
export function sendUpload(
  core: Core,
  queryClient: QueryClient,
  conversationId: string,
  file: UploadFile,
): void {
  const send: PendingSend = {
    actionId: newActionId(),
    conversationId,
    text: `File: ${file.name}`,
    upload: { name: file.name, mimeType: file.mimeType },
    createdAt: Date.now(),
    status: 'sending',
  };
  uploadBytes.set(send.actionId, file.dataBase64);
  useComposeStore.getState().addPending(send);
  void deliver(core, queryClient, send);
}

/** Retries a failed send with its original actionId. */
export function retrySend(core: Core, queryClient: QueryClient, send: PendingSend): void {
  useComposeStore.getState().updatePending({ ...send, status: 'sending', error: undefined });
  void deliver(core, queryClient, send);
}

function actionFor(send: PendingSend): ActionInput | string {
  const base = { actionId: send.actionId, conversationId: send.conversationId };
  if (send.upload) {
    const dataBase64 = uploadBytes.get(send.actionId);
    if (dataBase64 === undefined) return 'The file was not kept after the console closed; upload it again.';
    return { type: 'upload', ...base, file: { ...send.upload, dataBase64 } };
  }
  return { type: 'reply', ...base, content: send.content ?? { type: 'text', text: send.text } };
}

async function deliver(core: Core, queryClient: QueryClient, send: PendingSend): Promise<void> {
  if (inFlight.has(send.actionId)) return;
  inFlight.add(send.actionId);
  const store = useComposeStore.getState();
  try {
    const action = actionFor(send);
    if (typeof action === 'string') {
      store.updatePending({ ...send, status: 'failed', error: action });
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const seqAtRequest = core.session.lastSeq;
        const result = await performAction(core, action);
        applyActionResult(queryClient, result, seqAtRequest);
        store.removePending(send.conversationId, send.actionId);
        uploadBytes.delete(send.actionId);
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
    if (error.code === 'unsupported') return `Not supported here: ${error.message}`;
    return error.message;
  }
  return 'Something went wrong.';
}
