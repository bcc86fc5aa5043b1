import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { planCaseFrom } from '../../src/case/plan.js';
import { executeJob } from '../../src/run/job.js';
import { runPlan } from '../../src/run/run-plan.js';
import type { Runner } from '../../src/run/types.js';
import type { PlanJson } from '../../src/io/plan/schema.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { cli, killWorkers, runsAJob, startWorker } from '../helpers/cryoplan-process.js';
import { smallCase } from '../helpers/small-plan-case.js';
import { tempDir } from '../helpers/temp-dir.js';

// Whole plans on BullMQ with a fault in the middle, against the same plan made undisturbed in
// this process. A cheap plan: duration only, 3 samples on the 8,000-cell small case (4 runs).
const CASE = smallCase({
  vary: { freeze_s: { min: 5, max: 60 } },
  uncertainty: { samples: 3, nerve_position_mm: 0.3, nerve_depth_mm: 0, seed: 2 },
  confidence: 0.6,
});

/** Runs each job here, one at a time (the concurrency of a queue with one worker, so the search batches alike). */
const inProcess: Runner = { name: 'this process', concurrency: 1, submit: (job) => executeJob(job), close: async () => {} };

/** What must not change when a fault strikes: the answer, every candidate, and the simulations counted (none lost or run twice). */
const answer = (j: PlanJson) => ({ verdict: j.verdict, chosen: j.chosen, candidates: j.candidates, computed: j.simulations.computed });

let redis: TestRedis;
let undisturbed: ReturnType<typeof answer>;
let dir: string;

before(async () => {
  [redis, dir] = await Promise.all([startRedis(), tempDir('plan-faults')]);
  await writeFile(join(dir, 'case.yaml'), stringify(CASE));
  undisturbed = answer((await runPlan(planCaseFrom(CASE, 'case.yaml'), inProcess, { runnerName: 'this process' })).json);
  assert.ok(undisturbed.chosen, undisturbed.verdict);
});
after(async () => {
  killWorkers();
  await redis.stop();
});

const planOnRedis = (out: string) => cli(['plan', 'case.yaml', '--redis', redis.url, '--out', out, '--no-cache', '--quiet'], dir);
const planJson = async (out: string) => JSON.parse(await readFile(join(dir, out, 'plan.json'), 'utf8')) as PlanJson;

test('cryoplan plan --redis: the only worker SIGKILLed mid-job, a second one started: the plan completes with the undisturbed answer', async () => {
  const w1 = await startWorker(redis.url);
  const started = runsAJob(w1);
  const plan = planOnRedis('killed');
  await started;
  w1.kill('SIGKILL');
  // Its job's lock lapses (2 s); BullMQ's stalled-job check gives it to the new worker.
  await startWorker(redis.url);
  const r = await plan;
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(answer(await planJson('killed')), undisturbed);
});

test('cryoplan plan --redis: Redis restarted empty mid-plan: the plan completes with the undisturbed answer', async () => {
  // Empty, so that no job of the previous test answers from Redis.
  await redis.restart();
  const w = await startWorker(redis.url);
  const started = runsAJob(w);
  const plan = planOnRedis('restarted');
  await started;
  // The job in progress and the queue are gone: the plan's runner finds its jobs missing and adds them again; the worker reconnects.
  await redis.restart();
  const r = await plan;
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(answer(await planJson('restarted')), undisturbed);
});
