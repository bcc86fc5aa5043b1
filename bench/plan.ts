/**
 * cryoplan plan benchmark (npm run bench:plan): the intercostal preset planned over
 * freeze duration, cycles and placement (cases/intercostal-plan.yaml); the planner
 * against a naive grid search (bench/naive-grid.ts) over the same choices, both run to
 * their answer on a small case; and the runners' throughput, side by side in one run.
 *
 *   npm run bench:plan                       # everything; the plan with 32 samples, as cases/intercostal-plan.yaml
 *   node build/bench/plan.js --plan-only     # only the intercostal plan: the default pool, one thread, every core always
 *   node build/bench/plan.js --reduced       # the plan with 8 samples and a coarser placement search
 *   node build/bench/plan.js --runners-only  # only the pool / one process / BullMQ comparison
 *   node build/bench/plan.js --grid-only     # only the planner against the naive grid
 *   node build/bench/plan.js --samples 16    # the intercostal plan with 16 samples (any of the above)
 *   node build/bench/plan.js --job-costs     # one plan simulation part by part, on the plan case's grid and the preset's
 *   node build/bench/plan.js --against DIR --samples 16
 *       # only the intercostal plan, by another build (a worktree at DIR, built with
 *       # `npm run build:dev`) and by this one, in turn on the same pool: simulations, CPU s, wall
 *
 * Needs redis-server on the PATH for the BullMQ figures (skipped with a note otherwise).
 * Writes bench/plan-results.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadPlanCase } from '../src/case/plan.js';
import { sceneHash } from '../src/case/load.js';
import { searchPlan } from '../src/core/plan/search.js';
import { naiveGridRuns } from '../src/io/plan/json.js';
import { createLocalRunner } from '../src/run/local-pool.js';
import { createRedisRunner } from '../src/run/redis.js';
import { runnerPlanEnv } from '../src/run/plan-env.js';
import type { Runner, RunJob } from '../src/run/types.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { nerveScene } from '../test/helpers/plan-scene.js';
import { smallCase } from '../test/helpers/small-plan-case.js';
import { planCaseFrom } from '../src/case/plan.js';
import type { Scene } from '../src/core/model.js';
import { planScene } from '../src/run/plan-env.js';
import { uncertaintySamples } from '../src/core/plan/sampling.js';
import { Simulation } from '../src/core/solver/simulate.js';
import { checkCoverage } from '../src/case/coverage.js';
import { computeOutcomes } from '../src/core/outcome/index.js';
import { buildSummary } from '../src/io/summary.js';
import { executeJob } from '../src/run/job.js';
import { naiveGridSearch } from './naive-grid.js';

const full = !process.argv.includes('--reduced');
const runnersOnly = process.argv.includes('--runners-only');
const gridOnly = process.argv.includes('--grid-only');
const planOnly = process.argv.includes('--plan-only');
const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const against = argOf('--against');
const samplesArg = argOf('--samples');
const jobCostsOnly = process.argv.includes('--job-costs');
const here = dirname(fileURLToPath(import.meta.url));
const cores = availableParallelism();
const out: Record<string, unknown> = { date: new Date().toISOString(), cores, loadavg_at_start: loadavg(), full };
const log = (s: string) => process.stdout.write(`${s}\n`);

/** N distinct small jobs (freeze lengths differ, so hashes differ). */
function jobs(n: number, freeze0: number): RunJob[] {
  return Array.from({ length: n }, (_, i) => {
    const scene = nerveScene(freeze0 + i);
    return { hash: sceneHash(scene), scene, want: { histories: true } };
  });
}

async function throughput(runner: Runner, list: RunJob[]): Promise<{ wall_s: number; busy_s: number }> {
  const t0 = performance.now();
  const rs = await Promise.all(list.map((j) => runner.submit(j)));
  return { wall_s: (performance.now() - t0) / 1000, busy_s: rs.reduce((a, r) => a + r.wall_s, 0) };
}

