import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The browser app: web/ built into dist/web, which `cryoplan serve` serves. The
 * case code's two Node imports (reading a file, hashing a case) get browser
 * stand-ins; everything else (core, case, report) is the same code the CLI runs.
 */
export default defineConfig({
  root: here('./web'),
  base: './',
  publicDir: false,
  resolve: {
    alias: {
      'node:fs/promises': here('./web/src/shims/node-fs.ts'),
      'node:crypto': here('./web/src/shims/node-crypto.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  },
});
