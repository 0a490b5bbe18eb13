import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './app-menu';
import { appPaths } from './app-paths';
import { createMainWindow, focusWindow } from './main-window';
import * as fake from './testing/fake-electron';
import { mainWindowOptions, secureWebPreferences } from './window-options';

vi.mock('electron', () => import('./testing/fake-electron'));

describe('main window', () => {
  beforeEach(() => {
    fake.FakeBrowserWindow.instances.length = 0;
  });

  it('turns on every Electron security option', () => {
    expect(secureWebPreferences('/app/dist/desktop/preload.cjs')).toEqual({
      preload: '/app/dist/desktop/preload.cjs',
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
    });
  });

  it('creates one hidden window with those preferences and loads the app:// entry', async () => {
    const window = createMainWindow('/dist/desktop/preload.cjs') as unknown as fake.FakeBrowserWindow;
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options).toEqual(mainWindowOptions('/dist/desktop/preload.cjs'));
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/dist/desktop/preload.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith('app://baton/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('logs a page that fails to load instead of throwing', async () => {
    const log = vi.fn();
    fake.FakeBrowserWindow.loadError = new Error('ERR_FAILED');
    try {
      createMainWindow('/p.cjs', log);
      await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FAILED')));
    } finally {
      fake.FakeBrowserWindow.loadError = null;
    }
  });

  it('restores and focuses the window for a second launch', () => {
    const window = createMainWindow('/p.cjs') as unknown as fake.FakeBrowserWindow;
    window.minimized = true;
    focusWindow(window as never);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    focusWindow(null);
  });

  it('finds the preload, renderer and core next to the main bundle', () => {
    expect(appPaths('/opt/baton/resources/app.asar/dist/desktop')).toEqual({
      preload: '/opt/baton/resources/app.asar/dist/desktop/preload.cjs',
      rendererRoot: '/opt/baton/resources/app.asar/dist/renderer',
      coreProcess: '/opt/baton/resources/app.asar/dist/hosts/core-process.cjs',
    });
  });
});

describe('application menu', () => {
  const labelsOf = (template: ReturnType<typeof appMenuTemplate>) =>
    template.map((item) => item.label ?? item.role);

  it('has an Edit menu with copy and paste, and no View menu in a release build', () => {
    const template = appMenuTemplate({ dev: false, platform: 'linux' });
    expect(labelsOf(template)).toEqual(['fileMenu', 'Edit', 'windowMenu']);
    const edit = template.find((item) => item.label === 'Edit');
    const roles = (edit?.submenu as { role?: string }[]).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo']));
  });

  it('adds View with reload only in development, and the app menu on macOS', () => {
    const template = appMenuTemplate({ dev: true, platform: 'darwin' });
    expect(labelsOf(template)).toEqual(['appMenu', 'Edit', 'View', 'windowMenu']);
    const view = template.find((item) => item.label === 'View');
    expect((view?.submenu as { role?: string }[]).map((item) => item.role)).toContain('reload');
  });
});
