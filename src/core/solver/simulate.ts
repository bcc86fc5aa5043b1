import type { Scene, Vec3 } from '../model.js';
import type { RunResult, Progress, IsothermResult, StructureResult, TimeSeries, FieldSnapshot } from '../result.js';
import { buildGrid } from '../grid/build.js';
import { spacingRange, type Grid } from '../grid/rectilinear.js';
import { rasterise, type Raster } from '../anatomy/raster.js';
import { buildProblem, LinkKind, type Problem } from './problem.js';
import { allocateConditions, evaluateConditions, type Conditions } from './conditions.js';
import { Stepper, type StepFlows } from './step.js';
import { Bdf2, BDF2_MAX_RATIO } from './bdf2.js';
import { SimulationError } from './errors.js';
import { phaseWindows, totalTime, breakpoints, sprayToggleTimes, type PhaseWindow } from '../protocol/schedule.js';
import { isothermVolumesMl, isothermExtents } from '../outcome/isotherm.js';
import { coldestCrossSection } from '../outcome/cross-section.js';
import { nerveTube } from '../outcome/nerve-tube.js';
import { resampleSeries } from './series.js';
import { DEFAULT_OUTCOME_SETTINGS, trackedThresholds } from '../outcome/settings.js';
import { SensorRecorder } from '../outcome/sensors.js';

export interface SimulateOptions {
  onProgress?: (p: Progress) => void;
  shouldCancel?: () => boolean;
  /**
   * Called with the starting field and after every accepted step: the cell temperatures
   * (cell c at index c + pad). For recorders that need more than the series keeps (the
   * planner's time of complete nerve block); must not modify the array.
   */
  onStep?: (time_s: number, temperature: Float64Array, pad: number) => void;
}

/** Temperatures outside this range mean the solution has blown up. */
const SANE_MIN_C = -300;
const SANE_MAX_C = 300;
/** A step whose largest change exceeds this many times the target is redone smaller. */
const REJECT_FACTOR = 10;
/** Largest step as a fraction of the time since the current phase began (the CLI's ETA predicts steps with it). */
export const DT_FRACTION_OF_PHASE_AGE = 0.15;
/** Largest growth of the step from one to the next. */
export const DT_GROWTH = 1.5;
/** BDF2's largest step as a fraction of the phase's age: a bound the error control rarely meets, kept against a misjudged start. */
export const BDF2_FRACTION_OF_PHASE_AGE = 0.5;
/** Default local error per step of the BDF2 integrator, deg C (volume-weighted RMS over the cells that change). */
export const DEFAULT_TIME_ERROR_C = 2;
/**
 * BDF2's first step of a phase as a fraction of the phase's length (at least dt_min_s).
 * The probe's abrupt switch makes the first moments of a phase a thin layer that
 * no step resolves and the later field forgets: on cases/default.yaml a first step
 * of 0.02 s or of 2 s gives the same volumes at 180 s to 0.03 %, and the small one
 * costs ten steps more.
 */
export const BDF2_FIRST_STEP_FRACTION = 0.005;
/** The fraction of the phase's age BDF2's error control settles at on the reference case (what the CLI's ETA predicts steps with). */
export const BDF2_SETTLED_FRACTION_OF_AGE = 0.2;
/** The next step is sized for this fraction of the error tolerance (so that few steps are redone). */
const ERROR_SAFETY = 0.8;
/** Smallest factor a step is cut by after too large an error. */
const MIN_CUT = 0.2;

interface Tracked {
  region: number;
  name: string;
  role: string;
  tissue: string;
  min: number;
  below: Float64Array;
  history: number[];
}

/**
 * One simulation of a scene, advanced step by step. `simulate` and
 * `simulateAsync` drive it; tests may drive it directly.
 */
