/** A protocol that never freezes is a valid plan: it runs, and every output says the nerve was not reached. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const bin = process.env.CRYOPLAN_BIN ?? join(process.cwd(), 'build', 'src', 'cli', 'main.js');

// The probe is held at +30 °C: below body temperature, so it draws heat, but nothing can freeze.
const WARM = `name: never-freezes
domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 }
anatomy:
  layers: [ { tissue: skin, thickness_mm: 2 }, { tissue: fat, thickness_mm: 4 }, { tissue: muscle, thickness_mm: 10 } ]
  structures:
    - { kind: nerve, name: test nerve, path_mm: [[-8, 4, 9], [8, 4, 9]], diameter_mm: 2 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 10], direction: [0, 0, 1], diameter_mm: 1.3, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: 30 }
  phases: [ { freeze_s: 20 } ]
grid: { spacing_mm: 1 }
`;

const plain = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

test('a protocol that never freezes runs, and the summary and report say the nerve was not reached', async () => {
  const dir = await tempDir('cryoplan-no-freeze');
  await writeFile(join(dir, 'warm.yaml'), WARM);
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, [bin, 'run', join(dir, 'warm.yaml'), '--out', out, '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  const nerve = summary.nerves[0];
  assert.equal(nerve.injury, 'none');
  assert.equal(nerve.block, 'none');
  assert.equal(nerve.duration_days, null);
  assert.match(nerve.onset, /not reached/);
  for (const iso of summary.isotherms) for (const s of iso.snapshots) assert.equal(s.volume_ml, 0, `${iso.threshold_c} °C at ${s.moment}`);
  const report = plain(await readFile(join(out, 'report.html'), 'utf8'));
  assert.match(report, /Test nerve: not reached by the cold/);
  assert.match(report, /the cold does not reach the nerve/);
  assert.doesNotMatch(report, /will feel numb/, 'the patient sheet promises no numbness');
});
