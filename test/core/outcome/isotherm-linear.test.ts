/**
 * The isotherm volume's per-cell fraction exact for a linear field (isotherm.ts,
 * 'linear') against geometry: a corner tetrahedron cut from the domain by a tilted
 * plane (volume c³/6), the pieces of a box below a plane, and a sphere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isothermVolumesMl, linearBoxFraction } from '../../../src/core/outcome/isotherm.js';
import { fieldOn } from '../../helpers/analytic-field.js';

test('a tilted plane cuts a corner tetrahedron: its volume exact on a graded grid (the uniform spread is not)', () => {
  // T = u + v + w from the domain's corner (-15, -15, 0): below 12 is a tetrahedron of volume 12³/6 mm³.
  const { p, T } = fieldOn(0.7, (x, y, z) => x + 15 + (y + 15) + z);
  const exact = 12 ** 3 / 6 / 1000;
  const linear = isothermVolumesMl(p, T, [12], 0, undefined, 'linear')[0];
  const uniform = isothermVolumesMl(p, T, [12], 0)[0];
  assert.ok(Math.abs(linear / exact - 1) < 1e-9, `linear ${linear} vs ${exact}`);
  assert.ok(Math.abs(uniform / exact - 1) > 1e-3, `the uniform spread is exact only for planes along the grid (${uniform})`);
});

test('fraction of a box below a plane: corner, edge, face and symmetry', () => {
  const [a, b, c] = [1, 2, 3];
  // Near the coldest corner the region is a tetrahedron of legs x/a, x/b, x/c (box fractions).
  const x = 0.5;
  assert.ok(Math.abs(linearBoxFraction(x - 3, a, b, c) - x ** 3 / (6 * a * b * c)) < 1e-12);
  // Symmetric about the centre.
  for (const y of [-2.5, -1.2, -0.3, 0.4, 1.7]) assert.ok(Math.abs(linearBoxFraction(y, a, b, c) + linearBoxFraction(-y, a, b, c) - 1) < 1e-12);
  // A plane parallel to a face: the uniform spread; along an edge: a triangle, then a trapezoid.
  assert.ok(Math.abs(linearBoxFraction(0.3, 2, 0, 0) - (0.5 + 0.3 / 2)) < 1e-12);
  assert.ok(Math.abs(linearBoxFraction(0.5 - 1.5, 1, 2, 0) - 0.5 ** 2 / (2 * 1 * 2)) < 1e-12);
  assert.ok(Math.abs(linearBoxFraction(1.5 - 1.5, 1, 2, 0) - (1.5 - 0.5) / 2) < 1e-12);
  // Out of range and a flat field.
  assert.equal(linearBoxFraction(-4, a, b, c), 0);
  assert.equal(linearBoxFraction(4, a, b, c), 1);
  assert.equal(linearBoxFraction(0.1, 0, 0, 0), 1);
});

test('a sphere: the linear fraction converges to its volume at second order', () => {
  const R = 8;
  const errs = [1.0, 0.5].map((h0) => {
    const { p, T } = fieldOn(h0, (x, y, z) => -20 + 5 * (Math.hypot(x, y, z - 15) - R));
    const v = isothermVolumesMl(p, T, [-20], 0, undefined, 'linear')[0];
    const exact = ((4 / 3) * Math.PI * R ** 3) / 1000;
    return Math.abs(v - exact) / exact;
  });
  // Measured 0.51 % and 0.13 %: second order (the curvature of the sphere within a cell).
  assert.ok(errs[1] < 0.002, `error ${errs.map((e) => `${(100 * e).toFixed(3)} %`)}`);
  assert.ok(errs[0] / errs[1] > 2 ** 1.5, `order below 1.5: ${errs.map((e) => `${(100 * e).toFixed(3)} %`)}`);
});
