/**
 * Published ice-ball measurements against the simulation with the catalogue's
 * probe cooling (src/core/probe/published-ice-balls.ts; docs/validation.md).
 *
 * Every comparison in docs/validation.md is a test here. Tolerances are each
 * measurement's own uncertainty, stated with its reason in the data module and
 * repeated in the failure message: the spread the source reports (the ice-ball
 * gauge's ±1.28 ± 0.87 mm error for the Ferris measurements, the 4-5 mm range of
 * the IARC manual), or, where the source reports none, the rounding of the
 * published figure and the method's resolution (thermocouples 5 mm apart for
 * Littrup's isotherms). Held-out comparisons also carry the fit's own
 * uncertainty. A known discrepancy is held inside the band documented for it, so
 * that a change in the physics shows.
 *
 * Grids: each scene runs at its `refinement.test`, the coarsest that stayed within
 * 5 % of the finest grid of the calibration's convergence study (docs/calibration.md:
 * 0.1-3 % on the compared sizes), well inside these tolerances. Every comparison
 * is tested; the whole file took about 20 s in CI on two cores (2026-12-02). docs/validation.md gives
 * the same comparisons on the finer calibration grids (npm run validation).
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/core/solver/simulate.js';
import type { RunResult } from '../../src/core/result.js';
import { ICE_BALL_SCENARIOS, scenarioScene, observe, measurementsByScenario } from '../../src/core/probe/published-ice-balls.js';

for (const [id, list] of measurementsByScenario()) {
  const s = ICE_BALL_SCENARIOS[id];
  describe(`ice ball: ${id} (catalogue probe ${s.probe_id})`, () => {
    let r: RunResult;
    before(() => {
      r = simulate(scenarioScene(s, { refinement: s.refinement.test }));
    });

    test('conserves energy', () => {
      assert.ok(r.energy.relative_error < 1e-6, `energy balance ${r.energy.relative_error}`);
    });

    for (const m of list) {
      const u = m.unit === 'degC' ? ' degC' : m.unit ? ` ${m.unit}` : '';
      if (m.known_discrepancy) {
        const [lo, hi] = m.known_discrepancy.simulated_band;
        test(`${m.id}: known discrepancy stays in ${lo}-${hi}${u} (published ${m.value}${u})`, () => {
          const v = observe(m, r);
          assert.ok(v >= lo && v <= hi, `${m.id}: simulated ${v.toFixed(3)}${u} left the documented band ${lo}-${hi}${u}; ${m.known_discrepancy!.why}`);
        });
        continue;
      }
      test(`${m.id} (${m.role}): ${m.value}${u} ± ${m.tolerance.abs}${u}`, () => {
        const v = observe(m, r);
        const err = v - m.value;
        assert.ok(
          Math.abs(err) <= m.tolerance.abs,
          `${m.id}: simulated ${v.toFixed(3)}${u} vs published ${m.value}${u} (error ${err.toFixed(3)}${u}) exceeds ±${m.tolerance.abs}${u}, which is ${m.tolerance.why}`,
        );
      });
    }
  });
}
