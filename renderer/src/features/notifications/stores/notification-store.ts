/** Notification and presence state as the UI shows it: the badge, who is available, the browser's permission. */
import { create } from 'zustand';
import type { Presence } from '@contract';
import type { BrowserPermission } from '../lib/browser-alerter';

interface NotificationState {
  /** Conversations waiting for this agent (the app badge). */
  badge: number;
  presence: Record<string, Presence>;
  permission: BrowserPermission;
  /** The agent dismissed the "turn on notifications" prompt for this session. */
  promptDismissed: boolean;
  /** The latest escalation, read out by screen readers (a polite live region). */
  announcement: string;
}

export const useNotificationStore = create<NotificationState>()(() => ({
  badge: 0,
  presence: {},
  permission: 'unsupported',
  promptDismissed: false,
  announcement: '',
}));