async function runners() {
  const n = 4 * cores;
  const one = createLocalRunner({ threads: 1 });
  const pool = createLocalRunner({ threads: cores });
  const auto = createLocalRunner();
  // Each pool's threads compile the code on a first job of their own, not timed.
  await Promise.all([throughput(one, jobs(1, 5)), throughput(pool, jobs(cores, 7)), throughput(auto, jobs(cores, 11))]);
  const load = [loadavg()[0]];
  // The same work for every runner (60-67 s freezes); the quarter-second offsets only make the
  // hashes differ. (Until 2 December one thread ran 20 s freezes against the pool's 60 s.)
  const a = await throughput(one, jobs(n, 60));
  const b = await throughput(pool, jobs(n, 60.25));
  const d = await throughput(auto, jobs(n, 60.5));
  load.push(loadavg()[0]);
  const width = auto.widthReport();
  await one.close();
  await pool.close();
  await auto.close();
  log(
    `local pool, ${cores} threads vs one: ${n} jobs in ${b.wall_s.toFixed(1)} s vs ${a.wall_s.toFixed(1)} s (speed-up ${(a.wall_s / b.wall_s).toFixed(2)}x; per-job simulation time ${(b.busy_s / n).toFixed(2)} s vs ${(a.busy_s / n).toFixed(2)} s); the default pool: ${d.wall_s.toFixed(1)} s (${(a.wall_s / d.wall_s).toFixed(2)}x one thread; jobs at each width ${JSON.stringify(width?.jobs_at)}, measured speed-up ${width?.speedup?.toFixed(2)}); load ${load.map((l) => l.toFixed(1)).join('-')}`,
  );
  out.pool_vs_one = {
    jobs: n,
    one_thread_s: a.wall_s,
    pool_s: b.wall_s,
    speedup: a.wall_s / b.wall_s,
    default_pool_s: d.wall_s,
    default_speedup: a.wall_s / d.wall_s,
    default_width: width,
    loadavg: load,
  };

  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  try {
    redis = await startRedis();
  } catch (e) {
    log(`BullMQ: skipped (${e instanceof Error ? e.message : e})`);
    return;
  }
  const main = join(here, '../src/cli/main.js');
  const workers: ChildProcess[] = [];
  const startWorker = () =>
    new Promise<void>((resolve) => {
      const w = spawn(process.execPath, [main, 'worker', '--redis', redis.url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      workers.push(w);
      w.stderr?.on('data', (d) => String(d).includes('waiting for jobs') && resolve());
    });
  try {
    // Queue overhead: the same tiny jobs through one BullMQ worker and through a one-thread pool.
    await startWorker();
    // Distinct one-second runs (a queue runs identical cases once: the hash is the job).
    const tiny = (k: number) =>
      jobs(12, 1)
        .map((j, i) => ({ ...j, scene: { ...j.scene, protocol: [{ kind: 'freeze' as const, duration_s: 1 + k / 100 + i / 1000 }] } }))
        .map((j) => ({ ...j, hash: sceneHash(j.scene) }));
    const q = await createRedisRunner({ url: redis.url });
    const local1 = createLocalRunner({ threads: 1 });
    const viaLocal = await throughput(local1, tiny(0));
    const viaQueue = await throughput(q, tiny(50));
    await local1.close();
    const overhead = (viaQueue.wall_s - viaQueue.busy_s - (viaLocal.wall_s - viaLocal.busy_s)) / 12;
    log(
      `queue overhead per job (1 worker, 12 short jobs in turn): ${(1000 * overhead).toFixed(0)} ms (queue ${viaQueue.wall_s.toFixed(2)} s, pool ${viaLocal.wall_s.toFixed(2)} s)`,
    );
    out.queue_overhead_ms = 1000 * overhead;
    await q.close();
    // Two BullMQ workers against the local pool.
    await startWorker();
    const q2 = await createRedisRunner({ url: redis.url });
    const c = await throughput(q2, jobs(n, 60.75));
    await q2.close();
    log(`two BullMQ workers vs the local pool: ${n} jobs in ${c.wall_s.toFixed(1)} s vs ${b.wall_s.toFixed(1)} s (ratio ${(b.wall_s / c.wall_s).toFixed(2)})`);
    out.bullmq_two_workers = { jobs: n, wall_s: c.wall_s, vs_pool: b.wall_s / c.wall_s };
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await redis.stop();
  }
}

/** The planner's entry points, from this build or from another one's (`--against`). */
interface PlannerModules {
  loadPlanCase: typeof loadPlanCase;
  searchPlan: typeof searchPlan;
  createLocalRunner: typeof createLocalRunner;
  runnerPlanEnv: typeof runnerPlanEnv;
}
const THIS_BUILD: PlannerModules = { loadPlanCase, searchPlan, createLocalRunner, runnerPlanEnv };

async function modulesOf(dir: string): Promise<PlannerModules> {
  const at = (f: string) => import(join(dir, 'build/src', f));
  return {
    loadPlanCase: (await at('case/plan.js')).loadPlanCase,
    searchPlan: (await at('core/plan/search.js')).searchPlan,
    createLocalRunner: (await at('run/local-pool.js')).createLocalRunner,
    runnerPlanEnv: (await at('run/plan-env.js')).runnerPlanEnv,
  };
}

/** The intercostal plan, searched on a pool of the given threads with no cache: its wall time, and the CPU time of this process and its threads. */
async function planOn(threads: number | undefined, m: PlannerModules = THIS_BUILD) {
  const pc = await m.loadPlanCase(join(here, '../../cases/intercostal-plan.yaml'));
  if (!full) {
    pc.spec.uncertainty.samples = 8;
    pc.spec.vary.offset_across_mm = [-1, 0, 1];
    pc.spec.vary.offset_depth_mm = [-1, 0];
  }
  if (samplesArg) pc.spec.uncertainty.samples = Number(samplesArg);
  const runner = m.createLocalRunner({ threads });
  let last = 0;
  const env = m.runnerPlanEnv(pc.scenes, pc.spec, runner, {
    onProgress: (p) => {
      if (Date.now() - last > 60000) {
        last = Date.now();
        log(
          `  ${threads === undefined ? 'default pool' : `${threads} thread${threads > 1 ? 's' : ''}`}: ${p.done}/${p.planned} simulations, ${p.wall_s.toFixed(0)} s, ETA ${p.eta_s === null ? '?' : p.eta_s.toFixed(0)} s`,
        );
      }
    },
  });
  const load0 = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await m.searchPlan(pc.spec, env);
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const width = 'widthReport' in runner ? (runner.widthReport as () => unknown)() : null;
  await runner.close();
  return { pc, r, env, wall, cpu: (used.user + used.system) / 1e6, threads, width, loadavg: [load0, loadavg()[0]] };
}

type PlanRun = Awaited<ReturnType<typeof planOn>>;
const simsOf = (x: PlanRun['r']) => x.simulations.screening + x.simulations.robust + x.simulations.cycles;
const answerOf = (x: PlanRun['r']) => x.chosen ?? x.closest;
const sameAnswer = (a: PlanRun['r'], b: PlanRun['r']) => {
  const c = answerOf(a);
  const d = answerOf(b);
  return Boolean(c && d && c.freeze_s === d.freeze_s && JSON.stringify(c.config) === JSON.stringify(d.config) && c.meets === d.meets);
};
const say = (x: PlanRun) => {
  const c = answerOf(x.r);
  return `${simsOf(x.r)} simulations (screening ${x.r.simulations.screening}, robust ${x.r.simulations.robust}, cycles ${x.r.simulations.cycles}), ${x.wall.toFixed(0)} s wall, ${x.cpu.toFixed(0)} CPU s (${(x.cpu / simsOf(x.r)).toFixed(2)} a simulation), load ${x.loadavg.map((l) => l.toFixed(1)).join('-')}; ${x.r.chosen ? 'chosen' : 'closest'}: ${c ? `${c.config.cycles} x ${c.freeze_s} s, across ${c.config.across_mm} mm, depth ${c.config.depth_mm} mm, P(block) ${c.block.p.toFixed(2)} ± ${c.block.error.toFixed(2)} over ${c.block.n}${c.fails.length ? `; fails: ${c.fails.join('; ')}` : ''}` : '-'}`;
};
const record = (x: PlanRun) => ({
  threads: x.threads ?? 'default',
  width: x.width,
  simulations: simsOf(x.r),
  stages: x.r.simulations,
  wall_s: x.wall,
  cpu_s: x.cpu,
  cpu_s_per_simulation: x.cpu / simsOf(x.r),
  loadavg: x.loadavg,
});

/**
 * Where one plan simulation's CPU time goes (the nominal placement, the longest freeze,
 * in this process), on the plan case's grid and on the preset's own (refinement 1):
 * each part's least time over three samples after a first that warms the JIT up (the
 * least is the one other work on a shared machine disturbed least).
 */
async function jobCosts() {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const rows: Record<string, Record<string, number>> = {};
  for (const refinement of [1.5, 1]) {
    const pc = await loadPlanCase(join(here, '../../cases/intercostal-plan.yaml'));
    const base = pc.scenes.get(null) as Scene;
    const scenes = new Map([[null, { ...base, grid: base.grid.kind === 'auto' ? { ...base.grid, refinement } : base.grid }]]);
    const samples = uncertaintySamples(4, 1);
    const config = { probe: null, along_mm: 0, across_mm: 0, depth_mm: 0, angle_to_skin_deg: null, warmer: null, cycles: 1, thaw_s: 30 };
    const tMax = Array.isArray(pc.spec.vary.freeze_s) ? Math.max(...pc.spec.vary.freeze_s) : pc.spec.vary.freeze_s.max;
    const best: Record<string, number> = {};
    for (const [q, s] of samples.entries()) {
      const scene = planScene(scenes, pc.spec, config, tMax, s);
      const row: Record<string, number> = {};
      let c = cpu();
      const lap = (k: string) => {
        const c1 = cpu();
        row[k] = c1 - c;
        c = c1;
      };
      const sim = new Simulation(scene);
      lap('setup_ms');
      checkCoverage(scene, { grid: sim.grid, raster: sim.raster });
      lap('coverage_ms');
      sim.initialise();
      lap('initial_field_ms');
      while (!sim.done) sim.advance();
      row.steps = sim.steps;
      lap('steps_ms');
      const result = sim.result();
      lap('result_ms');
      const outcomes = computeOutcomes(scene, result);
      buildSummary(result, { name: scene.name, hash: 'x' }, 0, ['summary.json'], outcomes);
      lap('summary_ms');
      const t = performance.now();
      const c0 = cpu();
      await executeJob({ hash: sceneHash(scene), scene, want: { histories: true, summary: false } });
      row.plan_job_ms = cpu() - c0;
      row.plan_job_wall_ms = performance.now() - t;
      row.cells = sim.problem.n;
      if (q > 0) for (const [k, v] of Object.entries(row)) best[k] = Math.min(best[k] ?? Infinity, v);
    }
    rows[`refinement ${refinement}`] = best;
    log(
      `refinement ${refinement}: ${Object.entries(best)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')} (CPU ms)`,
    );
  }
  out.job_costs = { loadavg: loadavg(), ...rows };
}

/** This build against another on the same plan, in turn on the same pool of every core (the other first). */
async function versus(dir: string) {
  const other = await planOn(cores, await modulesOf(dir));
  log(`${dir}: ${say(other)}`);
  const mine = await planOn(cores);
  log(`this build: ${say(mine)}`);
  const same = sameAnswer(other.r, mine.r);
  log(
    `this build / ${dir}: simulations ${(simsOf(mine.r) / simsOf(other.r)).toFixed(2)}, CPU ${(mine.cpu / other.cpu).toFixed(2)}, wall ${(mine.wall / other.wall).toFixed(2)}; the same answer: ${same ? 'yes' : 'NO'}`,
  );
  out.versus = {
    other: dir,
    samples: mine.pc.spec.uncertainty.samples,
    other_build: record(other),
    this_build: record(mine),
    ratios: { simulations: simsOf(mine.r) / simsOf(other.r), cpu: mine.cpu / other.cpu, wall: mine.wall / other.wall },
    same_answer: same,
  };
}

async function plan() {
  // The default pool (its width as it finds pays), one thread, and every core always: the same plan with no cache, in turn in one run.
  const pool = await planOn(undefined);
  const one = await planOn(1);
  const all = await planOn(cores);
  const { pc, r, env, wall } = pool;
  const sims = simsOf(r);
  const naive = naiveGridRuns(pc.spec);
  // The grid's time, estimated (not run): its simulated seconds at the seconds of simulation per simulated second measured here.
  const v = pc.spec.vary;
  const lattice = (c: typeof v.freeze_s, step: number) =>
    Array.isArray(c) ? c : Array.from({ length: Math.floor((c.max - c.min) / step + 1e-9) + 1 }, (_, i) => c.min + i * step);
  const durations = lattice(v.freeze_s, v.freeze_step_s);
  const protocols = v.cycles.flatMap((cycles) => (cycles > 1 ? v.thaw_s.map((thaw_s) => ({ cycles, thaw_s })) : [{ cycles, thaw_s: v.thaw_s[0] }]));
  // Runs per (protocol, duration): placements x discrete choices x samples.
  const runsEach = naive / (durations.length * protocols.length);
  const gridSimulated = runsEach * protocols.reduce((a, p) => a + durations.reduce((b, t) => b + p.cycles * t + (p.cycles - 1) * p.thaw_s, 0), 0);
  const busyPerSimulated = env.stats.busy_s / Math.max(1, env.stats.simulated_s);
  const naiveWall = (gridSimulated * busyPerSimulated) / cores;
  const c = answerOf(r);
  const same = sameAnswer(r, one.r);
  log(
    `intercostal plan (${pc.spec.uncertainty.samples} samples${full ? '' : ', reduced'}) on the default pool (up to ${cores} threads): ${say(pool)}; a naive grid: ${naive} (${(naive / sims).toFixed(0)}x more), about ${(naiveWall / 3600).toFixed(1)} h at this run's pace (${(naiveWall / wall).toFixed(0)}x the time; estimated, not run)`,
  );
  log(`  default pool's widths: ${JSON.stringify(pool.width)}`);
  log(`  one thread: ${say(one)}; default pool speed-up ${(one.wall / wall).toFixed(2)}x; the same answer: ${same ? 'yes' : 'NO'}`);
  log(`  ${cores} threads always: ${say(all)}; speed-up ${(one.wall / all.wall).toFixed(2)}x; the same answer: ${sameAnswer(r, all.r) ? 'yes' : 'NO'}`);
  out.plan = {
    samples: pc.spec.uncertainty.samples,
    ...record(pool),
    one_thread: { ...record(one), same_answer: same },
    all_threads: { ...record(all), same_answer: sameAnswer(r, all.r) },
    pool_speedup: one.wall / wall,
    all_threads_speedup: one.wall / all.wall,
    naive_grid: naive,
    naive_grid_ratio: sims / naive,
    naive_grid_wall_s_estimated: naiveWall,
    probe_uncertainty: pc.spec.uncertainty.probe_basis,
    chosen: c ? { config: c.config, freeze_s: c.freeze_s, p_block: c.block, meets: c.meets, fails: c.fails } : null,
  };
}

/**
 * The planner and the naive grid, both run to their answer on the same small case (1 mm
 * grid, a nerve 2 mm from a needle), over duration, cycles and placement across the nerve,
 * on the same pool, with no cache.
 */
async function againstGrid() {
  const planInput = {
    vary: { freeze_s: { min: 10, max: 80 }, duration_step_s: 10, cycles: [1, 2], thaw_s: [20], offset_across_mm: [-1, 0, 1] },
    uncertainty: { samples: 8, nerve_position_mm: 0.3, nerve_depth_mm: 0.3, seed: 3 },
    limits: { skin_min_c: 0 },
    confidence: 0.75,
  };
  const pc = planCaseFrom(smallCase(planInput), 'bench small case');
  const runner = createLocalRunner({ threads: cores });
  const env = runnerPlanEnv(pc.scenes, pc.spec, runner);
  const t0 = performance.now();
  const r = await searchPlan(pc.spec, env);
  const planWall = (performance.now() - t0) / 1000;
  const planSims = r.simulations.screening + r.simulations.robust + r.simulations.cycles;
  const gridEnv = runnerPlanEnv(pc.scenes, pc.spec, runner);
  const t1 = performance.now();
  const g = await naiveGridSearch(pc.spec, gridEnv.scene, (list) => gridEnv.run(list));
  const gridWall = (performance.now() - t1) / 1000;
  await runner.close();
  const a = r.chosen;
  const b = g.answer;
  const same = Boolean(a && b && a.procedure_s === b.procedure_s && a.config.cycles === b.config.cycles && a.config.across_mm === b.config.across_mm);
  const say = (c: { config: { cycles: number; across_mm: number }; freeze_s: number } | null) =>
    c ? `${c.config.cycles} x ${c.freeze_s} s, across ${c.config.across_mm} mm` : 'none';
  log(
    `planner vs naive grid (small case, 8 samples, duration 10-80 s by 10, cycles 1-2, 3 placements): ${planSims} vs ${g.simulations} simulations (${(planSims / g.simulations).toFixed(3)}), ${planWall.toFixed(0)} s vs ${gridWall.toFixed(0)} s (${(planWall / gridWall).toFixed(3)}); answers: ${say(a)} / ${say(b)}${same ? ' (the same)' : ' (DIFFERENT)'}`,
  );
  out.against_grid = {
    planner: { simulations: planSims, wall_s: planWall, answer: a ? { config: a.config, freeze_s: a.freeze_s } : null },
    naive_grid: { simulations: g.simulations, wall_s: gridWall, answer: b },
    simulations_ratio: planSims / g.simulations,
    time_ratio: planWall / gridWall,
    same_answer: same,
  };
}

if (against) await versus(against);
else if (jobCostsOnly) await jobCosts();
else {
  if (!runnersOnly && !planOnly) await againstGrid();
  if (!runnersOnly && !gridOnly) await plan();
  if (!gridOnly && !planOnly) await runners();
}
out.loadavg_at_end = loadavg();
// A partial run (--plan-only, --grid-only, --runners-only) keeps the other sections' last figures.
const file = join(here, '../../bench/plan-results.json');
const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(file, `${JSON.stringify({ ...before, ...out }, null, 2)}\n`);
process.exit(0);
