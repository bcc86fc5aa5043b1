import type { Problem } from '../solver/problem.js';
import type { Vec3 } from '../model.js';

export interface IsothermRegion {
  volume_ml: number;
  length_mm: number;
  width_mm: number;
}

/**
 * Volume of tissue colder than a threshold. Each cell counts the fraction of it
 * that a linear temperature profile across the cell puts below the threshold
 * (0.5 + (thr - T) / span, clamped, where span is the temperature change across
 * the cell), rather than all or nothing, so the volume varies smoothly with the
 * field and converges under grid refinement instead of jumping by whole cells.
 */
export function isothermVolumesMl(
  p: Problem,
  T: Float64Array,
  thresholds: number[],
  offset: number,
  out?: Float64Array,
  fraction: 'uniform' | 'linear' = 'uniform',
): Float64Array {
  const { nx, ny, nz, nxy, measure, hx, hy, hz } = p;
  const m = thresholds.length;
  const v = out ?? new Float64Array(m);
  v.fill(0);
  let tMax = -Infinity;
  for (const thr of thresholds) tMax = Math.max(tMax, thr);
  let c = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, c++) {
        // The tissue in the cell (a probe's own cells count the tissue they reach into).
        const vol = measure[c];
        if (vol === 0) continue;
        const t = T[c + offset];
        // Cells far warmer than every threshold add nothing; most cells are, so test first.
        if (t > tMax + 60) continue;
        if (fraction === 'linear') {
          const q = c + offset;
          const sx = axisSpan(T, q, t, i > 0, i + 1 < nx, hx, i, 1);
          const sy = axisSpan(T, q, t, j > 0, j + 1 < ny, hy, j, nx);
          const sz = axisSpan(T, q, t, k > 0, k + 1 < nz, hz, k, nxy);
          for (let s = 0; s < m; s++) v[s] += linearBoxFraction(thresholds[s] - t, sx, sy, sz) * vol * 1e6;
          continue;
        }
        // A cell warmer than every threshold counts only where its span exceeds twice the
        // difference, and each axis's span is under twice the cell's largest difference to
        // a neighbour on that axis: so a cell within (t - tMax)/4 of all its neighbours adds
        // exactly nothing (checked without the divisions; most cells of a run are such).
        if (t > tMax) {
          const lim = 0.25 * (t - tMax);
          const q = c + offset;
          if (
            (i === 0 || Math.abs(T[q - 1] - t) <= lim) &&
            (i + 1 === nx || Math.abs(T[q + 1] - t) <= lim) &&
            (j === 0 || Math.abs(T[q - nx] - t) <= lim) &&
            (j + 1 === ny || Math.abs(T[q + nx] - t) <= lim) &&
            (k === 0 || Math.abs(T[q - nxy] - t) <= lim) &&
            (k + 1 === nz || Math.abs(T[q + nxy] - t) <= lim)
          )
            continue;
        }
        const span = cellSpan(p, T, offset, c, i, j, k, hx, hy, hz, nx, ny, nz, nxy);
        for (let s = 0; s < m; s++) {
          const thr = thresholds[s];
          const f = span > 0 ? Math.min(1, Math.max(0, 0.5 + (thr - t) / span)) : t <= thr ? 1 : 0;
          v[s] += f * vol * 1e6;
        }
      }
  return v;
}

/** Spans below this fraction of the largest are a plane's edge-on axes: left out, the formulas below would divide by them. */
const FLAT_SPAN = 1e-6;

/**
 * The fraction of a box below a threshold under a linear field, exactly: y is the
 * threshold less the field at the box's centre, a, b, c the field's spans along the
 * three axes. The field over the box is the sum of three uniform variables, and the
 * fraction is the distribution function of that sum (a piecewise cubic in y, by
 * inclusion-exclusion over the box's corners); a uniform spread over a + b + c is
 * right only for a plane parallel to a face.
 */
export function linearBoxFraction(y: number, a: number, b: number, c: number): number {
  const top = Math.max(a, b, c);
  if (!(top > 0)) return y >= 0 ? 1 : 0;
  // Sorted largest first, edge-on axes dropped.
  const s1 = top;
  let s2 = a === top ? Math.max(b, c) : b === top ? Math.max(a, c) : Math.max(a, b);
  let s3 = a + b + c - s1 - s2;
  if (s3 < FLAT_SPAN * s1) s3 = 0;
  if (s2 < FLAT_SPAN * s1) s2 = s3 = 0;
  const S = s1 + s2 + s3;
  let x = y + 0.5 * S;
  if (x <= 0) return 0;
  if (x >= S) return 1;
  // The distribution is symmetric about S / 2: the upper half from the lower, where fewer terms are non-zero.
  const upper = x > 0.5 * S;
  if (upper) x = S - x;
  let f: number;
  if (s2 === 0) f = x / s1;
  else if (s3 === 0) {
    const p = (u: number) => (u > 0 ? u * u : 0);
    f = (x * x - p(x - s1) - p(x - s2)) / (2 * s1 * s2);
  } else {
    const p = (u: number) => (u > 0 ? u * u * u : 0);
    f = (x * x * x - p(x - s1) - p(x - s2) - p(x - s3) + p(x - s1 - s2) + p(x - s1 - s3) + p(x - s2 - s3)) / (6 * s1 * s2 * s3);
  }
  return upper ? 1 - f : f;
}

