/**
 * Everything the pane needs to act on one conversation: the four action hooks, the close panel's state, errors
 * worded for the agent, and the `t` / `r` shortcuts.
 */
import type { CapabilityName, Conversation, Workspace } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { hasModifier, isTypingTarget } from '../../../lib/keyboard';
import { RpcError } from '../../../transport/rpc-error';
import { capability } from '../lib/capabilities';
import { useCommandStore } from '../../commands/stores/command-store';
import { useComposeStore } from '../stores/compose-store';
import { useAction } from './perform-action';
import type { ActionRequest } from './perform-action';

const NO_CAPABILITIES: readonly CapabilityName[] = [];

type PaneAction = Extract<ActionRequest, { type: 'takeOver' | 'handBack' | 'close' | 'rate' }>;

export function describeActionError(error: unknown, what: string): string {
  if (error instanceof RpcError) {
    if (error.code === 'conflict' && error.body.heldBy)
      return `${error.body.heldBy.name} already has this conversation`;
    if (error.code === 'conflict') return `Someone else already has this conversation`;
    if (error.transient) return `Couldn't ${what}: can't reach the Baton core. Try again in a moment.`;
    return `Couldn't ${what}: ${error.message}`;
  }
  return `Couldn't ${what}.`;
}

/** `replyRef` is the reply box, focused by the `r` shortcut; the caller owns it. */
export function useConversationActions(
  c: Conversation,
  workspace: Workspace | undefined,
  meId: string | null,
  replyRef: RefObject<HTMLTextAreaElement | null>,
) {
  const takeOver = useAction();
  const handBack = useAction();
  const close = useAction();
  const rate = useAction();
  const [closeRequested, setClosing] = useState(false);
  const tookOver = useRef(false);

  const mine = c.state === 'agent' && meId !== null && c.assignee?.id === meId;
  const canTake = c.state === 'bot' || c.state === 'waiting';
  const busy = takeOver.isPending || handBack.isPending || close.isPending || rate.isPending;

  const { perform: performTakeOver, reset: resetTakeOver } = takeOver;
  const { perform: performHandBack, reset: resetHandBack } = handBack;
  const { perform: performClose, reset: resetClose } = close;
  const { perform: performRate, reset: resetRate } = rate;
  const run = useCallback(
    (request: PaneAction) => {
      // A new intent: errors about earlier ones no longer describe the situation.
      resetTakeOver();
      resetHandBack();
      resetClose();
      resetRate();
      if (request.type === 'takeOver') tookOver.current = true;
      const perform = {
        takeOver: performTakeOver,
        handBack: performHandBack,
        close: performClose,
        rate: performRate,
      };
      perform[request.type](request);
    },
    [
      performTakeOver,
      performHandBack,
      performClose,
      performRate,
      resetTakeOver,
      resetHandBack,
      resetClose,
      resetRate,
    ],
  );

  // The close panel belongs to a conversation the agent holds; if that changes under it, put it away
  // (adjusting state during render, as React recommends for state derived from props).
  if (closeRequested && !mine) setClosing(false);
  const closing = closeRequested && mine;

  // Having just taken a conversation over, the agent's next move is to write: put the cursor there.
  // (Only then: opening a conversation one already holds must not pull focus out of the list.)
  useEffect(() => {
    if (!mine || !tookOver.current) return;
    tookOver.current = false;
    replyRef.current?.focus();
  }, [mine, replyRef]);

  const takePending = takeOver.isPending;
  const canHandBack = mine && capability(workspace, 'handBack').supported;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      if (event.key === 't' && canTake && !takePending) {
        event.preventDefault();
        run({ type: 'takeOver', conversationId: c.id });
      } else if (event.key === 'r' && replyRef.current) {
        event.preventDefault();
        replyRef.current.focus();
      } else if (event.key === 'h' && canHandBack && !busy) {
        event.preventDefault();
        run({ type: 'handBack', conversationId: c.id });
      } else if (event.key === 'c' && mine && !busy) {
        event.preventDefault();
        setClosing(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [c.id, canTake, run, takePending, replyRef, canHandBack, mine, busy]);

  // What the palette may offer for this conversation right now.
  const customerName = c.customer.name || 'the customer';
  useEffect(() => {
    const focusReply = () => replyRef.current?.focus();
    useCommandStore.setState({
      conversation: {
        conversationId: c.id,
        customerName,
        ...(canTake ? { takeOver: () => run({ type: 'takeOver', conversationId: c.id }) } : {}),
        ...(mine
          ? {
              focusReply: () => {
                useComposeStore.getState().setNoteMode(c.id, false);
                requestAnimationFrame(focusReply);
              },
              note: () => {
                useComposeStore.getState().setNoteMode(c.id, true);
                requestAnimationFrame(focusReply);
              },
              close: () => setClosing(true),
              transfer: () => useCommandStore.getState().setTransferFor(c.id),
            }
          : {}),
        ...(canHandBack ? { handBack: () => run({ type: 'handBack', conversationId: c.id }) } : {}),
      },
    });
    return () => {
      if (useCommandStore.getState().conversation?.conversationId === c.id) {
        useCommandStore.setState({ conversation: null });
      }
    };
  }, [c.id, customerName, canTake, mine, canHandBack, run, replyRef]);

  const errors = [
    takeOver.error && describeActionError(takeOver.error, 'take over'),
    handBack.error && describeActionError(handBack.error, 'hand back'),
    close.error && describeActionError(close.error, 'close'),
    rate.error && describeActionError(rate.error, 'save the rating'),
  ].filter((e): e is string => !!e);

  return {
    mine,
    canTake,
    busy,
    closing,
    setClosing,
    errors,
    pending: {
      takeOver: takeOver.isPending,
      handBack: handBack.isPending,
      close: close.isPending,
      rate: rate.isPending,
    },
    capabilities: { handBack: capability(workspace, 'handBack'), rating: capability(workspace, 'rating') },
    /** What the workspace supports; empty while it is unknown (the composer then offers text only). */
    supported: workspace?.capabilities.supported ?? NO_CAPABILITIES,
    run,
  };
}

export type ConversationActionsState = ReturnType<typeof useConversationActions>;
