/**
 * Who is typing where, from `conversation.typing` events. An entry lapses after `TYPING_TTL_MS` without a
 * refresh (the sender may vanish without saying `active: false`); a message from its author ends it too.
 */
import type { CoreEvent } from '@contract';
import { create } from 'zustand';

export const TYPING_TTL_MS = 6_000;

type TypingEvent = Extract<CoreEvent, { type: 'conversation.typing' }>;

export interface Typist {
  role: 'customer' | 'agent';
  name: string | undefined;
}

interface TypingState {
  byConversation: Record<string, Record<string, Typist>>;
  apply(event: TypingEvent): void;
  /** A message from this author arrived: they have stopped typing. */
  clear(conversationId: string, role: 'customer' | 'agent', name?: string): void;
}

const keyOf = (role: string, name: string | undefined) => `${role}:${name ?? ''}`;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function withoutKeys(record: Record<string, Typist>, drop: (key: string, t: Typist) => boolean) {
  return Object.fromEntries(Object.entries(record).filter(([key, t]) => !drop(key, t)));
}

function cancel(conversationId: string, key: string) {
  const timerKey = `${conversationId}\n${key}`;
  const timer = timers.get(timerKey);
  if (timer) clearTimeout(timer);
  timers.delete(timerKey);
}

export const useTypingStore = create<TypingState>()((set, get) => {
  const remove = (conversationId: string, drop: (key: string, t: Typist) => boolean) =>
    set((s) => {
      const current = s.byConversation[conversationId];
      if (!current) return s;
      const next = withoutKeys(current, (key, t) => {
        const gone = drop(key, t);
        if (gone) cancel(conversationId, key);
        return gone;
      });
      if (Object.keys(next).length === Object.keys(current).length) return s;
      return { byConversation: { ...s.byConversation, [conversationId]: next } };
    });

  return {
    byConversation: {},
    apply: (event) => {
      const key = keyOf(event.role, event.name);
      const id = event.conversationId;
      if (!event.active) {
        remove(id, (k) => k === key);
        return;
      }
      cancel(id, key);
      timers.set(
        `${id}\n${key}`,
        setTimeout(() => get().byConversation[id] && remove(id, (k) => k === key), TYPING_TTL_MS),
      );
      set((s) => {
        const current = s.byConversation[id] ?? {};
        if (current[key]) return s;
        return {
          byConversation: {
            ...s.byConversation,
            [id]: { ...current, [key]: { role: event.role, name: event.name } },
          },
        };
      });
    },
    clear: (conversationId, role, name) =>
      remove(
        conversationId,
        (_, t) => t.role === role && (role === 'customer' || name === undefined || t.name === name),
      ),
  };
});

const NONE: Record<string, Typist> = {};
export const useTypists = (conversationId: string) =>
  useTypingStore((s) => s.byConversation[conversationId] ?? NONE);
