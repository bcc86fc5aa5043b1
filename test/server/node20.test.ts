/**
 * The package promises Node >= 20. fastify's inject (light-my-request) requires the
 * cookie package; cookie 2 is ESM-only and wants Node 22, so on Node 20 before 20.19
 * (no require() of ES modules) fastify.inject threw ERR_REQUIRE_ESM. package.json
 * overrides it to cookie 1.x (CommonJS, Node >= 18). Node 20.19+ can be made to
 * behave as the older ones with --no-experimental-require-module: this test does that.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers.js';

test('fastify.inject works without require(esm), as on Node 20 before 20.19', () => {
  const script =
    "import('fastify').then(async ({ default: F }) => { const a = F(); a.get('/', async () => ({ ok: 1 })); const r = await a.inject('/'); process.stdout.write(String(r.statusCode)); })";
  const r = spawnSync(process.execPath, ['--no-experimental-require-module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (/bad option/.test(r.stderr)) return; // a Node without the flag always has require(esm)
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '200');
});
