import type { Problem } from './problem.js';
import type { Conditions } from './conditions.js';
import { createKernels, type Kernels, type KernelChoice } from './kernels/index.js';
import type { Arrays } from './kernels/state.js';
import { kirchhoff, sq2 } from './kernels/js.js';

/** A stalled iteration is accepted within this many tolerances. */
const STALL_FACTOR = 10;
/**
 * Relative accuracy of each linear solve within the Newton iteration. 1e-2 against
 * 1e-3: a fifth to a quarter fewer CG iterations for 2-10 % more Newton iterations
 * on the reference case and the intercostal preset, volumes within 2e-5 (3e-2 costs
 * a fifth more Newton iterations).
 */
const NEWTON_FORCING = 1e-2;
/** Relative accuracy of the (linear) steady solve. */
const STEADY_FORCING = 1e-10;
/** Most CG iterations of one linear solve. */
const MAX_LINEAR = 50000;

/** Heat that entered the tissue during one step, by path, J. */
export interface StepFlows {
  probes: number;
  perfusion: number;
  metabolic: number;
  boundaries: number;
  vessels: number;
  /** Per probe (scene order), J into the tissue (negative while it cools). */
  perProbe: Float64Array;
}

export interface StepOutcome {
  converged: boolean;
  iterations: number;
  linearIterations: number;
  /** Last nonlinear correction, or the error it leaves when that is estimated from the convergence rate (Stepper.step), deg C. */
  correction: number;
  /** Largest temperature change of a tissue cell over the step, deg C. */
  maxChange: number;
}

/**
 * The implicit equation a step solves when it is not plain backward Euler: per
 * free cell V (H - base)/dtEff = F(T) at the step's end (a multistep formula
 * written in backward-Euler form, see bdf2.ts), started from `guess`.
 */
export interface StepForm {
  /** The enthalpy before the step (H^n), put back when the step fails or is undone. */
  current: Float64Array;
  /** The formula's step, s (the flows of the step are dtEff times the end-of-step flows). */
  dtEff: number;
  /**
   * Called once the step's free cells are known (mask 1; held cells keep what begin
   * set): puts the formula's known part, J/m^3, where the kernels keep the old
   * enthalpy (Hold), and may set Newton's start in T (padded by `pad`). The form
   * computes both in its one pass over the cells.
   */
  fill(Hold: Float64Array, T: Float64Array, mask: Uint8Array, pad: number): void;
}

export interface StepperOptions {
  /** Implementation of the per-cell sweeps (default: see setDefaultKernels; WebAssembly where available). */
  kernels?: KernelChoice;
}

/**
 * Backward-Euler step of the enthalpy form of the Pennes equation,
 *   V (H_i^{n+1} - H_i^n)/dt = sum_f G_f (T_j - T_i) + V w f(T_i) (T_a - T_i) + V q f(T_i) + S_i,
 * solved by Newton-like iterations on the enthalpy (the "source update" of
 * Swaminathan & Voller 1992): each iteration linearises H about the current
 * temperature with the apparent capacity dH/dT, solves the linear 7-point
 * system by preconditioned CG, updates H with that linearisation and recovers T
 * from H exactly. Conductivity, perfusion and metabolism are lagged one iteration.
 *
 * The step ends with a conservative update: H^{n+1} = H^n + dt F(T)/V from the
 * converged temperatures, so that the discrete energy balance closes to
 * round-off however tightly the iteration converged (what is left of the
 * nonlinear residual appears as the reported correction instead).
 *
 * The starting guess moves each cell's enthalpy by the last step's change (scaled
 * to the step), which follows the front better than moving the temperature.
 *
 * The per-cell work is done by fused sweeps (kernels/, in WebAssembly where it
 * runs, else in JavaScript, with bit-identical results): one forward sweep per
 * Newton iteration applies the last correction, updates conductivities and the
 * face conductances next to a changed one, sums the fluxes (boundary faces and
 * needle sources included, cell by cell) and forms the next linear system; each
 * CG iteration (symmetric Gauss-Seidel preconditioning with Eisenstat's trick) is
 * two triangular sweeps and an update (see kernels/types.ts).
 */
