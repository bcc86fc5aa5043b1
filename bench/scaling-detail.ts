/**
 * Why the cost per cell of the scaling table (bench/run.ts --scaling-only) is not flat:
 * the reference needle on `auto` grids of about 50k, 200k, 1M and 4M cells (the same
 * refinements as the table), each run over the same first seconds of the freeze with
 * every kernel call timed (CPU time), and the counts that set the cost: steps, Newton
 * iterations (assembly sweeps), linear solves, CG iterations per solve, CPU ns per cell
 * for one CG iteration and for one assembly sweep, and the process's page faults and
 * resident-set growth. One size at a time, one thread.
 *
 *   npm run build:dev && nice -n 5 node build/bench/scaling-detail.js [--window 10] [--cells 5e4,2e5,1e6,4e6]
 *     [--kernels auto|js|wasm] [--out bench/scaling-detail.json]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resourceUsage } from 'node:process';
import { setDefaultKernels, type KernelChoice, type Kernels } from '../src/core/solver/kernels/index.js';
import { Simulation } from '../src/core/solver/simulate.js';
import { refinementFor } from './reference-grid.js';
import { referenceScene } from '../test/helpers/scene.js';
import { collectGarbage } from './collect.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export interface Detail {
  cells: number;
  hMinMm: number;
  steps: number;
  simulatedS: number;
  assemblies: number;
  solves: number;
  cgIterations: number;
  cgPerSolve: number;
  /** Largest CG iterations in one solve. */
  cgMax: number;
  cpuS: number;
  /** CPU ns per cell for one CG iteration (backward + forward + update sweeps). */
  nsPerCellCg: number;
  /** CPU ns per cell for one assembly sweep. */
  nsPerCellAssembly: number;
  /** CPU seconds in CG, assembly, begin/finish, and the rest. */
  split: { cg: number; assembly: number; beginFinish: number; rest: number };
  /** CPU microseconds per cell and step, all included. */
  usPerCellStep: number;
  minorFaults: number;
  majorFaults: number;
  rssGrowthMb: number;
  stateMb: number;
}

function detail(refinement: number, windowS: number): Detail {
  collectGarbage();
  const ru0 = resourceUsage();
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  const c0 = cpu();
  const sim = new Simulation(referenceScene({ grid: { kind: 'auto', refinement } }));
  const k = (sim.stepper as unknown as { k: Kernels }).k;
  const t: Record<string, number> = { begin: 0, assemble: 0, cgBackward: 0, cgForward: 0, cgUpdate: 0, finish: 0 };
  const calls: Record<string, number> = { ...t };
  let solves = 0;
  let inSolve = 0;
  let cgMax = 0;
  for (const name of Object.keys(t) as Array<keyof Kernels>) {
    const fn = (k[name] as (...a: unknown[]) => unknown).bind(k);
    (k as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
      if (name === 'cgBackward' && a[1] === true) {
        solves++;
        inSolve = 0;
      }
      if (name === 'cgBackward') cgMax = Math.max(cgMax, ++inSolve);
      const s = cpu();
      const r = fn(...a);
      t[name] += cpu() - s;
      calls[name]++;
      return r;
    };
  }
  sim.initialise();
  const c1 = cpu();
  for (const key of Object.keys(t)) {
    t[key] = 0;
    calls[key] = 0;
  }
  solves = 0;
  cgMax = 0;
  while (!sim.done && sim.time < windowS - 1e-9) {
    sim.advance();
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const c2 = cpu();
  const ru = resourceUsage();
  const p = sim.problem;
  let hMin = Infinity;
  for (const h of [p.hx, p.hy, p.hz]) for (const v of h) hMin = Math.min(hMin, 2 * v * 1e3);
  const cg = t.cgBackward + t.cgForward + t.cgUpdate;
  const run = c2 - c1;
  const iters = calls.cgBackward;
  const state = (k as unknown as { state?: { buffer: ArrayBufferLike } }).state?.buffer.byteLength ?? 0;
  void c0;
  return {
    cells: p.n,
    hMinMm: hMin,
    steps: sim.steps,
    simulatedS: sim.time,
    assemblies: calls.assemble,
    solves,
    cgIterations: iters,
    cgPerSolve: iters / solves,
    cgMax,
    cpuS: run,
    nsPerCellCg: (cg / iters / p.n) * 1e9,
    nsPerCellAssembly: (t.assemble / calls.assemble / p.n) * 1e9,
    split: { cg, assembly: t.assemble, beginFinish: t.begin + t.finish, rest: run - cg - t.assemble - t.begin - t.finish },
    usPerCellStep: (run / sim.steps / p.n) * 1e6,
    minorFaults: ru.minorPageFault - ru0.minorPageFault,
    majorFaults: ru.majorPageFault - ru0.majorPageFault,
    rssGrowthMb: (peak - rss0) / 2 ** 20,
    stateMb: state / 2 ** 20,
  };
}

function main() {
  const windowS = Number(arg('--window', '10'));
  const sizes = arg('--cells', '5e4,2e5,1e6,4e6').split(',').map(Number);
  setDefaultKernels(arg('--kernels', 'auto') as KernelChoice);
  console.log(
    '| cells | h min mm | steps | Newton (assemblies) | solves | CG / solve (max) | CPU s | CG / assembly / begin+finish / rest s | ns/cell per CG iteration | ns/cell per assembly | µs per cell-step | minor / major faults | RSS growth MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  // One untimed run first, so that the smallest size is not charged the compilation.
  detail(refinementFor(2e4).refinement, Math.min(windowS, 5));
  const out: Detail[] = [];
  for (const n of sizes) {
    const d = detail(refinementFor(n).refinement, windowS);
    out.push(d);
    const s = d.split;
    console.log(
      `| ${d.cells} | ${d.hMinMm.toFixed(3)} | ${d.steps} | ${d.assemblies} | ${d.solves} | ${d.cgPerSolve.toFixed(1)} (${d.cgMax}) | ${d.cpuS.toFixed(1)} | ${s.cg.toFixed(1)} / ${s.assembly.toFixed(1)} / ${s.beginFinish.toFixed(1)} / ${s.rest.toFixed(1)} | ${d.nsPerCellCg.toFixed(1)} | ${d.nsPerCellAssembly.toFixed(1)} | ${d.usPerCellStep.toFixed(2)} | ${d.minorFaults} / ${d.majorFaults} | ${d.rssGrowthMb.toFixed(0)} |`,
    );
  }
  const record = { date: new Date().toISOString(), windowS, loadAverage: loadavg(), runs: out };
  // --out FILE: the record is added to the file's list (the figures docs/performance.md quotes).
  const file = arg('--out', '');
  if (!file) return console.error(JSON.stringify(record));
  const list = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
  list.push(record);
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

main();
