/** Issue 7, item 8: `npm test` gets what it needs beyond npm, or stops with one line naming the package. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const script = join(process.cwd(), 'scripts', 'test-deps.mjs');
const deps = await import(pathToFileURL(script).href);

test('the test command runs the dependency check first', async () => {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8'));
  assert.match(pkg.scripts.test, /^node scripts\/test-deps\.mjs && /);
  const ci = await readFile(join(process.cwd(), '.ci', 'run'), 'utf8');
  assert.match(ci, /npm ci[^\n]*\n(.*\n)*npm test\n?$/);
  assert.doesNotMatch(ci, /apt-get/, '.ci/run installs nothing itself: npm test does');
});

test('a need is met by its binary, by the variable naming another one, or skipped by its variable', () => {
  const need = { binary: '/nonexistent/cryoplan-test-bin', pkg: 'cryoplan-test-pkg', for: 'a test', path: 'X_PATH', skip: 'X_SKIP' };
  assert.deepEqual(deps.missing([need], {}), [need]);
  assert.deepEqual(deps.missing([need], { X_SKIP: '1' }), []);
  assert.deepEqual(deps.missing([need], { X_PATH: process.execPath }), []);
  assert.deepEqual(deps.missing([{ ...need, binary: process.execPath }], {}), []);
  const line = deps.stopMessage([need]);
  assert.doesNotMatch(line, /\n/);
  assert.match(line, /apt-get install cryoplan-test-pkg/);
  assert.match(line, /X_SKIP=1/);
  assert.ok(deps.NEEDS.some((n: { pkg: string; skip?: string }) => n.pkg === 'chromium' && n.skip === 'CRYOPLAN_SKIP_BROWSER'));
});

test('where it cannot install (not root), a missing Chromium stops the run with one line naming the package', {
  skip: process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs root to run as another user' : false,
}, () => {
  // Redis is pointed at a binary that exists, so that only Chromium is missing.
  const env = { PATH: process.env.PATH ?? '', CHROMIUM_PATH: '/nonexistent/chromium', REDIS_SERVER_PATH: process.execPath };
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', uid: 65534, gid: 65534, env });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(
    r.stderr,
    /npm test needs \/usr\/bin\/chromium for the report's and the app's browser tests: install it with 'sudo apt-get install chromium'.*CRYOPLAN_SKIP_BROWSER=1/,
  );
  const skipped = spawnSync(process.execPath, [script], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...env, CRYOPLAN_SKIP_BROWSER: '1' } });
  assert.equal(skipped.status, 0, skipped.stderr);
  assert.equal(skipped.stderr, '');
});
