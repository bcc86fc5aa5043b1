/**
 * The liquid-nitrogen spray against the published measurement it is fitted to and
 * those held out (src/core/probe/published-spray.ts; docs/validation.md), on a
 * coarser grid than the validation page's: each within the measurement's tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPRAY_MEASUREMENTS, runErdmann, runSpotFreeze, isSpotFreeze, spotValue } from '../../src/core/probe/published-spray.js';
import { LN2_SPRAY_H_W_M2K } from '../../src/core/probe/spray.js';

test('LN2 spray on porcine skin (Erdmann & Wokes 2023): surface after 5 s (fit) and the thaw to 0 °C (held out) within tolerance', () => {
  const r = runErdmann(5, LN2_SPRAY_H_W_M2K, 2);
  for (const m of SPRAY_MEASUREMENTS.filter((x) => !isSpotFreeze(x))) {
    const v = m.observe === 'surface-at-end-of-spray' ? r.surface_c : r.thaw_s;
    assert.ok(v !== null && Math.abs(v - m.value) <= m.tolerance, `${m.id}: simulated ${v} against ${m.value} ± ${m.tolerance}`);
  }
});

test('the spray is limited by its boiling film: a coefficient 5x lower or higher misses the measured surface temperature', () => {
  const m = SPRAY_MEASUREMENTS.find((x) => x.role === 'fit')!;
  for (const f of [0.2, 5]) {
    const v = runErdmann(5, LN2_SPRAY_H_W_M2K * f, 2).surface_c;
    assert.ok(Math.abs(v - m.value) > m.tolerance, `h x${f}: ${v.toFixed(1)} °C would also fit ${m.value} °C`);
  }
});

// Refinement 2.8 (about 11k cells) reads the ratios within 0.01 and the -25 °C depth within 0.02 mm of the validation page's grid (refinement 1, 202k cells: 0.390, 0.620, 3.59 mm).
test('spot freeze in vivo: depth of freeze over the radius of the surface freeze (10, 30 s) and the depth of -25 °C (30 s) within the texts (held out)', () => {
  const rows = SPRAY_MEASUREMENTS.filter(isSpotFreeze);
  const { readings } = runSpotFreeze(
    10,
    rows.map((m) => m.spray_s),
    LN2_SPRAY_H_W_M2K,
    2.8,
  );
  for (const m of rows) {
    const r = readings.find((x) => x.time_s === m.spray_s)!;
    const v = spotValue(m, r);
    assert.ok(Math.abs(v - m.value) <= m.tolerance, `${m.id}: simulated ${v.toFixed(3)} (${JSON.stringify(r)}) against ${m.value} ± ${m.tolerance}`);
  }
  // The ice deepens and spreads as the spray goes on (a check that the readings are the freeze's, in order).
  assert.ok(readings[1].depth0_mm > readings[0].depth0_mm && readings[1].halo0_mm > readings[0].halo0_mm, JSON.stringify(readings));
});
