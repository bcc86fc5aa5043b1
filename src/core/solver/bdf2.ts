import type { Conditions } from './conditions.js';
import type { Stepper, StepFlows, StepForm, StepOutcome } from './step.js';

/**
 * Variable-step BDF2 on the enthalpy form, with a local error estimate.
 *
 * Why BDF2 (and not TR-BDF2): each step costs one nonlinear solve, which is what a
 * step costs here (a TR-BDF2 step is two); it is L-stable, so the abrupt start of
 * cooling and the stiff fine cells at the probe are damped rather than ringing
 * (TR-BDF2's trapezoidal stage is not); and it has the same form as backward Euler,
 *   V (H^{n+1} - base) / dtEff = F(T^{n+1}),
 *   base  = H^n + beta (H^n - H^{n-1}),  beta = w^2 / (1 + 2w),
 *   dtEff = h (1 + w) / (1 + 2w),         w = h / h_prev,
 * so the Newton solver and the conservative update are the backward-Euler ones
 * (Stepper with a StepForm). The multistep history it needs is cheap to restart
 * at each phase boundary: the first step after a restart is backward Euler, tiny.
 *
 * Energy: each step moves H by dtEff F / V + beta (H^n - H^{n-1}) in every cell,
 * so the heat it books on each path is dtEff times the end-of-step flows plus beta
 * times what the last step booked: the books close to round-off as they do for
 * backward Euler.
 *
 * Error: the quadratic through the last three enthalpies, extrapolated to the new
 * time, is an explicit predictor whose error and BDF2's are both h^3 H''' / 6
 * times known factors; their difference estimates BDF2's local error (Milne's
 * device): err = (H - Hpred) dtEff / (h + h_prev + h_prev2 - dtEff). It is
 * measured as the temperature that enthalpy would be in sensible heat (divided by
 * the material's smaller heat capacity, frozen or unfrozen, so that latent heat
 * put in the wrong cell or step counts as the front's displacement it is) and
 * summarised as the volume-weighted RMS over the cells the step changed. (Dividing
 * by the cell's own dH/dT instead hides the front in the mushy cells' large
 * capacity: the control then takes 30 s steps late in a freeze that move the
 * volumes by 0.7 %.) The predictor, with care at the corners of H(T), is also where
 * Newton starts.
 */

/** Largest ratio of one step to the one before (variable-step BDF2 is zero-stable below 1 + sqrt 2). */
export const BDF2_MAX_RATIO = 2;
/** Cells whose temperature moved less than this over a step do not count in the error's RMS, deg C. */
const ACTIVE_CHANGE_C = 1e-3;

export interface Bdf2Outcome extends StepOutcome {
  /** Estimated local error, deg C (volume-weighted RMS over the changing cells); NaN until the history has three steps. */
  error: number;
  /** Order of the formula used: 1 right after a restart, else 2. */
  order: number;
}

export class Bdf2 {
  private readonly s: Stepper;
  /** H^n, H^{n-1}, H^{n-2}, rotated in place. */
  private h0: Float64Array;
  private h1: Float64Array;
  private h2: Float64Array;
  /** The predictor of the error estimate (see predict). */
  private readonly guess: Float64Array;
  /** The form the stepper solves, reused step after step. */
  private readonly form: StepForm;
  /** This step's weights for predict: w = h / h_prev, beta, and the quadratic's (order 2 only). */
  private w = 0;
  private beta = 0;
  private readonly weights: [number, number, number] = [0, 0, 0];
  /** Steps accepted since the last restart (how much history there is). */
  private count = 0;
  /** The last two accepted steps, s. */
  private hPrev = 0;
  private hPrev2 = 0;
  /** What the last accepted step booked on each path, J (for the beta term). */
  private readonly booked: StepFlows;
  /** Per material: the enthalpy at the liquidus, and the smaller sensible heat capacity (the error's scale). */
  private readonly hLiquidus: Float64Array;
  private readonly capacity: Float64Array;
  /** Per material: H(T)'s corners and slopes, to turn the predicted enthalpy into Newton's starting temperature. */
  private readonly solidus: Float64Array;
  private readonly liquidus: Float64Array;
  private readonly cFrozen: Float64Array;
  private readonly cMushy: Float64Array;
  private readonly cUnfrozen: Float64Array;

