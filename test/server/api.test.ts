/**
 * The HTTP API end to end: a real server on a free loopback port, real runs on the
 * worker threads, the result folders on disk. Cases are tiny so that the file runs
 * in tens of seconds.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { TINY, tinyCase, readEvents, yamlPost, type SseEvent } from './helpers.js';

interface Run {
  id: string;
  status: string;
  name: string;
  hash: string;
  reason?: string;
  files?: string[];
  progress?: { fraction: number };
}

const servers: RunningServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(opts: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  const s = await startServer({ port: 0, host: '127.0.0.1', dataDir: opts.dataDir ?? (await tempDir('cryoplan-api')), ...opts });
  servers.push(s);
  return s;
}

const submit = async (s: RunningServer, body: string) => {
  const res = await fetch(`${s.url}/api/runs`, yamlPost(body));
  const run = (await res.json()) as Run;
  assert.equal(res.status, 202, JSON.stringify(run));
  return run;
};

const finished = async (s: RunningServer, id: string): Promise<Run> => {
  const evs = await readEvents(`${s.url}/api/runs/${id}/events`);
  const last = evs.at(-1)!;
  assert.equal(last.event, 'status');
  return last.data as Run;
};

let shared: RunningServer;
test('start one server for the tests that share it', async () => {
  shared = await server();
});

test('POST /api/validate: a good case, wrong types, a YAML and a JSON syntax error', async () => {
  const post = (body: string, type = 'application/yaml') => fetch(`${shared.url}/api/validate`, { method: 'POST', headers: { 'content-type': type }, body });
  let res = await post(TINY);
  assert.equal(res.status, 200);
  const good = (await res.json()) as { valid: boolean; cells: number; name: string };
  assert.deepEqual([good.valid, good.name, good.cells], [true, 'tiny', 12 * 12 * 12]);

  res = await post(TINY.replace('diameter_mm: 2', 'diameter_mm: two').replace('tip_mm: [0, 0, 8]', 'tip_mm: [0, 0]'));
  const bad = (await res.json()) as { valid: boolean; issues: { path: string; message: string }[] };
  assert.equal(bad.valid, false);
  const paths = bad.issues.map((i) => i.path);
  assert.ok(paths.includes('probes[0].diameter_mm'), JSON.stringify(bad.issues));
  assert.ok(paths.includes('probes[0].tip_mm'), JSON.stringify(bad.issues));

  res = await post('name: x\nprobes: [\n');
  const syntax = (await res.json()) as { valid: boolean; issues: { message: string }[] };
  assert.equal(syntax.valid, false);
  assert.match(syntax.issues[0].message, /line \d+, column \d+: syntax error/);

  res = await post('{"name": "x",}', 'application/json');
  const js = (await res.json()) as { valid: boolean; issues: { message: string }[] };
  assert.equal(js.valid, false);
  assert.match(js.issues[0].message, /JSON syntax error/);
});

test('POST /api/runs: a run goes queued -> running -> done, with progress events, and its result folder is served', async () => {
  const res = await fetch(`${shared.url}/api/runs`, yamlPost(TINY));
  assert.equal(res.status, 202);
  const run = (await res.json()) as Run;
  assert.equal(res.headers.get('location'), `/api/runs/${run.id}`);
  assert.match(run.id, /^[A-Za-z0-9_-]{22}$/);
  const evs = await readEvents(`${shared.url}/api/runs/${run.id}/events`);
  const progress = evs.filter((e) => e.event === 'progress').map((e) => (e.data as { fraction: number }).fraction);
  assert.ok(progress.length >= 1, 'at least one progress event');
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], 'progress never goes back');
  assert.equal(progress.at(-1), 1);
  const end = evs.at(-1)!.data as Run;
  assert.equal(end.status, 'done', end.reason);
  assert.deepEqual(end.files, ['report.html', 'series.csv', 'summary.json']);

  const summary = (await (await fetch(`${shared.url}/api/runs/${run.id}/summary.json`)).json()) as { case: { name: string; hash: string }; files: string[] };
  assert.deepEqual([summary.case.name, summary.case.hash], ['tiny', run.hash]);
  const report = await fetch(`${shared.url}/api/runs/${run.id}/report.html`);
  assert.equal(report.status, 200);
  assert.match(report.headers.get('content-type') ?? '', /text\/html/);
  assert.match(report.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(await report.text(), /<html/);
  const csv = await (await fetch(`${shared.url}/api/runs/${run.id}/series.csv`)).text();
  assert.match(csv.split('\n')[0], /time_s/);
  const vtr = await fetch(`${shared.url}/api/runs/${run.id}/fields.vtr`);
  assert.equal(vtr.status, 404);
  assert.match(((await vtr.json()) as { error: { message: string } }).error.message, /outputs\.volumes/);
  // The folder on disk is the one `cryoplan run` writes.
  const onDisk = JSON.parse(await readFile(join(shared.runs.store.resultDir(run.id), 'summary.json'), 'utf8'));
  assert.deepEqual(onDisk, summary);
  const again = (await (await fetch(`${shared.url}/api/runs/${run.id}`)).json()) as Run;
  assert.equal(again.status, 'done');
  const caseText = await (await fetch(`${shared.url}/api/runs/${run.id}/case`)).text();
  assert.equal(caseText, TINY);
});

test('a case asking for volumes gets fields.vtr; a JSON case runs like YAML', async () => {
  const c = { ...JSON.parse(JSON.stringify((await import('yaml')).parse(TINY))), name: 'json-vtr', outputs: { volumes: ['vti'] } };
  const res = await fetch(`${shared.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) });
  assert.equal(res.status, 202);
  const run = (await res.json()) as Run;
  const end = await finished(shared, run.id);
  assert.equal(end.status, 'done', end.reason);
  const vtr = await fetch(`${shared.url}/api/runs/${run.id}/fields.vtr`);
  assert.equal(vtr.status, 200);
  assert.match(await vtr.text(), /<VTKFile type="RectilinearGrid"/);
});

test('DELETE /api/runs/:id stops a running run within a second', async () => {
  const run = await submit(shared, tinyCase('long', { freeze_s: 3600, spacing_mm: 0.5 }));
  const url = `${shared.url}/api/runs/${run.id}/events`;
  const all: SseEvent[] = [];
  const reading = readEvents(url, (e) => {
    all.push(e);
    return false;
  });
  // Wait until it is really running.
  while (!all.some((e) => e.event === 'progress')) await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  const res = await fetch(`${shared.url}/api/runs/${run.id}`, { method: 'DELETE' });
  const body = (await res.json()) as Run;
  await reading;
  const took = performance.now() - t0;
  assert.equal(res.status, 200);
  assert.equal(body.status, 'cancelled');
  assert.ok(took < 1000, `stopped in ${took.toFixed(0)} ms`);
  assert.equal((all.at(-1)!.data as Run).status, 'cancelled');
  const again = await fetch(`${shared.url}/api/runs/${run.id}`, { method: 'DELETE' });
  assert.equal(again.status, 409);
  const summary = await fetch(`${shared.url}/api/runs/${run.id}/summary.json`);
  assert.equal(summary.status, 404);
});

test('50 concurrent submissions all finish, each with its own case', { timeout: 300_000 }, async () => {
  // Each case has its own name and probe temperature: a mix-up shows as a wrong name, hash or coldest temperature.
  const cases = Array.from({ length: 50 }, (_, i) => ({ name: `c${i}`, temperature_c: -20 - i }));
  const runs = await Promise.all(cases.map((c) => submit(shared, tinyCase(c.name, { temperature_c: c.temperature_c, spacing_mm: 1.5 }))));
  assert.equal(new Set(runs.map((r) => r.id)).size, 50);
  const ends = await Promise.all(runs.map((r) => finished(shared, r.id)));
  for (let i = 0; i < 50; i++) {
    assert.equal(ends[i].status, 'done', `${cases[i].name}: ${ends[i].reason}`);
    const s = (await (await fetch(`${shared.url}/api/runs/${runs[i].id}/summary.json`)).json()) as {
      case: { name: string; hash: string };
      series_digest?: unknown;
      structures: { name: string; min_temperature_c: number }[];
    };
    assert.equal(s.case.name, cases[i].name);
    assert.equal(s.case.hash, runs[i].hash);
  }
  // The colder the probe, the colder the muscle: the order of the coldest temperatures follows the submissions'.
  const coldest = await Promise.all(
    runs.map(async (r) => {
      const s = (await (await fetch(`${shared.url}/api/runs/${r.id}/summary.json`)).json()) as { structures: { role: string; min_temperature_c: number }[] };
      return Math.min(...s.structures.map((x) => x.min_temperature_c));
    }),
  );
  // The error-controlled steps differ from case to case, which moves a coldest cell by a few tenths of a degree;
  // neighbours 1 °C apart at the probe (about 0.85 °C in the muscle) may tie within that, a swap of results may not.
  for (let i = 1; i < 50; i++) assert.ok(coldest[i] < coldest[i - 1] + 0.4, `run ${i} (${coldest[i]}) warmer than run ${i - 1} (${coldest[i - 1]})`);
  for (let i = 5; i < 50; i++) assert.ok(coldest[i] < coldest[i - 5], `run ${i} (${coldest[i]}) not colder than run ${i - 5} (${coldest[i - 5]})`);
});

test('bad requests: unknown id, ../ in a path, an unknown result file, a wrong media type, another origin', async () => {
  const get = (p: string) => fetch(`${shared.url}${p}`);
  let res = await get('/api/runs/AAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(res.status, 404);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /no run with id/);
  const dataDir = shared.runs.store.root;
  await writeFile(join(dataDir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  for (const p of [
    '/api/runs/..%2F..%2Fsecret.txt',
    '/api/runs/../../secret.txt',
    '/api/runs/%2E%2E/summary.json',
    `/api/runs/${'A'.repeat(22)}/..%2Fsecret.txt`,
    '/..%2F..%2Fpackage.json',
    '/%2E%2E/%2E%2E/package.json',
  ]) {
    res = await get(p);
    const text = await res.text();
    assert.ok(res.status === 404 || res.status === 400, `${p}: ${res.status}`);
    assert.doesNotMatch(text, /TOP-SECRET-CONTENT|"name": "cryoplan"/, p);
  }
  const [run] = shared.runs.list().filter((r) => r.status === 'done');
  res = await get(`/api/runs/${run.id}/secret.txt`);
  assert.equal(res.status, 404);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /one of summary\.json/);

  res = await fetch(`${shared.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: TINY });
  assert.equal(res.status, 415);
  res = await fetch(`${shared.url}/api/runs`, yamlPost(TINY, { origin: 'http://evil.example' }));
  assert.equal(res.status, 403);
  res = await fetch(`${shared.url}/api/runs`, yamlPost('name: x\nprobes: 3\n'));
  assert.equal(res.status, 422);
  const err = (await res.json()) as { error: { issues: { path: string }[] } };
  assert.ok(err.error.issues.some((i) => i.path === 'probes'));
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('a 50 MB body gets 413 with a JSON reason', async () => {
  const big = `name: big\ndescription: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
  const res = await fetch(`${shared.url}/api/runs`, yamlPost(big));
  assert.equal(res.status, 413);
  const body = (await res.json()) as { error: { message: string } };
  assert.match(body.error.message, /larger than this server's limit/);
});

test('limits: cells over the cap get 422 at grid; runs over the queue cap get 429 with Retry-After', async () => {
  const s = await server({ maxCells: 1000, maxActive: 1 });
  let res = await fetch(`${s.url}/api/runs`, yamlPost(TINY));
  assert.equal(res.status, 422);
  const err = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
  assert.equal(err.error.issues[0].path, 'grid');
  assert.match(err.error.issues[0].message, /1,728 cells, more than this server's limit of 1,000/);
  const long = tinyCase('long', { freeze_s: 3600, spacing_mm: 1.5 });
  await submit(s, long);
  res = await fetch(`${s.url}/api/runs`, yamlPost(long));
  assert.equal(res.status, 429);
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
});

test('the wall-time cap stops a run and says why', async () => {
  const s = await server({ maxWallS: 1 });
  const run = await submit(s, tinyCase('long', { freeze_s: 36000, spacing_mm: 0.5 }));
  const end = await finished(s, run.id);
  assert.equal(end.status, 'failed');
  assert.match(end.reason ?? '', /limit of 1 s per run/);
});

test('off loopback the server needs a token, and then every API request must carry it', async () => {
  await assert.rejects(() => startServer({ port: 0, host: '0.0.0.0', dataDir: '/nonexistent' }), /--token/);
  const s = await server({ host: '0.0.0.0', token: 'correct horse' });
  const url = s.url.replace('0.0.0.0', '127.0.0.1');
  let res = await fetch(`${url}/api/conditions`);
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  res = await fetch(`${url}/api/conditions`, { headers: { authorization: 'Bearer wrong' } });
  assert.equal(res.status, 401);
  res = await fetch(`${url}/api/conditions`, { headers: { authorization: 'Bearer correct horse' } });
  assert.equal(res.status, 200);
});

test('GET /api/conditions, /api/probes and /api/openapi.json', async () => {
  const conditions = (await (await fetch(`${shared.url}/api/conditions`)).json()) as { name: string; case: { probes: unknown[] } }[];
  assert.ok(conditions.some((c) => c.name === 'intercostal' && c.case.probes.length === 1));
  const probes = (await (await fetch(`${shared.url}/api/probes`)).json()) as { id: string }[];
  assert.ok(probes.some((p) => p.id === 'n2o-2.0'));
  const doc = (await (await fetch(`${shared.url}/api/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/validate', '/api/runs', '/api/runs/{id}', '/api/runs/{id}/events', '/api/runs/{id}/summary.json']) assert.ok(doc.paths[p], p);
  assert.ok(doc.components.schemas.Case.properties?.probes);
  assert.ok(doc.components.schemas.Summary.properties?.nerves || doc.components.schemas.Summary.properties?.case);
});
