/**
 * The local pool's width when --threads is not given. The truth is a model machine whose
 * throughput at each width is set by the test: two jobs side by side take 2/g times as
 * long as one alone (g, the true speed-up of two at once, from 0.6, as measured on this
 * project's loaded machine, to 1.9, near a free one). The width must settle on the
 * faster of the two and run few jobs at the slower one while it keeps checking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { PoolWidth } from '../../src/run/pool-width.js';
import { createLocalRunner, RunCancelled } from '../../src/run/local-pool.js';
import { jobOf, nerveScene } from '../helpers/plan-scene.js';
import { rng } from '../../src/core/plan/sampling.js';

/** Runs n jobs of random size through the model machine; returns the jobs run at each width and the wall time. */
function drive(g: number, start: number, n: number, noise: number, seed = 1) {
  const w = new PoolWidth({ max: 2, start });
  const r = rng(seed);
  const at = { 1: 0, 2: 0 };
  let wall = 0;
  // The first job of each thread is cold (three times as long) and must not be taken for the machine's pace.
  let cold = 2;
  for (let done = 0; done < n; ) {
    const width = w.width;
    const size = () => 240 * (0.5 + r());
    const jitter = () => 1 + noise * (r() - 0.5) * 2;
    if (width === 1 || done === n - 1) {
      const u = size();
      const t = (u / 100) * jitter() * (cold > 0 ? 3 : 1);
      w.observe({ wall_s: t, units: u, overlap: 1, cold: cold-- > 0 });
      wall += t;
      at[1]++;
      done++;
    } else {
      const ts = [size(), size()].map((u) => ({ u, t: ((u / 100) * 2 * jitter()) / g }));
      for (const { u, t } of ts) w.observe({ wall_s: t, units: u, overlap: 2, cold: cold-- > 0 });
      wall += Math.max(...ts.map((x) => x.t));
      at[2] += 2;
      done += 2;
    }
  }
  return { at, wall, width: w.width, speedup: w.speedup };
}

test('the adaptive width settles on whichever of one or two at once is faster, from either first guess', () => {
  for (const start of [1, 2]) {
    for (const g of [0.6, 0.9, 1.5, 1.9]) {
      const d = drive(g, start, 120, 0.1);
      const better = g >= 1.05 ? 2 : 1;
      const wrong = better === 2 ? d.at[1] : d.at[2];
      assert.ok(d.speedup !== null && Math.abs(d.speedup - g) < 0.25 * g, `g ${g}: measured speed-up ${d.speedup}`);
      // Checking the other width costs a few jobs in each stretch of `stale` (12) jobs, no more.
      assert.ok(wrong <= 0.2 * 120, `g ${g}, start ${start}: ${wrong} of 120 jobs at the slower width (${JSON.stringify(d.at)})`);
    }
  }
});

test('a machine that frees up mid-way is noticed: the width follows the speed-up within a few dozen jobs', () => {
  const w = new PoolWidth({ max: 2, start: 1 });
  const feed = (g: number, jobs: number) => {
    for (let i = 0; i < jobs; i += w.width) {
      if (w.width === 1) w.observe({ wall_s: 1, units: 1, overlap: 1 });
      else for (let k = 0; k < 2; k++) w.observe({ wall_s: 2 / g, units: 1, overlap: 2 });
    }
  };
  feed(0.6, 40);
  assert.equal(w.width, 1);
  feed(1.8, 40);
  assert.equal(w.width, 2);
  feed(0.7, 40);
  assert.equal(w.width, 1);
  // Jobs that ran partly alone, partly beside another, tell nothing about either width.
  const v = new PoolWidth({ max: 2, start: 2 });
  for (let i = 0; i < 30; i++) v.observe({ wall_s: 1, units: 1, overlap: 1.5 });
  assert.equal(v.speedup, null);
});

test('the default pool starts with every core; --threads is honoured as given', async () => {
  assert.equal(new PoolWidth({ max: 2 }).width, 2);
  const auto = createLocalRunner();
  assert.equal(auto.concurrency, availableParallelism());
  await auto.close();
  const one = createLocalRunner({ threads: 1 });
  const two = createLocalRunner({ threads: 2 });
  try {
    assert.equal(one.concurrency, 1);
    assert.equal(two.concurrency, 2);
    assert.equal(one.widthReport(), null);
  } finally {
    await one.close();
    await two.close();
  }
});

test('the default pool runs every job it is given through its gate, at the width it says, and a job cancelled while waiting rejects', async () => {
  const runner = createLocalRunner();
  try {
    const widths: number[] = [];
    const rs = await Promise.all(
      [2, 3, 4].map(async (t) => {
        widths.push(runner.concurrency);
        return runner.submit(jobOf(nerveScene(t)));
      }),
    );
    assert.equal(new Set(rs.map((r) => r.hash)).size, 3);
    const report = runner.widthReport() ?? assert.fail('an adaptive pool reports its width');
    assert.ok(widths.every((w) => w === 1 || w === 2));
    // Each job counted once, at the number in flight when it started (never past the pool's threads).
    assert.equal(
      Object.values(report.jobs_at).reduce((a, b) => a + b, 0),
      3,
    );
    assert.ok(Object.keys(report.jobs_at).every((k) => Number(k) >= 1 && Number(k) <= report.max));
    const ac = new AbortController();
    const queued = Array.from({ length: 3 }, (_, i) => runner.submit(jobOf(nerveScene(300 + i)), { signal: ac.signal }));
    setTimeout(() => ac.abort(), 100);
    for (const p of queued) await assert.rejects(p, RunCancelled);
    const after = await runner.submit(jobOf(nerveScene(3)));
    assert.equal(after.hash.length, 16);
  } finally {
    await runner.close();
  }
});
