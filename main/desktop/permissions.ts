/**
 * The console needs no browser permission today (camera, geolocation, notifications through the web API,
 * clipboard reads…): every request and check is denied. OS notifications will come from the main process.
 */
import type { Session } from 'electron';

export function denyAllPermissions(session: Session, log: (line: string) => void = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`desktop: denied the permission "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
