/**
 * A server killed in the middle of a run: the process is the real `cryoplan serve`,
 * killed with SIGKILL (no chance to tidy up); a new server on the same data folder
 * still serves the finished run and reports the other as interrupted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from '../../src/server/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ROOT, TINY, tinyCase, readEvents, yamlPost } from './helpers.js';

test('killed mid-run and restarted: the finished run is still served, the running one is interrupted', { timeout: 120_000 }, async () => {
  const data = await tempDir('cryoplan-restart');
  const child = spawn(process.execPath, [join(ROOT, 'build/src/cli/main.js'), 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /at (http:\/\/[^\s/]+)\//.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const post = async (body: string) => (await (await fetch(`${url}/api/runs`, yamlPost(body))).json()) as { id: string };
    const done = await post(TINY);
    const evs = await readEvents(`${url}/api/runs/${done.id}/events`);
    assert.equal((evs.at(-1)!.data as { status: string }).status, 'done');
    const running = await post(tinyCase('long', { freeze_s: 36000, spacing_mm: 0.5 }));
    await readEvents(`${url}/api/runs/${running.id}/events`, (e) => e.event === 'progress');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const s = await startServer({ port: 0, host: '127.0.0.1', dataDir: data });
    try {
      const a = (await (await fetch(`${s.url}/api/runs/${done.id}`)).json()) as { status: string };
      assert.equal(a.status, 'done');
      const summary = await fetch(`${s.url}/api/runs/${done.id}/summary.json`);
      assert.equal(summary.status, 200);
      const b = (await (await fetch(`${s.url}/api/runs/${running.id}`)).json()) as { status: string; reason: string };
      assert.equal(b.status, 'interrupted');
      assert.match(b.reason, /server stopped/);
      const ev = await readEvents(`${s.url}/api/runs/${running.id}/events`);
      assert.equal((ev.at(-1)!.data as { status: string }).status, 'interrupted');
    } finally {
      await s.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('cryoplan serve refuses --host off loopback without a token', async () => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'build/src/cli/main.js'), 'serve', '--host', '0.0.0.0', '--port', '0', '--data', await tempDir('cryoplan-host')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CRYOPLAN_TOKEN: '' },
    },
  );
  let err = '';
  child.stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--token/);
});
