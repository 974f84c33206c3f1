import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The web application (D49): built into dist/web, which the API serves at `/`.
const root = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
