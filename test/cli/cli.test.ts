import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile, readdir, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(process.cwd(), 'build', 'src', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const SMALL = `name: small
domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 10], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: -60 }
  phases: [ { freeze_s: 10 } ]
grid: { spacing_mm: 1 }
outputs: { volumes: [vti, nrrd] }
`;

test('run writes the results folder and prints where', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cryoplan-cli-'));
  await writeFile(join(dir, 'small.yaml'), SMALL);
  const out = join(dir, 'out');
  const r = cli('run', join(dir, 'small.yaml'), '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Results: /);
  assert.match(r.stderr, /progress 100%/);
  const files = (await readdir(out)).sort();
  assert.deepEqual(files, ['fields.vtr', 'final_temperature.nrrd', 'labels.nrrd', 'min_temperature.nrrd', 'series.csv', 'summary.json']);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.case.name, 'small');
  assert.ok(summary.energy.relative_error < 1e-6);
});

test('an invalid case exits 2 with the field named, and leaves an existing folder untouched', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cryoplan-cli-'));
  const out = join(dir, 'out');
  await mkdir(out);
  await writeFile(join(out, 'summary.json'), 'previous results');
  await writeFile(join(dir, 'bad.yaml'), SMALL.replace('tip_mm: [0, 0, 10]', 'tip_mm: [0, 30, 10]'));
  const r = cli('run', join(dir, 'bad.yaml'), '--out', out);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml: probes\[0\]\.tip_mm: lies outside the domain \(y ≤ 8\)/);
  assert.deepEqual(await readdir(out), ['summary.json']);
  assert.equal(await readFile(join(out, 'summary.json'), 'utf8'), 'previous results');
  const v = cli('validate', join(dir, 'bad.yaml'));
  assert.equal(v.status, 2);
  const missing = cli('run', join(dir, 'nope.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yaml: no such file/);
});

test('schema prints JSON Schema; --help lists exit codes; unknown commands exit 2', () => {
  const s = cli('schema');
  assert.equal(s.status, 0);
  const schema = JSON.parse(s.stdout);
  assert.ok(schema.properties.probes && schema.properties.protocol);
  const h = cli('run', '--help');
  assert.equal(h.status, 0);
  assert.match(h.stdout, /Exit codes/);
  assert.equal(cli('frobnicate').status, 2);
});
