/**
 * The helper thread of the two-thread solver in Node (see
 * src/core/solver/kernels/parallel.ts). A host enables it with
 *   setKernelThreads(() => { const w = new Worker(new URL('./kernel-worker.js', import.meta.url)); w.unref(); return w; })
 */
import { parentPort } from 'node:worker_threads';
import { serveKernels } from '../src/core/solver/kernels/index.js';

parentPort!.on('message', serveKernels);
