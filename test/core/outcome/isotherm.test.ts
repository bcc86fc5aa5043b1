/**
 * Isotherm metrics against geometry: a field whose isotherms are spheres or
 * ellipsoids of known size, laid on graded grids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGrid } from '../../../src/core/grid/rectilinear.js';
import { gradedEdges } from '../../../src/core/grid/graded.js';
import { rasterise } from '../../../src/core/anatomy/raster.js';
import { buildProblem } from '../../../src/core/solver/problem.js';
import { isothermVolumesMl, isothermExtents } from '../../../src/core/outcome/isotherm.js';
import { coldestCrossSection } from '../../../src/core/outcome/cross-section.js';
import { baseScene } from '../../helpers/scene.js';

function fieldOn(h0: number, f: (x: number, y: number, z: number) => number) {
  const scene = baseScene({
    layers: [{ tissue: 'muscle', thickness_mm: 30 }],
    domain: { ...baseScene().domain, x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 30 },
  });
  const spacing = (c: number) => (v: number) => h0 * (1 + 0.05 * Math.abs(v - c));
  const g = makeGrid(gradedEdges(-15, 15, spacing(0)), gradedEdges(-15, 15, spacing(0)), gradedEdges(0, 30, spacing(15)));
  const p = buildProblem(scene, g, rasterise(scene, g));
  const T = new Float64Array(p.n);
  for (let k = 0; k < g.nz; k++) for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) T[i + g.nx * (j + g.ny * k)] = f(g.xc[i], g.yc[j], g.zc[k]);
  return { p, g, T };
}

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
