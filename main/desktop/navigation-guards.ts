/**
 * Guards for every webContents the app creates (the main window and anything else that ever appears):
 * no navigation away from app://baton, no new windows (vetted https links go to the system browser),
 * no <webview>.
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { openExternalIfVetted } from './external-links';

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** `will-navigate`, `will-redirect`, `will-frame-navigate`: only our own origin may load. */
export function denyForeignNavigation(event: NavigationEvent, log: (line: string) => void = () => {}): void {
  if (isAppUrl(event.url)) return;
  event.preventDefault();
  log('desktop: blocked a navigation away from the app');
}

/** `setWindowOpenHandler`: never a new Electron window; a vetted https link opens in the system browser. */
export function handleWindowOpen(
  details: { url: string },
  log: (line: string) => void = () => {},
): { action: 'deny' } {
  void openExternalIfVetted(details.url, log);
  return { action: 'deny' };
}

export function guardWebContents(contents: WebContents, log: (line: string) => void = () => {}): void {
  const deny = (event: NavigationEvent): void => denyForeignNavigation(event, log);
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-frame-navigate', deny);
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, log));
  // webviewTag is off in our webPreferences; this also covers a webContents created some other way.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('desktop: blocked a <webview>');
  });
}
