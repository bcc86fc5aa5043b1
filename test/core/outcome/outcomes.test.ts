import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/solver/simulate.js';
import { computeOutcomes, injuryClass, blockKind, blockDurationDays, firstCrossing, DEFAULT_OUTCOME_SETTINGS } from '../../../src/core/outcome/index.js';
import type { TubeStructure, Scene } from '../../../src/core/model.js';
import { smallLayeredScene, testNeedle } from '../../helpers/scene.js';

const N = DEFAULT_OUTCOME_SETTINGS.nerve;

test('injury class follows the coldest temperature through the published bands', () => {
  assert.equal(injuryClass(20, N), 'none');
  assert.equal(injuryClass(5, N), 'neurapraxia');
  assert.equal(injuryClass(-10, N), 'neurapraxia');
  assert.equal(injuryClass(-20, N), 'axonotmesis');
  assert.equal(injuryClass(-90, N), 'axonotmesis');
  assert.equal(injuryClass(-150, N), 'neurotmesis-risk');
});

test('a block is complete only when the whole cross-section passed the threshold', () => {
  assert.equal(blockKind(1), 'complete');
  assert.equal(blockKind(0.99), 'partial');
  assert.equal(blockKind(0), 'none');
});

test('block duration is the regrowth distance over the regeneration rate', () => {
  // 120 mm at 1-2 mm/day: 60 days at the fast rate, 120 at the slow one.
  assert.deepEqual(blockDurationDays(120, [1, 2]), [60, 120]);
  assert.deepEqual(blockDurationDays(30, [3, 1]), [10, 30]);
});

test('first crossing interpolates linearly between samples', () => {
  // T = 37 - 2 t crosses -20 at t = 28.5 s.
  const t = [0, 10, 20, 30, 40];
  assert.equal(
    firstCrossing(
      t,
      t.map((v) => 37 - 2 * v),
      -20,
    ),
    28.5,
  );
  assert.equal(
    firstCrossing(
      t,
      t.map(() => 10),
      -20,
    ),
    null,
  );
});

function nerve(y: number, z: number, over: Partial<TubeStructure> = {}): TubeStructure {
  return {
    kind: 'tube',
    name: 'nerve',
    tissue: 'nerve',
    role: 'nerve',
    path_mm: [
      [-10, y, z],
      [10, y, z],
    ],
    diameter_mm: 1,
    target_distance_mm: 100,
    territory: 'test skin',
    ...over,
  };
}

function run(scene: Scene) {
  const result = simulate(scene);
  return { result, outcomes: computeOutcomes(scene, result) };
}

test('a nerve beside a -70 °C needle is frozen through (complete axonotmesis); a distant one is not injured', () => {
  const needle = testNeedle({ tip_mm: [0, 0, 12], active_length_mm: 6, cooling: { mode: 'temperature', curve: [[0, -70]] } });
  const near = run(smallLayeredScene({ probes: [needle], structures: [nerve(2.5, 9.5)], protocol: [{ kind: 'freeze', duration_s: 120 }] }));
  const n = near.outcomes.nerves[0];
  assert.equal(n.injury, 'axonotmesis');
  assert.equal(n.block, 'complete');
  assert.ok(n.blocked_length_mm >= 2, `blocked length ${n.blocked_length_mm}`);
  assert.deepEqual(n.duration_days, [50, 100]);
  assert.ok(n.onset_s !== null && n.onset_s > 0 && n.onset_s < 120);
  assert.equal(near.outcomes.side_effects.find((e) => e.id === 'numbness')?.risk, 'high');
  // The coldest cross-section is the one nearest the probe's axis (x = 0).
  assert.ok(Math.abs(n.section_center_mm[0]) <= 1.5, `section at x = ${n.section_center_mm[0]}`);

  const far = run(smallLayeredScene({ probes: [needle], structures: [nerve(8.5, 17.5)], protocol: [{ kind: 'freeze', duration_s: 60 }] }));
  const f = far.outcomes.nerves[0];
  assert.ok(f.injury === 'none' || f.injury === 'neurapraxia', f.injury);
  assert.equal(f.block, 'none');
  assert.equal(f.duration_days, null);
  if (f.injury === 'none') assert.match(f.onset, /not reached/);
});

test('a cold contact probe on the skin freezes it: blisters and frostbite high; a deep insulated needle leaves the skin unfrozen', () => {
  const contact = run(
    smallLayeredScene({
      probes: [{ kind: 'contact', id: 'c', center_mm: [0, 0], diameter_mm: 8, cooling: { mode: 'temperature', curve: [[0, -40]] } }],
      protocol: [{ kind: 'freeze', duration_s: 60 }],
    }),
  );
  const risk = (o: typeof contact, id: string) => o.outcomes.side_effects.find((e) => e.id === id)?.risk;
  assert.equal(risk(contact, 'blisters'), 'high');
  assert.equal(risk(contact, 'frostbite'), 'high');
  assert.equal(risk(contact, 'skin-redness'), 'high');
  assert.equal(risk(contact, 'burns'), 'high');

  const deep = run(smallLayeredScene({ probes: [testNeedle({ tip_mm: [0, 0, 16] })], protocol: [{ kind: 'freeze', duration_s: 60 }] }));
  assert.equal(risk(deep, 'blisters'), 'low');
  assert.equal(risk(deep, 'frostbite'), 'low');
  assert.equal(risk(deep, 'numbness'), 'not_modelled');
  // Every side effect named by the clinical literature has a row.
  assert.deepEqual(deep.outcomes.side_effects.map((e) => e.id).sort(), [
    'blisters',
    'burns',
    'cold-panniculitis',
    'frostbite',
    'infection',
    'numbness',
    'pain',
    'skin-redness',
    'vital-signs',
  ]);
  for (const e of deep.outcomes.side_effects) assert.ok(e.basis.length > 0 && e.advice.length > 0, e.id);
});

test('ice reaching the pleura is an organ-at-risk row (pneumothorax), not a vital-signs one', () => {
  // Fails on the code before organs at risk: the vital-signs row read the pleura's temperature.
  const scene = smallLayeredScene({
    layers: [
      { tissue: 'skin', thickness_mm: 1.5 },
      { tissue: 'fat', thickness_mm: 4 },
      { tissue: 'muscle', thickness_mm: 6.5 },
      { tissue: 'muscle', thickness_mm: 8, name: 'pleura and lung', at_risk: { complication: 'pneumothorax' } },
    ],
    probes: [testNeedle({ tip_mm: [0, 0, 13], cooling: { mode: 'temperature', curve: [[0, -70]] } })],
    protocol: [{ kind: 'freeze', duration_s: 90 }],
  });
  const { outcomes } = run(scene);
  const v = outcomes.side_effects.find((e) => e.id === 'vital-signs')!;
  assert.equal(v.risk, 'not_modelled', 'vasovagal reactions are not computed from organ cold');
  assert.doesNotMatch(v.basis, /pleura/);
  const p = outcomes.organs_at_risk.find((a) => a.name === 'pleura and lung')!;
  assert.ok(p, 'the pleura has an organ-at-risk row');
  assert.equal(p.complication, 'pneumothorax');
  assert.equal(p.frozen, true);
  assert.equal(p.risk, 'high');
  // The probe's -70 °C tip lies in the layer: its coldest point is near the tip's temperature.
  assert.ok(p.coldest_c! < -40, `pleura coldest ${p.coldest_c}`);
  assert.ok(p.time_frozen_s! > 60 && p.time_frozen_s! <= 90, `frozen for ${p.time_frozen_s} s`);
});
