/**
 * Where the agent is: the page (an inbox view, Queue or Settings), the open conversation and the keyboard
 * cursor in the list. The page mirrors the URL hash (`#/waiting`) so reload and back/forward work.
 */
import { create } from 'zustand';
import { INBOX_VIEWS } from '../features/inbox/lib/views';
import type { InboxView } from '../features/inbox/lib/views';

export const PAGES = [...INBOX_VIEWS, 'queue', 'reports', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export function isInboxView(page: Page): page is InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(page);
}

export function pageFromHash(hash: string): Page | null {
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : null;
}

export const pageHref = (page: Page) => `#/${page}`;

interface NavigationState {
  page: Page;
  /** The conversation shown in the pane; stays open when it leaves the current view (e.g. after take over). */
  openId: string | null;
  /** Keyboard cursor in the list (j/k); Enter opens it. */
  cursorId: string | null;
  /** The last inbox view, so the inbox returns to it after Queue/Settings. */
  lastView: InboxView;
  setPage(page: Page): void;
  open(id: string | null): void;
  setCursor(id: string | null): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  page: 'waiting',
  openId: null,
  cursorId: null,
  lastView: 'waiting',
  setPage: (page) => set(isInboxView(page) ? { page, lastView: page } : { page }),
  open: (id) => set(id ? { openId: id, cursorId: id } : { openId: null }),
  setCursor: (id) => set({ cursorId: id }),
}));

/** Keeps the store and `location.hash` in step. Returns a cleanup function. */
export function syncNavigationWithHash(): () => void {
  const apply = () => {
    const page = pageFromHash(window.location.hash);
    if (page) useNavigation.getState().setPage(page);
    else window.history.replaceState(window.history.state, '', pageHref(useNavigation.getState().page));
  };
  apply();
  window.addEventListener('hashchange', apply);
  return () => window.removeEventListener('hashchange', apply);
}
