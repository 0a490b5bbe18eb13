/**
 * The keyboard layer's UI state: the palette, the shortcut sheet, the transfer dialog, and what the open
 * conversation can do right now (registered by its pane, so the palette offers only what is possible).
 */
import { create } from 'zustand';

export interface ConversationCommands {
  conversationId: string;
  customerName: string;
  takeOver?: () => void;
  handBack?: () => void;
  close?: () => void;
  focusReply?: () => void;
  transfer?: () => void;
  note?: () => void;
}

interface CommandState {
  palette: 'closed' | 'commands' | 'search';
  sheetOpen: boolean;
  transferFor: string | null;
  conversation: ConversationCommands | null;
  openPalette(mode: 'commands' | 'search'): void;
  closePalette(): void;
  setSheet(open: boolean): void;
  setTransferFor(conversationId: string | null): void;
}

export const useCommandStore = create<CommandState>()((set) => ({
  palette: 'closed',
  sheetOpen: false,
  transferFor: null,
  conversation: null,
  openPalette: (mode) => set({ palette: mode, sheetOpen: false }),
  closePalette: () => set({ palette: 'closed' }),
  setSheet: (open) => set({ sheetOpen: open, palette: 'closed' }),
  setTransferFor: (conversationId) => set({ transferFor: conversationId }),
}));
