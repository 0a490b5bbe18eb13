/**
 * electron-builder.yml checked the way electron-builder itself checks it (ajv, its own scheme.json, the
 * same options), plus what its schema cannot say: the fuses DESIGN.md §8 requires, resources that exist,
 * and a staging package.json that ships only what must.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- its shape is what the schema check checks
const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

// electron-builder's own validator settings (app-builder-lib/out/util/config/schemaValidator.js).
const check = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(schema);

function validate(data: unknown): string[] {
  if (check(structuredClone(data))) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema", () => {
    expect(validate(config)).toEqual([]);
  });

  it('the check catches a misspelt or misplaced option (it is not a check that cannot fail)', () => {
    expect(validate({ ...config, electronFuse: { runAsNode: false } })).not.toEqual([]);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).not.toEqual([]);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'sometimes' } })).not.toEqual([]);
  });

  it('sets every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage, deb and rpm, dmg and zip, and NSIS, with icons and entitlements that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux.desktop.entry.Name).toBe('Baton');
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target[0].target).toBe('nsis');
    expect(config.nsis.oneClick).toBe(false);
    for (const file of [
      config.mac.entitlements,
      config.mac.entitlementsInherit,
      config.mac.icon,
      config.win.icon,
      path.join(config.linux.icon, '512x512.png'),
      path.join(config.linux.icon, '16x16.png'),
    ])
      expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it('packs only production files from the app/ staging folder', () => {
    expect(config.directories.app).toBe('app');
    expect(config.files).toEqual(['dist/**', '!dist/**/*.map', 'package.json']);
    const manifest = JSON.parse(readFileSync(path.join(root, 'app/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      'better-sqlite3',
      'electron-updater',
      'keytar',
    ]);
    expect(manifest.devDependencies).toBeUndefined();
    // The installer's version is the project's version.
    const project = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.version).toBe(project.version);
    for (const name of Object.keys(manifest.dependencies))
      expect(manifest.dependencies[name]).toBe(project.dependencies[name]);
  });

  it('publishes an update feed with files for both channels', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
  });
});
