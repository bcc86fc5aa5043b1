import type { Domain, ImageSpace, LabelMap, Vec3 } from '../model.js';

/** Voxel values as runs [value, count, value, count, ...], in the data's order. */
export function encodeRuns(data: ArrayLike<number>): number[] {
  const runs: number[] = [];
  let i = 0;
  while (i < data.length) {
    const v = data[i];
    let j = i + 1;
    while (j < data.length && data[j] === v) j++;
    runs.push(v, j - i);
    i = j;
  }
  return runs;
}

export type LabelArray = Uint8Array | Uint16Array | Int32Array;

// The same map is sampled by the grid builder, the coverage check and the simulation: decode it once.
const decoded = new WeakMap<number[], LabelArray>();

/** The voxel values of a labelmap, in file order. */
export function labelValues(m: LabelMap): LabelArray {
  const hit = decoded.get(m.runs);
  if (hit) return hit;
  const [nx, ny, nz] = m.space.size;
  const n = nx * ny * nz;
  let max = 0;
  let total = 0;
  for (let r = 0; r < m.runs.length; r += 2) {
    max = Math.max(max, m.runs[r]);
    total += m.runs[r + 1];
  }
  if (total !== n) throw new RangeError(`labelmap runs cover ${total} voxels, the image has ${n}`);
  const out: LabelArray = max < 256 ? new Uint8Array(n) : max < 65536 ? new Uint16Array(n) : new Int32Array(n);
  let o = 0;
  for (let r = 0; r < m.runs.length; r += 2) {
    out.fill(m.runs[r], o, o + m.runs[r + 1]);
    o += m.runs[r + 1];
  }
  decoded.set(m.runs, out);
  return out;
}

/** The physical point of a continuous voxel index (u, v, w): origin + sum of index * spacing * direction. */
export function indexToPoint(s: ImageSpace, u: number, v: number, w: number): Vec3 {
  const idx = [u, v, w];
  const p: Vec3 = [s.origin_mm[0], s.origin_mm[1], s.origin_mm[2]];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) p[b] += idx[a] * s.spacing_mm[a] * s.direction[a][b];
  return p;
}

/** The inverse of indexToPoint: physical point -> continuous voxel index. */
export function pointToIndex(s: ImageSpace): (p: Vec3) => Vec3 {
  // Columns of M are spacing * direction; invert the 3x3 once.
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => s.direction[c][r] * s.spacing_mm[c]));
  const det =
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  if (!(Math.abs(det) > 0)) throw new RangeError('the image axes are degenerate (their directions do not span space)');
  const inv = [
    [m[1][1] * m[2][2] - m[1][2] * m[2][1], m[0][2] * m[2][1] - m[0][1] * m[2][2], m[0][1] * m[1][2] - m[0][2] * m[1][1]],
    [m[1][2] * m[2][0] - m[1][0] * m[2][2], m[0][0] * m[2][2] - m[0][2] * m[2][0], m[0][2] * m[1][0] - m[0][0] * m[1][2]],
    [m[1][0] * m[2][1] - m[1][1] * m[2][0], m[0][1] * m[2][0] - m[0][0] * m[2][1], m[0][0] * m[1][1] - m[0][1] * m[1][0]],
  ].map((row) => row.map((v) => v / det));
  const o = s.origin_mm;
  return (p) => {
    const d = [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
    return [0, 1, 2].map((r) => inv[r][0] * d[0] + inv[r][1] * d[1] + inv[r][2] * d[2]) as Vec3;
  };
}

/** Index of the voxel whose centre is nearest to the continuous index, or -1 outside the image. */
export function nearestVoxel(size: [number, number, number], u: Vec3): number {
  const i = Math.round(u[0]);
  const j = Math.round(u[1]);
  const k = Math.round(u[2]);
  if (i < 0 || j < 0 || k < 0 || i >= size[0] || j >= size[1] || k >= size[2]) return -1;
  return i + size[0] * (j + size[1] * k);
}

/** The label value at a point of the case frame (the nearest voxel's), or -1 outside the image. */
export function labelSampler(m: LabelMap): (p: Vec3) => number {
  const values = labelValues(m);
  const toIndex = pointToIndex(m.space);
  const off = m.offset_mm;
  return (p) => {
    const v = nearestVoxel(m.space.size, toIndex([p[0] + off[0], p[1] + off[1], p[2] + off[2]]));
    return v < 0 ? -1 : values[v];
  };
}

/** The case-frame box that holds the voxels of index range [lo, hi] (whole voxels, to their outer faces). */
export function caseBoxOfVoxels(m: LabelMap, lo: Vec3, hi: Vec3): [Vec3, Vec3] {
  const a: Vec3 = [Infinity, Infinity, Infinity];
  const b: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const u of [lo[0] - 0.5, hi[0] + 0.5])
    for (const v of [lo[1] - 0.5, hi[1] + 0.5])
      for (const w of [lo[2] - 0.5, hi[2] + 0.5]) {
        const p = indexToPoint(m.space, u, v, w);
        for (let c = 0; c < 3; c++) {
          a[c] = Math.min(a[c], p[c] - m.offset_mm[c]);
          b[c] = Math.max(b[c], p[c] - m.offset_mm[c]);
        }
      }
  return [a, b];
}

/** The eight corners of the domain, case frame. */
export function domainCorners(d: Domain): Vec3[] {
  const out: Vec3[] = [];
  for (const x of d.x_mm) for (const y of d.y_mm) for (const z of [0, d.depth_mm]) out.push([x, y, z]);
  return out;
}

/**
 * Calls fn for every voxel whose centre lies in the domain (case frame), with its
 * index and flat position. The voxel range is bounded first by the domain's corners.
 */
export function forEachVoxelInDomain(m: LabelMap, d: Domain, fn: (i: number, j: number, k: number, flat: number) => void): void {
  const toIndex = pointToIndex(m.space);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const c of domainCorners(d)) {
    const u = toIndex([c[0] + m.offset_mm[0], c[1] + m.offset_mm[1], c[2] + m.offset_mm[2]]);
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], u[a]);
      hi[a] = Math.max(hi[a], u[a]);
    }
  }
  const [nx, ny] = m.space.size;
  const r0 = [0, 1, 2].map((a) => Math.max(0, Math.ceil(lo[a] - 1e-9)));
  const r1 = [0, 1, 2].map((a) => Math.min(m.space.size[a] - 1, Math.floor(hi[a] + 1e-9)));
  const eps = 1e-9;
  for (let k = r0[2]; k <= r1[2]; k++)
    for (let j = r0[1]; j <= r1[1]; j++)
      for (let i = r0[0]; i <= r1[0]; i++) {
        const p = indexToPoint(m.space, i, j, k);
        const x = p[0] - m.offset_mm[0];
        const y = p[1] - m.offset_mm[1];
        const z = p[2] - m.offset_mm[2];
        if (x < d.x_mm[0] - eps || x > d.x_mm[1] + eps || y < d.y_mm[0] - eps || y > d.y_mm[1] + eps || z < -eps || z > d.depth_mm + eps) continue;
        fn(i, j, k, i + nx * (j + ny * k));
      }
}
