import type { SolverState } from './state.js';

/**
 * The per-cell sweeps of one implicit step (see step.ts for the method and
 * kernels.as / js.ts for the two implementations, which give bit-identical results).
 *
 * The linear system of each Newton iteration, A x = b with A = D - (faces), is
 * solved by conjugate gradients preconditioned by symmetric Gauss-Seidel,
 * M = (D + L) D^-1 (D + U), applied with Eisenstat's trick so that one
 * iteration costs two triangular sweeps and no separate multiplication by A.
 * The system is first scaled symmetrically by S = D^-1/2, so the factors have
 * unit diagonals (L' = -S G S: the faces' conductances enter with a minus sign,
 * and the triangular solves add them):
 *   A' = S A S = (I + L') + (I + U') - K,   K = 2 I - S D S (= I up to rounding),
 *   A^ = (I + L')^-1 A' (I + U')^-1,       A^ y = (I + L')^-1 S b,
 *   x = S (I + U')^-1 y = S sum_k alpha_k t_k,   t_k = (I + U')^-1 p_k,
 * the last because y = sum_k alpha_k p_k and every iteration computes t_k anyway:
 * the correction needs no back-substitution of its own, and the Newton update
 * of a cell is local.
 * Held (Dirichlet) rows get S = 0, which decouples them.
 *
 * On two threads the cells are split into two blocks of z-layers and the
 * preconditioner is block-diagonal (the split's couplings are left out of L' and
 * U' and enter Eisenstat's operator explicitly), so that each thread sweeps one
 * block; the one-thread kernels can sweep the same two blocks in turn (`split`),
 * with the same result to the bit. Without the split (the one-thread default) CG
 * needs about 8 % fewer iterations; the results agree to the solver's tolerance.
 * (The incomplete
 * Cholesky factor needs about 10 % fewer iterations, but its pivots form a
 * recurrence through a division that costs more than those iterations save.)
 */
export interface Kernels {
  readonly name: 'js' | 'wasm';
  /** Threads the sweeps run on. */
  readonly threads: number;
  readonly state: SolverState;
  /** Whether conductivities are multiplied by the per-cell factor in kScale. */
  hasKScale: boolean;
  /** Whether the extra cell sources in cellW apply. */
  hasCellW: boolean;
  /** Set by `assemble` when it prepares a system: r.r and max |b_i / D_i|. */
  readonly rr: number;
  readonly res: number;
  /** Set by `finish` when it accounts: perfusion and metabolic heat of the tissue over the step, J. */
  readonly perfusion: number;
  readonly metabolic: number;
  /**
   * Start of a step: keeps H and T as the old state, sets the mask of free
   * cells and the held temperatures (from `held`/`heldT` in the state), and
   * starts the free cells from the enthalpy moved by `extrapolate` times the last
   * step's change (0: none).
   */
  begin(extrapolate: number): void;
  /**
   * One forward sweep that, cell by cell (with a look-ahead of one layer, nx*ny
   * cells, so that every neighbour a cell needs is final):
   * - unless mode is 0, moves T by x = S x' (x' accumulated by cgUpdate; mode 1:
   *   through the linearised enthalpy, as the source update does; mode 2:
   *   linearly) and sets the cell's conductivity, flagging it if it changed;
   * - recomputes face conductances next to a changed conductivity;
   * - sums the net heat inflow at the current temperatures (`flow`: faces,
   *   perfusion, metabolism, then the cell's boundary faces, extra source and
   *   needle sources: the first `nLinks` of lcell/la/lh/linv/lT/lW and `nSrc` of
   *   scell/sG/sT/sW, sorted by cell);
   * - with `prepare`, forms the linearised system: the storage term
   *   (dt = Infinity: none), the right-hand side, the scaling, the scaled faces,
   *   r = p = (I + L')^-1 S b (and sets rr and res; the solve's first cgUpdate sets x').
   * Returns the largest temperature change of a free cell (the Newton correction).
   */
  assemble(mode: number, bodyT: number, nLinks: number, nSrc: number, prepare: boolean, dt: number): number;
  /** p = r + beta p (unless first); t = (I + U')^-1 p. */
  cgBackward(beta: number, first: boolean): void;
  /** q = A^ p = t + (I + L')^-1 (p - K t). Returns p.q. */
  cgForward(): number;
  /**
   * r -= alpha q and x' += alpha t (y += alpha p, carried through (I + U')^-1); the
   * first iteration of a solve sets x' = alpha t (a store per cell fewer in the assembly).
   * Returns r.r; sets res = max |r_i| S_i (an estimate of the scaled residual).
   */
  cgUpdate(alpha: number, first: boolean): number;
  /**
   * Conservative end of step: H = Hold + dt flow / V and T = T(H) on free cells
   * (dt = Infinity: H = H(T)); H = H(T) on held cells. Remembers the enthalpy
   * change for the next step's guess. Returns the largest sensible temperature
   * change of a free tissue cell; when `account`, sets perfusion and metabolic
   * (from the temperatures before the update).
   */
  finish(dt: number, account: boolean, bodyT: number): number;
  /** Stops helper threads, if any. */
  dispose(): void;
}

/**
 * The sweeps over one block of cells [from, to) (whole z-layers). Both
 * implementations (js.ts, and the WebAssembly exports of kernels.as) have exactly
 * this shape; flags are numbers (0/1). Partial results go to out[slot..slot+3].
 */
export interface BlockOps {
  begin(extrapolate: number, from: number, to: number): void;
  /** Newton update and conductivity only (the layers either side of the split, before the blocks assemble). */
  preUpdate(mode: number, from: number, to: number, hasKs: number): number;
  /** Cells [updLo, updHi) are updated on the way (the rest were pre-updated); links [lp0, lEnd) and sources [sp0, sEnd) are this block's. out[slot] = r.r, out[slot + 1] = max |b/D|. */
  assemble(
    mode: number,
    bodyT: number,
    from: number,
    to: number,
    updLo: number,
    updHi: number,
    lp0: number,
    lEnd: number,
    sp0: number,
    sEnd: number,
    prepare: number,
    dt: number,
    hasKs: number,
    hasW: number,
    slot: number,
  ): number;
  cgBackward(beta: number, first: number, from: number, to: number): void;
  cgForward(from: number, to: number): number;
  /** out[slot + 1] = max |r_i| S_i; first: x' = alpha t instead of x' += alpha t. */
  cgUpdate(alpha: number, from: number, to: number, slot: number, first: number): number;
  /** out[slot + 2] = perfusion, out[slot + 3] = metabolic heat. */
  finish(dt: number, account: number, bodyT: number, from: number, to: number, slot: number): number;
}