export class Stepper {
  readonly p: Problem;
  /** Temperature, padded by nx*ny on both ends (index c + pad). */
  readonly T: Float64Array;
  /** Volumetric enthalpy, J/m^3. */
  readonly H: Float64Array;
  /** Which implementation of the sweeps this stepper runs. */
  readonly kernels: 'js' | 'wasm';
  /** On how many threads (2 once setKernelThreads has given a helper; 1 again if a newer Stepper took it). */
  get threads(): number {
    return this.k.threads;
  }
  private readonly k: Kernels;
  private readonly a: Arrays;
  private lastDt = 0;
  private lastSteady = false;
  /** The form of the step in progress (null: backward Euler from H^n). */
  private form: StepForm | null = null;
  /** Probe index of each probe-part cell, -1 elsewhere. */
  readonly probeOf: Int16Array;
  private readonly bodyT: number;
  /** Faces between a tissue cell and a probe part or vessel, in the order the flows are summed: cell, neighbour, axis, face index. */
  private readonly across: Int32Array;
  /** Boundary links in cell order (stable), and the needle sources likewise (built on first use). */
  private readonly linkOrder: Int32Array;
  private srcOrder: Int32Array | null = null;
  private srcCells: Int32Array | null = null;
  /** How many links and needle sources the kernels see this step. */
  private nLinks = 0;
  private nSrc = 0;

  constructor(p: Problem, opts: StepperOptions = {}) {
    this.p = p;
    const n = p.n;
    const pad = p.pad;
    const nSrc = p.needles.reduce((s, nd) => s + nd.cells.length, 0);
    this.k = createKernels({ n, nx: p.nx, ny: p.ny, nz: p.nz, nxy: p.nxy, pad, nMat: p.materials.length, nLinks: p.links.count, nSrc }, opts.kernels);
    this.kernels = this.k.name;
    this.a = this.k.state.a;
    const a = this.a;
    this.T = a.T;
    this.H = a.H;
    a.volume.set(p.volume);
    a.material.set(p.material);
    a.tissue.set(p.tissue);
    a.hx.set(p.hx);
    a.hy.set(p.hy);
    a.hz.set(p.hz);
    p.materials.forEach((m, i) => {
      a.mcf[i] = m.cFrozen;
      a.mcm[i] = m.cMushy;
      a.mcu[i] = m.cUnfrozen;
      a.mts[i] = m.solidus;
      a.mtl[i] = m.liquidus;
      a.mhl[i] = m.hLiquidus;
      a.mkf[i] = m.kFrozen;
      a.mku[i] = m.kUnfrozen;
      a.mw[i] = m.perfusion;
      a.mq[i] = m.metabolic;
    });
    this.probeOf = new Int16Array(n).fill(-1);
    const regionProbe = Int16Array.from(p.raster.regions, (r) => ((r.role === 'probe' || r.role === 'shaft') && r.probe !== undefined ? r.probe : -1));
    const label = p.raster.label;
    for (let c = 0; c < n; c++) this.probeOf[c] = regionProbe[label[c]];
    this.bodyT = p.scene.body_temperature_c;
    const { nx, nxy, tissue } = p;
    const list: number[] = [];
    for (let c = 0; c < n; c++) {
      if (!tissue[c]) continue;
      // (Tested before the call: nearly every neighbour is tissue.)
      if (c + 1 < n && !tissue[c + 1]) list.push(c, c + 1, 0, c + pad);
      if (c >= 1 && !tissue[c - 1]) list.push(c, c - 1, 0, c - 1 + pad);
      if (c + nx < n && !tissue[c + nx]) list.push(c, c + nx, 1, c + pad);
      if (c >= nx && !tissue[c - nx]) list.push(c, c - nx, 1, c - nx + pad);
      if (c + nxy < n && !tissue[c + nxy]) list.push(c, c + nxy, 2, c + pad);
      if (c >= nxy && !tissue[c - nxy]) list.push(c, c - nxy, 2, c - nxy + pad);
    }
    this.across = Int32Array.from(list);
    this.linkOrder = byCell(p.links.cell, p.links.count);
  }

