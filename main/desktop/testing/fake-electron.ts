/**
 * A stand-in for the `electron` module in unit tests (no Electron binary can run here). Use it with
 * `vi.mock('electron', () => import('./testing/fake-electron'))`; the test imports the same module to
 * reach the fakes. Only what the shell calls is modelled, with vi.fn() spies where tests assert calls.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame = { url: 'app://baton/index.html', parent: null };
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  readonly postMessage = vi.fn();
  readonly send = vi.fn();
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  /** When set, loadURL rejects with it (a page that fails to load). */
  static loadError: Error | null = null;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly loadURL = vi.fn(async (_url: string) => {
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError;
  });
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly flashFrame = vi.fn();
  focused = false;
  isFocused(): boolean {
    return this.focused;
  }

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }
}

export class FakeMessagePortMain extends EventEmitter {
  readonly start = vi.fn();
  readonly close = vi.fn();
  readonly postMessage = vi.fn();
}

export class MessageChannelMain {
  static readonly created: MessageChannelMain[] = [];
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();

  constructor() {
    MessageChannelMain.created.push(this);
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => true);
}

export const utilityProcess = {
  children: [] as FakeUtilityProcess[],
  fork: vi.fn((_modulePath: string, _args?: string[], _options?: Record<string, unknown>) => {
    const child = new FakeUtilityProcess();
    utilityProcess.children.push(child);
    return child;
  }),
};

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  readonly handle = vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}
export const ipcMain = new FakeIpcMain();

export const shell = { openExternal: vi.fn(async (_url: string) => {}) };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  },
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

class FakeIpcRenderer extends EventEmitter {
  readonly send = vi.fn();
  readonly invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => true);
}
export const ipcRenderer = new FakeIpcRenderer();

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const dialog = { showErrorBox: vi.fn() };

export const clipboard = { writeText: vi.fn((_text: string) => {}) };

export const crashReporter = { start: vi.fn((_options: Record<string, unknown>) => {}) };

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly setPath = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly getPath = vi.fn((_name: string) => '/tmp/baton-user-data');
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly setBadgeCount = vi.fn((_count: number) => true);
}
export const app = new FakeApp();

/** Every notification made, shown or not, so tests can count what the agent saw. */
export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  closed = false;
  readonly show = vi.fn(() => {
    this.shown = true;
  });
  readonly close = vi.fn(() => {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  });

  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  tooltip = '';
  menu: unknown = null;
  readonly setToolTip = vi.fn((text: string) => {
    this.tooltip = text;
  });
  readonly setContextMenu = vi.fn((menu: unknown) => {
    this.menu = menu;
  });
  readonly destroy = vi.fn();

  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
}

export const nativeImage = {
  createFromBuffer: vi.fn((buffer: Buffer) => ({ buffer })),
  createEmpty: vi.fn(() => ({})),
};

export const powerMonitor = new EventEmitter();

// The names the shell imports from 'electron'.
export { FakeBrowserWindow as BrowserWindow, FakeNotification as Notification, FakeTray as Tray };
