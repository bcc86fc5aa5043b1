/**
 * /api/plans end to end: a real server, the planner's search on the worker threads,
 * the plan folders on disk. The plan is small (duration only, 4 samples, 8,000 cells).
 * What each check stands on: the plan's own schema (PlanJsonSchema), the CLI's
 * messages and field paths for bad input, the case loader for plan.yaml, and the
 * store's files on disk for a restart.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { PlanJsonSchema } from '../../src/io/plan/schema.js';
import { parseCase } from '../../src/case/load.js';
import { tempDir } from '../helpers/temp-dir.js';
import { SMALL_PLAN, readEvents, yamlPost } from './helpers.js';

interface PlanView {
  id: string;
  status: string;
  name: string;
  reason?: string;
  files?: string[];
  verdict?: string;
  progress?: { done: number; planned: number; fraction: number };
}
interface ErrorBody {
  error: { status: number; message: string; issues: { path: string; message: string }[] };
}

const servers: RunningServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

async function server(dataDir?: string): Promise<RunningServer> {
  const s = await startServer({ port: 0, host: '127.0.0.1', dataDir: dataDir ?? (await tempDir('cryoplan-plans')) });
  servers.push(s);
  return s;
}

const post = (s: RunningServer, body: string, query = '') => fetch(`${s.url}/api/plans${query}`, yamlPost(body));

async function issues(res: Response): Promise<ErrorBody['error']> {
  assert.equal(res.status, 422, `status ${res.status}`);
  return ((await res.json()) as ErrorBody).error;
}

test('POST /api/plans: bad inputs get 422 with the field path and the CLI reason', async () => {
  const s = await server();
  let e = await issues(await post(s, SMALL_PLAN.replace('freeze_s: { min: 5, max: 90 }', 'freeze_s: { min: 90, max: 30 }')));
  assert.ok(
    e.issues.some((i) => i.path === 'plan.vary.freeze_s' && /inverted range: min \(90\) is above max \(30\)/.test(i.message)),
    JSON.stringify(e.issues),
  );
  e = await issues(await post(s, `${SMALL_PLAN}  target: nerv\n`));
  assert.ok(
    e.issues.some((i) => i.path === 'plan.target' && /no nerve named 'nerv' in the case \(did you mean 'nerve'\?\)/.test(i.message)),
    JSON.stringify(e.issues),
  );
  e = await issues(await post(s, SMALL_PLAN.replace('samples: 4', 'samples: many')));
  assert.ok(
    e.issues.some((i) => i.path === 'plan.uncertainty.samples'),
    JSON.stringify(e.issues),
  );
  e = await issues(await post(s, SMALL_PLAN.replace('confidence: 0.5', 'confidence: 1.5')));
  assert.ok(
    e.issues.some((i) => i.path === 'plan.confidence'),
    JSON.stringify(e.issues),
  );
  e = await issues(await post(s, '', '?condition=intercostl'));
  assert.deepEqual(
    e.issues.map((i) => i.path),
    ['condition'],
  );
  assert.match(e.issues[0].message, /unknown condition 'intercostl' \(did you mean 'intercostal'\?\)/);
  e = await issues(await post(s, 'name: x\nplan: [\n'));
  assert.match(e.issues[0].message, /line \d+, column \d+: syntax error/);
  const big = await post(s, SMALL_PLAN.replace('spacing_mm: 1', 'spacing_mm: 0.05'));
  const eb = await issues(big);
  assert.equal(eb.issues[0].path, 'grid');
  const text = await fetch(`${s.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: SMALL_PLAN });
  assert.equal(text.status, 415);
  assert.equal((await (await fetch(`${s.url}/api/plans`)).json()).length, 0, 'no plan was recorded for a bad request');
});

test('unknown plan ids and files: 404 with a JSON body; a path never escapes the data folder', async () => {
  const s = await server();
  for (const path of ['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA/plan.json', 'AAAAAAAAAAAAAAAAAAAAAA/events', '..%2F..%2Fetc', 'x/plan.json']) {
    const res = await fetch(`${s.url}/api/plans/${path}`);
    assert.equal(res.status, 404, path);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.status, 404);
    assert.match(body.error.message, /no plan/, path);
  }
  const del = await fetch(`${s.url}/api/plans/AAAAAAAAAAAAAAAAAAAAAA`, { method: 'DELETE' });
  assert.equal(del.status, 404);
});

test('a small plan: queued -> running -> done with progress events; plan.json, plan.html, plan.yaml served; restart keeps it', {
  timeout: 600_000,
}, async () => {
  const data = await tempDir('cryoplan-plans-restart');
  const s = await server(data);
  const res = await post(s, SMALL_PLAN);
  assert.equal(res.status, 202);
  const plan = (await res.json()) as PlanView;
  assert.equal(res.headers.get('location'), `/api/plans/${plan.id}`);
  assert.match(plan.id, /^[A-Za-z0-9_-]{22}$/);
  const evs = await readEvents(`${s.url}/api/plans/${plan.id}/events`);
  const progress = evs.filter((e) => e.event === 'progress').map((e) => e.data as { done: number; planned: number; fraction: number });
  assert.ok(progress.length >= 2, `progress events: ${progress.length}`);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].done >= progress[i - 1].done, 'simulations done never go back');
  const end = evs.at(-1)!.data as PlanView;
  assert.equal(end.status, 'done', end.reason);
  assert.deepEqual(end.files, ['plan.html', 'plan.json', 'plan.yaml']);
  assert.match(end.verdict ?? '', /^Plan found/);

  const json = PlanJsonSchema.parse(await (await fetch(`${s.url}/api/plans/${plan.id}/plan.json`)).json());
  assert.ok(json.chosen);
  assert.equal(json.simulations.robust, 4, 'duration only: one simulation per sample');
  const html = await fetch(`${s.url}/api/plans/${plan.id}/plan.html`);
  assert.match(html.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(await html.text(), /<svg/);
  const yamlText = await (await fetch(`${s.url}/api/plans/${plan.id}/plan.yaml`)).text();
  const chosen = parseCase(yamlText, 'plan.yaml');
  assert.equal(chosen.scene.protocol.find((p) => p.kind === 'freeze')?.duration_s, json.chosen.freeze_s, 'plan.yaml freezes for the chosen time');
  assert.equal(await (await fetch(`${s.url}/api/plans/${plan.id}/case`)).text(), SMALL_PLAN);

  // A second plan of the same case is answered from the server's cache.
  const again = (await (await post(s, SMALL_PLAN)).json()) as PlanView;
  const end2 = (await readEvents(`${s.url}/api/plans/${again.id}/events`)).at(-1)!.data as PlanView;
  assert.equal(end2.status, 'done');
  const j2 = PlanJsonSchema.parse(await (await fetch(`${s.url}/api/plans/${again.id}/plan.json`)).json());
  assert.equal(j2.simulations.computed, 0, 'every simulation from the cache');
  assert.equal(j2.chosen?.freeze_s, json.chosen.freeze_s);

  // A plan the server was running when it died (its record still says running).
  const ghost = 'BBBBBBBBBBBBBBBBBBBBBB';
  await mkdir(join(data, 'plan-records'), { recursive: true });
  await writeFile(
    join(data, 'plan-records', `${ghost}.json`),
    JSON.stringify({ id: ghost, status: 'running', name: 'ghost', hash: 'x', cells: 1, source: '', format: 'yaml', created_at: new Date().toISOString() }),
  );
  await s.close();
  const s2 = await server(data);
  const kept = (await (await fetch(`${s2.url}/api/plans/${plan.id}`)).json()) as PlanView;
  assert.equal(kept.status, 'done');
  assert.match(kept.verdict ?? '', /^Plan found/);
  assert.equal((await fetch(`${s2.url}/api/plans/${plan.id}/plan.json`)).status, 200);
  const g = (await (await fetch(`${s2.url}/api/plans/${ghost}`)).json()) as PlanView;
  assert.equal(g.status, 'interrupted');
  assert.match(g.reason ?? '', /server stopped/);
  const list = (await (await fetch(`${s2.url}/api/plans`)).json()) as PlanView[];
  assert.equal(list.length, 3);
});

test('DELETE /api/plans/:id cancels a plan while it searches; a second DELETE is 409', { timeout: 300_000 }, async () => {
  const s = await server();
  // Many samples and no cache to draw on: a plan that would take minutes.
  const slow = SMALL_PLAN.replace('samples: 4', 'samples: 64, seed: 7');
  const plan = (await (await post(s, slow)).json()) as PlanView;
  await readEvents(`${s.url}/api/plans/${plan.id}/events`, (e) => e.event === 'progress' && (e.data as { planned: number }).planned > 0);
  const t0 = performance.now();
  const del = await fetch(`${s.url}/api/plans/${plan.id}`, { method: 'DELETE' });
  const ms = performance.now() - t0;
  assert.equal(del.status, 200);
  const view = (await del.json()) as PlanView;
  assert.equal(view.status, 'cancelled');
  assert.ok(ms < 5000, `cancelled in ${ms.toFixed(0)} ms`);
  assert.equal((await fetch(`${s.url}/api/plans/${plan.id}`, { method: 'DELETE' })).status, 409);
  assert.equal((await fetch(`${s.url}/api/plans/${plan.id}/plan.json`)).status, 404);
  // The pool is free again: a run goes through.
  const run = await fetch(`${s.url}/api/runs`, yamlPost((await import('./helpers.js')).TINY));
  const { id } = (await run.json()) as { id: string };
  const evs = await readEvents(`${s.url}/api/runs/${id}/events`);
  assert.equal((evs.at(-1)!.data as { status: string }).status, 'done');
});

test('the OpenAPI document describes /api/plans', async () => {
  const s = await server();
  const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  for (const p of [
    '/api/plans',
    '/api/plans/{id}',
    '/api/plans/{id}/events',
    '/api/plans/{id}/plan.json',
    '/api/plans/{id}/plan.html',
    '/api/plans/{id}/plan.yaml',
  ])
    assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api/plans'].post && doc.paths['/api/plans/{id}'].delete);
  assert.ok(doc.components.schemas.Plan && doc.components.schemas.PlanJson);
});
