/**
 * cryoplan benchmark: the machine's memory bandwidth, the 7-point stencil and the
 * solver's own CG sweeps against the roofline that bandwidth sets, and the
 * reference case (2 mm needle, 10 mm active, -70 degC, muscle, 3-minute freeze)
 * end to end, all in one run so that the ratios compare like with like.
 *
 *   npm run bench                     # everything (about 10 minutes on a quiet machine)
 *   node build/bench/run.js --quick   # smaller grids, fewer repeats, no prostate preset, no scaling table
 *   node build/bench/run.js --prostate-only   # only the prostate preset end to end (wall, CPU, cells, steps)
 *   node build/bench/run.js --old /tmp/engine-old/build   # the scaling table against an older build
 *   node build/bench/run.js --scaling-only [--old ...] [--min-cells 1e6] [--max-cells 1e6] [--one-thread]   # only the scaling table (bench/scaling.json)
 *
 * The older build for --old is built as bench/compare.ts describes.
 *
 * Prints a table and writes bench/results.json.
 */
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { applyStencil, type StencilSystem } from './legacy/pcg.js';
import { wasmModules } from '../src/core/solver/kernels/wasm.js';
import { setDefaultKernels, setKernelThreads, type KernelChoice, type Kernels } from '../src/core/solver/kernels/index.js';
import { Simulation, simulate } from '../src/core/solver/simulate.js';
import { loadCase } from '../src/case/load.js';
import { computeOutcomes } from '../src/core/outcome/index.js';
import type { Stepper } from '../src/core/solver/step.js';
import { referenceScene } from '../test/helpers/scene.js';
import { refinementFor } from './reference-grid.js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Scene } from '../src/core/index.js';
import { LegacyStepper } from './legacy/step.js';
import type { WorkerJob } from './worker.js';

const quick = process.argv.includes('--quick');
const scalingOnly = process.argv.includes('--scaling-only');
const prostateOnly = process.argv.includes('--prostate-only');
const oldArg = process.argv.indexOf('--old');
const oldRoot = oldArg >= 0 ? process.argv[oldArg + 1] : undefined;
const maxArg = process.argv.indexOf('--max-cells');
/** Largest grid of the scaling table (--max-cells 1e6 leaves out the 4M grid). */
const maxCells = maxArg >= 0 ? Number(process.argv[maxArg + 1]) : Infinity;
const minArg = process.argv.indexOf('--min-cells');
const minCells = minArg >= 0 ? Number(process.argv[minArg + 1]) : 0;
/** --one-thread: the scaling table without its two-thread runs (they need the second core free). */
const oneThread = process.argv.includes('--one-thread');
const here = dirname(fileURLToPath(import.meta.url));
const now = () => performance.now() / 1000;

/** Bytes one update of the 7-point stencil must move: D, Gx, Gy, Gz, p (8 each) and mask (1) read, q (8) written; the neighbours' p come from cache. */
const STENCIL_BYTES = 49;
/** Bytes per cell of one iteration of the solver's CG: backward sweep (R, P, ax, ay, az read; P, Tt written: 56), forward (Tt, P, Kp, ax, ay, az read; W, Q written: 64), update (R, Q, S, X, Tt read; R, X written: 56); neighbours' values come from cache. */
const CG_BYTES = 176;
/** Bytes per cell of the Newton assembly sweep, roughly: about 75 read (T, X, S, kc, g, volume, Hold, flags) and 97 written (T, kc, flow, S, scaled faces, Kp, R, P, X). */
const ASSEMBLE_BYTES = 172;
/** Bytes per element of the STREAM triad a = b + s c (two reads, one write). */
const TRIAD_BYTES = 24;

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

function best(reps: number, fn: () => void, warm = 1): number {
  // (WebAssembly starts in a baseline compiler and tiers up after a number of calls.)
  for (let w = 0; w < warm; w++) fn();
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = now();
    fn();
    b = Math.min(b, now() - t0);
  }
  return b;
}

