/**
 * The second thread of the two-thread measurements in run.ts: it runs one kernel
 * on its share of arrays in shared memory each time the main thread bumps the
 * round counter, and reports back through the same counters.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyStencil, type StencilSystem } from './legacy/pcg.js';
import { wasmModules } from '../src/core/solver/kernels/wasm.js';

export interface WorkerJob {
  kind: 'triad-js' | 'triad-wasm' | 'stencil-js' | 'stencil-wasm';
  /** Control words: [round, done]. */
  ctrl: SharedArrayBuffer;
  /** JS kernels: the arrays' buffer; wasm kernels: the shared memory. */
  buffer?: SharedArrayBuffer;
  memory?: WebAssembly.Memory;
  /** Byte offsets of the arrays (triad: a, b, c; stencil: diag, gx, gy, gz, mask, p, q). */
  offsets: number[];
  n: number;
  nx: number;
  nxy: number;
  pad: number;
  from: number;
  to: number;
}

interface BenchExports {
  triad(a: number, b: number, c: number, s: number, from: number, to: number): void;
  stencil7(
    diag: number,
    gx: number,
    gy: number,
    gz: number,
    mask: number,
    p: number,
    q: number,
    nx: number,
    nxy: number,
    pad: number,
    from: number,
    to: number,
  ): void;
}

const job = workerData as WorkerJob;
const ctrl = new Int32Array(job.ctrl);
let run: () => void;
const { n, nx, nxy, pad, from, to, offsets: o } = job;
if (job.kind === 'triad-js') {
  const buf = job.buffer!;
  const a = new Float64Array(buf, o[0], n),
    b = new Float64Array(buf, o[1], n),
    c = new Float64Array(buf, o[2], n);
  run = () => {
    const s = 3;
    for (let i = from; i < to; i++) a[i] = b[i] + s * c[i];
  };
} else if (job.kind === 'stencil-js') {
  const buf = job.buffer!;
  const P = n + 2 * pad;
  const s: StencilSystem = {
    n,
    nx,
    nxy,
    pad,
    diag: new Float64Array(buf, o[0], n),
    gx: new Float64Array(buf, o[1], P),
    gy: new Float64Array(buf, o[2], P),
    gz: new Float64Array(buf, o[3], P),
    mask: new Uint8Array(buf, o[4], n),
  };
  const p = new Float64Array(buf, o[5], P),
    q = new Float64Array(buf, o[6], n);
  run = () => applyStencil(s, p, q, from, to);
} else {
  const mod = wasmModules().shared;
  if (!mod) throw new Error('no shared-memory WebAssembly here');
  const x = new WebAssembly.Instance(mod, { env: { memory: job.memory! } }).exports as unknown as BenchExports;
  run =
    job.kind === 'triad-wasm'
      ? () => x.triad(o[0], o[1], o[2], 3, from, to)
      : () => x.stencil7(o[0], o[1], o[2], o[3], o[4], o[5], o[6], nx, nxy, pad, from, to);
}
parentPort!.postMessage('ready');
for (let round = 1; ; round++) {
  Atomics.wait(ctrl, 0, round - 1);
  if (Atomics.load(ctrl, 0) < 0) break;
  run();
  Atomics.add(ctrl, 1, 1);
  Atomics.notify(ctrl, 1);
}
