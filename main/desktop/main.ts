/**
 * Electron main process: thin wiring of the small rules next to it. It owns windows, the menu, the app://
 * scheme and the core's utility process; everything about conversations lives in the core.
 */
import os from 'node:os';
import path from 'node:path';
import { app, clipboard, crashReporter, dialog, Menu, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { version as appVersion } from '../../app/package.json';
import { loadPolicy, resolvePolicyPath } from '../core/workspaces/policy';
import { appMenuTemplate } from './app-menu';
import { appPaths } from './app-paths';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { CoreProcessHost } from './core-process-host';
import { IpcChannel } from './ipc-channels';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, focusWindow } from './main-window';
import { guardWebContents } from './navigation-guards';
import { denyAllPermissions } from './permissions';
import { DesktopNotifier } from './notifications/desktop-notifier';
import { registerNotificationIpc, sendNotificationClick } from './notifications/notification-ipc';
import { copyDiagnostics } from './diagnostics/copy-diagnostics';
import { RotatingLog } from './diagnostics/rotating-log';
import { readOrCreateInstallId } from './updates/install-id';
import { UpdateController } from './updates/update-controller';
import type { UpdaterLike } from './updates/update-controller';

/** The local log (userData/logs/baton.log, rotated); set once the profile folder is known. */
let localLog: RotatingLog | null = null;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
  localLog?.write(line);
};

/** electron-updater, loaded only where it can work (packaged, updates on): it reads the app's update feed. */
async function loadUpdater(): Promise<UpdaterLike | null> {
  try {
    const { autoUpdater } = await import('electron-updater');
    return autoUpdater as unknown as UpdaterLike;
  } catch (error) {
    log(
      `updates: electron-updater could not load (${error instanceof Error ? error.message : String(error)})`,
    );
    return null;
  }
}

/** How often a running Baton looks for an update. */
const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

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
  localLog = new RotatingLog({ dir: path.join(app.getPath('userData'), 'logs') });
  // The shell reads the policy for updates; the core reads the same file (passed on below) for the rest.
  const policyPath = resolvePolicyPath(process.argv, process.env);
  const policy = loadPolicy(policyPath);
  // Until workspaces can be configured the demo is the default; BATON_DEMO=0 turns it off.
  const demo = process.env.BATON_DEMO !== '0';
  let mainWindow: BrowserWindow | null = null;
  let core: CoreProcessHost | null = null;

  // Crashes stay on this machine: minidumps in the crashDumps folder, never uploaded; a line in the log.
  crashReporter.start({ uploadToServer: false, compress: true });
  app.on('render-process-gone', (_event, _contents, details) =>
    log(`desktop: the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`),
  );
  app.on('child-process-gone', (_event, details) =>
    log(`desktop: the ${details.type} process stopped (${details.reason}, exit code ${details.exitCode})`),
  );

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
      args: [
        demo ? '--demo' : '--no-demo',
        `--data-dir=${path.join(app.getPath('userData'), 'core')}`,
        `--policy=${policyPath}`,
      ],
      // The core's stdout is machine-readable (`Demo providers: …`): pass it through unchanged.
      onStdout: (line) => process.stdout.write(`${line}\n`),
      onStderr: log,
      onGiveUp: (message) =>
        dialog.showErrorBox('Baton', `${message}\n\nQuit and reopen Baton to try again.`),
      log,
    });
    core.start();
    const coreHost = core;

    const installId = readOrCreateInstallId(app.getPath('userData'));
    const makeUpdates = (updater: UpdaterLike | null): UpdateController =>
      new UpdateController({
        updater,
        settings: policy.updates,
        currentVersion: appVersion,
        installId,
        packaged: app.isPackaged,
        heldConversations: async () => (await coreHost.queryStatus())?.heldConversations ?? null,
        onState: (state) => mainWindow?.webContents.send(IpcChannel.UpdateState, state),
        log,
      });
    // Off (policy or development build) until electron-updater has loaded.
    let controller = makeUpdates(null);
    if (app.isPackaged && policy.updates.enabled) {
      void loadUpdater().then((updater) => {
        if (!updater) return;
        controller = makeUpdates(updater);
        controller.start();
        setInterval(() => void controller.check(), UPDATE_CHECK_INTERVAL_MS).unref();
      });
    }

    registerIpcHandlers({
      getWindow: () => mainWindow,
      core,
      agentName: osUserName(),
      log,
      updates: {
        get current() {
          return controller.current;
        },
        download: () => controller.download(),
        install: () => controller.install(),
      },
      copyDiagnostics: () =>
        copyDiagnostics({
          appVersion,
          packaged: app.isPackaged,
          updates: () => controller.current,
          policy,
          coreStatus: () => coreHost.queryStatus(),
          logTail: (count) => localLog?.tail(count) ?? [],
          writeClipboard: (text) => clipboard.writeText(text),
        }),
    });
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
