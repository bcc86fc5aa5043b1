#!/usr/bin/env node
/**
 * Bundles the `cryoplan` command (the last step of `npm run build`): dist/cli/main.js and the
 * two worker entries become a few files instead of some 350 modules (zod alone is 95, Observable
 * Plot 81), which cut the CPU spent loading modules at every start (docs/performance.md,
 * "Start-up of the command"). tsc's own output stays in dist/ for the library (`exports`).
 * The server and queue packages stay outside: piscina and BullMQ read files of their own at
 * run time (a worker script, Lua scripts) and load only for plan, serve and worker.
 * Plain JavaScript so that it runs without a build of its own.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const OUT = 'dist/cli';
const EXTERNAL = ['bullmq', 'ioredis', 'fastify', '@fastify/static', 'piscina'];

// A chunk's name is its content's hash: the last build's chunks would otherwise pile up.
for (const f of await readdir(OUT).catch(() => [])) if (/^chunk-\w+\.js$/.test(f)) await rm(join(OUT, f));

await build({
  entryPoints: [
    { in: 'src/cli/main.ts', out: 'main' },
    // Beside the chunks that start them: sim-thread and local-pool find them by new URL('./…', import.meta.url).
    { in: 'src/cli/sim-worker.ts', out: 'sim-worker' },
    { in: 'src/run/pool-worker.ts', out: 'pool-worker' },
  ],
  outdir: OUT,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  // The commands stay loaded on demand (src/cli/commands/index.ts), each with its own chunks.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // commander and yaml are CommonJS: their require() of Node's modules needs a require in ESM.
  banner: { js: "import { createRequire as __cryoplanRequire } from 'node:module';\nconst require = __cryoplanRequire(import.meta.url);" },
  logLevel: 'warning',
});
