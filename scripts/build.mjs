// Builds everything the hosts run into app/dist: the node-side bundles with esbuild and the renderer with
// Vite. `--node-only` skips the renderer (the simulators need no UI).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const nodeOnly = process.argv.includes('--node-only');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  outExtension: { '.js': '.cjs' },
  // Native or optional modules stay outside the bundle; electron is provided by the runtime.
  external: ['electron', 'electron-updater', 'keytar', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: {
      'hosts/web-host': 'main/hosts/web-host.ts',
      'hosts/sim-host': 'main/hosts/sim-host.ts',
      'hosts/core-process': 'main/hosts/core-process.ts',
      'hosts/bench-host': 'main/hosts/bench-host.ts',
    },
    outdir: 'app/dist',
  }),
  esbuild({
    ...common,
    entryPoints: { 'desktop/main': 'main/desktop/main.ts', 'desktop/preload': 'main/desktop/preload.ts' },
    outdir: 'app/dist',
  }),
  nodeOnly ? Promise.resolve() : viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
