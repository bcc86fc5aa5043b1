/**
 * Isotherm metrics against geometry: a field whose isotherms are spheres or
 * ellipsoids of known size, laid on graded grids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isothermVolumesMl, isothermExtents } from '../../../src/core/outcome/isotherm.js';
import { coldestCrossSection } from '../../../src/core/outcome/cross-section.js';
import { fieldOn } from '../../helpers/analytic-field.js';

test('volume below an isotherm converges to the sphere volume', () => {
  const R = 8;
  const errs = [1.0, 0.5].map((h0) => {
    // T rises linearly with distance from (0,0,15): the -20 degC isotherm is a sphere of radius R.
    const { p, T } = fieldOn(h0, (x, y, z) => -20 + 5 * (Math.hypot(x, y, z - 15) - R));
    const v = isothermVolumesMl(p, T, [-20], 0)[0];
    const exact = ((4 / 3) * Math.PI * R ** 3) / 1000;
    return Math.abs(v - exact) / exact;
  });
  assert.ok(errs[1] < 0.01, `error ${errs.map((e) => `${(100 * e).toFixed(3)} %`)}`);
  assert.ok(errs[1] < errs[0], 'refining reduces the error');
});

test('extents along and across an axis match an ellipsoid', () => {
  const a = 9,
    b = 5; // semi-axes along z and across
  const { p, T } = fieldOn(0.5, (x, y, z) => 10 * (Math.sqrt((x / b) ** 2 + (y / b) ** 2 + ((z - 15) / a) ** 2) - 1));
  const e = isothermExtents(p, T, 0, 0, [0, 0, 1]);
  assert.ok(Math.abs(e.length_mm - 2 * a) < 0.1, `length ${e.length_mm}`);
  assert.ok(Math.abs(e.width_mm - 2 * b) < 0.1, `width ${e.width_mm}`);
  // Along an oblique axis the length is between the two.
  const s = Math.SQRT1_2;
  const o = isothermExtents(p, T, 0, 0, [s, 0, s]);
  assert.ok(o.length_mm > 2 * b && o.length_mm < 2 * a);
});

test("a nerve's coldest cross-section: fraction below a threshold equals the circle's area fraction", () => {
  // T varies linearly in y only; the nerve (radius 2) runs along x at y = 0: the part with y < 1 is below 0 degC.
  const { g, T } = fieldOn(0.25, (_x, y, z) => 10 * (y - 1) + 0.01 * Math.abs(z - 15));
  const tube = {
    kind: 'tube' as const,
    name: 'n',
    tissue: 'nerve',
    role: 'nerve' as const,
    path_mm: [
      [-10, 0, 15],
      [10, 0, 15],
    ] as [number, number, number][],
    diameter_mm: 4,
  };
  const cs = coldestCrossSection(g, T, tube, [0, -30]);
  // Area of the circle (r = 2) below the chord at y = 1.
  const r = 2,
    d = 1;
  const segment = r * r * Math.acos(-d / r) + d * Math.sqrt(r * r - d * d);
  const fraction = segment / (Math.PI * r * r);
  assert.ok(Math.abs(cs.fraction_below['0'] - fraction) < 0.03, `fraction ${cs.fraction_below['0']} vs ${fraction.toFixed(3)}`);
  assert.equal(cs.fraction_below['-30'], 0);
  assert.equal(cs.frozen_length_mm['0'], 0, 'no section is wholly below 0');
});

test('isotherm volumes on a rough field equal the cell-by-cell formula (cells skipped as adding nothing add nothing)', () => {
  // Warm cells next to very cold ones count a fraction of themselves: the skip must keep them.
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const { p, g, T } = fieldOn(1.5, () => 0);
  for (let c = 0; c < p.n; c++) {
    const u = rnd();
    T[c] = u < 0.04 ? -80 * rnd() : u < 0.1 ? 40 * rnd() - 10 : 37 + 3 * rnd();
  }
  const thresholds = [0, -20, -40];
  // The documented formula written out plainly: fraction 0.5 + (thr - T) / span, clamped, span
  // from central (one-sided at the edges) differences times the cell's width.
  const span = (i: number, j: number, k: number) => {
    const at = (a: number, b: number, d: number) => T[a + g.nx * (b + g.ny * d)];
    const axis = (n: number, idx: number, h: Float64Array, lo: number, mid: number, hi: number) => {
      const grad =
        idx > 0 && idx + 1 < n
          ? (hi - lo) / (h[idx - 1] + 2 * h[idx] + h[idx + 1])
          : idx + 1 < n
            ? (hi - mid) / (h[idx] + h[idx + 1])
            : idx > 0
              ? (mid - lo) / (h[idx - 1] + h[idx])
              : 0;
      return Math.abs(grad) * 2 * h[idx];
    };
    const t = at(i, j, k);
    return (
      axis(g.nx, i, p.hx, i > 0 ? at(i - 1, j, k) : t, t, i + 1 < g.nx ? at(i + 1, j, k) : t) +
      axis(g.ny, j, p.hy, j > 0 ? at(i, j - 1, k) : t, t, j + 1 < g.ny ? at(i, j + 1, k) : t) +
      axis(g.nz, k, p.hz, k > 0 ? at(i, j, k - 1) : t, t, k + 1 < g.nz ? at(i, j, k + 1) : t)
    );
  };
  const expected = thresholds.map(() => 0);
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const c = i + g.nx * (j + g.ny * k);
        const s = span(i, j, k);
        thresholds.forEach((thr, q) => {
          const f = s > 0 ? Math.min(1, Math.max(0, 0.5 + (thr - T[c]) / s)) : T[c] <= thr ? 1 : 0;
          expected[q] += f * p.measure[c] * 1e6;
        });
      }
  const got = isothermVolumesMl(p, T, thresholds, 0);
  thresholds.forEach((thr, q) => {
    assert.ok(Math.abs(got[q] - expected[q]) <= 1e-12 * expected[q], `${thr} degC: ${got[q]} vs ${expected[q]}`);
  });
});
