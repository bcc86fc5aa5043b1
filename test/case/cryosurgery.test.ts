/** Case fields of cryosurgery: template needles, pull-back, warming catheters, sensors, ellipsoids and the ablation aim, and their bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';
import { insideStructure } from '../../src/core/anatomy/geometry.js';
import type { NeedleProbe } from '../../src/core/model.js';
import { PROBE_CATALOGUE } from '../../src/core/probe/catalogue.js';

const BASE = `name: base
domain: { x_mm: [-30, 30], y_mm: [-30, 30], depth_mm: 60 }
anatomy:
  structures:
    - { kind: ellipsoid, name: gland, tissue: muscle, center_mm: [0, 0, 35], semi_axes_mm: [15, 10, 12] }
template:
  spacing_mm: 5
  origin_mm: [-15, -10]
  tip_depth_mm: 45
  holes: [B2, F4]
protocol:
  phases:
    - { freeze_s: 60 }
  catheters:
    - { name: warmer, start_mm: [0, 0, 0], end_mm: [0, 0, 50], diameter_mm: 6 }
sensors:
  - { name: centre, at_mm: [0, 0, 35] }
ablation:
  target: gland
  limits:
    - { structure: muscle, complication: none, limit_c: -100 }
grid: { spacing_mm: 2 }
`;
const edit = (from: string, to: string) => {
  assert.ok(BASE.includes(from), `fixture edit '${from}' not found`);
  return BASE.replace(from, to);
};

test('template holes become catalogue needles at origin + spacing x (column, row), parallel to +z, tips at the given depth', () => {
  const { scene } = parseCase(BASE, 'c.yaml');
  const needles = scene.probes.filter((p): p is NeedleProbe => p.kind === 'needle' && p.purpose !== 'warming');
  // B is the 2nd column (1 step along x), row 2 one step along y; F4: 5 and 3 steps.
  assert.deepEqual(
    needles.map((p) => [p.id, p.tip_mm, p.direction, p.diameter_mm]),
    [
      ['B2', [-10, -5, 45], [0, 0, 1], 1.47],
      ['F4', [10, 5, 45], [0, 0, 1], 1.47],
    ],
  );
  assert.deepEqual(needles[0].cooling, PROBE_CATALOGUE['argon-1.5'].cooling, 'argon-1.5 from the catalogue by default');
});

test('pull-back: a second probe <hole>-back, shallower by pullback_mm, that phases may name', () => {
  const text = edit('holes: [B2, F4]', 'holes: [B2, { hole: F4, pullback_mm: 10 }]').replace(
    '    - { freeze_s: 60 }\n',
    '    - { freeze_s: 60, probes: [B2, F4] }\n    - { thaw_s: 30 }\n    - { freeze_s: 60, probes: [B2, F4-back] }\n',
  );
  const { scene, warnings } = parseCase(text, 'c.yaml');
  const back = scene.probes.find((p) => p.id === 'F4-back') as NeedleProbe;
  assert.deepEqual(back.tip_mm, [10, 5, 35]);
  assert.deepEqual(scene.protocol[2].probes, ['B2', 'F4-back']);
  // argon-1.5's 20 mm active segments overlap over 10 mm: each position cools it while it freezes (test/verification/pullback.test.ts), no warning.
  assert.ok(!warnings.some((x) => x.path.includes('pullback') || x.path.startsWith('protocol')), JSON.stringify(warnings));
  // A phase that freezes both positions at once (no probes list: every probe) is warned.
  const both = parseCase(edit('holes: [B2, F4]', 'holes: [B2, { hole: F4, pullback_mm: 10 }]'), 'c.yaml');
  const w = both.warnings.find((x) => x.path === 'protocol.phases[0]') ?? assert.fail(JSON.stringify(both.warnings));
  assert.match(w.message, /both positions of the pulled-back needle in hole F4/);
});

test('a warming catheter is a probe with purpose warming, its fluid at 42 °C by default behind the given conductance', () => {
  const { scene } = parseCase(BASE, 'c.yaml');
  const w = scene.probes.find((p) => p.id === 'warmer') as NeedleProbe;
  assert.equal(w.purpose, 'warming');
  assert.deepEqual(w.tip_mm, [0, 0, 50]);
  assert.equal(w.active_length_mm, 50);
  assert.deepEqual(w.cooling, { mode: 'cryogen', temperature_c: 42, h_w_m2k: 400 });
  assert.deepEqual(scene.sensors, [{ name: 'centre', at_mm: [0, 0, 35] }]);
  assert.deepEqual(scene.ablation, {
    target: 'gland',
    lethal_c: -40,
    partial_c: -20,
    limits: [{ structure: 'muscle', complication: 'none', limit_c: -100, basis: 'estimate' }],
  });
});

test('an ellipsoid holds the points with |(p - c) / semi-axes| <= 1; its sampled volume is 4/3 pi a b c', () => {
  const { scene } = parseCase(BASE, 'c.yaml');
  const e = scene.structures[0];
  assert.ok(e.kind === 'ellipsoid');
  assert.ok(insideStructure(e, [15, 0, 35]) && insideStructure(e, [0, -10, 35]) && insideStructure(e, [0, 0, 23]));
  assert.ok(!insideStructure(e, [15.01, 0, 35]) && !insideStructure(e, [12, 7, 35]));
  let n = 0;
  const h = 0.25;
  for (let x = -15 + h / 2; x < 15; x += h)
    for (let y = -10 + h / 2; y < 10; y += h) for (let z = 23 + h / 2; z < 47; z += h) if (insideStructure(e, [x, y, z])) n++;
  const exact = (4 / 3) * Math.PI * 15 * 10 * 12;
  assert.ok(Math.abs(n * h ** 3 - exact) / exact < 0.005, `${n * h ** 3} vs ${exact}`);
});

const bad: Array<[string, string, string, RegExp]> = [
  [
    'a template hole past the last column',
    edit('holes: [B2, F4]', 'holes: [B2, N4]'),
    'template.holes[1]',
    /hole 'N4' does not exist: the template has columns A–M and rows 1–13/,
  ],
  ['a template hole past the last row', edit('holes: [B2, F4]', 'holes: [B2, { hole: C14 }]'), 'template.holes[1].hole', /hole 'C14' does not exist/],
  ['a malformed hole', edit('holes: [B2, F4]', 'holes: [B2, 4F]'), 'template.holes[1]', /like C3/],
  ['a template needle outside the domain', edit('origin_mm: [-15, -10]', 'origin_mm: [-40, -10]'), 'template.holes[0]', /needle 'B2'.*outside the domain/],
  ['a hole given twice', edit('holes: [B2, F4]', 'holes: [B2, B2]'), 'template.holes[1]', /listed twice/],
  ['a sensor outside the domain', edit('at_mm: [0, 0, 35]', 'at_mm: [0, 0, 75]'), 'sensors[0].at_mm', /sensor 'centre' lies below the domain/],
  ['a sensor above the skin', edit('at_mm: [0, 0, 35]', 'at_mm: [40, 0, 5]'), 'sensors[0].at_mm', /outside the domain \(x ≤ 30\)/],
  ['a catheter leaving the domain', edit('end_mm: [0, 0, 50]', 'end_mm: [0, 0, 70]'), 'protocol.catheters[0].end_mm', /below the domain/],
  [
    'an ablation target that is not a structure',
    edit('target: gland', 'target: glnd'),
    'ablation.target',
    /no structure named 'glnd' \(did you mean 'gland'\?\)/,
  ],
  [
    'an organ at risk that does not exist',
    edit('structure: muscle', 'structure: rectum'),
    'ablation.limits[0].structure',
    /no structure or layer named 'rectum'/,
  ],
  ['no probe at all', edit('  holes: [B2, F4]\n', '  holes: []\n'), 'template.holes', /at least 1|too small|>=1/i],
];
for (const [what, text, path, message] of bad) {
  test(`bad input: ${what} is refused at ${path}`, () => {
    assert.throws(
      () => parseCase(text, 'c.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof CaseError, String(e));
        const hit = e.issues.find((i) => i.path === path);
        assert.ok(hit, `no issue at ${path}: ${e.message}`);
        assert.match(hit.message, message);
        return true;
      },
    );
  });
}

test('bad input: without probes or a template, the case says so at probes', () => {
  const text = BASE.replace(/template:\n(?: {2}.*\n)+/, '');
  assert.throws(
    () => parseCase(text, 'c.yaml'),
    (e: unknown) => e instanceof CaseError && e.issues.some((i) => i.path === 'probes' && /no probe/.test(i.message)),
  );
});
