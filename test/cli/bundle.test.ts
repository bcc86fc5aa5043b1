/**
 * The bundled command (dist/cli/main.js, made by scripts/bundle-cli.mjs at the end of `npm run
 * build`, which `npm test` runs first) works like the modules it is made of: a run writes its
 * folder with the report, and a plan runs its simulations on the worker pool (the bundle's own
 * pool-worker.js). The other CLI tests run the unbundled dev build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tempDir } from '../helpers/temp-dir.js';
import { smallCase } from '../helpers/small-plan-case.js';

const BUNDLE = join(process.cwd(), 'dist', 'cli', 'main.js');

const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

test('the bundled cryoplan is a bundle: a handful of chunks, not the tsc output', async () => {
  assert.ok(existsSync(BUNDLE), 'npm run build first');
  const chunks = (await readdir(join(process.cwd(), 'dist', 'cli'))).filter((f) => f.startsWith('chunk-'));
  assert.ok(chunks.length > 0, 'no chunks: dist/cli/main.js is not the bundle');
  assert.match(await readFile(BUNDLE, 'utf8'), /handleEarlyInterrupts/);
});

test('the bundled cryoplan runs a case and plans one on its worker pool', async () => {
  const dir = await tempDir('cryoplan-bundle');
  const plan = { vary: { freeze_s: { min: 5, max: 40 } }, uncertainty: { samples: 2, nerve_position_mm: 0.3, nerve_depth_mm: 0 }, confidence: 0.5 };
  await writeFile(join(dir, 'case.yaml'), stringify(smallCase(plan)));
  const run = cli(['run', 'case.yaml', '--out', 'run', '--quiet'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual((await readdir(join(dir, 'run'))).filter((f) => !f.startsWith('.')).sort(), ['report.html', 'series.csv', 'summary.json']);
  assert.match(await readFile(join(dir, 'run', 'report.html'), 'utf8'), /<svg/);
  const planned = cli(['plan', 'case.yaml', '--out', 'plan', '--threads', '1', '--quiet'], dir);
  assert.equal(planned.status, 0, planned.stderr);
  const json = JSON.parse(await readFile(join(dir, 'plan', 'plan.json'), 'utf8'));
  assert.equal(json.simulations.robust, 2);
});
