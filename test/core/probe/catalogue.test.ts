import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROBE_CATALOGUE } from '../../../src/core/probe/catalogue.js';
import { PUBLISHED_ICE_BALLS, ICE_BALL_SCENARIOS } from '../../../src/core/probe/published-ice-balls.js';

/** Cryogen temperatures of PHYSICS.md's table (boiling or Joule-Thomson limit), deg C. */
const CRYOGEN_C: Record<string, number> = { N2O: -88, CO2: -78, argon: -185, LN2: -196 };

/** Ids that cases, presets and tests name: they must keep working. */
const KEPT = ['n2o-1.3', 'n2o-2.0', 'n2o-multi-3x27g', 'co2-2.0', 'argon-1.5', 'argon-2.4', 'ln2-contact-5'];

const entries = Object.entries(PROBE_CATALOGUE);

test('catalogue ids are unique, match their keys and keep the ids in use', () => {
  const ids = entries.map(([, p]) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const [key, p] of entries) assert.equal(p.id, key);
  for (const id of KEPT) assert.ok(PROBE_CATALOGUE[id], `missing ${id}`);
});

for (const [id, p] of entries) {
  test(`${id}: well-formed`, () => {
    assert.ok(p.label.length > 0 && p.use.length > 0, 'label and use');
    assert.ok(p.diameter_mm > 0 && Number.isFinite(p.diameter_mm), 'diameter');
    if (p.kind === 'needle') {
      assert.ok(p.active_length_mm !== undefined && p.active_length_mm > 0, 'a needle has a positive active length');
      assert.ok(p.shaft === 'insulated' || p.shaft === 'bare', 'shaft');
    } else {
      assert.equal(p.active_length_mm, undefined, 'a contact probe has no active length');
      assert.equal(p.tips, undefined, 'a contact probe has no tips');
    }
    if (p.tips) {
      assert.ok(Number.isInteger(p.tips.count) && p.tips.count >= 2, 'a multi-tip handpiece has at least two tips');
      assert.ok(p.tips.spacing_mm > p.diameter_mm, 'tips must not overlap');
    }
    assert.ok(p.sources.length > 0, 'sources');
  });

  test(`${id}: cooling is its cryogen's temperature behind a positive heat-transfer coefficient`, () => {
    assert.equal(p.cooling.mode, 'cryogen');
    if (p.cooling.mode !== 'cryogen') return;
    assert.equal(p.cooling.temperature_c, CRYOGEN_C[p.cryogen], `${p.cryogen} is at ${CRYOGEN_C[p.cryogen]} °C in PHYSICS.md`);
    assert.ok(p.cooling.h_w_m2k > 0 && Number.isFinite(p.cooling.h_w_m2k), 'h');
  });

  test(`${id}: says whether, and to what, its cooling is calibrated`, () => {
    assert.ok((p.calibration === undefined) !== (p.not_calibrated === undefined), 'exactly one of calibration and not_calibrated');
    if (p.not_calibrated !== undefined) {
      assert.match(p.not_calibrated, /^not calibrated: \S/);
      return;
    }
    const c = p.calibration!;
    assert.deepEqual(c.parameters, ['h_w_m2k']);
    assert.ok(c.method.length > 0);
    assert.ok(c.rms_relative_error >= 0 && c.rms_relative_error < 0.05, `rms ${c.rms_relative_error}`);
    assert.ok(c.measurements.length > 0);
    for (const m of c.measurements) {
      const pm = PUBLISHED_ICE_BALLS.find((x) => x.id === m);
      assert.ok(pm, `unknown measurement ${m}`);
      assert.equal(pm.role, 'fit', `${m} is not a fitted measurement`);
    }
    for (const m of c.held_out ?? []) assert.equal(PUBLISHED_ICE_BALLS.find((x) => x.id === m)?.role, 'held-out', `${m} is not a held-out measurement`);
    if (c.transferred_from) {
      const src = PROBE_CATALOGUE[c.transferred_from];
      assert.ok(src?.calibration && !src.calibration.transferred_from, 'carried over from a probe fitted in its own right');
      assert.ok(src.cooling.mode === 'cryogen' && p.cooling.mode === 'cryogen' && src.cooling.h_w_m2k === p.cooling.h_w_m2k, 'the same h as its source');
    } else {
      // A probe fitted in its own right is the one its fitted measurements' scenes use.
      for (const m of c.measurements) assert.equal(ICE_BALL_SCENARIOS[PUBLISHED_ICE_BALLS.find((x) => x.id === m)!.scenario].probe_id, id);
    }
  });
}

test('every published measurement observes a known scenario of a catalogue probe, with a stated tolerance', () => {
  for (const m of PUBLISHED_ICE_BALLS) {
    const s = ICE_BALL_SCENARIOS[m.scenario];
    assert.ok(s, `${m.id}: unknown scenario ${m.scenario}`);
    assert.ok(PROBE_CATALOGUE[s.probe_id], `${m.id}: unknown probe ${s.probe_id}`);
    assert.ok(s.observe_s.includes(m.at_s), `${m.id}: ${m.at_s} s is not observed`);
    assert.ok(m.tolerance.abs > 0 && m.tolerance.why.length > 20, `${m.id}: tolerance and its reason`);
    assert.ok(m.source.citation && m.source.url.startsWith('http'), `${m.id}: source`);
  }
  assert.equal(new Set(PUBLISHED_ICE_BALLS.map((m) => m.id)).size, PUBLISHED_ICE_BALLS.length, 'ids unique');
});
