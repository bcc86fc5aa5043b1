/** The bundled cases and the published schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCase, parseCase } from '../../src/case/load.js';
import { caseJsonSchema } from '../../src/case/schema.js';

const root = process.cwd();

test('every bundled case validates', async () => {
  const files = (await readdir(join(root, 'cases'))).filter((f) => /\.(ya?ml|json)$/.test(f));
  for (const f of ['default.yaml', 'intercostal-demo.yaml', 'contact-skin.yaml']) assert.ok(files.includes(f), f);
  for (const f of files) {
    const { scene, source } = await loadCase(join(root, 'cases', f));
    assert.equal(`${scene.name}.yaml`, f, 'a case is named after its file, so its results folder is too');
    assert.match(source, /^# yaml-language-server: \$schema=\.\.\/schema\/case\.schema\.json\n/, `${f}: editors find the schema`);
  }
});

test('the reference case is the one the README describes', async () => {
  const { scene } = await loadCase(join(root, 'cases', 'default.yaml'));
  assert.deepEqual(
    scene.layers.map((l) => l.tissue),
    ['muscle'],
  );
  assert.equal(scene.probes.length, 1);
  const p = scene.probes[0];
  assert.ok(p.kind === 'needle');
  assert.deepEqual([p.diameter_mm, p.active_length_mm, p.direction], [2, 10, [0, 0, 1]]);
  assert.deepEqual(p.cooling, { mode: 'temperature', curve: [[0, -70]] });
  assert.deepEqual(scene.protocol, [{ kind: 'freeze', duration_s: 180 }]);
});

test('the committed JSON Schema is current', async () => {
  const committed = JSON.parse(await readFile(join(root, 'schema', 'case.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(caseJsonSchema())), 'regenerate with: npm run schema');
});

test('the same case always hashes the same, and a change changes the hash', async () => {
  const a = await loadCase(join(root, 'cases', 'default.yaml'));
  const b = await loadCase(join(root, 'cases', 'default.yaml'));
  assert.equal(a.hash, b.hash);
  // Comments and spelling do not change the plan, so they do not change the hash.
  assert.equal(parseCase(a.source.replace(/^#.*\n/gm, ''), 'x.yaml').hash, a.hash);
  assert.notEqual(parseCase(a.source.replace('temperature_c: -70', 'temperature_c: -71'), 'x.yaml').hash, a.hash);
});
