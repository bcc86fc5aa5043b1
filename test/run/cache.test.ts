/**
 * The result cache answers a job only with a result that holds everything the job wants:
 * a planner's run (histories, no summary) must not answer a run that wants summary.json,
 * and storing the richer result afterwards keeps both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskCache } from '../../src/run/cache.js';
import type { RunJob, RunJobResult } from '../../src/run/types.js';
import type { Summary } from '../../src/io/summary-schema.js';

test("a planner's result without a summary does not answer a job that wants one; the fuller result, stored later, answers both", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cryoplan-cache-'));
  try {
    const cache = createDiskCache(dir);
    const hash = 'a1b2c3d4e5f6a7b8';
    const scene = {} as RunJob['scene'];
    const lean: RunJob = { hash, scene, want: { histories: true, summary: false } };
    const full: RunJob = { hash, scene, want: { histories: true } };
    const histories = { time_s: [0, 1], structures: { nerve: [37, Infinity] }, block_s: { nerve: null }, sensors: {}, side_effect_onset_s: {} as never };
    await cache.put(lean, { hash, histories, worker: 'w', wall_s: 1 });
    assert.deepEqual((await cache.get(lean))?.histories, histories, 'the planner reads its own result back (Infinity included)');
    assert.equal(await cache.get(full), undefined, 'no summary: not an answer for a job that wants one');
    const summary = { case: { name: 'x', hash } } as unknown as Summary;
    await cache.put(full, { hash, histories, summary, worker: 'w', wall_s: 1 } as RunJobResult);
    assert.deepEqual((await cache.get(full))?.summary, summary);
    await cache.put(lean, { hash, histories, worker: 'w', wall_s: 1 });
    assert.deepEqual((await cache.get(full))?.summary, summary, 'a later lean result does not drop the stored summary');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
