/**
 * What the agent is writing and what they sent that the core has not yet accepted. Kept in localStorage so a
 * reload or crash never loses a reply: an unconfirmed send comes back as "not confirmed" with a Retry that
 * reuses its actionId (the core de-duplicates, so a retry never sends twice).
 */
import type { MessageContent } from '@contract';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface PendingSend {
  actionId: string;
  conversationId: string;
  /** The text sent, or a one-line summary of rich content ("Card: Spring sale"). */
  text: string;
  /** Rich content (card, carousel, file, text with suggestions); absent for a plain text reply. */
  content?: MessageContent;
  /** An upload: the bytes are kept in memory only (see send-reply), never in localStorage. */
  upload?: { name: string; mimeType: string };
  createdAt: number;
  status: 'sending' | 'failed';
  error?: string;
}

interface ComposeState {
  drafts: Record<string, string>;
  pending: Record<string, PendingSend[]>;
  /** Conversations whose box writes an internal note rather than a reply (not persisted: a reload resets it). */
  noteMode: Record<string, boolean>;
  setNoteMode(conversationId: string, on: boolean): void;
  setDraft(conversationId: string, text: string): void;
  addPending(send: PendingSend): void;
  updatePending(send: Pick<PendingSend, 'conversationId' | 'actionId'> & Partial<PendingSend>): void;
  removePending(conversationId: string, actionId: string): void;
}

const NO_PENDING: PendingSend[] = [];

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export const useComposeStore = create<ComposeState>()(
  persist(
    (set) => ({
      drafts: {},
      pending: {},
      noteMode: {},
      setNoteMode: (conversationId, on) =>
        set((s) => ({
          noteMode: on ? { ...s.noteMode, [conversationId]: true } : without(s.noteMode, conversationId),
        })),
      setDraft: (conversationId, text) =>
        set((s) => ({
          drafts: text ? { ...s.drafts, [conversationId]: text } : without(s.drafts, conversationId),
        })),
      addPending: (send) =>
        set((s) => ({
          pending: { ...s.pending, [send.conversationId]: [...(s.pending[send.conversationId] ?? []), send] },
        })),
      updatePending: (patch) =>
        set((s) => {
          const list = s.pending[patch.conversationId];
          if (!list) return s;
          return {
            pending: {
              ...s.pending,
              [patch.conversationId]: list.map((p) =>
                p.actionId === patch.actionId ? { ...p, ...patch } : p,
              ),
            },
          };
        }),
      removePending: (conversationId, actionId) =>
        set((s) => {
          const list = (s.pending[conversationId] ?? []).filter((p) => p.actionId !== actionId);
          return {
            pending: list.length
              ? { ...s.pending, [conversationId]: list }
              : without(s.pending, conversationId),
          };
        }),
    }),
    {
      name: 'baton.compose',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ drafts: s.drafts, pending: s.pending }),
      // A send still "sending" when the page went away has an unknown outcome: offer a safe retry.
      onRehydrateStorage: () => (state) => {
        if (!state) return;
        for (const list of Object.values(state.pending)) {
          for (const send of list) {
            if (send.status === 'sending') {
              send.status = 'failed';
              send.error = 'Not confirmed before the console closed.';
            }
          }
        }
      },
    },
  ),
);

export const usePendingSends = (conversationId: string) =>
  useComposeStore((s) => s.pending[conversationId] ?? NO_PENDING);