  /** Forgets the trend of the last step (when the conditions change abruptly). */
  resetTrend(): void {
    this.lastDt = 0;
  }

  /** Sets a uniform temperature (and the matching enthalpy). */
  setUniform(Tc: number): void {
    const { mcf, mcm, mcu, mts, mtl, mhl } = this.a;
    fillUniform(Tc, this.p.n, this.p.pad, this.p.material, mcf, mcm, mcu, mts, mtl, mhl, this.T, this.H);
  }

  temperatureAt(c: number): number {
    return this.T[c + this.p.pad];
  }

  /**
   * Hands the step's boundary links (those that exchange heat), needle sources
   * and extra cell sources to the kernels, sorted by cell, so that the assembly
   * sweep adds them cell by cell in the order the fluxes have always been summed.
   */
  private loadConditions(cond: Conditions): void {
    const { lcell, la, lh, linv, lT, lW, scell, sG, sT, sW } = this.a;
    this.nLinks = copyLinks(this.linkOrder, this.p.links, cond, lcell, la, lh, linv, lT, lW);
    if (this.srcCells !== cond.srcCell) {
      this.srcCells = cond.srcCell;
      this.srcOrder = byCell(cond.srcCell, cond.srcCell.length);
    }
    const order = this.srcOrder!;
    copySources(order, cond, scell, sG, sT, sW);
    this.nSrc = order.length;
    // A needle's active segment conducts as steel while passive, and is a cut (no
    // conduction: its heat goes through the cut links) while it cools; a changed
    // conductivity is picked up by the next assembly sweep. A stretch that several
    // needles share is a cut while any of them is.
    const { mkf, mku } = this.a;
    for (const part of this.p.needleParts) {
      const m = this.p.materials[part.material];
      let cut = false;
      for (const pi of part.probes) if (cond.cut[pi]) cut = true;
      mkf[part.material] = cut ? 0 : m.kFrozen;
      mku[part.material] = cut ? 0 : m.kUnfrozen;
    }
    this.k.hasCellW = cond.cellW !== null;
    if (cond.cellW) this.a.cellW.set(cond.cellW);
  }

  /**
   * Solves the preconditioned system that `assemble` set up by CG, stopping when
   * the preconditioned residual norm has fallen by `relTol` (sqrt(r.M^-1 r / r0.M^-1 r0)
   * <= relTol), or when the scaled residual max |r_i / D_i| (estimated, after the
   * first iteration) is below `absTol` (in the unknown's units, kelvin) and there
   * is nothing left worth solving. Returns the iterations; the correction is left
   * in the kernels (x'), for the next `assemble` to apply.
   */
  private solve(absTol: number, relTol: number): number {
    const k = this.k;
    let rr = k.rr;
    let res = k.res;
    const stop = relTol * relTol * rr;
    let it = 0,
      beta = 0;
    while (res > absTol && rr > stop && it < MAX_LINEAR) {
      k.cgBackward(beta, it === 0);
      const pq = k.cgForward();
      if (!(pq > 0)) break;
      const alpha = rr / pq;
      const rrNew = k.cgUpdate(alpha, it === 0);
      res = k.res;
      beta = rrNew / rr;
      rr = rrNew;
      it++;
    }
    // (The first update sets the correction; with none, there is none to apply.)
    if (it === 0) this.a.X.fill(0);
    return it;
  }

