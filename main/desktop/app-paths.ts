/**
 * Where the built pieces sit relative to this bundle (app/dist/desktop/main.cjs), in development and inside
 * the packaged app.asar alike.
 */
import path from 'node:path';

export interface AppPaths {
  preload: string;
  rendererRoot: string;
  coreProcess: string;
}

export function appPaths(desktopDir: string): AppPaths {
  const dist = path.resolve(desktopDir, '..');
  return {
    preload: path.join(dist, 'desktop', 'preload.cjs'),
    rendererRoot: path.join(dist, 'renderer'),
    coreProcess: path.join(dist, 'hosts', 'core-process.cjs'),
  };
}
