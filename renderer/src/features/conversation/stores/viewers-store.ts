/** Who has each conversation open, from `conversation.viewers` events (every agent's client included). */
import type { Agent, CoreEvent } from '@contract';
import { create } from 'zustand';

type ViewersEvent = Extract<CoreEvent, { type: 'conversation.viewers' }>;

interface ViewersState {
  byConversation: Record<string, Agent[]>;
  apply(event: ViewersEvent): void;
  /** The stream restarted: whoever is still looking says so again. */
  reset(): void;
}

export const useViewersStore = create<ViewersState>()((set) => ({
  byConversation: {},
  apply: (event) =>
    set((s) => {
      const rest = Object.fromEntries(
        Object.entries(s.byConversation).filter(([id]) => id !== event.conversationId),
      );
      return {
        byConversation:
          event.viewers.length === 0 ? rest : { ...rest, [event.conversationId]: event.viewers },
      };
    }),
  reset: () => set({ byConversation: {} }),
}));

const NONE: Agent[] = [];

/** The other agents looking at a conversation now. */
export function useOtherViewers(conversationId: string, meId: string | null): Agent[] {
  const viewers = useViewersStore((s) => s.byConversation[conversationId] ?? NONE);
  return meId === null ? viewers : viewers.filter((agent) => agent.id !== meId);
}
