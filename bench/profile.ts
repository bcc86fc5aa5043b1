/**
 * Where one run's time goes: wraps the Stepper's kernels with timers and runs a
 * case (default: cases/default.yaml), then prints the time in the Newton assembly
 * sweeps, the CG sweeps (backward, forward, update), begin/finish and the rest.
 *
 *   npm run build:dev && node build/bench/profile.js [case.yaml] [--kernels js|wasm] [--warm N]
 *
 * `--warm N` first runs the case N times untimed, so that the figures are those of
 * compiled code (a fresh process spends much of a short run's "rest" compiling and
 * collecting: the CLI pays that once per run, the planner once per plan).
 */
import { loadCase } from '../src/case/load.js';
import { Simulation } from '../src/core/solver/simulate.js';
import { setDefaultKernels, type Kernels } from '../src/core/solver/kernels/index.js';
import { collectGarbage } from './collect.js';

export interface Profile {
  cells: number;
  steps: number;
  newton: number;
  cg: number;
  totalS: number;
  /** Seconds per kernel method, and calls. */
  parts: Record<string, { s: number; calls: number }>;
}

/** Runs a simulation with each kernel call timed. */
export function profileRun(sim: Simulation): Profile {
  const k = (sim.stepper as unknown as { k: Kernels }).k;
  const parts: Profile['parts'] = {};
  for (const name of ['begin', 'assemble', 'cgBackward', 'cgForward', 'cgUpdate', 'finish'] as const) {
    const fn = (k[name] as (...a: unknown[]) => unknown).bind(k);
    const slot = { s: 0, calls: 0 };
    parts[name] = slot;
    (k as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
      const t0 = process.cpuUsage();
      const r = fn(...a);
      const u = process.cpuUsage(t0);
      slot.s += (u.user + u.system) / 1e6;
      slot.calls++;
      return r;
    };
  }
  const t0 = process.cpuUsage();
  sim.initialise();
  while (!sim.done) sim.advance();
  const r = sim.result();
  const u = process.cpuUsage(t0);
  const totalS = (u.user + u.system) / 1e6;
  return {
    cells: r.grid.cells,
    steps: r.diagnostics.steps,
    newton: r.diagnostics.nonlinear_iterations,
    cg: r.diagnostics.linear_iterations,
    totalS,
    parts,
  };
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => a.endsWith('.yaml')) ?? 'cases/default.yaml';
  const ki = process.argv.indexOf('--kernels');
  if (ki >= 0) setDefaultKernels(process.argv[ki + 1] as 'js' | 'wasm');
  const wi = process.argv.indexOf('--warm');
  const warm = wi >= 0 ? Number(process.argv[wi + 1]) : 0;
  for (let w = 0; w < warm; w++) {
    const s = new Simulation((await loadCase(file)).scene);
    s.initialise();
    while (!s.done) s.advance();
    s.result();
  }
  const { scene } = await loadCase(file);
  collectGarbage();
  const t0 = performance.now();
  const sim = new Simulation(scene);
  const setup = (performance.now() - t0) / 1000;
  const p = profileRun(sim);
  const sum = Object.values(p.parts).reduce((s, x) => s + x.s, 0);
  console.log(
    `${file}${warm ? ` (after ${warm} untimed runs)` : ''}: ${p.cells} cells, ${p.steps} steps, ${p.newton} Newton, ${p.cg} CG iterations; setup ${setup.toFixed(2)} s, run ${p.totalS.toFixed(2)} CPU s`,
  );
  for (const [name, x] of Object.entries(p.parts))
    console.log(
      `  ${name.padEnd(11)} ${x.s.toFixed(3).padStart(7)} s ${((100 * x.s) / p.totalS).toFixed(1).padStart(5)} %  ${String(x.calls).padStart(6)} calls  ${((x.s / x.calls / p.cells) * 1e9).toFixed(2)} ns/cell`,
    );
  console.log(`  rest        ${(p.totalS - sum).toFixed(3).padStart(7)} s ${((100 * (p.totalS - sum)) / p.totalS).toFixed(1).padStart(5)} %`);
}

if (process.argv[1]?.endsWith('profile.js'))
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
