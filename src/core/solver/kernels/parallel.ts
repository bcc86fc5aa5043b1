import type { Kernels } from './types.js';
import { allocateState, type Dims, type SolverState } from './state.js';
import { wasmModules, wasmPages, writeHeader, instantiate, HEADER_BYTES, type KernelExports } from './wasm.js';
import { SerialKernels, splitAt, lowerBound, SLOT_A, SLOT_B } from './serial.js';

/**
 * The sweeps on two threads: this one sweeps the lower block of cells, a helper
 * worker the upper one, both on one shared WebAssembly memory, meeting after
 * every sweep. The results are those of SerialKernels with `split` to the bit.
 *
 * The core starts no threads itself (it runs the same in Node, in a browser and
 * in a Web Worker): the host hands it a way to start the helper with
 * setKernelThreads, and the helper's script calls serveKernels with the first
 * message it receives, e.g. in Node
 *   parentPort.once('message', serveKernels)
 * and in a browser worker
 *   self.onmessage = (e) => serveKernels(e.data)
 * Both threads block in Atomics.wait between sweeps, so the thread driving the
 * solver must be allowed to (Node's main thread or a Web Worker, not a
 * browser's main thread). One helper serves one Stepper at a time, the newest:
 * an older one that loses it carries on alone (same results).
 */

/** Where the control words and arguments live in the shared memory (inside the header). */
const CTRL_BYTES = 512;
const ARGS_BYTES = 576;
const SEQ = 0,
  DONE = 1,
  OP = 2;
const RESULT = 15;
const OP_STOP = 0,
  OP_BEGIN = 1,
  OP_PRE = 2,
  OP_ASSEMBLE = 3,
  OP_BACKWARD = 4,
  OP_FORWARD = 5,
  OP_UPDATE = 6,
  OP_FINISH = 7;
/** How long a thread spins on the other before it sleeps, ms. */
const SPIN_MS = 0.2;

export interface KernelWorker {
  postMessage(message: unknown): void;
  /** Called when the helper is no longer wanted (setKernelThreads again). */
  terminate?(): unknown;
}
export type SpawnKernelWorker = () => KernelWorker;

let spawn: SpawnKernelWorker | null = null;
let helper: { worker: KernelWorker; owner: ParallelKernels | null } | null = null;

/**
 * Lets new Steppers sweep on two threads, starting the helper with `start`
 * (null: one thread again). Needs SharedArrayBuffer and Atomics.wait where the
 * solver runs.
 */
export function setKernelThreads(start: SpawnKernelWorker | null): void {
  spawn = start;
  // A helper started the old way is let go (its Stepper carries on alone); the next Stepper starts a new one.
  if (helper?.owner) helper.owner.release();
  void helper?.worker.terminate?.();
  helper = null;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Waits until ctrl[i] differs from `from`: spins a little, then sleeps. */
function waitChange(ctrl: Int32Array, i: number, from: number): number {
  let v = Atomics.load(ctrl, i);
  if (v !== from) return v;
  const t0 = now();
  for (let k = 1; ; k++) {
    v = Atomics.load(ctrl, i);
    if (v !== from) return v;
    if ((k & 255) === 0 && now() - t0 > SPIN_MS) break;
  }
  for (;;) {
    Atomics.wait(ctrl, i, from);
    v = Atomics.load(ctrl, i);
    if (v !== from) return v;
  }
}

interface Init {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  seq: number;
}

/** The helper's side: sweeps what the driving thread asks until told to stop. Call it with the first message the worker receives. */
export function serveKernels(message: unknown): void {
  const m = ((message as { data?: Init }).data ?? message) as Init;
  const x = instantiate(m.module, m.memory);
  const ctrl = new Int32Array(m.memory.buffer, CTRL_BYTES, 4);
  const a = new Float64Array(m.memory.buffer, ARGS_BYTES, 16);
  let seen = m.seq;
  for (;;) {
    seen = waitChange(ctrl, SEQ, seen);
    const op = Atomics.load(ctrl, OP);
    let r = 0;
    switch (op) {
      case OP_BEGIN:
        x.begin(a[0], a[1], a[2]);
        break;
      case OP_PRE:
        r = x.preUpdate(a[0], a[1], a[2], a[3]);
        break;
      case OP_ASSEMBLE:
        r = x.assemble(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14]);
        break;
      case OP_BACKWARD:
        x.cgBackward(a[0], a[1], a[2], a[3]);
        break;
      case OP_FORWARD:
        r = x.cgForward(a[0], a[1]);
        break;
      case OP_UPDATE:
        r = x.cgUpdate(a[0], a[1], a[2], a[3], a[4]);
        break;
      case OP_FINISH:
        r = x.finish(a[0], a[1], a[2], a[3], a[4], a[5]);
        break;
    }
    a[RESULT] = r;
    Atomics.store(ctrl, DONE, seen);
    Atomics.notify(ctrl, DONE);
    if (op === OP_STOP) return;
  }
}