/** A second thread running one kernel on its share, in step with the main thread. */
class Helper {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private readonly w: Worker;
  private round = 0;
  readonly ready: Promise<void>;
  constructor(job: Omit<WorkerJob, 'ctrl'>) {
    this.w = new Worker(join(here, 'worker.js'), { workerData: { ...job, ctrl: this.ctrl.buffer } });
    this.ready = new Promise((resolve, reject) => {
      this.w.once('message', () => resolve());
      this.w.once('error', reject);
    });
  }
  /** Runs `mine` here while the helper runs its share; returns when both are done. */
  together(mine: () => void): void {
    this.round++;
    Atomics.store(this.ctrl, 0, this.round);
    Atomics.notify(this.ctrl, 0);
    mine();
    for (let d = Atomics.load(this.ctrl, 1); d < this.round; d = Atomics.load(this.ctrl, 1)) Atomics.wait(this.ctrl, 1, d);
  }
  async stop(): Promise<void> {
    Atomics.store(this.ctrl, 0, -1);
    Atomics.notify(this.ctrl, 0);
    await this.w.terminate();
  }
}

function sharedWasm(bytes: number): { memory: WebAssembly.Memory; x: BenchExports } | null {
  const mod = wasmModules().shared;
  if (!mod) return null;
  const pages = Math.ceil(bytes / 65536) + 1;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const x = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as BenchExports;
  return { memory, x };
}

/** Lets the solver sweep on two threads (the helper is bench/kernel-worker.ts), or on one again. */
function twoThreads(on: boolean): void {
  setKernelThreads(
    on
      ? () => {
          const w = new Worker(join(here, 'kernel-worker.js'));
          w.unref();
          return w;
        }
      : null,
  );
}

// ---------------------------------------------------------------- bandwidth

interface Rate {
  threads: number;
  impl: 'js' | 'wasm';
  seconds: number;
  gbs: number;
}

async function bandwidth(): Promise<Rate[]> {
  const N = quick ? 1 << 22 : 1 << 24;
  const reps = quick ? 3 : 5;
  const out: Rate[] = [];
  const rate = (impl: 'js' | 'wasm', threads: number, s: number) => out.push({ impl, threads, seconds: s, gbs: (TRIAD_BYTES * N) / s / 1e9 });
  // JavaScript, on a shared buffer so that the helper thread sees the same arrays.
  const sab = new SharedArrayBuffer(3 * N * 8);
  const a = new Float64Array(sab, 0, N),
    b = new Float64Array(sab, N * 8, N),
    c = new Float64Array(sab, 2 * N * 8, N);
  for (let i = 0; i < N; i++) {
    b[i] = i;
    c[i] = 0.5 * i;
  }
  const triad = (from: number, to: number) => {
    for (let i = from; i < to; i++) a[i] = b[i] + 3 * c[i];
  };
  rate(
    'js',
    1,
    best(reps, () => triad(0, N)),
  );
  const hj = new Helper({ kind: 'triad-js', buffer: sab, offsets: [0, N * 8, 2 * N * 8], n: N, nx: 0, nxy: 0, pad: 0, from: N >> 1, to: N });
  await hj.ready;
  rate(
    'js',
    2,
    best(reps, () => hj.together(() => triad(0, N >> 1))),
  );
  await hj.stop();
  // WebAssembly (SIMD), in a shared memory.
  const w = sharedWasm(3 * N * 8 + 64);
  if (w) {
    const f64 = new Float64Array(w.memory.buffer, 0, 3 * N);
    for (let i = 0; i < N; i++) {
      f64[N + i] = i;
      f64[2 * N + i] = 0.5 * i;
    }
    const o = [0, N * 8, 2 * N * 8];
    rate(
      'wasm',
      1,
      best(reps, () => w.x.triad(o[0], o[1], o[2], 3, 0, N)),
    );
    const hw = new Helper({ kind: 'triad-wasm', memory: w.memory, offsets: o, n: N, nx: 0, nxy: 0, pad: 0, from: N >> 1, to: N });
    await hw.ready;
    rate(
      'wasm',
      2,
      best(reps, () => hw.together(() => w.x.triad(o[0], o[1], o[2], 3, 0, N >> 1))),
    );
    await hw.stop();
  }
  return out;
}

