/** `cryoplan run --verify-grid`: the same case on a finer grid, and the difference reported in the output and summary.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const bin = process.env.CRYOPLAN_BIN ?? join(process.cwd(), 'build', 'src', 'cli', 'main.js');

const CASE = `name: verify-grid
domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 }
anatomy:
  layers: [ { tissue: muscle, thickness_mm: 16 } ]
  structures:
    - { kind: nerve, name: test nerve, path_mm: [[-8, 3.5, 10.5], [8, 3.5, 10.5]], diameter_mm: 1.5 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 11], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: -70 }
  phases: [ { freeze_s: 20 } ]
grid: { spacing_mm: 1 }
`;

test('--verify-grid runs the case on a grid 1.5x finer and reports how far the volumes and the nerve outcome moved', async () => {
  const dir = await tempDir('cryoplan-verify-grid');
  await writeFile(join(dir, 'case.yaml'), CASE);
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, [bin, 'run', join(dir, 'case.yaml'), '--out', out, '--verify-grid'], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /grid check: refined 1\.5x \(4,096 -> 13,824 cells\)/);
  assert.match(r.stdout, /test nerve: .* block, refined .* block/);
  const c = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).grid_check;
  // 1 mm cells divided by 1.5 over a 16 mm box: 16 -> 24 along each axis.
  assert.equal(c.cells, 16 ** 3);
  assert.equal(c.refined_cells, 24 ** 3);
  assert.equal(c.accuracy, null, 'a grid given by spacing was sized for no accuracy');
  assert.equal(c.isotherms.length, 3);
  for (const i of c.isotherms) {
    assert.ok(i.refined_volume_ml > 0, `${i.threshold_c} °C froze on the refined grid`);
    assert.ok(Math.abs(i.volume_ml / i.refined_volume_ml - 1 - i.relative_difference) < 1e-3, `${i.threshold_c} °C difference as stated`);
  }
  assert.equal(c.nerves[0].name, 'test nerve');
  assert.equal(c.passed, c.largest_difference <= 0.02 && c.nerves.every((n: { same_outcome: boolean }) => n.same_outcome));
});
