/**
 * Issue 7, item 4: a large case says what it will take before it starts, is refused
 * when it cannot fit in memory, and stops within a couple of seconds of Ctrl-C at
 * every stage (building the grid and anatomy, the steady start, the solve).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const bin = process.env.CRYOPLAN_BIN ?? join(process.cwd(), 'build', 'src', 'cli', 'main.js');

/** About 3 million cells: seconds to build and rasterise, long to start steady, longer to solve. */
const BIG = `name: big
domain: { x_mm: [-20, 20], y_mm: [-20, 20], depth_mm: 50 }
anatomy: { layers: [ { tissue: skin, thickness_mm: 2 }, { tissue: fat, thickness_mm: 8 }, { tissue: muscle, thickness_mm: 40 } ] }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 30], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 10 }
protocol:
  cooling: { temperature_c: -70 }
  phases: [ { freeze_s: 120 } ]
grid: { spacing_mm: 0.3, max_cells: 5000000 }
`;

/**
 * Starts a run of BIG, sends SIGINT once stderr shows `when` (or after `fallbackMs`
 * with no sign of it), and reports the exit code and how long the exit took after
 * the signal. A run still going 30 s after the signal is killed (code null).
 */
async function interruptAt(dir: string, when: RegExp, fallbackMs: number) {
  const out = join(dir, 'out');
  const child = spawn(process.execPath, [bin, 'run', join(dir, 'big.yaml'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let sentAt = 0;
  const send = () => {
    if (sentAt) return;
    sentAt = Date.now();
    child.kill('SIGINT');
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  };
  child.stderr.on('data', (d) => {
    stderr += d;
    // A moment into the stage, so that the stage's work is under way.
    if (when.test(stderr)) setTimeout(send, 300);
  });
  const fallback = setTimeout(send, fallbackMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(fallback);
  return { code, after_ms: Date.now() - sentAt, stderr, out };
}

// The fallbacks only bound how long a run that never reaches its stage takes to fail (the
// stage must be reached to pass): generous, since `npm test` runs two files at a time and
// building the 3M-cell grid took over 20 s on a busy two-core machine.
for (const [stage, when, fallback, text] of [
  ['building the grid and the anatomy', /building the grid/, 120_000, BIG],
  ['the steady start', /finding the steady starting temperatures/, 180_000, BIG],
  // The solve, reached without the steady start (minutes on a busy machine).
  ['the solve', /^progress /m, 240_000, `${BIG}solver: { initial: uniform }\n`],
] as const) {
  test(`Ctrl-C during ${stage} of a 3M-cell case exits 130 within 2 s, writing nothing`, async () => {
    const dir = await tempDir('cryoplan-cancel');
    await writeFile(join(dir, 'big.yaml'), text);
    const r = await interruptAt(dir, when, fallback);
    assert.equal(r.code, 130, r.stderr);
    assert.ok(r.after_ms < 2000, `exited ${r.after_ms} ms after Ctrl-C`);
    assert.match(r.stderr, when, `the run reached ${stage}`);
    assert.match(r.stderr, /Interrupted: nothing was written/);
    assert.deepEqual(await readdir(dir), ['big.yaml'], 'nothing written');
  });
}

test('run and validate print the cell count and an estimate of memory and time', async () => {
  const dir = await tempDir('cryoplan-size');
  await writeFile(join(dir, 'big.yaml'), BIG);
  const v = spawnSync(process.execPath, [bin, 'validate', join(dir, 'big.yaml')], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  // 133 x 133 x 167 cells of 0.3 mm (the domain divided as buildGrid divides it).
  const m = /2,954,063 cells: needs about (\d+) MB of memory and takes about \d+ (s|min)/.exec(v.stdout);
  assert.ok(m, v.stdout);
  // Measured peaks: 220 to 350 bytes a cell above Node's own ~150 MB (the 24M-cell run: 5.3 GB).
  const mb = Number(m[1]);
  assert.ok(mb > 150 + 2.954 * 220 && mb < 150 + 2.954 * 350, `${mb} MB`);
});

test('a case whose estimated memory exceeds the limit fails at once, before allocating, exit 2', async () => {
  const dir = await tempDir('cryoplan-size');
  await writeFile(join(dir, 'big.yaml'), BIG);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, 'run', join(dir, 'big.yaml'), '--out', join(dir, 'out')], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CRYOPLAN_MEMORY_LIMIT: '512M' },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /the grid's 2,954,063 cells need about \d+ MB of memory, more than CRYOPLAN_MEMORY_LIMIT \(512 MB\)/);
  assert.doesNotMatch(r.stderr, /building the grid|progress/);
  assert.ok(Date.now() - t0 < 10_000);
  assert.deepEqual(await readdir(dir), ['big.yaml']);
  const bad = spawnSync(process.execPath, [bin, 'run', join(dir, 'big.yaml')], { encoding: 'utf8', env: { ...process.env, CRYOPLAN_MEMORY_LIMIT: 'lots' } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /CRYOPLAN_MEMORY_LIMIT: 'lots' is not a size/);
});