export class Simulation {
  readonly scene: Scene;
  readonly grid: Grid;
  readonly raster: Raster;
  readonly problem: Problem;
  readonly stepper: Stepper;
  /** The BDF2 integrator over the stepper (null: backward Euler, solver.integrator 'euler'). */
  readonly bdf2: Bdf2 | null;
  readonly total: number;
  time = 0;
  steps = 0;
  private dt: number;
  private readonly windows: PhaseWindow[];
  private readonly stops: number[];
  /** Spray switches inside freezes: BDF2's history is dropped there, as at a phase boundary. */
  private readonly toggles: number[];
  private readonly cond: Conditions;
  private readonly minField: Float64Array;
  /** Scratch of track: the coldest temperature of each region at this step. */
  private readonly regionMin: Float64Array;
  /** The isotherm volumes record computed for the present field (the snapshots reuse them). */
  private readonly volumes: Float64Array;
  private readonly tracked: Tracked[];
  private readonly thresholds: number[];
  private readonly tracking: number[];
  private readonly isotherms: IsothermResult[];
  private readonly axis: Vec3;
  private readonly flows: StepFlows;
  private readonly stepFlows: StepFlows;
  private h0 = 0;
  private readonly diag = { nonlinear: 0, linear: 0, maxCorrection: 0, dtMin: Infinity, dtMax: 0, rejected: 0 };
  private readonly raw: TimeSeries;
  private readonly fieldSnapshots: FieldSnapshot[] = [];
  private readonly sensors: SensorRecorder;

