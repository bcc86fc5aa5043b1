/** The command line's side of issue 7: warnings on stderr and in the results, signed probe energy, `cryoplan show`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const root = process.cwd();
const bin = process.env.CRYOPLAN_BIN ?? join(root, 'build', 'src', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const HOT = `name: hot
domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 10], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: 50 }
  phases: [ { freeze_s: 10 } ]
grid: { spacing_mm: 1 }
`;

test('a cooling probe at +50 °C: validate and run warn on stderr; summary.json and the report record it; the digest says the probe delivered heat', async () => {
  const dir = await tempDir('cryoplan-warn');
  const file = join(dir, 'hot.yaml');
  await writeFile(file, HOT);
  const v = cli('validate', file);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stderr, /hot\.yaml: warning: protocol\.cooling: .*50 °C, not colder than the body/);
  const out = join(dir, 'out');
  const r = cli('run', file, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: protocol\.cooling:/);
  assert.match(r.stdout, /probes delivered \d+ J/);
  assert.doesNotMatch(r.stdout, /probes drew/);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.warnings.length, 1);
  assert.equal(summary.warnings[0].path, 'protocol.cooling');
  assert.ok(summary.energy.probes_j > 0, 'the probe put heat in');
  const html = await readFile(join(out, 'report.html'), 'utf8');
  assert.match(html, /id="warnings"[^>]*>[\s\S]*protocol\.cooling/);
});

test('cryoplan show --condition prints YAML that run accepts, with the flags applied', async () => {
  const dir = await tempDir('cryoplan-show');
  const s = cli('show', '--condition', 'intercostal', '--freeze', '90', '--cycles', '2');
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /freeze_s: 90/);
  const file = join(dir, 'shown.yaml');
  await writeFile(file, s.stdout);
  const v = cli('validate', file);
  assert.equal(v.status, 0, v.stderr);
  // A preset edited as the user did: show's output validates to the same scene (hash).
  const edit = join(dir, 'edit.yaml');
  await writeFile(edit, 'condition: intercostal\nprobes: [{model: n2o-1.3, tip_mm: [2, 0, 36]}]\n');
  const a = cli('validate', edit);
  assert.equal(a.status, 0, a.stderr);
  const e = cli('show', edit);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /model: n2o-1\.3/);
  const shown = join(dir, 'edit-shown.yaml');
  await writeFile(shown, e.stdout);
  const b = cli('validate', shown);
  assert.equal(b.status, 0, b.stderr);
  const hash = (out: string) => /hash ([0-9a-f]{16})/.exec(out)![1];
  assert.equal(hash(b.stdout), hash(a.stdout));
  const bad = cli('show', '--condition', 'intercostl');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /did you mean 'intercostal'/);
});
