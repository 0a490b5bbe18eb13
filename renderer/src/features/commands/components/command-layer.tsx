/**
 * The keyboard layer over the whole console: Ctrl/⌘+K (palette), `/` (transcript search), `?` (shortcut
 * sheet), `n` (next waiting). Single keys never fire while the agent types. The dialogs trap nothing but
 * close on Escape or a click outside, and give the focus back where it was.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { INBOX_QUERY_KEY } from '../../inbox/api/inbox-cache';
import type { InboxData } from '../../inbox/api/inbox-cache';
import { hasModifier, isTypingTarget } from '../../../lib/keyboard';
import { useNavigation } from '../../../app/navigation-store';
import { openConversation } from '../../notifications/use-notifications';
import { TransferDialog } from '../../conversation/components/transfer-dialog';
import { nextWaiting } from '../lib/next-waiting';
import { useCommandStore } from '../stores/command-store';
import { CommandPalette } from './command-palette';
import { ShortcutSheet } from './shortcut-sheet';
import './commands.css';

export function CommandLayer() {
  const palette = useCommandStore((s) => s.palette);
  const sheetOpen = useCommandStore((s) => s.sheetOpen);
  const transferFor = useCommandStore((s) => s.transferFor);
  // The inbox is read when `n` is pressed: subscribing to it would render this layer on every event batch.
  const queryClient = useQueryClient();
  const returnFocus = useRef<HTMLElement | null>(null);
  const anyOpen = palette !== 'closed' || sheetOpen;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const store = useCommandStore.getState();
      const remember = () => {
        if (!anyOpen && document.activeElement instanceof HTMLElement)
          returnFocus.current = document.activeElement;
      };
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        remember();
        if (store.palette === 'commands') store.closePalette();
        else store.openPalette('commands');
        return;
      }
      if (event.key === 'Escape' && anyOpen) {
        event.preventDefault();
        event.stopPropagation();
        store.closePalette();
        store.setSheet(false);
        return;
      }
      if (anyOpen || event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        remember();
        store.setSheet(true);
      } else if (event.key === '/') {
        event.preventDefault();
        remember();
        store.openPalette('search');
      } else if (event.key === 'n') {
        event.preventDefault();
        const inbox = queryClient.getQueryData<InboxData>(INBOX_QUERY_KEY);
        const next = inbox ? nextWaiting(inbox.byId.values(), useNavigation.getState().openId) : null;
        if (next) openConversation(next.id, 'waiting');
      }
    };
    // Capture: Escape must close a dialog before anything under it reacts.
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [anyOpen, queryClient]);

  // Back to where the agent was, unless a command moved the focus on purpose.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !anyOpen) {
      const target = returnFocus.current;
      requestAnimationFrame(() => {
        if (
          target?.isConnected &&
          (document.activeElement === document.body || document.activeElement === null)
        ) {
          target.focus();
        }
      });
    }
    wasOpen.current = anyOpen;
  }, [anyOpen]);

  const closeAll = () => {
    useCommandStore.getState().closePalette();
    useCommandStore.getState().setSheet(false);
  };

  return (
    <>
      {anyOpen && (
        <div
          className="command-backdrop"
          onMouseDown={(event) => event.target === event.currentTarget && closeAll()}
        >
          {palette !== 'closed' ? <CommandPalette key={palette} /> : <ShortcutSheet />}
        </div>
      )}
      {transferFor && <TransferDialog conversationId={transferFor} />}
    </>
  );
}
