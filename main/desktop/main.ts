/**
 * Electron main process: thin wiring of the small rules next to it. It owns windows, the menu, the app://
 * scheme and the core's utility process; everything about conversations lives in the core.
 */
import os from 'node:os';
import path from 'node:path';
import { app, dialog, Menu, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { appMenuTemplate } from './app-menu';
import { appPaths } from './app-paths';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { CoreProcessHost } from './core-process-host';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, focusWindow } from './main-window';
import { guardWebContents } from './navigation-guards';
import { denyAllPermissions } from './permissions';
import { DesktopNotifier } from './notifications/desktop-notifier';
import { registerNotificationIpc, sendNotificationClick } from './notifications/notification-ipc';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function osUserName(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    // No passwd entry (some containers): the core picks its own default.
    return undefined;
  }
}

function runApp(): void {
  const paths = appPaths(__dirname);
  // Until workspaces can be configured the demo is the default; BATON_DEMO=0 turns it off.
  const demo = process.env.BATON_DEMO !== '0';
  let mainWindow: BrowserWindow | null = null;
  let core: CoreProcessHost | null = null;

  app.on('second-instance', () => focusWindow(mainWindow));
  // Applies to every webContents, the main window's included, and to any that appears later.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (core === null || core.status === 'stopped') return;
    // Give the core a moment to flush its outbox and store, then quit for real.
    event.preventDefault();
    void core.stop().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession, log);
    serveAppProtocol(paths.rendererRoot);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ dev: !app.isPackaged, platform: process.platform })),
    );

    core = new CoreProcessHost({
      modulePath: paths.coreProcess,
      args: [demo ? '--demo' : '--no-demo', `--data-dir=${path.join(app.getPath('userData'), 'core')}`],
      // The core's stdout is machine-readable (`Demo providers: …`): pass it through unchanged.
      onStdout: (line) => process.stdout.write(`${line}\n`),
      onStderr: log,
      onGiveUp: (message) =>
        dialog.showErrorBox('Baton', `${message}\n\nQuit and reopen Baton to try again.`),
      log,
    });
    core.start();
    registerIpcHandlers({ getWindow: () => mainWindow, core, agentName: osUserName(), log });
    const notifier = new DesktopNotifier({
      getWindow: () => mainWindow,
      onOpen: (conversationId) => sendNotificationClick(mainWindow, conversationId),
      quit: () => app.quit(),
      log,
    });
    notifier.createTray();
    registerNotificationIpc({ getWindow: () => mainWindow, notifier, log });

    const openWindow = (): void => {
      const window = createMainWindow(paths.preload, log);
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
      mainWindow = window;
    };
    openWindow();
    app.on('activate', () => {
      if (mainWindow === null) openWindow();
    });
  });
}

// A throwaway profile (tests, a second side-by-side instance). Set before the single-instance lock, which
// is keyed on the userData directory.
if (process.env.BATON_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.BATON_USER_DATA_DIR));

// Every renderer sandboxed, whatever its webPreferences say; both calls are only allowed before `ready`.
app.enableSandbox();
registerAppScheme();

if (app.requestSingleInstanceLock()) runApp();
else app.quit();
