import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: { '@contract': fileURLToPath(new URL('./main/contract/index.ts', import.meta.url)) } },
  build: { outDir: '../app/dist/renderer', emptyOutDir: true, target: 'chrome130', sourcemap: true },
});
