// Starts the built desktop app (`npm start` builds first) with the Electron binary from node_modules.
//
// The binary's path is worked out here rather than with `require('electron')`: since Electron 45 that call
// tries to download a missing binary, which cannot work on machines without access to Electron's release
// host. This reads the same `path.txt` the electron package writes after it has installed its binary.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'app');

const binary = electronBinary();
if (binary === null) {
  console.error(
    "Electron's binary is not installed on this machine (it is downloaded on first use from Electron's " +
      'release host, which this machine cannot reach). Run `npm run start:web` to open the same console in ' +
      'your browser.',
  );
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
if (!existsSync(path.join(appDir, manifest.main))) {
  console.error(
    `The desktop app is not built (${path.join('app', manifest.main)} is missing). Run \`npm start\`.`,
  );
  process.exit(1);
}

// Electron loads app/package.json's `main`. ELECTRON_RUN_AS_NODE would turn the binary into plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [appDir, ...process.argv.slice(2)], { stdio: 'inherit', env });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Could not start Electron: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
