import type { Grid } from '../grid/rectilinear.js';
import { locate } from '../grid/rectilinear.js';

/** Position of v between cell centres: lower centre index and weight of the upper one. */
export function bracket(centres: Float64Array, edges: Float64Array, v: number): [number, number] {
  const n = centres.length;
  if (n === 1 || v <= centres[0]) return [0, 0];
  if (v >= centres[n - 1]) return [n - 1, 0];
  let i = locate(edges, v);
  if (v < centres[i]) i -= 1;
  const w = (v - centres[i]) / (centres[i + 1] - centres[i]);
  return [i, w];
}

/** Trilinear interpolation of a cell-centred field (index i + nx (j + ny k), plus offset) at a point in mm. */
export function sampleField(g: Grid, f: ArrayLike<number>, x: number, y: number, z: number, offset = 0): number {
  const [i, wx] = bracket(g.xc, g.xe, x);
  const [j, wy] = bracket(g.yc, g.ye, y);
  const [k, wz] = bracket(g.zc, g.ze, z);
  const i1 = Math.min(i + 1, g.nx - 1),
    j1 = Math.min(j + 1, g.ny - 1),
    k1 = Math.min(k + 1, g.nz - 1);
  const at = (a: number, b: number, c: number) => f[a + g.nx * (b + g.ny * c) + offset];
  const c00 = at(i, j, k) * (1 - wx) + at(i1, j, k) * wx;
  const c10 = at(i, j1, k) * (1 - wx) + at(i1, j1, k) * wx;
  const c01 = at(i, j, k1) * (1 - wx) + at(i1, j, k1) * wx;
  const c11 = at(i, j1, k1) * (1 - wx) + at(i1, j1, k1) * wx;
  return (c00 * (1 - wy) + c10 * wy) * (1 - wz) + (c01 * (1 - wy) + c11 * wy) * wz;
}