  constructor(stepper: Stepper, probes: number) {
    this.s = stepper;
    const n = stepper.p.n;
    this.h0 = new Float64Array(n);
    this.h1 = new Float64Array(n);
    this.h2 = new Float64Array(n);
    this.guess = new Float64Array(n);
    const materials = stepper.p.materials;
    this.hLiquidus = Float64Array.from(materials, (m) => m.hLiquidus);
    this.capacity = Float64Array.from(materials, (m) => Math.min(m.cFrozen, m.cUnfrozen));
    this.solidus = Float64Array.from(materials, (m) => m.solidus);
    this.liquidus = Float64Array.from(materials, (m) => m.liquidus);
    this.cFrozen = Float64Array.from(materials, (m) => m.cFrozen);
    this.cMushy = Float64Array.from(materials, (m) => m.cMushy);
    this.cUnfrozen = Float64Array.from(materials, (m) => m.cUnfrozen);
    this.form = { current: this.h0, dtEff: 0, fill: (Hold, T, mask, pad) => this.fill(Hold, T, mask, pad) };
    this.booked = { probes: 0, perfusion: 0, metabolic: 0, boundaries: 0, vessels: 0, perProbe: new Float64Array(probes) };
    this.restart();
  }

  /** Forgets the history: the next step is backward Euler from the present state (after an abrupt change of the conditions). */
  restart(): void {
    this.count = 0;
    this.h0.set(this.s.H);
  }

  /**
   * Tries one step of size h. The flows it books go into `flows` (added to what
   * is there). On failure to converge the state is left as it was; on success the
   * caller either accepts it (`accept`) or undoes it (`undo`).
   */
  step(h: number, cond: Conditions, tol: number, maxIter: number, flows: StepFlows | null): Bdf2Outcome {
    let dtEff = h;
    let order = 1;
    let beta = 0;
    if (this.count > 0) {
      order = 2;
      const w = h / this.hPrev;
      beta = (w * w) / (1 + 2 * w);
      dtEff = (h * (1 + w)) / (1 + 2 * w);
      this.w = w;
      const [l0, l1, l2] = this.count >= 2 ? extrapolationWeights(h, this.hPrev, this.hPrev2) : [0, 0, 0];
      this.weights[0] = l0;
      this.weights[1] = l1;
      this.weights[2] = l2;
    }
    this.beta = beta;
    const form = this.form;
    form.current = this.h0;
    form.dtEff = dtEff;
    const r = this.s.step(h, cond, tol, maxIter, flows, form);
    let error = NaN;
    if (r.converged && this.count >= 2) error = this.estimate(dtEff, h + this.hPrev + this.hPrev2);
    if (r.converged && flows && beta > 0) addScaled(flows, this.booked, beta);
    return { ...r, error, order };
  }

  /**
   * The predictor: the enthalpy extrapolated along its history, by the quadratic
   * through the last three values where all three lie on one piece of H(T),
   * linearly where the last two do, else not at all. The error estimate's (guess)
   * stops at the corner where it would leave its piece. Newton's start stops there
   * only when it would leave the mushy piece: a history bent by the latent heat
   * extrapolates past the solidus by an enthalpy that the frozen heat capacity (a
   * thirtieth of the mushy one) turns into tens of degrees, which then take Newton
   * several iterations to undo. From a sensible piece into the mushy one the
   * extrapolation is the better start: a cell held at the liquidus corner starts
   * with the mushy capacity, and where it was not going to freeze this step, its
   * first correction turns back with that capacity, ten times too far.
   * In the same pass, on the free cells, it puts the formula's base, H^n + beta
   * (H^n - H^{n-1}), in Hold and Newton's start in T (one pass over the cells, not three).
   */
  private predict(Hold: Float64Array, T: Float64Array, mask: Uint8Array, pad: number): void {
    const { n, material } = this.s.p;
    const [l0, l1, l2] = this.weights;
    predictPass(
      n,
      material,
      this.hLiquidus,
      this.solidus,
      this.liquidus,
      this.cFrozen,
      this.cMushy,
      this.cUnfrozen,
      this.h0,
      this.h1,
      this.h2,
      this.guess,
      this.w,
      this.beta,
      l0,
      l1,
      l2,
      this.count >= 2,
      Hold,
      T,
      mask,
      pad,
    );
  }

  /** The form's fill (step.ts): backward Euler from H^n right after a restart, else the predictor's pass. */
  private fill(Hold: Float64Array, T: Float64Array, mask: Uint8Array, pad: number): void {
    if (this.count > 0) {
      this.predict(Hold, T, mask, pad);
      return;
    }
    const H0 = this.h0;
    const n = this.s.p.n;
    for (let c = 0; c < n; c++) if (mask[c]) Hold[c] = H0[c];
  }

  /** RMS of the estimated local error of the step just taken, deg C (see the class comment). */
  private estimate(dtEff: number, span: number): number {
    const { n, material, tissue, volume } = this.s.p;
    return errorRms(n, material, tissue, volume, this.capacity, this.s.H, this.h0, this.guess, dtEff / (span - dtEff));
  }

