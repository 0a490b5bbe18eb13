/** The preload's `window.baton` (desktop only). Its presence is how the renderer knows it runs in the app. */
import type { DesktopBridge } from '@contract';

declare global {
  interface Window {
    baton?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.baton;
}
