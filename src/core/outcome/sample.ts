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

/** Weight of the upper centre from the last `lowerCentre` (so that sampling allocates nothing). */
let upperWeight = 0;

/** bracket's index, with its weight left in upperWeight: the same arithmetic without a tuple per axis. */
function lowerCentre(centres: Float64Array, edges: Float64Array, v: number): number {
  const n = centres.length;
  upperWeight = 0;
  if (n === 1 || v <= centres[0]) return 0;
  if (v >= centres[n - 1]) return n - 1;
  let i = locate(edges, v);
  if (v < centres[i]) i -= 1;
  upperWeight = (v - centres[i]) / (centres[i + 1] - centres[i]);
  return i;
}

/** Trilinear interpolation of a cell-centred field (index i + nx (j + ny k), plus offset) at a point in mm. */
export function sampleField(g: Grid, f: ArrayLike<number>, x: number, y: number, z: number, offset = 0): number {
  // (Called for every sample point of the outcomes: written without allocations.)
  const i = lowerCentre(g.xc, g.xe, x);
  const wx = upperWeight;
  const j = lowerCentre(g.yc, g.ye, y);
  const wy = upperWeight;
  const k = lowerCentre(g.zc, g.ze, z);
  const wz = upperWeight;
  const nx = g.nx,
    nxy = g.nx * g.ny;
  const di = Math.min(i + 1, g.nx - 1) - i,
    dj = (Math.min(j + 1, g.ny - 1) - j) * nx,
    dk = (Math.min(k + 1, g.nz - 1) - k) * nxy;
  const c = i + nx * j + nxy * k + offset;
  const c00 = f[c] * (1 - wx) + f[c + di] * wx;
  const c10 = f[c + dj] * (1 - wx) + f[c + dj + di] * wx;
  const c01 = f[c + dk] * (1 - wx) + f[c + dk + di] * wx;
  const c11 = f[c + dj + dk] * (1 - wx) + f[c + dj + dk + di] * wx;
  return (c00 * (1 - wy) + c10 * wy) * (1 - wz) + (c01 * (1 - wy) + c11 * wy) * wz;
}
