/**
 * Issue 7, items 1 and 6: `--out` never deletes what cryoplan did not write, is checked
 * before the run, and the default folder tells runs apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, readFile, readdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';
import { syntheticResult } from '../io/synthetic.js';
import { baseScene } from '../helpers/scene.js';
import { writeRunOutputs } from '../../src/io/outputs.js';
import { CLI_BIN, SMALL_CASE_YAML } from '../helpers/small-case-yaml.js';

const bin = CLI_BIN;
const MANIFEST = '.cryoplan-results.json';

const SMALL = SMALL_CASE_YAML;
/** Thousands of steps: a run that has started shows in progress lines long before it could end. */
const LONG = `${SMALL.replace('freeze_s: 10', 'freeze_s: 3000')}solver: { dt_max_s: 0.05 }\n`;

/** Runs cryoplan; a run that goes on past `timeout` ms (the old code simulated before checking) is killed: status null. */
function cli(args: string[], cwd: string, timeout = 60_000) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, CI: 'true' } });
  return { ...r, wall_ms: Date.now() - t0 };
}

/** Every file under `dir` with its content: to show that nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const p = join(e.parentPath, e.name);
      out[p.slice(dir.length)] = await readFile(p, 'utf8');
    }
  }
  return out;
}

test("--out . in a folder of the user's files is refused before the run (exit 2), and every file is kept", async () => {
  const dir = await tempDir('cryoplan-out');
  const work = join(dir, 'my-work');
  await mkdir(join(work, 'notes'), { recursive: true });
  await writeFile(join(work, 'my-patient.yaml'), LONG);
  await writeFile(join(work, 'letter.txt'), 'to the referring physician');
  await writeFile(join(work, 'notes', 'n.md'), '# notes');
  const before = await snapshot(work);
  const r = cli(['run', 'my-patient.yaml', '--out', '.'], work, 30_000);
  assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, /refusing to write the results to \.: \. is not a cryoplan results folder \(it holds letter\.txt, my-patient\.yaml, notes/);
  assert.doesNotMatch(r.stderr, /progress|building the grid/, 'refused before simulating');
  assert.deepEqual(await snapshot(work), before);
  assert.deepEqual(await readdir(dir), ['my-work'], 'no temporary folders left beside it');
});

test('a path that is a file, lies under a file, or cannot be created (/proc) fails at once with exit 3, before simulating', async () => {
  const dir = await tempDir('cryoplan-out');
  await writeFile(join(dir, 'long.yaml'), LONG);
  await writeFile(join(dir, 'taken'), 'a file');
  for (const [out, message] of [
    [join(dir, 'taken'), /cannot write the results: .*taken exists and is not a folder/],
    [join(dir, 'taken', 'sub'), /cannot write the results: .*taken.* not a folder/],
    ['/proc/cryoplan-results', /cannot write the results to \/proc\/cryoplan-results: cannot create a folder in \/proc \(ENOENT/],
  ] as const) {
    if (out.startsWith('/proc') && process.platform !== 'linux') continue;
    const r = cli(['run', 'long.yaml', '--out', out], dir, 30_000);
    assert.equal(r.status, 3, `${out}: exit ${r.status} after ${r.wall_ms} ms: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /progress|building the grid/, `${out}: failed before simulating`);
  }
  assert.equal(await readFile(join(dir, 'taken'), 'utf8'), 'a file');
});

test("a results folder of cryoplan's is replaced by a rerun; files the new run does not write go, the user's never", async () => {
  const dir = await tempDir('cryoplan-out');
  await writeFile(join(dir, 'small.yaml'), `${SMALL}outputs: { volumes: [vti] }\n`);
  const first = cli(['run', 'small.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(first.status, 0, first.stderr);
  const manifest = JSON.parse(await readFile(join(dir, 'out', MANIFEST), 'utf8'));
  assert.deepEqual(manifest.files, ['fields.vtr', 'report.html', 'series.csv', 'summary.json']);
  assert.match(manifest.case.hash, /^[0-9a-f]{16}$/);
  // The same folder, now without volumes: fields.vtr was cryoplan's and goes.
  await writeFile(join(dir, 'small.yaml'), SMALL);
  const second = cli(['run', 'small.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual((await readdir(join(dir, 'out'))).sort(), [MANIFEST, 'report.html', 'series.csv', 'summary.json']);
  // A user's file added to it: the folder is no longer only cryoplan's, and is refused.
  await writeFile(join(dir, 'out', 'my-notes.txt'), 'keep me');
  const before = await snapshot(join(dir, 'out'));
  const third = cli(['run', 'small.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(third.status, 2, third.stderr);
  assert.match(third.stderr, /out holds a file that cryoplan did not write: my-notes\.txt/);
  assert.deepEqual(await snapshot(join(dir, 'out')), before);
  assert.deepEqual((await readdir(dir)).sort(), ['out', 'small.yaml'], 'no temporary folders left');
});

test('an empty folder, even the working directory, gets the files and stays', async () => {
  const dir = await tempDir('cryoplan-out');
  await writeFile(join(dir, 'small.yaml'), SMALL);
  await mkdir(join(dir, 'here'));
  const r = cli(['run', '../small.yaml', '--out', '.', '--quiet'], join(dir, 'here'));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((await readdir(join(dir, 'here'))).sort(), [MANIFEST, 'report.html', 'series.csv', 'summary.json']);
  assert.deepEqual((await readdir(dir)).sort(), ['here', 'small.yaml']);
});

test("the library writer refuses a folder that is not cryoplan's, and leaves it as it was", async () => {
  const dir = await tempDir('cryoplan-out');
  const out = join(dir, 'mine');
  await mkdir(out);
  await writeFile(join(out, 'thesis.tex'), '\\documentclass{article}');
  const run = { scene: baseScene(), result: syntheticResult(), caseInfo: { name: 'synthetic', hash: 'h' }, wall_s: 1 };
  await assert.rejects(writeRunOutputs(out, run), /not a cryoplan results folder.*nothing was written/);
  assert.deepEqual(await readdir(out), ['thesis.tex']);
  assert.deepEqual(await readdir(dir), ['mine']);
});

test('the default folder names what the flags changed, keeps letters, and is not replaced by another case without --force', async () => {
  const dir = await tempDir('cryoplan-out');
  await writeFile(join(dir, 'small.yaml'), SMALL);
  const plain = cli(['run', 'small.yaml', '--quiet'], dir);
  assert.equal(plain.status, 0, plain.stderr);
  const flagged = cli(['run', 'small.yaml', '--freeze', '4', '--thaw', '2', '--cycles', '2', '--quiet'], dir);
  assert.equal(flagged.status, 0, flagged.stderr);
  assert.deepEqual((await readdir(join(dir, 'results'))).sort(), ['small', 'small-freeze4-thaw2-x2']);
  const first = JSON.parse(await readFile(join(dir, 'results', 'small', 'summary.json'), 'utf8'));
  assert.equal(first.timing.simulated_s, 10, 'the first run is still there');

  // Another case with the same name: refused, the first one's results kept; --force replaces them.
  await writeFile(join(dir, 'other.yaml'), SMALL.replace('temperature_c: -60', 'temperature_c: -40'));
  const clash = cli(['run', 'other.yaml', '--quiet'], dir);
  assert.equal(clash.status, 2, clash.stderr);
  assert.match(
    clash.stderr,
    /refusing to replace results\/small: it holds the results of a different case \(hash [0-9a-f]{16}; this case is [0-9a-f]{16}\)\. Give --force/,
  );
  assert.equal(JSON.parse(await readFile(join(dir, 'results', 'small', 'summary.json'), 'utf8')).case.hash, first.case.hash);
  const forced = cli(['run', 'other.yaml', '--quiet', '--force'], dir);
  assert.equal(forced.status, 0, forced.stderr);
  assert.notEqual(JSON.parse(await readFile(join(dir, 'results', 'small', 'summary.json'), 'utf8')).case.hash, first.case.hash);

  // Letters of any script are kept; symbols and emoji become one '-', none left trailing.
  await writeFile(join(dir, 'morton.yaml'), SMALL.replace('name: small', 'name: "Mortón – Fuß 😀"'));
  const u = cli(['run', 'morton.yaml', '--quiet'], dir);
  assert.equal(u.status, 0, u.stderr);
  assert.ok((await readdir(join(dir, 'results'))).includes('Mortón-Fuß'), String(await readdir(join(dir, 'results'))));
});

test('--probe with an unknown model gives the did-you-mean only, not a second error about cooling', () => {
  const r = cli(['run', '--condition', 'intercostal', '--probe', 'n2o-2', '--quiet'], process.cwd());
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /probes\[0\]\.model: unknown probe model 'n2o-2' \(did you mean 'n2o-2\.0'\?\)/);
});