  /**
   * Advances by dt under the given conditions. On failure to converge the
   * state is left as it was, so the caller can retry with a smaller step.
   */
  step(dt: number, cond: Conditions, tol: number, maxIter: number, flows: StepFlows | null, form: StepForm | null = null): StepOutcome {
    const k = this.k;
    const a = this.a;
    this.form = form;
    if (form) dt = form.dtEff;
    if (this.p.kScale) {
      a.kScale.set(this.p.kScale);
      k.hasKScale = true;
    }
    const infiniteDt = !Number.isFinite(dt);
    // The steady solve's faces are harmonic (its unknown is T), a step's are mostly
    // Kirchhoff faces: a change between the two recomputes every face (kc = 0 flags all).
    if (infiniteDt !== this.lastSteady) a.kc.fill(0);
    this.lastSteady = infiniteDt;
    this.loadConditions(cond);
    // Start from the last step's trend carried forward: fewer iterations in smooth stretches.
    a.held.set(cond.held);
    a.heldT.set(cond.heldT);
    k.begin(this.lastDt > 0 && !infiniteDt && !form ? Math.min(dt / this.lastDt, 2) : 0);
    if (form) form.fill(a.Hold, a.T, a.mask, this.p.pad);
    k.assemble(0, this.bodyT, this.nLinks, this.nSrc, true, dt);
    let it = 0,
      lin = 0,
      correction = Infinity;
    let last = Infinity;
    while (it < maxIter) {
      it++;
      // Inexact Newton: each correction solved to a fixed relative accuracy, so that
      // its size measures the iterate's remaining error; the steady (infinite-step)
      // problem is linear and solved once, accurately.
      lin += this.solve(1e-3 * tol, infiniteDt ? STEADY_FORCING : NEWTON_FORCING);
      // Applies the correction and assembles fluxes at the new temperatures, and
      // with them the next iteration's system: the fluxes are also those of the
      // conservative update. When the correction the solve found says this iteration
      // ends the step, the sweep sums the fluxes only (forming the system is about a
      // third of it). If the correction applied says otherwise (a cell that leaves the
      // mushy piece moves further than the linearisation says: 3 of 432 iterations on
      // cases/contact-skin.yaml, none on the needle cases), a second sweep forms the
      // system at the same temperatures, the same system to the bit.
      const fluxOnly = !infiniteDt && it >= 2 && it < maxIter && stops(this.predictedCorrection(), last, tol) !== null;
      correction = k.assemble(infiniteDt ? 2 : 1, this.bodyT, this.nLinks, this.nSrc, it < maxIter && !fluxOnly, dt);
      if (!Number.isFinite(correction)) break;
      const left = it >= 2 || correction < tol ? stops(correction, last, tol) : null;
      if (left !== null) {
        correction = left;
        break;
      }
      if (fluxOnly) k.assemble(0, this.bodyT, this.nLinks, this.nSrc, true, dt);
      last = correction;
    }
    // A cell sitting on a corner of H(T) can flip between its two slopes and stall
    // the iteration just above the tolerance; within ten times the tolerance the
    // step is accepted (the conservative update keeps energy exact regardless).
    const converged = correction < tol || (it >= maxIter && correction < STALL_FACTOR * tol);
    if (!converged) {
      this.restore();
      return { converged, iterations: it, linearIterations: lin, correction, maxChange: NaN };
    }
    // Conservative update from the converged temperatures (flow is theirs).
    const account = flows !== null && !infiniteDt;
    if (account) this.accountFlows(dt, cond, flows);
    const maxChange = k.finish(dt, account, this.bodyT);
    if (account) {
      flows.perfusion += k.perfusion;
      if (cond.cellW) flows.metabolic += this.metabolicWithSources(dt, cond.cellW);
      else flows.metabolic += k.metabolic;
    }
    // (After a step of another form the kernels' last change is not H^{n+1} - H^n: no trend.)
    if (!infiniteDt) this.lastDt = form ? 0 : dt;
    return { converged, iterations: it, linearIterations: lin, correction, maxChange };
  }

  /**
   * The largest temperature change the correction the linear solve left in the
   * kernels (x = S x') makes on a free cell through the linearised enthalpy: the
   * change the next sweep applies to every cell that stays on its piece of H(T).
   */
  private predictedCorrection(): number {
    const { S, X, sk, mask } = this.a;
    return largestCorrection(this.p.n, this.p.pad, S, X, sk, mask);
  }

  /** Metabolic heat of the tissue over the step plus the extra cell sources, J (at the temperatures before the update). */
  private metabolicWithSources(dt: number, cellW: Float64Array): number {
    const { n, pad, material, tissue, volume } = this.p;
    const { T, mts, mtl, mq } = this.a;
    let s = 0;
    for (let c = 0; c < n; c++) {
      if (!tissue[c]) continue;
      const mi = material[c];
      const a = mts[mi],
        b = mtl[mi];
      const t = T[c + pad];
      const f = t <= a ? 0 : t >= b ? 1 : (t - a) / (b - a);
      s += dt * (volume[c] * mq[mi] * f + cellW[c]);
    }
    return s;
  }

