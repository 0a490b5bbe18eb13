/**
 * The notification IPC channels, apart from their handlers so the sandboxed preload can use the names
 * without bundling the contract's zod schemas.
 */
export const NotificationChannel = {
  /** preload → main (send): a notification event for this window's agent. */
  Notify: 'baton:notify',
  /** main → preload (webContents.send): 'locked' | 'unlocked'. */
  PowerChange: 'baton:power-change',
  /** main → preload (webContents.send): the conversation id of a clicked notification. */
  NotificationClick: 'baton:notification-click',
} as const;
