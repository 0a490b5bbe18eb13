/**
 * The one window's options. Every Electron security default is spelled out, even where it matches today's
 * default, so a future default change or a careless edit shows up in review and fails the tests.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Baton',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    // Shown on `ready-to-show`, so the agent never sees an empty white frame.
    show: false,
    backgroundColor: '#f7f7f8',
    webPreferences: secureWebPreferences(preloadPath),
  };
}
