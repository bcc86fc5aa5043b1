/**
 * `cryoplan serve --redis`: the API's runs go through BullMQ to a `cryoplan worker`
 * process (its own Redis on a free port, as the runner's own tests do), and come back
 * as the same result folder.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ROOT, SMALL_PLAN, TINY, readEvents, yamlPost } from './helpers.js';

const MAIN = join(ROOT, 'build/src/cli/main.js');
const procs: ChildProcess[] = [];
let redis: TestRedis | undefined;
after(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  await redis?.stop();
});

function start(args: string[], ready: RegExp, stream: 'stdout' | 'stderr'): Promise<string> {
  const p = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(p);
  return new Promise((resolve, reject) => {
    let out = '';
    p[stream].on('data', (d) => {
      out += String(d);
      const m = ready.exec(out);
      if (m) resolve(m[1] ?? m[0]);
    });
    p.on('exit', (code) => reject(new Error(`cryoplan ${args[0]} exited ${code}: ${out}`)));
  });
}

test('serve --redis: a run and a plan go through BullMQ to a cryoplan worker and their folders are served', { timeout: 600_000 }, async () => {
  redis = await startRedis();
  await start(['worker', '--redis', redis.url, '--concurrency', '1'], /waiting for jobs/, 'stderr');
  const url = await start(['serve', '--port', '0', '--data', await tempDir('cryoplan-redis-serve'), '--redis', redis.url], /at (http:\/\/[^\s/]+)\//, 'stdout');
  const res = await fetch(`${url}/api/runs`, yamlPost(TINY));
  assert.equal(res.status, 202);
  const run = (await res.json()) as { id: string; hash: string };
  const evs = await readEvents(`${url}/api/runs/${run.id}/events`);
  const end = evs.at(-1)!.data as { status: string; reason?: string; files?: string[] };
  assert.equal(end.status, 'done', end.reason);
  const summary = (await (await fetch(`${url}/api/runs/${run.id}/summary.json`)).json()) as { case: { hash: string } };
  assert.equal(summary.case.hash, run.hash);
  assert.equal((await fetch(`${url}/api/runs/${run.id}/report.html`)).status, 200);

  // A plan's simulations take the same way: the same runner as the runs.
  const pres = await fetch(`${url}/api/plans`, yamlPost(SMALL_PLAN.replace('samples: 4', 'samples: 2')));
  assert.equal(pres.status, 202);
  const plan = (await pres.json()) as { id: string };
  const pend = (await readEvents(`${url}/api/plans/${plan.id}/events`)).at(-1)!.data as { status: string; reason?: string };
  assert.equal(pend.status, 'done', pend.reason);
  const json = (await (await fetch(`${url}/api/plans/${plan.id}/plan.json`)).json()) as { timing: { runner: string }; simulations: { computed: number } };
  assert.match(json.timing.runner, /^BullMQ on /);
  assert.ok(json.simulations.computed >= 2);
});

test('serve --redis with no Redis there: a clear error, exit code 2', { timeout: 60_000 }, async () => {
  const p = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--data', await tempDir('cryoplan-redis-none'), '--redis', 'redis://127.0.0.1:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(p);
  let err = '';
  p.stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await new Promise((r) => p.once('exit', r));
  assert.equal(code, 2);
  assert.match(err, /serve: .*redis/i);
});
