import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalRunner, RunCancelled } from '../../src/run/local-pool.js';
import { executeJob } from '../../src/run/job.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { firstCrossing } from '../../src/core/outcome/nerve.js';
import { jobOf, nerveScene } from '../helpers/plan-scene.js';

test('the local pool runs jobs in worker threads with the same results as this process, and reports progress', async () => {
  const runner = createLocalRunner({ threads: 2 });
  try {
    const jobs = [jobOf(nerveScene(30)), jobOf(nerveScene(45))];
    const progress: number[] = [];
    const results = await Promise.all(jobs.map((j, i) => runner.submit(j, { onProgress: i === 0 ? (p) => progress.push(p.time_s) : undefined })));
    assert.ok(progress.length > 0, 'progress messages arrive');
    assert.ok(
      progress.every((t, i) => i === 0 || t >= progress[i - 1]),
      'progress only moves forward',
    );
    const here = await executeJob(jobs[1]);
    const a = results[1].summary!;
    assert.deepEqual(a.structures, here.summary!.structures);
    assert.deepEqual(results[1].histories, here.histories);
    assert.match(results[0].worker, /thread-\d+/);
    // The planner's job (no summary): the same histories as the full run, and no summary, outcome models or files.
    const lean = await runner.submit({ ...jobs[1], want: { histories: true, summary: false } });
    assert.deepEqual(lean.histories, here.histories);
    assert.equal(lean.summary, undefined);
    assert.equal(lean.files, undefined);
  } finally {
    await runner.close();
  }
});

test('the recorded time of complete block agrees with the outcome model at the end of runs of other lengths', async () => {
  // Independent of the recorder: each shorter run's own outcome (coldestCrossSection of its
  // minimum field) must say complete exactly when the long run's block time lies before its end.
  const long = await executeJob(jobOf(nerveScene(60)));
  const t = long.histories?.block_s.nerve;
  assert.ok(t !== null && t !== undefined && t > 5 && t < 55, `block within the run (${t})`);
  for (const d of [t - 4, t + 4]) {
    const scene = nerveScene(d);
    const r = simulate(scene);
    const o = computeOutcomes(scene, r).nerves[0];
    const frozen = r.structures.find((s) => s.name === 'nerve')?.cross_section?.frozen_length_mm['-20'] ?? 0;
    assert.equal(frozen > 0, d > t, `freeze ${d.toFixed(1)} s vs block at ${t.toFixed(1)} s: frozen-through length ${frozen}, block ${o.block}`);
  }
  // The coldest point crosses earlier than the whole section.
  const series = long.histories?.structures.nerve ?? [];
  const first = firstCrossing(long.histories?.time_s ?? [], series, -20);
  assert.ok(first !== null && first < t);
});

test('an aborted job stops at once and rejects; a closed runner refuses work', async () => {
  const runner = createLocalRunner({ threads: 1 });
  const ac = new AbortController();
  const started = Date.now();
  const p = runner.submit(jobOf(nerveScene(600)), { signal: ac.signal });
  setTimeout(() => ac.abort(), 300);
  await assert.rejects(p, RunCancelled);
  assert.ok(Date.now() - started < 5000, 'stopped within seconds');
  // The pool replaced the thread: it still works.
  const r = await runner.submit(jobOf(nerveScene(10)));
  assert.equal(r.hash.length, 16);
  await runner.close();
  await assert.rejects(runner.submit(jobOf(nerveScene(10))), /closed/);
});
