import type { Domain, LabelMap, Vec3 } from '../core/model.js';
import { forEachVoxelInDomain, indexToPoint } from '../core/anatomy/labelmap.js';

/**
 * The tube a labelled nerve's voxels (inside the domain) fill, in the case frame: its
 * axis is their principal direction, its centre line joins the centroids of slabs
 * across that axis (so a gently curving nerve keeps its course), its ends lie half a
 * voxel beyond the outermost voxel centres, and its diameter gives the voxels' volume
 * over that length. The nerve outcome reads the same cross-sections on it as on a nerve
 * written as a tube. Null when fewer than two voxels lie in the domain.
 */
export function nerveFromVoxels(map: LabelMap, data: ArrayLike<number>, value: number, domain: Domain): { path_mm: Vec3[]; diameter_mm: number } | null {
  const pts: number[] = [];
  forEachVoxelInDomain(map, domain, (i, j, k, flat) => {
    if (data[flat] !== value) return;
    const p = indexToPoint(map.space, i, j, k);
    pts.push(p[0] - map.offset_mm[0], p[1] - map.offset_mm[1], p[2] - map.offset_mm[2]);
  });
  const n = pts.length / 3;
  if (n < 2) return null;
  const c = [0, 0, 0];
  for (let q = 0; q < n; q++) for (let a = 0; a < 3; a++) c[a] += pts[3 * q + a] / n;
  const cov = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let q = 0; q < n; q++) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[3 * a + b] += (pts[3 * q + a] - c[a]) * (pts[3 * q + b] - c[b]);
  // The principal axis by power iteration, from the axis of largest spread.
  const d0 = [cov[0], cov[4], cov[8]];
  let u = [0, 0, 0];
  u[d0.indexOf(Math.max(d0[0], d0[1], d0[2]))] = 1;
  for (let it = 0; it < 100; it++) {
    const w = [0, 1, 2].map((a) => cov[3 * a] * u[0] + cov[3 * a + 1] * u[1] + cov[3 * a + 2] * u[2]);
    const len = Math.hypot(w[0], w[1], w[2]);
    if (!(len > 0)) break;
    u = w.map((x) => x / len);
  }
  const along = (q: number) => (pts[3 * q] - c[0]) * u[0] + (pts[3 * q + 1] - c[1]) * u[1] + (pts[3 * q + 2] - c[2]) * u[2];
  let t0 = Infinity;
  let t1 = -Infinity;
  for (let q = 0; q < n; q++) {
    const t = along(q);
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
  }
  // Half a voxel's extent along the axis, beyond the outermost centres.
  const s = map.space;
  const half =
    0.5 * [0, 1, 2].reduce((acc, a) => acc + Math.abs(s.direction[a][0] * u[0] + s.direction[a][1] * u[1] + s.direction[a][2] * u[2]) * s.spacing_mm[a], 0);
  const lo = t0 - half;
  const hi = t1 + half;
  const length = hi - lo;
  const voxel = s.spacing_mm[0] * s.spacing_mm[1] * s.spacing_mm[2];
  const diameter_mm = 2 * Math.sqrt((n * voxel) / (Math.PI * length));
  // Slabs about a diameter (and at least two voxels) thick: their centroids are the centre line.
  const slab = Math.max(diameter_mm, 2 * Math.max(s.spacing_mm[0], s.spacing_mm[1], s.spacing_mm[2]));
  const m = Math.max(1, Math.round(length / slab));
  const sums = Array.from({ length: m }, () => [0, 0, 0, 0]);
  for (let q = 0; q < n; q++) {
    const b = Math.min(m - 1, Math.floor(((along(q) - lo) / length) * m));
    for (let a = 0; a < 3; a++) sums[b][a] += pts[3 * q + a];
    sums[b][3]++;
  }
  const mids = sums.filter((x) => x[3] > 0).map((x) => [x[0] / x[3], x[1] / x[3], x[2] / x[3]] as Vec3);
  const at = (p: Vec3, t: number): Vec3 => {
    // p moved along the axis to the station t.
    const dt = t - ((p[0] - c[0]) * u[0] + (p[1] - c[1]) * u[1] + (p[2] - c[2]) * u[2]);
    return [p[0] + dt * u[0], p[1] + dt * u[1], p[2] + dt * u[2]];
  };
  const path_mm = mids.length === 1 ? [at(mids[0], lo), at(mids[0], hi)] : [at(mids[0], lo), ...mids.slice(1, -1), at(mids.at(-1)!, hi)];
  return { path_mm, diameter_mm };
}