  /**
   * Heat that entered the tissue during the step through probe parts, vessels and
   * the boundaries. It reuses the fluxes of the conservative update, so with the
   * perfusion and metabolic parts (summed by `finish`) the paths add up to the
   * tissue's enthalpy change; the balance test checks exactly that sum against
   * the enthalpy actually stored.
   */
  private accountFlows(dt: number, cond: Conditions, out: StepFlows): void {
    const a = this.a;
    bookFlows(dt, cond, out, this.p, !this.k.hasKScale, this.probeOf, this.across, a.T, a.gx, a.gy, a.gz, a.kc, a.phi, a.sk, a.mkf, a.mku);
  }

  private restore(): void {
    const { T, H, Told, Hold } = this.a;
    copyBack(this.p.n, this.p.pad, T, H, Told, this.form ? this.form.current : Hold);
  }

  /** Returns to the state before the last step (after a step the caller rejects). */
  undo(): void {
    this.lastDt = 0;
    this.restore();
  }

  /** Total enthalpy of the tissue cells, J. */
  tissueEnthalpy(): number {
    return enthalpySum(this.p.n, this.p.volume, this.p.tissue, this.H);
  }
}

/**
 * Whether Newton stops after a correction (given the one before, Infinity after the
 * first): at a correction below the tolerance, or where the error left in the iterate,
 * estimated from the rate at which the corrections shrink (rho/(1 - rho) times the last
 * one; Hairer & Wanner, Solving ODEs II, IV.8), is below it, so that the next iteration
 * would only confirm it (with rho above one half this is stricter than the correction
 * itself). Returns the error left (the correction, or the estimate), or null to go on.
 */
function stops(correction: number, last: number, tol: number): number | null {
  if (correction < tol) return correction;
  if (correction < last) {
    const rho = correction / last;
    const left = (rho / (1 - rho)) * correction;
    if (left < tol) return left;
  }
  return null;
}

/** Indices 0..count-1 ordered by cell, stably (equal cells keep their order): a counting sort. */
function byCell(cell: Int32Array, count: number): Int32Array {
  let top = 0;
  for (let i = 0; i < count; i++) if (cell[i] + 1 > top) top = cell[i] + 1;
  const start = new Int32Array(top + 1);
  for (let i = 0; i < count; i++) start[cell[i] + 1]++;
  for (let c = 0; c < top; c++) start[c + 1] += start[c];
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[start[cell[i]]++] = i;
  return out;
}

/*
 * The Stepper's per-cell passes are functions of arrays and numbers, not methods:
 * optimised code that reads `this` embeds the Stepper's hidden class, which V8 frees
 * once the run's Stepper is gone, so each run would compile them again (docs/performance.md).
 */
function largestCorrection(n: number, pad: number, S: Float64Array, X: Float64Array, sk: Float64Array, mask: Uint8Array): number {
  let m = 0;
  for (let c = 0; c < n; c++) {
    if (mask[c] === 0) continue;
    const q = c + pad;
    const s0 = sk[q];
    const d = Math.abs((S[q] * X[c]) / (s0 * s0));
    if (d > m) m = d;
  }
  return m;
}

function enthalpySum(n: number, volume: Float64Array, tissue: Uint8Array, H: Float64Array): number {
  let s = 0;
  for (let c = 0; c < n; c++) if (tissue[c]) s += volume[c] * H[c];
  return s;
}

function fillUniform(
  Tc: number,
  n: number,
  pad: number,
  material: Uint8Array,
  mcf: Float64Array,
  mcm: Float64Array,
  mcu: Float64Array,
  mts: Float64Array,
  mtl: Float64Array,
  mhl: Float64Array,
  T: Float64Array,
  H: Float64Array,
): void {
  for (let c = 0; c < n; c++) {
    const mi = material[c];
    const a = mts[mi],
      b = mtl[mi];
    T[c + pad] = Tc;
    H[c] = Tc <= a ? mcf[mi] * (Tc - a) : Tc <= b ? mcm[mi] * (Tc - a) : mhl[mi] + mcu[mi] * (Tc - b);
  }
}