// ---------------------------------------------------------------- stencil

interface KernelRate {
  kernel: string;
  impl: 'js' | 'wasm';
  threads: number;
  cells: number;
  nsPerCell: number;
  updatesPerS: number;
  bytesPerCell: number;
  rooflineUpdatesPerS: number;
  timesRoofline: number;
}

/** The classic 7-point stencil q = A p on a grid far larger than the caches. */
async function stencil(bw: (threads: number) => number): Promise<KernelRate[]> {
  const nx = 128,
    ny = 128,
    nz = quick ? 32 : 64;
  const nxy = nx * ny,
    n = nxy * nz,
    pad = nxy,
    P = n + 2 * pad;
  const reps = quick ? 3 : 5;
  // Layout: diag, gx, gy, gz, p, q (f64) then mask (u8), the same in the JS buffer and the wasm memory.
  const sizes = [n, P, P, P, P, n];
  const offs: number[] = [];
  let at = 0;
  for (const s of sizes) {
    offs.push(at);
    at += s * 8;
  }
  const maskOff = at;
  at += n;
  const fill = (buf: ArrayBufferLike) => {
    const [d, gx, gy, gz, p] = [0, 1, 2, 3, 4].map((i) => new Float64Array(buf, offs[i], sizes[i]));
    const m = new Uint8Array(buf, maskOff, n);
    for (let i = 0; i < n; i++) {
      d[i] = 6.5 + (i % 7) * 0.01;
      m[i] = i % 97 === 0 ? 0 : 1;
    }
    for (let i = 0; i < P; i++) {
      gx[i] = 1 + (i % 5) * 0.01;
      gy[i] = 1 + (i % 3) * 0.01;
      gz[i] = 1 + (i % 11) * 0.01;
      p[i] = Math.sin(i);
    }
  };
  const out: KernelRate[] = [];
  const add = (impl: 'js' | 'wasm', threads: number, s: number) => {
    const ups = n / s;
    const roof = bw(threads) / STENCIL_BYTES;
    out.push({
      kernel: '7-point stencil q = A p',
      impl,
      threads,
      cells: n,
      nsPerCell: (s / n) * 1e9,
      updatesPerS: ups,
      bytesPerCell: STENCIL_BYTES,
      rooflineUpdatesPerS: roof,
      timesRoofline: roof / ups,
    });
  };
  // JavaScript (pcg.ts's applyStencil).
  const sab = new SharedArrayBuffer(at + 8);
  fill(sab);
  const sys: StencilSystem = {
    n,
    nx,
    nxy,
    pad,
    diag: new Float64Array(sab, offs[0], n),
    gx: new Float64Array(sab, offs[1], P),
    gy: new Float64Array(sab, offs[2], P),
    gz: new Float64Array(sab, offs[3], P),
    mask: new Uint8Array(sab, maskOff, n),
  };
  const p = new Float64Array(sab, offs[4], P),
    q = new Float64Array(sab, offs[5], n);
  add(
    'js',
    1,
    best(reps, () => applyStencil(sys, p, q)),
  );
  const jobOffsets = [offs[0], offs[1], offs[2], offs[3], maskOff, offs[4], offs[5]];
  const hj = new Helper({ kind: 'stencil-js', buffer: sab, offsets: jobOffsets, n, nx, nxy, pad, from: n >> 1, to: n });
  await hj.ready;
  add(
    'js',
    2,
    best(reps, () => hj.together(() => applyStencil(sys, p, q, 0, n >> 1))),
  );
  await hj.stop();
  const w = sharedWasm(at + 64);
  if (w) {
    fill(w.memory.buffer);
    const o = jobOffsets;
    const run = (from: number, to: number) => w.x.stencil7(o[0], o[1], o[2], o[3], o[4], o[5], o[6], nx, nxy, pad, from, to);
    add(
      'wasm',
      1,
      best(reps, () => run(0, n)),
    );
    // Same operations in the same order: the SIMD result must equal the JS one exactly.
    const qw = new Float64Array(w.memory.buffer, offs[5], n);
    applyStencil(sys, p, q);
    for (let i = 0; i < n; i++) if (qw[i] !== q[i]) throw new Error(`wasm stencil differs from JS at ${i}: ${qw[i]} vs ${q[i]}`);
    const hw = new Helper({ kind: 'stencil-wasm', memory: w.memory, offsets: o, n, nx, nxy, pad, from: n >> 1, to: n });
    await hw.ready;
    add(
      'wasm',
      2,
      best(reps, () => hw.together(() => run(0, n >> 1))),
    );
    await hw.stop();
  }
  return out;
}

