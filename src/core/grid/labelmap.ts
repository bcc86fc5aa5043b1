import type { Domain, LabelMap } from '../model.js';
import { forEachVoxelInDomain, indexToPoint, labelValues } from '../anatomy/labelmap.js';

/** Finest and coarsest spacing at a labelled boundary, mm (times refinement): see labelmapSpacings. */
export const LABEL_BOUNDARY_MIN_MM = 0.25;
export const LABEL_BOUNDARY_MAX_MM = 1.0;

/**
 * Where the auto grid must be fine for a labelmap: one spacing function per case axis,
 * fine at every plane where two regions of the image meet (a named label against
 * another, or against what the layers fill) and graded away from them.
 *
 * A boundary between neighbouring voxels along an image axis is a face whose normal is
 * that axis: it counts for the case axes the normal mostly points along (as a tube
 * refines across itself, not along), at the coordinate of the face's centre. The
 * spacing there is the voxel's own extent along the case axis, no finer than 0.25 mm
 * (the image holds no detail below its voxel) and no coarser than 1 mm.
 */
export function labelmapSpacings(m: LabelMap, d: Domain, refinement: number, growth: number): Array<['x' | 'y' | 'z', (v: number) => number]> {
  const values = labelValues(m);
  const named = new Set(m.labels.map((l) => l.value));
  const region = (v: number) => (named.has(v) ? v : -1);
  const s = m.space;
  const [nx, ny, nz] = s.size;
  const stride = [1, nx, nx * ny];
  const count = [nx, ny, nz];
  const planes: Array<Set<number>> = [new Set(), new Set(), new Set()];
  const lo = [d.x_mm[0], d.y_mm[0], 0];
  const hi = [d.x_mm[1], d.y_mm[1], d.depth_mm];
  // Extent of one voxel along each case axis, and the grain at which face positions are kept.
  const extent = [0, 1, 2].map((b) => [0, 1, 2].reduce((m, a) => Math.max(m, Math.abs(s.direction[a][b]) * s.spacing_mm[a]), 0));
  const h = extent.map((e) => Math.min(LABEL_BOUNDARY_MAX_MM, Math.max(LABEL_BOUNDARY_MIN_MM, e)) * refinement);
  const grain = h.map((v) => v / 4);
  forEachVoxelInDomain(m, d, (i, j, k, flat) => {
    const idx = [i, j, k];
    const here = region(values[flat]);
    for (let a = 0; a < 3; a++) {
      if (idx[a] + 1 >= count[a] || region(values[flat + stride[a]]) === here) continue;
      const face = indexToPoint(s, i + (a === 0 ? 0.5 : 0), j + (a === 1 ? 0.5 : 0), k + (a === 2 ? 0.5 : 0));
      for (let b = 0; b < 3; b++) {
        if (Math.abs(s.direction[a][b]) < 0.5) continue;
        const v = face[b] - m.offset_mm[b];
        if (v >= lo[b] && v <= hi[b]) planes[b].add(Math.round(v / grain[b]) * grain[b]);
      }
    }
  });
  const axes = ['x', 'y', 'z'] as const;
  return axes.flatMap((ax, b) => {
    const at = Float64Array.from(planes[b]).sort();
    if (!at.length) return [];
    const spacing = (v: number) => {
      // Nearest boundary plane by bisection.
      let l = 0;
      let r = at.length - 1;
      while (l < r) {
        const mid = (l + r) >> 1;
        if (at[mid] < v) l = mid + 1;
        else r = mid;
      }
      const dist = Math.min(Math.abs(at[l] - v), l > 0 ? Math.abs(at[l - 1] - v) : Infinity);
      return h[b] + (growth - 1) * dist;
    };
    return [[ax, spacing] as ['x' | 'y' | 'z', (v: number) => number]];
  });
}
