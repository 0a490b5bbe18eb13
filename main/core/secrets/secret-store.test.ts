import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../core-error';
import { KeytarSecretStore, MemorySecretStore, NO_KEYCHAIN_MESSAGE, type SecretStore } from './secret-store';

const keychain = process.env.BATON_KEYCHAIN === '1';
const needsKeychain = 'needs a Secret Service: run through npm test (dbus-run-session + gnome-keyring)';

function contractTests(name: string, make: () => SecretStore) {
  describe(name, () => {
    it('sets, gets, replaces, removes, lists by workspace and deletes all', async () => {
      const store = make();
      const ws = `test-${randomBytes(4).toString('hex')}`;
      const other = `${ws}-other`;
      expect(await store.get(ws, 'token')).toBeNull();
      await store.set(ws, 'token', 'first-value');
      expect(await store.get(ws, 'token')).toBe('first-value');
      await store.set(ws, 'token', 'second-value');
      expect(await store.get(ws, 'token')).toBe('second-value');
      await store.set(ws, 'channelSecret', 'channel-value');
      await store.set(other, 'token', 'other-value');
      expect(await store.listKeys(ws)).toEqual(['channelSecret', 'token']);
      expect(await store.listKeys(other)).toEqual(['token']);
      expect(await store.delete(ws, 'token')).toBe(true);
      expect(await store.delete(ws, 'token')).toBe(false);
      expect(await store.get(ws, 'token')).toBeNull();
      await store.deleteAll(ws);
      expect(await store.listKeys(ws)).toEqual([]);
      // Another workspace whose id starts the same is untouched.
      expect(await store.get(other, 'token')).toBe('other-value');
      await store.deleteAll(other);
      expect(await store.listKeys(other)).toEqual([]);
    });

    it('refuses ids that would break the account name', async () => {
      const store = make();
      await expect(store.set('a:b', 'token', 'x')).rejects.toBeInstanceOf(CoreError);
      await expect(store.set('a', 'to ken', 'x')).rejects.toBeInstanceOf(CoreError);
    });
  });
}

contractTests('MemorySecretStore', () => new MemorySecretStore());

if (keychain) {
  contractTests(
    'KeytarSecretStore against the real keychain',
    () => new KeytarSecretStore({ service: 'Baton-test' }),
  );
} else {
  describe.skip(`KeytarSecretStore against the real keychain (${needsKeychain})`, () => {
    it.skip(needsKeychain, () => {});
  });
}

describe('KeytarSecretStore without a keychain', () => {
  it('says plainly what to install or unlock, and writes nothing anywhere', () => {
    const secret = `never-shown-${randomBytes(8).toString('hex')}`;
    const home = `/tmp/baton-nokeychain-${randomBytes(4).toString('hex')}`;
    // A child process with no D-Bus session: keytar cannot reach any Secret Service.
    // The store bundled as CommonJS, exactly as Baton ships it (keytar stays external, loaded lazily).
    const bundle = buildSync({
      stdin: {
        contents: `
          const { KeytarSecretStore } = require('./secret-store');
          const store = new KeytarSecretStore({ service: 'Baton-test' });
          (async () => {
            const out = [];
            const calls = [() => store.set('ws-1', 'token', process.env.SECRET), () => store.get('ws-1', 'token'), () => store.listKeys('ws-1')];
            for (const call of calls) {
              try { await call(); out.push({ ok: true }); }
              catch (e) { out.push({ ok: false, code: e.code, message: e.message }); }
            }
            console.log(JSON.stringify(out));
          })();`,
        resolveDir: dirname(fileURLToPath(import.meta.url)),
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['keytar'],
      write: false,
    });
    const entry = join(process.cwd(), 'node_modules', '.baton-nokeychain-test.cjs');
    writeFileSync(entry, bundle.outputFiles[0]!.text);
    const child = spawnSync(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_DATA_HOME: `${home}/share`,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        SECRET: secret,
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    rmSync(entry, { force: true });
    const output = `${child.stdout}\n${child.stderr}`;
    expect(output).not.toContain(secret);
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const results = JSON.parse(line) as { ok: boolean; code?: string; message?: string }[];
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(result.code).toBe('unsupported');
      expect(result.message).toBe(NO_KEYCHAIN_MESSAGE);
    }
    expect(NO_KEYCHAIN_MESSAGE).toMatch(/install and unlock a Secret Service \(gnome-keyring or KeePassXC\)/);
    expect(NO_KEYCHAIN_MESSAGE).toMatch(/does not store secrets anywhere else/);
    // Nothing was written: no home folder, no file anywhere under it.
    expect(spawnSync('sh', ['-c', `test -e ${home}`]).status).not.toBe(0);
  });
});
