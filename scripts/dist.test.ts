import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distPreflight, electronDistDir } from './dist-preflight.mjs';

const root = path.resolve(import.meta.dirname, '..');

describe('npm run dist without the Electron binary', () => {
  it('fails at once with one paragraph naming what is missing and where it comes from, not a stack trace', () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'no-such-electron-dist') };
    const run = spawnSync(process.execPath, ['scripts/dist.mjs'], { cwd: root, env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const message = run.stderr.trim();
    expect(message).toMatch(
      /^npm run dist cannot build installers on this machine: the Electron \d+\.\d+\.\d+ binary/,
    );
    expect(message).toContain('github.com/electron/electron/releases');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('Nothing was built.');
    expect(message).not.toMatch(/\n\s+at /);
    expect(message.split('\n')).toHaveLength(1);
    // It stopped before building anything.
    expect(run.stdout).not.toContain('Installers');
  });
});

describe('dist preflight', () => {
  it('passes when the binary is there and names the platform when it is not', () => {
    expect(distPreflight({ binary: '/opt/electron/electron', version: '45.4.1' })).toBeNull();
    expect(distPreflight({ binary: null, version: '45.4.1', platform: 'win32', arch: 'arm64' })).toContain(
      'electron-v45.4.1-win32-arm64.zip',
    );
    expect(distPreflight({ binary: null, version: null })).toContain('npm ci');
  });

  it('gives electron-builder the folder that holds the binary (the .app folder on macOS)', () => {
    expect(electronDistDir('/x/dist/electron', 'linux')).toBe('/x/dist');
    expect(electronDistDir('/x/dist/Electron.app/Contents/MacOS/Electron', 'darwin')).toBe('/x/dist');
  });
});