/** Two-thread kernels for a problem of these dimensions, or null (no helper set, no shared memory, a single layer). */
export function createParallelKernels(d: Dims): Kernels | null {
  if (!spawn || typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return null;
  if (splitAt(d) >= d.n) return null;
  const mod = wasmModules().shared;
  if (!mod) return null;
  const pages = wasmPages(d);
  if (pages > 65536) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
  const state = allocateState(d, memory.buffer, HEADER_BYTES);
  writeHeader(memory.buffer, state);
  if (!helper) helper = { worker: spawn(), owner: null };
  return new ParallelKernels(state, memory, mod, instantiate(mod, memory), helper);
}

class ParallelKernels implements Kernels {
  readonly name = 'wasm' as const;
  readonly state: SolverState;
  hasKScale = false;
  hasCellW = false;
  rr = 0;
  res = 0;
  perfusion = 0;
  metabolic = 0;
  private readonly x: KernelExports;
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private readonly m: number;
  /** The same sweeps on this thread alone, once the helper has gone to a newer Stepper. */
  private readonly alone: SerialKernels;
  private lost = false;
  private seq = 0;

  constructor(state: SolverState, memory: WebAssembly.Memory, module: WebAssembly.Module, x: KernelExports, h: NonNullable<typeof helper>) {
    this.state = state;
    this.x = x;
    this.ctrl = new Int32Array(memory.buffer, CTRL_BYTES, 4);
    this.args = new Float64Array(memory.buffer, ARGS_BYTES, 16);
    this.m = splitAt(state.dims);
    this.alone = new SerialKernels('wasm', state, x, true);
    if (h.owner) h.owner.release();
    h.owner = this;
    h.worker.postMessage({ module, memory, seq: this.seq });
  }

  get threads(): number {
    return this.lost ? 1 : 2;
  }

  /** Lets the helper go (to a newer Stepper): this one carries on alone. */
  release(): void {
    if (this.lost) return;
    this.post(OP_STOP, []);
    this.wait();
    this.lost = true;
    if (helper?.owner === this) helper.owner = null;
  }

  private post(op: number, a: number[]): void {
    for (let i = 0; i < a.length; i++) this.args[i] = a[i];
    Atomics.store(this.ctrl, OP, op);
    Atomics.store(this.ctrl, SEQ, ++this.seq);
    Atomics.notify(this.ctrl, SEQ);
  }

  private wait(): number {
    for (let d = Atomics.load(this.ctrl, DONE); d !== this.seq; d = Atomics.load(this.ctrl, DONE)) waitChange(this.ctrl, DONE, d);
    return this.args[RESULT];
  }

  private sync(): void {
    // Pass the other kernels' flags on to the serial fallback.
    this.alone.hasKScale = this.hasKScale;
    this.alone.hasCellW = this.hasCellW;
  }

  begin(extrapolate: number): void {
    if (this.lost) {
      this.alone.begin(extrapolate);
      return;
    }
    const { n } = this.state.dims;
    this.post(OP_BEGIN, [extrapolate, this.m, n]);
    this.x.begin(extrapolate, 0, this.m);
    this.wait();
  }

  assemble(mode: number, bodyT: number, nLinks: number, nSrc: number, prepare: boolean, dt: number): number {
    if (this.lost) {
      this.sync();
      const c = this.alone.assemble(mode, bodyT, nLinks, nSrc, prepare, dt);
      this.rr = this.alone.rr;
      this.res = this.alone.res;
      return c;
    }
    const { n, nxy } = this.state.dims;
    const { out, lcell, scell } = this.state.a;
    const m = this.m;
    const hk = (this.hasKScale ? 1 : 0) | (Number.isFinite(dt) ? 0 : 2),
      hw = this.hasCellW ? 1 : 0,
      pr = prepare ? 1 : 0;
    const lA = lowerBound(lcell, nLinks, m),
      sA = lowerBound(scell, nSrc, m);
    this.post(OP_PRE, [mode, m, m + nxy, hk]);
    const c0a = this.x.preUpdate(mode, m - nxy, m, hk);
    const c0b = this.wait();
    this.post(OP_ASSEMBLE, [mode, bodyT, m, n, m + nxy, n, lA, nLinks, sA, nSrc, pr, dt, hk, hw, SLOT_B]);
    const cA = this.x.assemble(mode, bodyT, 0, m, 0, m - nxy, 0, lA, 0, sA, pr, dt, hk, hw, SLOT_A);
    const cB = this.wait();
    if (prepare) {
      this.rr = out[SLOT_A] + out[SLOT_B];
      this.res = Math.max(out[SLOT_A + 1], out[SLOT_B + 1]);
    }
    return Math.max(Math.max(c0a, c0b), cA, cB);
  }

  cgBackward(beta: number, first: boolean): void {
    if (this.lost) {
      this.alone.cgBackward(beta, first);
      return;
    }
    const f = first ? 1 : 0;
    this.post(OP_BACKWARD, [beta, f, this.m, this.state.dims.n]);
    this.x.cgBackward(beta, f, 0, this.m);
    this.wait();
  }

  cgForward(): number {
    if (this.lost) return this.alone.cgForward();
    this.post(OP_FORWARD, [this.m, this.state.dims.n]);
    const a = this.x.cgForward(0, this.m);
    return a + this.wait();
  }

  cgUpdate(alpha: number, first: boolean): number {
    if (this.lost) {
      const r = this.alone.cgUpdate(alpha, first);
      this.res = this.alone.res;
      return r;
    }
    const out = this.state.a.out;
    const f = first ? 1 : 0;
    this.post(OP_UPDATE, [alpha, this.m, this.state.dims.n, SLOT_B, f]);
    const a = this.x.cgUpdate(alpha, 0, this.m, SLOT_A, f);
    const b = this.wait();
    this.res = Math.max(out[SLOT_A + 1], out[SLOT_B + 1]);
    return a + b;
  }

  finish(dt: number, account: boolean, bodyT: number): number {
    if (this.lost) {
      const r = this.alone.finish(dt, account, bodyT);
      this.perfusion = this.alone.perfusion;
      this.metabolic = this.alone.metabolic;
      return r;
    }
    const out = this.state.a.out;
    const ac = account ? 1 : 0;
    this.post(OP_FINISH, [dt, ac, bodyT, this.m, this.state.dims.n, SLOT_B]);
    const a = this.x.finish(dt, ac, bodyT, 0, this.m, SLOT_A);
    const b = this.wait();
    this.perfusion = out[SLOT_A + 2] + out[SLOT_B + 2];
    this.metabolic = out[SLOT_A + 3] + out[SLOT_B + 3];
    return Math.max(a, b);
  }

  dispose(): void {
    this.release();
  }
}