/** The solver's own sweeps (a CG iteration: two triangular sweeps and an update; the Newton assembly) on the reference case's grid, from a real step's system. */
function solverSweeps(bw: (threads: number) => number, refinement: number): KernelRate[] {
  const out: KernelRate[] = [];
  const variants = [
    ['wasm', 1],
    ['wasm', 2],
    ['js', 1],
  ] as const;
  for (const [impl, threads] of variants) {
    setDefaultKernels(impl);
    twoThreads(threads === 2);
    const sim = new Simulation(referenceScene({ grid: { kind: 'auto', refinement } }));
    const st = sim.stepper as unknown as { k: Kernels; nLinks: number; nSrc: number };
    if (sim.stepper.kernels !== impl || sim.stepper.threads !== threads) continue;
    sim.initialise();
    sim.advance();
    const k = st.k;
    const n = sim.problem.n;
    const reps = quick ? 5 : 20;
    const add = (kernel: string, bytes: number, s: number) => {
      const ups = n / s;
      const roof = bw(threads) / bytes;
      out.push({
        kernel,
        impl,
        threads,
        cells: n,
        nsPerCell: (s / n) * 1e9,
        updatesPerS: ups,
        bytesPerCell: bytes,
        rooflineUpdatesPerS: roof,
        timesRoofline: roof / ups,
      });
    };
    add(
      'solver CG iteration (3 sweeps)',
      CG_BYTES,
      best(
        reps,
        () => {
          k.cgBackward(0.5, false);
          k.cgForward();
          k.cgUpdate(0, false);
        },
        20,
      ),
    );
    // (With x' = 0 the update moves nothing, so every repeat sees the same temperatures.)
    k.state.a.X.fill(0);
    add(
      'solver Newton assembly sweep',
      ASSEMBLE_BYTES,
      best(Math.max(3, reps >> 1), () => k.assemble(1, 37, st.nLinks, st.nSrc, true, 1), 20),
    );
  }
  twoThreads(false);
  setDefaultKernels('auto');
  return out;
}

// ---------------------------------------------------------------- end to end

interface CaseRun {
  solver: string;
  refinement: number;
  cells: number;
  steps: number;
  newton: number;
  linear: number;
  wallS: number;
  cellStepsPerS: number;
  iceMl: number;
  energyRelError: number;
}

function endToEnd(refinement: number, solver: KernelChoice | 'legacy', threads = 1): CaseRun {
  setDefaultKernels(solver === 'legacy' ? 'js' : solver);
  twoThreads(threads === 2);
  const scene = referenceScene({ grid: { kind: 'auto', refinement } });
  const t0 = now();
  const sim = new Simulation(scene);
  if (solver === 'legacy') (sim as unknown as { stepper: unknown }).stepper = new LegacyStepper(sim.problem) as unknown as Stepper;
  sim.initialise();
  while (!sim.done) sim.advance();
  const r = sim.result();
  const wall = now() - t0;
  const used = solver === 'legacy' ? 0 : sim.stepper.threads;
  twoThreads(false);
  setDefaultKernels('auto');
  const d = r.diagnostics;
  return {
    solver:
      solver === 'legacy' ? 'before: Jacobi CG, JS' : `${sim.stepper.kernels === 'wasm' ? 'WebAssembly' : 'JavaScript'}, ${used} thread${used > 1 ? 's' : ''}`,
    refinement,
    cells: r.grid.cells,
    steps: d.steps,
    newton: d.nonlinear_iterations,
    linear: d.linear_iterations,
    wallS: wall,
    cellStepsPerS: (r.grid.cells * d.steps) / wall,
    iceMl: r.isotherms.find((i) => i.threshold_c === 0)!.snapshots.at(-1)!.volume_ml,
    energyRelError: r.energy.relative_error,
  };
}

