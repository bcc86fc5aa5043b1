/**
 * Order of accuracy by the method of manufactured solutions (Roache 2002): a
 * perfused medium with conductivity varying across the box, on smoothly graded
 * grids, driven by the source that makes a known field exact. The solver is run
 * through its own Stepper, with the source and the conductivity factor fed in
 * as a heat source per cell and a per-cell conductivity scale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManufacturedSolution } from '../../src/core/analytic/index.js';
import { manufacturedSetup as setup } from '../helpers/manufactured-setup.js';

const order = (e: number[]) => e.slice(1).map((v, i) => Math.log2(e[i] / v));

test('steady manufactured solution: second order in space on graded grids', () => {
  const ms = createManufacturedSolution({ tau: Infinity });
  const errors = [8, 16, 32].map((n) => {
    const s = setup(ms, n);
    s.setExact(0);
    s.setSource(0);
    // Start away from the answer so the solve has work to do.
    for (let c = 0; c < s.problem.n; c++) s.stepper.T[c + s.problem.pad] = ms.params.tBase;
    const r = s.stepper.step(Infinity, s.cond, 1e-9, 10, null);
    assert.ok(r.converged);
    return s.error(0);
  });
  const p = order(errors);
  assert.ok(
    p.every((q) => q > 1.8 && q < 2.3),
    `observed orders ${p.map((q) => q.toFixed(2))} (errors ${errors.map((e) => e.toExponential(2))})`,
  );
});

test('transient manufactured solution: first order in time (backward Euler)', () => {
  const ms = createManufacturedSolution({ tau: 30 });
  const tEnd = 30;
  // On one fixed grid, the differences between successive halvings of the step isolate the time error.
  const fields = [6, 12, 24].map((steps) => {
    const s = setup(ms, 8);
    s.setExact(0);
    const dt = tEnd / steps;
    for (let k = 1; k <= steps; k++) {
      s.setSource(k * dt);
      const r = s.stepper.step(dt, s.cond, 1e-9, 10, null);
      assert.ok(r.converged);
    }
    return Float64Array.from({ length: s.problem.n }, (_, c) => s.stepper.temperatureAt(c));
  });
  const diff = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
  const d1 = diff(fields[0], fields[1]);
  const d2 = diff(fields[1], fields[2]);
  const p = Math.log2(d1 / d2);
  assert.ok(p > 0.85 && p < 1.2, `observed time order ${p.toFixed(3)}`);
});

test('manufactured transient converges to the exact field as grid and step are refined together', () => {
  const ms = createManufacturedSolution({ tau: 60 });
  const tEnd = 20;
  const errors = [
    [8, 4],
    [16, 16],
  ].map(([n, steps]) => {
    const s = setup(ms, n);
    s.setExact(0);
    const dt = tEnd / steps;
    for (let k = 1; k <= steps; k++) {
      s.setSource(k * dt);
      s.stepper.step(dt, s.cond, 1e-9, 10, null);
    }
    return s.error(tEnd);
  });
  // Space error falls 4x and time error 4x: the total must too (within slack).
  const ratio = errors[0] / errors[1];
  assert.ok(ratio > 3.3 && ratio < 4.8, `error ratio ${ratio.toFixed(2)} (errors ${errors.map((e) => e.toExponential(2))})`);
});
