import type { BlockOps, Kernels } from './types.js';
import type { SolverState } from './state.js';

/** First cell of the upper block: the cells split into two blocks of whole z-layers (one block if there is a single layer). */
export function splitAt(d: { n: number; nz: number; nxy: number }): number {
  return d.nz >= 2 ? d.nxy * Math.floor(d.nz / 2) : d.n;
}

/** First index in a[0..count) (sorted) holding a value >= v. */
export function lowerBound(a: Int32Array, count: number, v: number): number {
  let lo = 0,
    hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Slots of out[] each block writes its partial results to. */
export const SLOT_A = 0;
export const SLOT_B = 8;

/**
 * The sweeps on one thread: one block of all the cells, or (split) the lower
 * block and then the upper one, exactly as two threads would sweep them.
 */
export class SerialKernels implements Kernels {
  readonly name: 'js' | 'wasm';
  readonly threads = 1;
  readonly state: SolverState;
  hasKScale = false;
  hasCellW = false;
  rr = 0;
  res = 0;
  perfusion = 0;
  metabolic = 0;
  private readonly ops: BlockOps;
  private readonly m: number;

  constructor(name: 'js' | 'wasm', state: SolverState, ops: BlockOps, split = false) {
    this.name = name;
    this.state = state;
    this.ops = ops;
    this.m = split ? splitAt(state.dims) : state.dims.n;
  }

  begin(extrapolate: number): void {
    const { n } = this.state.dims;
    this.ops.begin(extrapolate, 0, this.m);
    if (this.m < n) this.ops.begin(extrapolate, this.m, n);
  }

  assemble(mode: number, bodyT: number, nLinks: number, nSrc: number, prepare: boolean, dt: number): number {
    const { n, nxy } = this.state.dims;
    const { out, lcell, scell } = this.state.a;
    const m = this.m;
    const hk = (this.hasKScale ? 1 : 0) | (Number.isFinite(dt) ? 0 : 2),
      hw = this.hasCellW ? 1 : 0,
      pr = prepare ? 1 : 0;
    let corr: number;
    if (m < n) {
      const lA = lowerBound(lcell, nLinks, m),
        sA = lowerBound(scell, nSrc, m);
      // The layers either side of the split first: each block then finds its neighbours final.
      const c0 = this.ops.preUpdate(mode, m - nxy, m + nxy, hk);
      const cA = this.ops.assemble(mode, bodyT, 0, m, 0, m - nxy, 0, lA, 0, sA, pr, dt, hk, hw, SLOT_A);
      const cB = this.ops.assemble(mode, bodyT, m, n, m + nxy, n, lA, nLinks, sA, nSrc, pr, dt, hk, hw, SLOT_B);
      corr = Math.max(c0, cA, cB);
      if (prepare) {
        this.rr = out[SLOT_A] + out[SLOT_B];
        this.res = Math.max(out[SLOT_A + 1], out[SLOT_B + 1]);
      }
    } else {
      corr = this.ops.assemble(mode, bodyT, 0, n, 0, n, 0, nLinks, 0, nSrc, pr, dt, hk, hw, SLOT_A);
      if (prepare) {
        this.rr = out[SLOT_A];
        this.res = out[SLOT_A + 1];
      }
    }
    return corr;
  }

  cgBackward(beta: number, first: boolean): void {
    const { n } = this.state.dims;
    const f = first ? 1 : 0;
    this.ops.cgBackward(beta, f, 0, this.m);
    if (this.m < n) this.ops.cgBackward(beta, f, this.m, n);
  }

  cgForward(): number {
    const { n } = this.state.dims;
    const a = this.ops.cgForward(0, this.m);
    return this.m < n ? a + this.ops.cgForward(this.m, n) : a;
  }

  cgUpdate(alpha: number, first: boolean): number {
    const { n } = this.state.dims;
    const out = this.state.a.out;
    const f = first ? 1 : 0;
    const a = this.ops.cgUpdate(alpha, 0, this.m, SLOT_A, f);
    if (this.m < n) {
      const b = this.ops.cgUpdate(alpha, this.m, n, SLOT_B, f);
      this.res = Math.max(out[SLOT_A + 1], out[SLOT_B + 1]);
      return a + b;
    }
    this.res = out[SLOT_A + 1];
    return a;
  }

  finish(dt: number, account: boolean, bodyT: number): number {
    const { n } = this.state.dims;
    const out = this.state.a.out;
    const ac = account ? 1 : 0;
    const a = this.ops.finish(dt, ac, bodyT, 0, this.m, SLOT_A);
    if (this.m < n) {
      const b = this.ops.finish(dt, ac, bodyT, this.m, n, SLOT_B);
      this.perfusion = out[SLOT_A + 2] + out[SLOT_B + 2];
      this.metabolic = out[SLOT_A + 3] + out[SLOT_B + 3];
      return Math.max(a, b);
    }
    this.perfusion = out[SLOT_A + 2];
    this.metabolic = out[SLOT_A + 3];
    return a;
  }

  dispose(): void {}
}