  constructor(scene: Scene) {
    this.scene = scene;
    this.grid = buildGrid(scene);
    this.raster = rasterise(scene, this.grid);
    this.problem = buildProblem(scene, this.grid, this.raster);
    this.stepper = new Stepper(this.problem);
    this.bdf2 = (scene.solver.integrator ?? 'bdf2') === 'bdf2' ? new Bdf2(this.stepper, scene.probes.length) : null;
    this.windows = phaseWindows(scene.protocol);
    this.total = totalTime(scene.protocol);
    this.stops = breakpoints(scene.protocol, scene.probes);
    this.toggles = sprayToggleTimes(scene.protocol, scene.probes);
    this.cond = allocateConditions(this.problem);
    this.dt = scene.solver.dt_min_s;
    const n = this.problem.n;
    this.minField = new Float64Array(n);
    this.regionMin = new Float64Array(this.raster.regions.length);
    this.thresholds = [...scene.outputs.isotherms_c].sort((a, b) => b - a);
    // The outcome models need time below, and cross-section fractions at, their own thresholds too.
    this.tracking = [...new Set([...this.thresholds, ...trackedThresholds(scene.outcome ?? DEFAULT_OUTCOME_SETTINGS)])].sort((a, b) => b - a);
    this.tracked = this.raster.regions
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.role !== 'probe' && r.role !== 'shaft')
      .map(({ r, i }) => ({
        region: i,
        name: r.name,
        role: r.role,
        tissue: r.material,
        min: Infinity,
        below: new Float64Array(this.tracking.length),
        history: [],
      }));
    this.isotherms = this.thresholds.map((t) => ({ threshold_c: t, snapshots: [] }));
    this.volumes = new Float64Array(this.thresholds.length);
    const needle = scene.probes.find((p) => p.kind === 'needle');
    this.axis = needle && needle.kind === 'needle' ? needle.direction : [0, 0, 1];
    const zero = (): StepFlows => ({ probes: 0, perfusion: 0, metabolic: 0, boundaries: 0, vessels: 0, perProbe: new Float64Array(scene.probes.length) });
    this.flows = zero();
    this.stepFlows = zero();
    this.sensors = new SensorRecorder(this.grid, scene.sensors ?? []);
    this.raw = {
      time_s: [],
      probes: scene.probes.map((p) => ({ id: p.id, temperature_c: [], heat_w: [] })),
      structures: this.tracked.map((t) => ({ name: t.name, min_c: [] })),
      isotherms: this.thresholds.map((t) => ({ threshold_c: t, volume_ml: [] })),
    };
  }

  /** Sets the starting temperatures: the steady state without cooling, or uniform body temperature. */
  initialise(): void {
    const s = this.scene;
    this.stepper.setUniform(s.body_temperature_c);
    if (s.solver.initial === 'steady' && this.hasSteadyState()) {
      evaluateConditions(this.problem, null, 0, this.cond);
      const r = this.stepper.step(Infinity, this.cond, 1e-4, 10, null);
      this.diag.linear += r.linearIterations;
      if (!r.converged) throw new SimulationError('diverged', 'the steady starting temperature field could not be found; set solver.initial: uniform');
    }
    const { n, pad } = this.problem;
    // Typed-array copies, not loops: a loop in a once-a-run method is compiled on stack replacement in every run.
    this.minField.set(this.stepper.T.subarray(pad, pad + n));
    if (this.bdf2) {
      this.bdf2.restart();
      this.dt = this.firstStep(this.windows[0]);
    }
    this.h0 = this.stepper.tissueEnthalpy();
    this.track(0);
    this.record(0);
  }

  /** A steady state exists when some heat path is tied to a temperature (far field, air, warmer, perfusion). */
  private hasSteadyState(): boolean {
    const p = this.problem;
    if (p.links.count > 0 || p.vesselCells.length > 0) return true;
    return p.materials.some((m) => m.perfusion > 0);
  }

  get done(): boolean {
    return this.time >= this.total - 1e-9;
  }

  private windowAt(t: number): PhaseWindow {
    for (const w of this.windows) if (t < w.end - 1e-9) return w;
    return this.windows[this.windows.length - 1];
  }

  /** Advances one accepted step. */
  advance(): void {
    if (this.bdf2) this.advanceBdf2(this.bdf2);
    else this.advanceEuler();
  }

  /** The bookkeeping of an accepted step of size dt ending at tEnd. */
  private accepted(dt: number, tEnd: number, correction: number, w: PhaseWindow): void {
    this.time = tEnd;
    this.steps++;
    this.diag.maxCorrection = Math.max(this.diag.maxCorrection, correction);
    this.diag.dtMin = Math.min(this.diag.dtMin, dt);
    this.diag.dtMax = Math.max(this.diag.dtMax, dt);
    const F = this.flows;
    const f = this.stepFlows;
    F.probes += f.probes;
    F.perfusion += f.perfusion;
    F.metabolic += f.metabolic;
    F.boundaries += f.boundaries;
    F.vessels += f.vessels;
    for (let i = 0; i < F.perProbe.length; i++) F.perProbe[i] += f.perProbe[i];
    // (track checks that the field is sane on its way: one pass over the cells.)
    this.track(dt);
    this.record(dt);
    if (w.phase.kind === 'freeze' && Math.abs(this.time - w.end) < 1e-9) this.snapshot(`end of ${w.label}`);
  }

  /**
   * One step of BDF2 (bdf2.ts), sized by its local error estimate against
   * solver.time_error_c: a step whose error exceeds it is redone smaller, and the
   * next one is sized for ERROR_SAFETY of it (error ~ h^3). A new phase switches
   * the probes abruptly: the history is dropped there and the phase starts again
   * from dt_min with backward Euler.
   */
  private advanceBdf2(bdf: Bdf2): void {
    const s = this.scene.solver;
    const tol = s.time_error_c ?? DEFAULT_TIME_ERROR_C;
    const w = this.windowAt(this.time);
    const next = this.stops.find((b) => b > this.time + 1e-9) ?? this.total;
    for (;;) {
      const { dt, tEnd } = this.prepareStep(w, next);
      const f = this.stepFlows;
      const r = bdf.step(dt, this.cond, s.tolerance_c, s.max_iterations, f);
      this.diag.nonlinear += r.iterations;
      this.diag.linear += r.linearIterations;
      const small = dt <= s.dt_min_s * 1.0001;
      if (!r.converged) {
        this.retryUnconverged(dt, small, r.correction);
        continue;
      }
      if (!small && (r.maxChange > REJECT_FACTOR * s.max_change_c || r.error > tol)) {
        bdf.undo();
        // Redone for its error: the square root of the ratio, not the cube root the
        // asymptotic h^3 gives, since the rejected steps are those just after a restart,
        // where the error fell as h^1.3-1.7 (cases/default.yaml, the intercostal preset):
        // the cube root's retry missed again there (3 % more Newton iterations on the
        // needle cases, 9 % on cases/contact-skin.yaml; volumes within 6e-5).
        const cut = r.error > tol ? Math.max(MIN_CUT, Math.sqrt((ERROR_SAFETY * tol) / r.error)) : s.max_change_c / r.maxChange;
        this.dt = Math.max(s.dt_min_s, dt * Math.min(cut, 0.9));
        this.diag.rejected++;
        continue;
      }
      bdf.accept(dt, f);
      this.accepted(dt, tEnd, r.correction, w);
      // Until the error can be estimated (two steps after a restart) the step doubles.
      const grow = Number.isFinite(r.error) ? (r.error > 0 ? Math.cbrt((ERROR_SAFETY * tol) / r.error) : BDF2_MAX_RATIO) : BDF2_MAX_RATIO;
      const byAge = Math.max(s.dt_min_s, BDF2_FRACTION_OF_PHASE_AGE * (this.time - w.start));
      this.dt = Math.min(s.dt_max_s, byAge, Math.max(s.dt_min_s, dt * Math.min(BDF2_MAX_RATIO, grow)));
      // A spray's switch is a step change of the boundary, like a new phase: a BDF2 step
      // across it would book some of the last step's probe heat into the pause.
      if (Math.abs(this.time - w.end) < 1e-9 || this.toggles.some((b) => Math.abs(b - this.time) < 1e-9)) {
        this.dt = this.firstStep(this.windowAt(this.time));
        bdf.restart();
      }
      return;
    }
  }

  /**
   * The next step's size (up to `next`, without leaving a sliver before it), the boundary
   * conditions at its end, and the step's flows zeroed for the integrator to book.
   */
  private prepareStep(w: PhaseWindow, next: number): { dt: number; tEnd: number } {
    let dt = Math.min(this.dt, next - this.time);
    if (next - (this.time + dt) < 0.25 * this.scene.solver.dt_min_s) dt = next - this.time;
    const tEnd = dt === next - this.time ? next : this.time + dt;
    evaluateConditions(this.problem, w, tEnd, this.cond);
    const f = this.stepFlows;
    f.probes = f.perfusion = f.metabolic = f.boundaries = f.vessels = 0;
    f.perProbe.fill(0);
    return { dt, tEnd };
  }

  /** A step whose Newton iteration did not converge: a quarter of the step again, or an error at the smallest step. */
  private retryUnconverged(dt: number, small: boolean, correction: number): void {
    const s = this.scene.solver;
    if (small || !Number.isFinite(correction)) {
      throw new SimulationError(
        'diverged',
        `the solver did not converge at t = ${this.time.toFixed(2)} s (last correction ${correction.toPrecision(3)} degC with the smallest step ${s.dt_min_s} s); check the material properties and the probe's cooling`,
      );
    }
    this.dt = Math.max(s.dt_min_s, dt / 4);
    this.diag.rejected++;
  }

  /** BDF2's first step of a phase. */
  private firstStep(w: PhaseWindow): number {
    const s = this.scene.solver;
    return Math.min(s.dt_max_s, Math.max(s.dt_min_s, BDF2_FIRST_STEP_FRACTION * (w.end - w.start)));
  }

  /** One backward-Euler step, sized by the largest temperature change and the phase's age. */
  private advanceEuler(): void {
    const s = this.scene.solver;
    const w = this.windowAt(this.time);
    const next = this.stops.find((b) => b > this.time + 1e-9) ?? this.total;
    for (;;) {
      const { dt, tEnd } = this.prepareStep(w, next);
      const f = this.stepFlows;
      const r = this.stepper.step(dt, this.cond, s.tolerance_c, s.max_iterations, f);
      this.diag.nonlinear += r.iterations;
      this.diag.linear += r.linearIterations;
      const small = dt <= s.dt_min_s * 1.0001;
      if (!r.converged) {
        this.retryUnconverged(dt, small, r.correction);
        continue;
      }
      if (!small && r.maxChange > REJECT_FACTOR * s.max_change_c) {
        this.stepper.undo();
        this.dt = Math.max(s.dt_min_s, (dt * s.max_change_c) / r.maxChange);
        this.diag.rejected++;
        continue;
      }
      this.accepted(dt, tEnd, r.correction, w);
      const grow = r.maxChange > 0 ? (0.9 * s.max_change_c) / r.maxChange : DT_GROWTH;
      // Diffusion fronts move as sqrt(t): steps proportional to the time since the
      // phase began keep the relative error of the front even across the phase.
      const sinceStart = this.time - w.start;
      const byAge = Math.max(s.dt_min_s, DT_FRACTION_OF_PHASE_AGE * sinceStart);
      this.dt = Math.min(s.dt_max_s, byAge, Math.max(s.dt_min_s, dt * Math.min(DT_GROWTH, Math.max(0.5, grow))));
      // A new phase switches the probes abruptly: start it with small steps again.
      if (Math.abs(this.time - w.end) < 1e-9) {
        this.dt = s.dt_min_s;
        this.stepper.resetTrend();
      }
      return;
    }
  }

  /** Throws for the first cell whose temperature is out of the sane range (NaN included), naming where and when. */
  private checkSane(t: number): void {
    const { n, pad } = this.problem;
    const T = this.stepper.T;
    for (let c = 0; c < n; c++) {
      const v = T[c + pad];
      if (!(v >= SANE_MIN_C && v <= SANE_MAX_C)) {
        const p = this.cellPosition(c);
        throw new SimulationError(
          'diverged',
          `temperature became ${Number.isNaN(v) ? 'NaN' : `${v.toFixed(1)} degC`} at t = ${t.toFixed(2)} s near (${p.map((x) => x.toFixed(1)).join(', ')}) mm; no results were written`,
        );
      }
    }
  }

  private cellPosition(c: number): Vec3 {
    const g = this.grid;
    const i = c % g.nx,
      j = Math.floor(c / g.nx) % g.ny,
      k = Math.floor(c / (g.nx * g.ny));
    return [g.xc[i], g.yc[j], g.zc[k]];
  }

  /**
   * After each accepted step (and of the starting field): the coldest temperature of
   * each cell and of each structure, and the structures' time below each threshold.
   * The same pass checks that the field is sane (checkSane names the cell).
   */
  private track(dt: number): void {
    const regionMin = this.regionMin.fill(Infinity);
    if (!trackCells(this.problem.n, this.problem.pad, this.stepper.T, this.raster.label, regionMin, this.minField)) this.checkSane(this.time);
    for (const tr of this.tracked) {
      const m = regionMin[tr.region];
      tr.history.push(m);
      if (m < tr.min) tr.min = m;
      for (let q = 0; q < this.tracking.length; q++) if (m <= this.tracking[q]) tr.below[q] += dt;
    }
  }

  private record(dt: number): void {
    const p = this.problem;
    const T = this.stepper.T;
    const raw = this.raw;
    raw.time_s.push(this.time);
    this.scene.probes.forEach((_probe, pi) => {
      raw.probes[pi].temperature_c.push(this.probeTemperature(pi));
      raw.probes[pi].heat_w.push(dt > 0 ? -this.stepFlows.perProbe[pi] / dt : 0);
    });
    this.tracked.forEach((tr, q) => {
      raw.structures[q].min_c.push(tr.history[tr.history.length - 1]);
    });
    const vols = isothermVolumesMl(p, T, this.thresholds, p.pad, this.volumes);
    for (let q = 0; q < vols.length; q++) raw.isotherms[q].volume_ml.push(vols[q]);
    this.sensors.record(T, p.pad, dt);
  }

  /**
   * Mean surface temperature of a needle's active segment while it cools (over its
   * cut links) or of its cells while passive; for a contact probe, of the skin under it.
   */
  private probeTemperature(pi: number): number {
    return probeSurfaceTemperature(this.problem, this.stepper.T, this.cond, pi);
  }

  private snapshot(moment: string): void {
    const p = this.problem;
    const T = this.stepper.T;
    if (moment !== 'end') this.sensors.moment(moment, this.time);
    // (A snapshot is taken of the field the last record measured: its volumes are those.)
    const vols = this.volumes;
    this.thresholds.forEach((thr, q) => {
      const e = isothermExtents(p, T, thr, p.pad, this.axis);
      this.isotherms[q].snapshots.push({ moment, time_s: this.time, volume_ml: vols[q], length_mm: e.length_mm, width_mm: e.width_mm });
    });
    const f = new Float32Array(T.subarray(p.pad, p.pad + p.n));
    this.fieldSnapshots.push({ moment, time_s: this.time, temperature_c: f });
  }

  progress(): Progress {
    return { time_s: this.time, total_s: this.total, step: this.steps, phase: this.windowAt(Math.min(this.time, this.total - 1e-9)).label };
  }

  /** Gathers the results once the protocol has run. */
  result(): RunResult {
    this.snapshot('end');
    const g = this.grid;
    const p = this.problem;
    const { min, max } = spacingRange(g);
    const F = this.flows;
    const dH = this.stepper.tissueEnthalpy() - this.h0;
    const sum = F.probes + F.perfusion + F.metabolic + F.boundaries + F.vessels;
    const residual = dH - sum;
    const scale = Math.max(Math.abs(dH), Math.abs(F.probes), Math.abs(F.perfusion), Math.abs(F.metabolic), Math.abs(F.boundaries), Math.abs(F.vessels), 1e-300);
    const structures: StructureResult[] = this.tracked.map((tr) => {
      const r = this.raster.regions[tr.region];
      const out: StructureResult = {
        name: tr.name,
        role: tr.role,
        tissue: tr.tissue,
        min_temperature_c: tr.min,
        time_below_s: Object.fromEntries(this.tracking.map((t, q) => [String(t), tr.below[q]])),
      };
      const s = r.structure !== undefined ? this.scene.structures[r.structure] : undefined;
      const tube = s ? nerveTube(s) : null;
      if (tube) out.cross_section = coldestCrossSection(g, this.minField, tube, this.tracking);
      return out;
    });
    const n = p.n;
    const final_c = new Float32Array(this.stepper.T.subarray(p.pad, p.pad + n));
    const min_c = new Float32Array(this.minField);
    const series = resampleSeries(
      { ...this.raw, sensors: this.sensors.sensors.map((s, q) => ({ name: s.name, temperature_c: this.sensors.history[q] })) },
      this.scene.outputs.series_interval_s,
      this.total,
    );
    return {
      name: this.scene.name,
      grid: { nx: g.nx, ny: g.ny, nz: g.nz, cells: n, min_spacing_mm: min, max_spacing_mm: max, x_edges_mm: g.xe, y_edges_mm: g.ye, z_edges_mm: g.ze },
      simulated_s: this.time,
      isotherms: this.isotherms,
      structures,
      energy: {
        enthalpy_change_j: dH,
        probes_j: F.probes,
        perfusion_j: F.perfusion,
        metabolic_j: F.metabolic,
        boundaries_j: F.boundaries,
        vessels_j: F.vessels,
        residual_j: residual,
        relative_error: Math.abs(residual) / scale,
      },
      series,
      diagnostics: {
        steps: this.steps,
        nonlinear_iterations: this.diag.nonlinear,
        linear_iterations: this.diag.linear,
        max_final_correction_c: this.diag.maxCorrection,
        dt_min_s: this.diag.dtMin,
        dt_max_s: this.diag.dtMax,
        cell_updates: n * this.steps,
      },
      fields: { final_c, min_c, labels: Uint8Array.from(this.raster.label), label_names: this.raster.regions.map((r) => r.name) },
      snapshots: this.fieldSnapshots,
      sensors: this.sensors.results(),
    };
  }
}

