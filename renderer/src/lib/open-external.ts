/** Opens a vetted https URL outside the console: through the desktop bridge, or a new, detached tab. */
import { desktopBridge } from './desktop-bridge';
import { isSafeExternalUrl } from './links';

export function openExternal(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  const bridge = desktopBridge();
  if (bridge) {
    void bridge.openExternal(url);
    return;
  }
  window.open(url, '_blank', 'noopener,noreferrer');
}
