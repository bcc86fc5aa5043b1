import { test } from 'node:test';
import assert from 'node:assert/strict';
import { richardson } from '../../scripts/grid-convergence.js';

test('Richardson extrapolation recovers the order and the limit of f = f0 + C h^p', () => {
  const f0 = 1.7,
    C = -0.4,
    p = 1.6,
    r = 1.5,
    h = 0.3;
  const f = (hh: number) => f0 + C * hh ** p;
  const out = richardson(f(h), f(h * r), f(h * r * r), r);
  assert.ok(Math.abs(out.order - p) < 1e-9);
  assert.ok(Math.abs(out.extrapolated - f0) < 1e-9);
  // GCI (Roache's safety factor 1.25) bounds the fine grid's true relative error.
  const trueErr = Math.abs((f(h) - f0) / f(h));
  assert.ok(out.gci >= trueErr && out.gci < 1.3 * trueErr);
});

test('oscillating differences have no order', () => {
  assert.ok(Number.isNaN(richardson(7.75, 7.738, 7.77, 1.5).order));
});
