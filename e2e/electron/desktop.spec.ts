/**
 * The packaged shape of the app, end to end: the real Electron binary, the built main, preload, core
 * utility process and renderer. Runs where Electron's binary is installed; elsewhere it is skipped and says
 * why (the same console is covered through the browser host).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const appDir = path.join(root, 'app');
const binary = electronBinary();
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe('desktop app', () => {
  test.skip(binary === null, 'Electron binary not installed on this machine (cannot be downloaded here)');
  test.skip(
    binary !== null && headlessLinux,
    'No display server for Electron (set DISPLAY, or run the suite under xvfb-run)',
  );

  let app: ElectronApplication | null = null;
  let profile = '';

  test.beforeEach(() => {
    expect(existsSync(path.join(appDir, 'dist', 'desktop', 'main.cjs')), 'run `npm run build` first').toBe(
      true,
    );
    // A throwaway profile: no state from a previous run, and no clash with an open Baton (single instance).
    profile = mkdtempSync(path.join(tmpdir(), 'baton-electron-e2e-'));
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
    rmSync(profile, { recursive: true, force: true });
  });

  test('opens the console on app:// with the Conversations list and the desktop bridge', async () => {
    app = await electron.launch({
      executablePath: binary ?? '',
      // Chromium refuses to run as root with its OS sandbox (CI containers); the JS-level sandbox the test
      // checks is unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), appDir],
      env: { ...process.env, BATON_DEMO: '1', BATON_USER_DATA_DIR: profile },
      timeout: 60_000,
    });

    const window = await app.firstWindow();
    const conversations = window.getByRole('list', { name: 'Conversations' });
    await expect(conversations).toBeVisible({ timeout: 30_000 });
    expect(window.url()).toBe('app://baton/index.html');
    // Demo traffic reaches the list only through the core's utility process and the MessagePort.
    await window.getByRole('link', { name: 'Live' }).click();
    await expect(conversations.getByRole('listitem').first()).toBeVisible({ timeout: 30_000 });

    const bridge = await window.evaluate(() => {
      const baton = (globalThis as { baton?: Record<string, unknown> }).baton;
      return baton ? { keys: Object.keys(baton).sort(), platform: baton.platform } : null;
    });
    expect(bridge).toEqual({
      keys: [
        'notify',
        'onNotificationClick',
        'onPowerChange',
        'openExternal',
        'platform',
        'requestCorePort',
        'version',
      ],
      platform: 'desktop',
    });
    // The page gets no Node: the sandbox and context isolation hold.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
  });
});
