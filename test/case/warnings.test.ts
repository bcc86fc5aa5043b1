/** Plausibility warnings (issue 7, item 5): legal inputs that are almost surely wrong are named, not refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase, loadCase } from '../../src/case/load.js';
import { CONDITION_NAMES } from '../../src/case/conditions/index.js';

const CASE = (over: { cooling?: string; freeze?: number; tip?: string; tissues?: string; layer?: string } = {}) => `name: w
domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 20 }
${over.tissues ?? ''}
anatomy:
  layers: [ { tissue: ${over.layer ?? 'muscle'}, thickness_mm: 20 } ]
  structures:
    - { kind: nerve, name: the nerve, path_mm: [[-10, 4, 10], [10, 4, 10]], diameter_mm: 2 }
    - { kind: vessel, name: the artery, path_mm: [[-10, -4, 10], [10, -4, 10]], diameter_mm: 2 }
probes:
  - { kind: needle, id: p, tip_mm: ${over.tip ?? '[0, 0, 10]'}, direction: [0, 0, 1], diameter_mm: 1, active_length_mm: 5 }
protocol:
  cooling: ${over.cooling ?? '{ temperature_c: -60 }'}
  phases: [ { freeze_s: ${over.freeze ?? 60} } ]
grid: { spacing_mm: 1 }
`;
const warn = (text: string) => parseCase(text, 'w.yaml').warnings;

test('a sound case has no warnings, nor does any bundled preset', async () => {
  assert.deepEqual(warn(CASE()), []);
  for (const condition of CONDITION_NAMES) assert.deepEqual((await loadCase(undefined, { condition })).warnings, [], condition);
});

test('a "cooling" probe warmer than the body is named at its field (the missing minus sign)', () => {
  const w = warn(CASE({ cooling: '{ temperature_c: 50 }' }));
  assert.equal(w.length, 1);
  assert.equal(w[0].path, 'protocol.cooling');
  assert.match(w[0].message, /50 °C, not colder than the body \(37 °C\)/);
  assert.equal(warn(CASE({ cooling: '{ cryogen: { temperature_c: 40, h_w_m2k: 1000 } }' }))[0].path, 'protocol.cooling');
  // Colder than the body but above freezing is a legal, deliberate cooling.
  assert.deepEqual(warn(CASE({ cooling: '{ temperature_c: 5 }' })), []);
});

test('a freeze shorter than 5 s or longer than an hour is named', () => {
  assert.match(warn(CASE({ freeze: 2 }))[0].message, /shorter than 5 s/);
  assert.equal(warn(CASE({ freeze: 2 }))[0].path, 'protocol.phases[0]');
  assert.match(warn(CASE({ freeze: 7200 }))[0].message, /longer than an hour/);
  assert.deepEqual(warn(CASE({ freeze: 5 })), []);
  assert.deepEqual(warn(CASE({ freeze: 3600 })), []);
});

test('a probe tip inside a nerve or a vessel is named; beside it is not', () => {
  const inNerve = warn(CASE({ tip: '[0, 4, 10]' }));
  assert.equal(inNerve.length, 1);
  assert.equal(inNerve[0].path, 'probes[0].tip_mm');
  assert.match(inNerve[0].message, /inside the nerve 'the nerve'/);
  assert.match(warn(CASE({ tip: '[0, -4, 10.5]' }))[0].message, /inside the vessel 'the artery'/);
  assert.deepEqual(warn(CASE({ tip: '[0, 2.5, 10]' })), []);
});

test('tissue properties outside the range of real tissue are named at the field the case set', () => {
  const w = warn(CASE({ tissues: 'tissues:\n  odd: { base: muscle, k_unfrozen_w_mk: 50, perfusion_ml_min_kg: 1e6 }', layer: 'odd' }));
  assert.deepEqual(
    w.map((x) => x.path),
    ['tissues.odd.k_unfrozen_w_mk', 'tissues.odd.perfusion_ml_min_kg'],
  );
  assert.match(w[0].message, /thermal conductivity \(unfrozen\) of 50 W\/\(m K\), outside 0\.1–1 W\/\(m K\)/);
  // More latent heat than pure water is physically impossible.
  assert.match(warn(CASE({ tissues: 'tissues:\n  odd: { base: muscle, latent_j_m3: 5e8 }', layer: 'odd' }))[0].message, /pure water/);
  // Built-in tissues overridden within range: nothing to say.
  assert.deepEqual(warn(CASE({ tissues: 'tissues:\n  muscle: { k_unfrozen_w_mk: 0.5 }' })), []);
});

test('a warning about a preset field says the preset set it', async () => {
  const w = parseCase('condition: intercostal\nprotocol: { phases: [ { freeze_s: 2 } ] }\n', 'mine.yaml').warnings;
  assert.equal(w.length, 1);
  assert.equal(w[0].path, 'protocol.phases[0]');
});