// ---------------------------------------------------------------- the prostate preset

interface PresetRun {
  case: string;
  cells: number;
  steps: number;
  simulatedS: number;
  wallS: number;
  /** CPU time of this process over the run (every thread), s. */
  cpuS: number;
  lethalFraction: number | null;
}

/** A bundled case end to end (the grid, the anatomy, the steady start, every step and the result), as `cryoplan run` simulates it. */
async function presetRun(file: string): Promise<PresetRun> {
  const { scene } = await loadCase(join(here, '..', '..', file));
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const r = simulate(scene);
  const wall = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const lethal = scene.ablation ? computeOutcomes(scene, r).ablation?.cycles.at(-1)?.fraction_lethal : undefined;
  return {
    case: file,
    cells: r.grid.cells,
    steps: r.diagnostics.steps,
    simulatedS: r.simulated_s,
    wallS: wall,
    cpuS: (cpu.user + cpu.system) / 1e6,
    lethalFraction: lethal ?? null,
  };
}

function printPreset(p: PresetRun) {
  console.log(`${p.case} end to end (the preset's own grid; aim: under a minute)`);
  table(
    ['cells', 'steps', 'simulated s', 'wall s', 'CPU s', 'gland at -40 °C'],
    [[String(p.cells), String(p.steps), String(p.simulatedS), p.wallS, p.cpuS, p.lethalFraction === null ? '-' : `${(100 * p.lethalFraction).toFixed(1)} %`]],
  );
}

// ---------------------------------------------------------------- scaling

/** Cell counts of the scaling table. */
const SCALING_CELLS = [50e3, 200e3, 1e6, 4e6];
/** Simulated seconds each scaling run covers: the first part of the 3-minute freeze, the same for every size so that the sizes compare like with like. */
const SCALING_WINDOW_S = 30;

interface SimLike {
  readonly done: boolean;
  readonly time: number;
  readonly steps: number;
  initialise(): void;
  advance(): void;
  readonly stepper: { readonly threads: number };
}
type SimClass = new (scene: Scene) => SimLike;

interface ScalingRun {
  build: 'new' | 'old';
  threads: number;
  cells: number;
  refinement: number;
  simulatedS: number;
  steps: number;
  wallS: number;
  cpuS: number;
  /** Wall seconds per simulated minute. */
  sPerSimMinute: number;
  /** Largest growth of the resident memory over the run, MB (sampled after every step; memory freed by an earlier run and reused makes it an underestimate). */
  peakMb: number;
  /** The kernels' arrays (the solver's state), MB. */
  stateMb: number;
}

