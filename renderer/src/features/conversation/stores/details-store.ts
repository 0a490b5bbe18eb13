/**
 * The details panel's open/closed state (UI state only). The column preference is remembered across
 * sessions; the drawer used on narrow windows starts closed each session, so it never hides the transcript
 * of a console that has just started.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { DetailsLayout } from '../lib/details-layout';

interface DetailsPanelState {
  columnOpen: boolean;
  drawerOpen: boolean;
  toggle(layout: DetailsLayout): void;
  close(layout: DetailsLayout): void;
}

export const useDetailsPanelStore = create<DetailsPanelState>()(
  persist(
    (set) => ({
      columnOpen: true,
      drawerOpen: false,
      toggle: (layout) =>
        set((s) => (layout === 'column' ? { columnOpen: !s.columnOpen } : { drawerOpen: !s.drawerOpen })),
      close: (layout) => set(layout === 'column' ? { columnOpen: false } : { drawerOpen: false }),
    }),
    {
      name: 'baton.details-panel',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ columnOpen: s.columnOpen }),
    },
  ),
);

export const useDetailsOpen = (layout: DetailsLayout) =>
  useDetailsPanelStore((s) => (layout === 'column' ? s.columnOpen : s.drawerOpen));