  /** Takes the step just tried (of size h) as the new present; `flows` is what it booked. */
  accept(h: number, flows: StepFlows | null): void {
    const old = this.h2;
    this.h2 = this.h1;
    this.h1 = this.h0;
    this.h0 = old;
    this.h0.set(this.s.H);
    this.hPrev2 = this.hPrev;
    this.hPrev = h;
    this.count++;
    if (flows) copyFlows(flows, this.booked);
  }

  /** Puts the state back as it was before the step just tried. */
  undo(): void {
    this.s.undo();
  }
}

/** Lagrange weights of the quadratic through t_n, t_n - h1, t_n - h1 - h2 at t_n + h. */
export function extrapolationWeights(h: number, h1: number, h2: number): [number, number, number] {
  const t1 = -h1,
    t2 = -h1 - h2;
  return [((h - t1) * (h - t2)) / (t1 * t2), (h * (h - t2)) / (t1 * (t1 - t2)), (h * (h - t1)) / (t2 * (t2 - t1))];
}

function addScaled(to: StepFlows, from: StepFlows, f: number): void {
  to.probes += f * from.probes;
  to.perfusion += f * from.perfusion;
  to.metabolic += f * from.metabolic;
  to.boundaries += f * from.boundaries;
  to.vessels += f * from.vessels;
  for (let i = 0; i < to.perProbe.length; i++) to.perProbe[i] += f * from.perProbe[i];
}

function copyFlows(from: StepFlows, to: StepFlows): void {
  to.probes = from.probes;
  to.perfusion = from.perfusion;
  to.metabolic = from.metabolic;
  to.boundaries = from.boundaries;
  to.vessels = from.vessels;
  to.perProbe.set(from.perProbe);
}

/**
 * Bdf2.predict's pass. The per-cell passes are functions of arrays and numbers rather
 * than methods: optimised code that reads `this` holds the run's hidden class, which
 * V8 frees with the run (no instance is left), so the next run would compile it again.
 */
function predictPass(
  n: number,
  material: Uint8Array,
  hLiquidus: Float64Array,
  solidus: Float64Array,
  liquidus: Float64Array,
  cFrozen: Float64Array,
  cMushy: Float64Array,
  cUnfrozen: Float64Array,
  H0: Float64Array,
  H1: Float64Array,
  H2: Float64Array,
  guess: Float64Array,
  w: number,
  beta: number,
  l0: number,
  l1: number,
  l2: number,
  quadratic: boolean,
  Hold: Float64Array,
  T: Float64Array,
  mask: Uint8Array,
  pad: number,
): void {
  for (let c = 0; c < n; c++) {
    const mi = material[c];
    const hl = hLiquidus[mi];
    const h0 = H0[c],
      h1 = H1[c];
    const p0 = h0 <= 0 ? 0 : h0 <= hl ? 1 : 2;
    const p1 = h1 <= 0 ? 0 : h1 <= hl ? 1 : 2;
    let g = h0;
    let start = h0;
    if (p1 === p0) {
      const h2 = H2[c];
      const p2 = h2 <= 0 ? 0 : h2 <= hl ? 1 : 2;
      const x = quadratic && p2 === p0 ? l0 * h0 + l1 * h1 + l2 * h2 : h0 + w * (h0 - h1);
      g = p0 === 0 ? Math.min(x, 0) : p0 === 1 ? Math.min(Math.max(x, 0), hl) : Math.max(x, hl);
      start = p0 === 1 ? g : x;
    }
    guess[c] = g;
    if (!mask[c]) continue;
    // The formula's known part, and Newton's start: the temperature of the predicted
    // enthalpy, exact through H(T)'s corners.
    Hold[c] = h0 + beta * (h0 - h1);
    T[c + pad] = start <= 0 ? solidus[mi] + start / cFrozen[mi] : start <= hl ? solidus[mi] + start / cMushy[mi] : liquidus[mi] + (start - hl) / cUnfrozen[mi];
  }
}

/** Bdf2.estimate's pass (see predictPass for why it is not a method). */
function errorRms(
  n: number,
  material: Uint8Array,
  tissue: Uint8Array,
  volume: Float64Array,
  capacity: Float64Array,
  H: Float64Array,
  H0: Float64Array,
  guess: Float64Array,
  factor: number,
): number {
  let sum = 0,
    vol = 0;
  for (let c = 0; c < n; c++) {
    if (!tissue[c]) continue;
    const h = H[c];
    const cap = capacity[material[c]];
    if (Math.abs(h - H0[c]) < ACTIVE_CHANGE_C * cap) continue;
    const e = ((h - guess[c]) * factor) / cap;
    sum += volume[c] * e * e;
    vol += volume[c];
  }
  return vol > 0 ? Math.sqrt(sum / vol) : 0;
}