function scalingRun(Sim: SimClass, build: 'new' | 'old', refinement: number, windowS: number, threads: number): ScalingRun {
  twoThreads(threads === 2);
  globalThis.gc?.();
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  const t0 = now();
  const u0 = process.cpuUsage();
  const sim = new Sim(referenceScene({ grid: { kind: 'auto', refinement } }));
  const used = sim.stepper.threads;
  sim.initialise();
  peak = Math.max(peak, process.memoryUsage.rss());
  while (!sim.done && sim.time < windowS - 1e-9) {
    sim.advance();
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const wall = now() - t0;
  const u = process.cpuUsage(u0);
  twoThreads(false);
  const cells = (sim as unknown as { problem: { n: number } }).problem.n;
  const state = (sim.stepper as unknown as { k?: { state: { buffer: ArrayBufferLike } } }).k?.state.buffer.byteLength ?? 0;
  return {
    build,
    threads: used,
    cells,
    refinement,
    simulatedS: sim.time,
    steps: sim.steps,
    wallS: wall,
    cpuS: (u.user + u.system) / 1e6,
    sPerSimMinute: (wall * 60) / sim.time,
    peakMb: (peak - rss0) / 2 ** 20,
    stateMb: state / 2 ** 20,
  };
}

/**
 * Seconds per simulated minute and memory of the reference needle on auto grids
 * of 50k to 4M cells: this build on one and two threads, and an older build
 * (--old) on one, run alternately size by size so that the load falls on all alike.
 */
async function scaling(oldRoot: string | undefined, onRun?: (runs: ScalingRun[]) => void): Promise<ScalingRun[]> {
  const OldSim: SimClass | null = oldRoot
    ? ((await import(pathToFileURL(resolve(oldRoot, 'src/core/solver/simulate.js')).href)) as { Simulation: SimClass }).Simulation
    : null;
  const out: ScalingRun[] = [];
  for (const target of SCALING_CELLS.filter((c) => c >= minCells && c <= maxCells)) {
    const { refinement } = refinementFor(target);
    const w = SCALING_WINDOW_S;
    setDefaultKernels('auto');
    const runs: Array<[SimClass, 'new' | 'old', number]> = [[Simulation as unknown as SimClass, 'new', 1]];
    if (OldSim) runs.push([OldSim, 'old', 1]);
    if (!oneThread) runs.push([Simulation as unknown as SimClass, 'new', 2]);
    for (const [Sim, build, threads] of runs) {
      const r = scalingRun(Sim, build, refinement, w, threads);
      out.push(r);
      console.error(`  scaling: ${r.build}, ${r.threads} thread(s), ${r.cells} cells: ${r.wallS.toFixed(1)} s wall, ${r.cpuS.toFixed(1)} CPU s`);
      onRun?.(out);
    }
  }
  return out;
}

function scalingTable(runs: ScalingRun[]): string[] {
  const rows: string[] = [
    '| cells | steps | wall s per simulated minute, 1 thread | 2 threads | CPU s per simulated minute, 1 thread | old build | old / new (CPU) | solver state MB | peak RSS growth MB | CPU s/min per M cells |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const perMin = (r: ScalingRun, v: number) => (v * 60) / r.simulatedS;
  const cellsList = [...new Set(runs.filter((r) => r.build === 'new').map((r) => r.cells))];
  for (const c of cellsList) {
    const one = runs.find((r) => r.build === 'new' && r.cells === c && r.threads === 1)!;
    const two = runs.find((r) => r.build === 'new' && r.cells === c && r.threads === 2);
    const old = runs.find((r) => r.build === 'old' && r.refinement === one.refinement);
    const cpu = perMin(one, one.cpuS);
    rows.push(
      `| ${c} | ${one.steps} | ${one.sPerSimMinute.toFixed(2)} | ${two && two.threads === 2 ? two.sPerSimMinute.toFixed(2) : '-'} | ${cpu.toFixed(2)} | ${old ? perMin(old, old.cpuS).toFixed(2) : '-'} | ${old ? (perMin(old, old.cpuS) / cpu).toFixed(2) : '-'} | ${one.stateMb.toFixed(0)} | ${one.peakMb.toFixed(0)} | ${(cpu / (c / 1e6)).toFixed(2)} |`,
    );
  }
  return rows;
}

// ---------------------------------------------------------------- main

const fmt = (v: number, d = 2) => (Math.abs(v) >= 1e5 ? v.toExponential(2) : v.toFixed(d));
const table = (head: string[], rows: (string | number)[][]) => {
  const cells = rows.map((r) => r.map((v) => (typeof v === 'number' ? fmt(v) : v)));
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]) : v.padStart(w[i]))).join('  ');
  console.log(line(head));
  console.log(w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of cells) console.log(line(r));
  console.log();
};

function printScaling(sc: ScalingRun[]): void {
  console.log(
    `Scaling: the reference needle on auto grids of 50k to 4M cells; wall seconds per simulated minute over the first ${SCALING_WINDOW_S} s of the freeze (its smallest steps: a whole 3-minute run costs less per minute); peak memory: growth of the resident set during the run`,
  );
  for (const line of scalingTable(sc)) console.log(line);
  console.log();
}

