/**
 * Second order in time of the BDF2 integrator (src/core/solver/bdf2.ts), by the
 * method of manufactured solutions (Roache 2002): the perfused medium of
 * manufactured.test.ts, whose exact field decays in time, stepped with fixed steps
 * halved three times. On one grid the space error is the same in every run, so the
 * differences from a run with far smaller steps isolate the time error, which must
 * fall about 4x per halving. The first step after the start is backward Euler (its
 * local error, O(h^2), does not lower the global order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManufacturedSolution } from '../../src/core/analytic/index.js';
import { Bdf2 } from '../../src/core/solver/bdf2.js';
import { manufacturedSetup } from '../helpers/manufactured-setup.js';

const ms = createManufacturedSolution({ tau: 30 });
const tEnd = 30;

function run(steps: number): Float64Array {
  const s = manufacturedSetup(ms, 8);
  s.setExact(0);
  const bdf = new Bdf2(s.stepper, 0);
  const dt = tEnd / steps;
  for (let k = 1; k <= steps; k++) {
    // BDF evaluates the right-hand side at the end of the step.
    s.setSource(k * dt);
    const r = bdf.step(dt, s.cond, 1e-10, 20, null);
    assert.ok(r.converged, `step ${k} of ${steps} did not converge`);
    bdf.accept(dt, null);
  }
  return Float64Array.from({ length: s.problem.n }, (_, c) => s.stepper.temperatureAt(c));
}

test('BDF2 is second order in time on a manufactured solution (observed order >= 1.8 over three halvings)', () => {
  const fine = run(768);
  const rms = (a: Float64Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - fine[i]) ** 2, 0) / a.length);
  const errors = [6, 12, 24, 48].map((steps) => rms(run(steps)));
  const orders = errors.slice(1).map((e, i) => Math.log2(errors[i] / e));
  assert.ok(
    orders.every((p) => p >= 1.8 && p < 2.4),
    `observed orders ${orders.map((p) => p.toFixed(2))} (errors ${errors.map((e) => e.toExponential(2))} K)`,
  );
});
