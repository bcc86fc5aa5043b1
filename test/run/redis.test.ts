import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRedisRunner, RedisUnavailable, RemoteJobFailed } from '../../src/run/redis.js';
import { executeJob } from '../../src/run/job.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redis-server.js';
import { jobOf, nerveScene } from '../helpers/plan-scene.js';
import { killWorkers, startWorker } from '../helpers/cryoplan-process.js';

let redis: TestRedis;

before(async () => {
  redis = await startRedis();
});
after(async () => {
  killWorkers();
  await redis.stop();
});

test('an unreachable Redis is a clear error naming the URL within 5 s', async () => {
  const url = `redis://127.0.0.1:${await freePort()}`;
  const t0 = Date.now();
  await assert.rejects(createRedisRunner({ url }), (e: Error) => e instanceof RedisUnavailable && e.message.includes(url));
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
});

// A worker SIGKILLed mid-job and a Redis restarted mid-plan: whole plans in test/run/plan-faults.test.ts.
test('a job that throws on a BullMQ worker fails clearly and the worker lives on', async () => {
  await startWorker(redis.url);
  const runner = await createRedisRunner({ url: redis.url, pollMs: 500 });
  try {
    // The solver cannot converge (20 s steps, one nonlinear iteration to 1e-12): the plan gets the reason.
    const bad = nerveScene(30, { solver: { dt_min_s: 20, dt_max_s: 20, max_change_c: 10, tolerance_c: 1e-12, max_iterations: 1, initial: 'uniform' } });
    await assert.rejects(runner.submit(jobOf(bad)), (e: Error) => e instanceof RemoteJobFailed && /did not converge/.test(e.message));
    // The same worker runs the next job.
    const job = jobOf(nerveScene(10));
    assert.deepEqual((await runner.submit(job)).summary!.structures, (await executeJob(job)).summary!.structures);
  } finally {
    await runner.close();
  }
});

test('Redis gone for good while a job waits: the job fails naming the URL once lostAfter_s has passed, and the runner closes', async () => {
  const own = await startRedis();
  const runner = await createRedisRunner({ url: own.url, pollMs: 200, lostAfter_s: 1 });
  // No worker: the job waits on the queue.
  const pending = runner.submit(jobOf(nerveScene(30)));
  await own.stop();
  const t0 = Date.now();
  await assert.rejects(pending, (e: Error) => e instanceof RedisUnavailable && e.message.includes(`lost the connection to Redis at ${own.url} for over 1 s`));
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  await runner.close();
});
