import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRedisRunner, RedisUnavailable, RemoteJobFailed } from '../../src/run/redis.js';
import { executeJob } from '../../src/run/job.js';
import type { Runner } from '../../src/run/types.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redis-server.js';
import { jobOf, nerveScene } from '../helpers/plan-scene.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
let redis: TestRedis;
const workers: ChildProcess[] = [];

function startWorker(url: string): Promise<ChildProcess> {
  const w = spawn(process.execPath, [MAIN, 'worker', '--redis', url, '--concurrency', '1', '--lock-seconds', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  workers.push(w);
  return new Promise((resolve, reject) => {
    let err = '';
    w.stderr?.on('data', (d) => {
      err += String(d);
      if (err.includes('waiting for jobs')) resolve(w);
    });
    w.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}
/** Resolves when the worker logs that it started a job. */
const runsAJob = (w: ChildProcess) =>
  new Promise<void>((resolve) => {
    w.stderr?.on('data', (d) => {
      if (/ runs /.test(String(d))) resolve();
    });
  });

before(async () => {
  redis = await startRedis();
});
after(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await redis.stop();
});

test('an unreachable Redis is a clear error naming the URL within 5 s', async () => {
  const url = `redis://127.0.0.1:${await freePort()}`;
  const t0 = Date.now();
  await assert.rejects(createRedisRunner({ url }), (e: Error) => e instanceof RedisUnavailable && e.message.includes(url));
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
});

test('jobs on BullMQ workers: a worker SIGKILLed mid-job loses nothing, a job that throws fails clearly, a restarted Redis costs nothing', async () => {
  const w1 = await startWorker(redis.url);
  let runner: Runner | undefined;
  try {
    runner = await createRedisRunner({ url: redis.url, pollMs: 500 });
    // 1. Kill the only worker once it has started the job; a second worker finishes it after the lock lapses.
    const job = jobOf(nerveScene(30));
    const started = runsAJob(w1);
    const pending = runner.submit(job);
    await started;
    w1.kill('SIGKILL');
    await startWorker(redis.url);
    const r = await pending;
    const here = await executeJob(job);
    assert.deepEqual(r.summary.structures, here.summary.structures, 'the same result as in this process');
    assert.deepEqual(r.histories, here.histories);

    // 2. A job that throws (the solver cannot converge): the plan gets the reason, the worker lives on.
    const bad = nerveScene(30, { solver: { dt_min_s: 20, dt_max_s: 20, max_change_c: 10, tolerance_c: 1e-12, max_iterations: 1, initial: 'uniform' } });
    await assert.rejects(runner.submit(jobOf(bad)), (e: Error) => e instanceof RemoteJobFailed && /did not converge/.test(e.message));

    // 3. Redis restarted (empty) while a job waits: the runner adds it again and gets the result.
    const job2 = jobOf(nerveScene(35));
    const p2 = runner.submit(job2);
    await new Promise((res) => setTimeout(res, 300));
    await redis.restart();
    const r2 = await p2;
    assert.deepEqual(r2.histories, (await executeJob(job2)).histories);
  } finally {
    await runner?.close();
  }
});
