import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCase } from '../../src/case/load.js';
import { caseJsonSchema } from '../../src/case/schema.js';

const root = process.cwd();

test('every bundled case validates', async () => {
  const files = (await readdir(join(root, 'cases'))).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.includes('default.yaml'));
  for (const f of files) await loadCase(join(root, 'cases', f));
});

test('the committed JSON Schema is current', async () => {
  const committed = JSON.parse(await readFile(join(root, 'schema', 'case.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(caseJsonSchema())), 'run: node dist/cli/main.js schema --out schema/case.schema.json');
});

test('the same case always hashes the same, and a change changes the hash', async () => {
  const a = await loadCase(join(root, 'cases', 'default.yaml'));
  const b = await loadCase(join(root, 'cases', 'default.yaml'));
  assert.equal(a.hash, b.hash);
  const { parseCase } = await import('../../src/case/load.js');
  const c = parseCase(a.source.replace('temperature_c: -70', 'temperature_c: -71'), 'x.yaml');
  assert.notEqual(c.hash, a.hash);
});
