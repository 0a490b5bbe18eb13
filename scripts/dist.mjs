// `npm run dist`: installers for this platform with electron-builder (electron-builder.yml), then
// SHA256SUMS beside them. Extra arguments go to electron-builder (`npm run dist -- --linux deb`).
//
// Reproducible from a clean checkout: versions come from package.json / app/package.json, dependencies
// from package-lock.json, and SOURCE_DATE_EPOCH is the last commit's time unless already set.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distPreflight, electronDistDir, electronVersion } from './dist-preflight.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist-installers');

const binary = electronBinary();
const problem = distPreflight({ binary, version: electronVersion() });
if (problem !== null) {
  console.error(problem);
  process.exit(1);
}

if (!process.env.SOURCE_DATE_EPOCH) {
  try {
    process.env.SOURCE_DATE_EPOCH = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root })
      .toString()
      .trim();
  } catch {
    // Not a git checkout (a source tarball): timestamps are the build's.
  }
}

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('npm run dist: the app did not build (see above); no installers were made.');
  process.exit(1);
}

// Azure Trusted Signing is configured from the environment, so the YAML never names an account.
const extra = [`-c.electronDist=${electronDistDir(binary)}`];
const azure = ['BATON_AZURE_SIGN_ENDPOINT', 'BATON_AZURE_SIGN_ACCOUNT', 'BATON_AZURE_SIGN_PROFILE'];
if (azure.every((name) => process.env[name])) {
  extra.push(
    `-c.win.azureSignOptions.endpoint=${process.env.BATON_AZURE_SIGN_ENDPOINT}`,
    `-c.win.azureSignOptions.codeSigningAccountName=${process.env.BATON_AZURE_SIGN_ACCOUNT}`,
    `-c.win.azureSignOptions.certificateProfileName=${process.env.BATON_AZURE_SIGN_PROFILE}`,
    '-c.win.azureSignOptions.publisherName=Baton',
  );
}

const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(
  process.execPath,
  [cli, '--config', 'electron-builder.yml', '--publish', 'never', ...extra, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error(
    'npm run dist: electron-builder failed (see above). On first use it downloads its packaging tools ' +
      '(AppImage runtime, NSIS, fpm for rpm) from GitHub; a machine without that access cannot build those targets.',
  );
  process.exit(1);
}

// SHA256SUMS in the format `sha256sum -c` reads.
const artifacts = readdirSync(output)
  .filter((name) => /\.(AppImage|deb|rpm|dmg|zip|exe|blockmap|yml)$/.test(name))
  .filter((name) => statSync(path.join(output, name)).isFile())
  .sort();
const sums = artifacts.map(
  (name) =>
    `${createHash('sha256')
      .update(readFileSync(path.join(output, name)))
      .digest('hex')}  ${name}`,
);
writeFileSync(path.join(output, 'SHA256SUMS'), `${sums.join('\n')}\n`);
console.log(`Installers and SHA256SUMS are in ${path.relative(root, output)}/`);
