/**
 * cryoplan plan benchmark (npm run bench:plan): the intercostal preset planned over
 * freeze duration, cycles and placement (cases/intercostal-plan.yaml), and the runners'
 * throughput, side by side in one run.
 *
 *   npm run bench:plan                       # reduced: 8 samples, coarser placement search
 *   node build/bench/plan.js --full          # 32 samples, as cases/intercostal-plan.yaml
 *   node build/bench/plan.js --runners-only  # only the pool / one process / BullMQ comparison
 *
 * Needs redis-server on the PATH for the BullMQ figures (skipped with a note otherwise).
 * Writes bench/plan-results.json.
 */
import { writeFileSync } from 'node:fs';
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

const full = process.argv.includes('--full');
const runnersOnly = process.argv.includes('--runners-only');
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
  const n = 2 * cores;
  const one = createLocalRunner({ threads: 1 });
  const pool = createLocalRunner({ threads: cores });
  const a = await throughput(one, jobs(n, 20));
  const b = await throughput(pool, jobs(n, 60));
  await one.close();
  await pool.close();
  log(
    `local pool, ${cores} threads vs one: ${n} jobs in ${b.wall_s.toFixed(1)} s vs ${a.wall_s.toFixed(1)} s (speed-up ${(a.wall_s / b.wall_s).toFixed(2)}x; per-job simulation time ${(b.busy_s / n).toFixed(2)} s vs ${(a.busy_s / n).toFixed(2)} s)`,
  );
  out.pool_vs_one = { jobs: n, one_thread_s: a.wall_s, pool_s: b.wall_s, speedup: a.wall_s / b.wall_s };

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
    const c = await throughput(q2, jobs(n, 120));
    await q2.close();
    log(`two BullMQ workers vs the local pool: ${n} jobs in ${c.wall_s.toFixed(1)} s vs ${b.wall_s.toFixed(1)} s (ratio ${(b.wall_s / c.wall_s).toFixed(2)})`);
    out.bullmq_two_workers = { jobs: n, wall_s: c.wall_s, vs_pool: b.wall_s / c.wall_s };
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await redis.stop();
  }
}

async function plan() {
  const pc = await loadPlanCase(join(here, '../../cases/intercostal-plan.yaml'));
  if (!full) {
    pc.spec.uncertainty.samples = 8;
    pc.spec.vary.offset_across_mm = [-1, 0, 1];
    pc.spec.vary.offset_depth_mm = [-1, 0];
  }
  const runner = createLocalRunner({ threads: cores });
  let last = 0;
  const env = runnerPlanEnv(pc.scenes, pc.spec, runner, {
    onProgress: (p) => {
      if (Date.now() - last > 15000) {
        last = Date.now();
        log(`  ${p.done}/${p.planned} simulations, ${p.wall_s.toFixed(0)} s, ETA ${p.eta_s === null ? '?' : p.eta_s.toFixed(0)} s`);
      }
    },
  });
  const t0 = performance.now();
  const r = await searchPlan(pc.spec, env);
  const wall = (performance.now() - t0) / 1000;
  await runner.close();
  const sims = r.simulations.screening + r.simulations.robust + r.simulations.cycles;
  const naive = naiveGridRuns(pc.spec);
  const c = r.chosen ?? r.closest;
  log(
    `intercostal plan (${pc.spec.uncertainty.samples} samples${full ? '' : ', reduced'}): ${sims} simulations (screening ${r.simulations.screening}, robust ${r.simulations.robust}, cycles ${r.simulations.cycles}) in ${wall.toFixed(0)} s on ${cores} threads (${(wall / sims).toFixed(1)} s per simulation); a naive grid: ${naive} (${(naive / sims).toFixed(0)}x more)`,
  );
  log(
    `  ${r.chosen ? 'chosen' : 'no plan meets the limits; closest'}: ${c ? `${c.config.cycles} x ${c.freeze_s} s, across ${c.config.across_mm} mm, depth ${c.config.depth_mm} mm, P(block) ${c.block.p.toFixed(2)} ± ${c.block.error.toFixed(2)}${c.fails.length ? `; fails: ${c.fails.join('; ')}` : ''}` : '-'}`,
  );
  out.plan = {
    samples: pc.spec.uncertainty.samples,
    simulations: sims,
    stages: r.simulations,
    wall_s: wall,
    naive_grid: naive,
    chosen: c ? { config: c.config, freeze_s: c.freeze_s, p_block: c.block, meets: c.meets, fails: c.fails } : null,
  };
}

if (!runnersOnly) await plan();
await runners();
out.loadavg_at_end = loadavg();
writeFileSync(join(here, '../../bench/plan-results.json'), `${JSON.stringify(out, null, 2)}\n`);
process.exit(0);