/** |dT/dx| dx + |dT/dy| dy + |dT/dz| dz from one-sided/central differences: the temperature span across the cell. */
function cellSpan(
  _p: Problem,
  T: Float64Array,
  off: number,
  c: number,
  i: number,
  j: number,
  k: number,
  hx: Float64Array,
  hy: Float64Array,
  hz: Float64Array,
  nx: number,
  ny: number,
  nz: number,
  nxy: number,
): number {
  // (Written out per axis, without closures: it runs on every cell at every step.)
  const q = c + off;
  const t0 = T[q];
  return axisSpan(T, q, t0, i > 0, i + 1 < nx, hx, i, 1) + axisSpan(T, q, t0, j > 0, j + 1 < ny, hy, j, nx) + axisSpan(T, q, t0, k > 0, k + 1 < nz, hz, k, nxy);
}

/** The span along one axis: the gradient from the neighbours (central when both exist), times the cell width 2 h0. */
function axisSpan(T: Float64Array, q: number, t0: number, im: boolean, ip: boolean, h: Float64Array, i: number, s: number): number {
  const h0 = h[i];
  let g: number;
  if (im && ip) g = (T[q + s] - T[q - s]) / (h[i - 1] + 2 * h0 + h[i + 1]);
  else if (ip) g = (T[q + s] - t0) / (h0 + h[i + 1]);
  else if (im) g = (t0 - T[q - s]) / (h[i - 1] + h0);
  else g = 0;
  return Math.abs(g) * 2 * h0;
}

/** Two unit vectors perpendicular to u. */
export function perpendiculars(u: Vec3): [Vec3, Vec3] {
  const a: Vec3 = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const e1: Vec3 = [u[1] * a[2] - u[2] * a[1], u[2] * a[0] - u[0] * a[2], u[0] * a[1] - u[1] * a[0]];
  const l = Math.hypot(...e1);
  e1[0] /= l;
  e1[1] /= l;
  e1[2] /= l;
  const e2: Vec3 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]];
  return [e1, e2];
}

/**
 * Extents of the region colder than a threshold along an axis u and across it
 * (the larger of two perpendicular directions). The boundary is located to
 * sub-cell accuracy where it crosses the lines joining neighbouring cell
 * centres, by linear interpolation between the two temperatures.
 */
export function isothermExtents(p: Problem, T: Float64Array, thr: number, offset: number, u: Vec3): { length_mm: number; width_mm: number } {
  const { nx, ny, nz, nxy, grid } = p;
  const [e1, e2] = perpendiculars(u);
  let aMin = Infinity,
    aMax = -Infinity,
    bMin = Infinity,
    bMax = -Infinity,
    cMin = Infinity,
    cMax = -Infinity;
  const add = (x: number, y: number, z: number) => {
    const a = x * u[0] + y * u[1] + z * u[2];
    const b = x * e1[0] + y * e1[1] + z * e1[2];
    const cc = x * e2[0] + y * e2[1] + z * e2[2];
    if (a < aMin) aMin = a;
    if (a > aMax) aMax = a;
    if (b < bMin) bMin = b;
    if (b > bMax) bMax = b;
    if (cc < cMin) cMin = cc;
    if (cc > cMax) cMax = cc;
  };
  const { xc, yc, zc } = grid;
  // Where the isotherm crosses the line from cell centre (i, j, k) to a neighbour's (x1, y1, z1).
  const cross = (i: number, j: number, k: number, t0: number, t1: number, x1: number, y1: number, z1: number) => {
    const f = (thr - t0) / (t1 - t0);
    add(xc[i] + f * (x1 - xc[i]), yc[j] + f * (y1 - yc[j]), zc[k] + f * (z1 - zc[k]));
  };
  let c = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, c++) {
        const t0 = T[c + offset];
        // A warm cell with warm neighbours ahead adds nothing (most cells): one test first.
        if (t0 > thr && (i + 1 >= nx || T[c + 1 + offset] > thr) && (j + 1 >= ny || T[c + nx + offset] > thr) && (k + 1 >= nz || T[c + nxy + offset] > thr))
          continue;
        const cold0 = t0 <= thr;
        if (i + 1 < nx && cold0 !== T[c + 1 + offset] <= thr) cross(i, j, k, t0, T[c + 1 + offset], xc[i + 1], yc[j], zc[k]);
        if (j + 1 < ny && cold0 !== T[c + nx + offset] <= thr) cross(i, j, k, t0, T[c + nx + offset], xc[i], yc[j + 1], zc[k]);
        if (k + 1 < nz && cold0 !== T[c + nxy + offset] <= thr) cross(i, j, k, t0, T[c + nxy + offset], xc[i], yc[j], zc[k + 1]);
        // A cold cell on the domain's edge bounds the region by its own outer face.
        if (cold0 && (i === 0 || i === nx - 1 || j === 0 || j === ny - 1 || k === 0 || k === nz - 1)) add(xc[i], yc[j], zc[k]);
      }
  if (aMax < aMin) return { length_mm: 0, width_mm: 0 };
  return { length_mm: aMax - aMin, width_mm: Math.max(bMax - bMin, cMax - cMin) };
}