/** The links that exchange heat this step, in cell order, into the kernels' arrays; returns their count. */
function copyLinks(
  linkOrder: Int32Array,
  links: Problem['links'],
  cond: Conditions,
  lcell: Int32Array,
  la: Float64Array,
  lh: Float64Array,
  linv: Float64Array,
  lT: Float64Array,
  lW: Float64Array,
): number {
  let m = 0;
  for (const i of linkOrder) {
    if (!cond.linkOn[i]) continue;
    lcell[m] = links.cell[i];
    la[m] = links.area[i];
    lh[m] = links.half[i];
    linv[m] = 1 / cond.linkH[i];
    lT[m] = cond.linkT[i];
    lW[m] = cond.linkW[i];
    m++;
  }
  return m;
}

function copySources(order: Int32Array, cond: Conditions, scell: Int32Array, sG: Float64Array, sT: Float64Array, sW: Float64Array): void {
  for (let s = 0; s < order.length; s++) {
    const i = order[s];
    scell[s] = cond.srcCell[i];
    sG[s] = cond.srcG[i];
    sT[s] = cond.srcT[i];
    sW[s] = cond.srcW[i];
  }
}

/** Stepper.accountFlows' pass (see there). */
function bookFlows(
  dt: number,
  cond: Conditions,
  out: StepFlows,
  p: Problem,
  kir: boolean,
  probeOf: Int16Array,
  L: Int32Array,
  T: Float64Array,
  gx: Float64Array,
  gy: Float64Array,
  gz: Float64Array,
  kc: Float64Array,
  phi: Float64Array,
  sk: Float64Array,
  mkf: Float64Array,
  mku: Float64Array,
): void {
  const { pad, tissue, links, material, materials } = p;
  const held = cond.held;
  // The same face and link fluxes as the assembly sweep (kernels/js.ts), term for term.
  for (let q = 0; q < L.length; q += 4) {
    const c = L[q],
      nb = L[q + 1],
      axis = L[q + 2],
      f = L[q + 3];
    const g = axis === 0 ? gx[f] : axis === 1 ? gy[f] : gz[f];
    if (g === 0) continue;
    const flux = kir && material[nb] === material[c] ? g * (phi[nb + pad] - phi[c + pad]) : g * sq2(sk[c + pad], sk[nb + pad]) * (T[nb + pad] - T[c + pad]);
    const e = dt * flux;
    const pi = probeOf[nb];
    if (pi >= 0) {
      out.probes += e;
      out.perProbe[pi] += e;
    } else if (held[nb]) out.vessels += e;
  }
  for (let i = 0; i < links.count; i++) {
    const c = links.cell[i];
    if (!cond.linkOn[i] || !tissue[c]) continue;
    const h = cond.linkH[i];
    let flux: number;
    if (kir && 1 / h === 0) {
      const m = materials[material[c]];
      flux = (links.area[i] / links.half[i]) * (kirchhoff(cond.linkT[i], m.solidus, m.liquidus, mkf[material[c]], mku[material[c]]) - phi[c + pad]);
    } else flux = (links.area[i] / (links.half[i] / kc[c + pad] + 1 / h)) * (cond.linkT[i] - T[c + pad]);
    const e = dt * (flux + cond.linkW[i]);
    if (links.kind[i] === 3 /* contact */ || links.kind[i] === 4 /* needle */) {
      out.probes += e;
      out.perProbe[links.owner[i]] += e;
    } else out.boundaries += e;
  }
  // Needle sources act on probe cells, never on tissue: nothing to add here.
}

function copyBack(n: number, pad: number, T: Float64Array, H: Float64Array, Told: Float64Array, Hn: Float64Array): void {
  for (let c = 0; c < n; c++) {
    T[c + pad] = Told[c];
    H[c] = Hn[c];
  }
}