/** Runs a scene to the end of its protocol (synchronously). */
export function simulate(scene: Scene, opts: SimulateOptions = {}): RunResult {
  const sim = new Simulation(scene);
  sim.initialise();
  opts.onStep?.(sim.time, sim.stepper.T, sim.problem.pad);
  while (!sim.done) {
    if (opts.shouldCancel?.()) throw new SimulationError('cancelled', 'the simulation was cancelled');
    sim.advance();
    opts.onStep?.(sim.time, sim.stepper.T, sim.problem.pad);
    opts.onProgress?.(sim.progress());
  }
  return sim.result();
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Runs a scene (or a simulation already built from one, whose grid and raster a caller
 * has read), yielding to the event loop now and then so that progress can be drawn and a
 * cancel heard.
 */
export async function simulateAsync(scene: Scene | Simulation, opts: SimulateOptions = {}): Promise<RunResult> {
  const sim = scene instanceof Simulation ? scene : new Simulation(scene);
  sim.initialise();
  opts.onStep?.(sim.time, sim.stepper.T, sim.problem.pad);
  let last = now();
  while (!sim.done) {
    if (opts.shouldCancel?.()) throw new SimulationError('cancelled', 'the simulation was cancelled');
    sim.advance();
    opts.onStep?.(sim.time, sim.stepper.T, sim.problem.pad);
    opts.onProgress?.(sim.progress());
    if (now() - last > 50) {
      await new Promise<void>((r) => setTimeout(r, 0));
      last = now();
    }
  }
  return sim.result();
}

/*
 * The per-cell passes below are functions of the run's arrays rather than methods:
 * optimised code that reads `this` holds the Simulation's hidden class, which V8
 * frees once no Simulation is left, so every run would compile them again.
 */

/** Each cell's and each region's coldest temperature so far; false where a temperature is not sane. */
function trackCells(n: number, pad: number, T: Float64Array, label: Uint8Array, regionMin: Float64Array, mf: Float64Array): boolean {
  let sane = true;
  for (let c = 0; c < n; c++) {
    const v = T[c + pad];
    if (!(v >= SANE_MIN_C && v <= SANE_MAX_C)) sane = false;
    if (v < mf[c]) mf[c] = v;
    const l = label[c];
    if (v < regionMin[l]) regionMin[l] = v;
  }
  return sane;
}

/** Simulation.probeTemperature (see there). */
function probeSurfaceTemperature(p: Problem, T: Float64Array, cond: Conditions, pi: number): number {
  const nd = p.needles.find((x) => x.probe === pi);
  if (nd && !cond.cut[pi]) {
    let s = 0,
      v = 0;
    for (const c of nd.cells) {
      s += T[c + p.pad] * p.volume[c];
      v += p.volume[c];
    }
    return v > 0 ? s / v : NaN;
  }
  const kind = nd ? LinkKind.Needle : LinkKind.Contact;
  const L = p.links;
  let s = 0,
    a = 0;
  for (let i = 0; i < L.count; i++) {
    if (L.kind[i] !== kind || L.owner[i] !== pi) continue;
    const c = L.cell[i];
    const tc = T[c + p.pad];
    let face = tc;
    if (cond.linkOn[i]) {
      const m = p.materials[p.material[c]];
      const kOverHalf = (tc <= m.solidus ? m.kFrozen : m.kUnfrozen) / L.half[i];
      const h = cond.linkH[i];
      face = Number.isFinite(h) ? (h * cond.linkT[i] + kOverHalf * tc + cond.linkW[i] / L.area[i]) / (h + kOverHalf) : cond.linkT[i];
    }
    s += face * L.area[i];
    a += L.area[i];
  }
  return a > 0 ? s / a : NaN;
}
