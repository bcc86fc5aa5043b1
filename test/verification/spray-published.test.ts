/**
 * The liquid-nitrogen spray against the published measurement it is fitted to and
 * the one held out (src/core/probe/published-spray.ts; docs/validation.md), on a
 * coarser grid than the validation page's: each within the measurement's tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPRAY_MEASUREMENTS, runErdmann } from '../../src/core/probe/published-spray.js';
import { LN2_SPRAY_H_W_M2K } from '../../src/core/probe/spray.js';

test('LN2 spray on porcine skin (Erdmann & Wokes 2023): surface after 5 s (fit) and the thaw to 0 °C (held out) within tolerance', () => {
  const r = runErdmann(5, LN2_SPRAY_H_W_M2K, 2);
  for (const m of SPRAY_MEASUREMENTS) {
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