async function main(): Promise<void> {
  const started = now();
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    node: process.version,
    wasm: wasmModules().plain !== null,
    wasmShared: wasmModules().shared !== null,
  };
  console.log(`cryoplan bench on ${machine.cpu} x${machine.cores}, node ${machine.node}${quick ? ' (quick)' : ''}\n`);
  if (prostateOnly) {
    printPreset(await presetRun('cases/prostate.yaml'));
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    return;
  }
  if (scalingOnly) {
    // Written after every run, so that a long table interrupted keeps what it measured.
    const file = join(here, '..', '..', 'bench', 'scaling.json');
    const save = (sc: ScalingRun[]) =>
      writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: loadavg(), scaling: sc }, null, 2)}\n`);
    const sc = await scaling(oldRoot, save);
    printScaling(sc);
    console.log(`bench took ${fmt(now() - started, 1)} s; results in ${file}`);
    return;
  }

  const bwRates = await bandwidth();
  console.log('Memory bandwidth: STREAM triad a = b + 3c, 3 arrays far larger than the caches (24 bytes per element)');
  table(
    ['impl', 'threads', 'GB/s'],
    bwRates.map((r) => [r.impl, String(r.threads), r.gbs]),
  );
  const bw = (threads: number) => Math.max(...bwRates.filter((r) => r.threads === threads).map((r) => r.gbs)) * 1e9;

  const st = await stencil(bw);
  const sw = solverSweeps(bw, quick ? 2 : 1);
  console.log(`Kernels against the roofline (best triad bandwidth at that thread count / bytes per cell update; x = times slower than the roofline)`);
  table(
    ['kernel', 'impl', 'threads', 'cells', 'ns/cell', 'Mupd/s', 'B/cell', 'roof Mupd/s', 'x roof'],
    [...st, ...sw].map((k) => [
      k.kernel,
      k.impl,
      String(k.threads),
      String(k.cells),
      k.nsPerCell,
      k.updatesPerS / 1e6,
      String(k.bytesPerCell),
      k.rooflineUpdatesPerS / 1e6,
      k.timesRoofline,
    ]),
  );

  const runs: CaseRun[] = [];
  const refs = quick ? [2] : [2, 1.5, 1];
  for (const ref of refs) runs.push(endToEnd(ref, 'auto'));
  runs.push(endToEnd(refs[refs.length - 1], 'auto', 2));
  runs.push(endToEnd(2, 'js'));
  runs.push(endToEnd(2, 'legacy'));
  console.log('Reference case end to end: 2 mm needle, 10 mm active, -70 degC, muscle, 3-minute freeze (grid: auto; refinement 1 is the default)');
  table(
    ['solver', 'refinement', 'cells', 'steps', 'Newton', 'CG its', 'wall s', 'cell-steps/s', 'ice ml', 'energy err'],
    runs.map((r) => [
      r.solver,
      String(r.refinement),
      String(r.cells),
      String(r.steps),
      String(r.newton),
      String(r.linear),
      r.wallS,
      r.cellStepsPerS.toExponential(2),
      r.iceMl.toFixed(4),
      r.energyRelError.toExponential(1),
    ]),
  );
  const prostate = quick ? null : await presetRun('cases/prostate.yaml');
  if (prostate) printPreset(prostate);
  const sc = quick ? [] : await scaling(oldRoot);
  if (sc.length) printScaling(sc);
  const load = loadavg();
  console.log(
    `load average during the run: ${load.map((l) => l.toFixed(2)).join(' ')} (on ${machine.cores} cores: two-thread figures need the second core free)`,
  );

  const results = {
    date: new Date().toISOString(),
    machine,
    quick,
    loadAverage: load,
    assumptions: { triadBytesPerElement: TRIAD_BYTES, stencilBytesPerCell: STENCIL_BYTES, cgBytesPerCell: CG_BYTES, assembleBytesPerCell: ASSEMBLE_BYTES },
    triadBandwidth: bwRates,
    kernels: [...st, ...sw],
    referenceCase: runs,
    prostate,
    scaling: sc,
    benchSeconds: now() - started,
  };
  const file = join(here, '..', '..', 'bench', 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`bench took ${fmt(now() - started, 1)} s; results in ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
