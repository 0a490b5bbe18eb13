// What `npm run dist` needs before it starts, checked up front so a missing piece is one clear paragraph
// rather than a stack trace from deep inside electron-builder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The Electron version electron-builder would package (node_modules/electron/package.json). */
export function electronVersion() {
  try {
    const require = createRequire(import.meta.url);
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * Returns null when installers can be built, or the message to print. `binary` is the Electron executable
 * found on this machine (scripts/electron-binary.mjs), or null.
 */
export function distPreflight({ binary, version, platform = process.platform, arch = process.arch }) {
  if (version === null) {
    return (
      'npm run dist cannot build installers: the electron package is not installed in node_modules. ' +
      'Run `npm ci` first.'
    );
  }
  if (binary === null) {
    return (
      `npm run dist cannot build installers on this machine: the Electron ${version} binary for ` +
      `${platform}-${arch} is missing (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH), and ` +
      'electron-builder would download it from https://github.com/electron/electron/releases, which this ' +
      'machine cannot reach. Build on a machine with access to that host (CI does), or unpack ' +
      `electron-v${version}-${platform}-${arch}.zip into a folder and point ELECTRON_OVERRIDE_DIST_PATH at it, ` +
      'then run npm run dist again. Nothing was built.'
    );
  }
  return null;
}

/** electron-builder's `electronDist`: the folder holding the binary, so it packages it without a download. */
export function electronDistDir(binary, platform = process.platform) {
  // On macOS the binary sits inside Electron.app/Contents/MacOS; electronDist is the folder holding the .app.
  if (platform === 'darwin') return path.resolve(binary, '..', '..', '..', '..');
  return path.dirname(binary);
}
