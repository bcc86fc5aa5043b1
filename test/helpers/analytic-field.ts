/**
 * An analytic temperature field laid on a graded grid over a 30 mm muscle cube: the
 * isotherm tests measure its isotherms against the geometry the formula gives.
 */
import { makeGrid } from '../../src/core/grid/rectilinear.js';
import { gradedEdges } from '../../src/core/grid/graded.js';
import { rasterise } from '../../src/core/anatomy/raster.js';
import { buildProblem } from '../../src/core/solver/problem.js';
import { baseScene } from './scene.js';

/** Cell-centre values of f on a grid of spacing h0 at the centre, growing 5 % per mm away from it. */
export function fieldOn(h0: number, f: (x: number, y: number, z: number) => number) {
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
