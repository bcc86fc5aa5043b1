import type { Structure, Vec3 } from '../model.js';

/** Squared distance from point p to segment ab, and the parameter of the closest point (0..1). */
export function segmentDistance2(p: Vec3, a: Vec3, b: Vec3): { d2: number; t: number } {
  const abx = b[0] - a[0],
    aby = b[1] - a[1],
    abz = b[2] - a[2];
  const apx = p[0] - a[0],
    apy = p[1] - a[1],
    apz = p[2] - a[2];
  const len2 = abx * abx + aby * aby + abz * abz;
  let t = len2 > 0 ? (apx * abx + apy * aby + apz * abz) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const dx = apx - t * abx,
    dy = apy - t * aby,
    dz = apz - t * abz;
  return { d2: dx * dx + dy * dy + dz * dz, t };
}

/** Squared distance from p to a polyline. */
export function polylineDistance2(p: Vec3, path: Vec3[]): number {
  if (path.length === 1) return segmentDistance2(p, path[0], path[0]).d2;
  let best = Infinity;
  for (let i = 0; i + 1 < path.length; i++) best = Math.min(best, segmentDistance2(p, path[i], path[i + 1]).d2);
  return best;
}

/**
 * Whether p lies inside an analytic structure. A labelled structure's shape is its
 * image's (labelSampler in labelmap.ts), which this function does not hold: false.
 */
export function insideStructure(s: Structure, p: Vec3): boolean {
  switch (s.kind) {
    case 'label':
      return false;
    case 'tube': {
      const r = s.diameter_mm / 2;
      return polylineDistance2(p, s.path_mm) <= r * r;
    }
    case 'box':
      return p[0] >= s.min_mm[0] && p[0] <= s.max_mm[0] && p[1] >= s.min_mm[1] && p[1] <= s.max_mm[1] && p[2] >= s.min_mm[2] && p[2] <= s.max_mm[2];
    case 'cylinder': {
      const r = s.diameter_mm / 2;
      const { d2, t } = segmentDistance2(p, s.start_mm, s.end_mm);
      return t > 0 && t < 1 ? d2 <= r * r : d2 <= 1e-18;
    }
    case 'sphere': {
      const r = s.diameter_mm / 2;
      const dx = p[0] - s.center_mm[0],
        dy = p[1] - s.center_mm[1],
        dz = p[2] - s.center_mm[2];
      return dx * dx + dy * dy + dz * dz <= r * r;
    }
    case 'ellipsoid': {
      const [a, b, c] = s.semi_axes_mm;
      const u = (p[0] - s.center_mm[0]) / a,
        v = (p[1] - s.center_mm[1]) / b,
        w = (p[2] - s.center_mm[2]) / c;
      return u * u + v * v + w * w <= 1;
    }
  }
}

/** Whether p lies within radius r of the segment ab, between its end planes. */
export function insideCapsuleCylinder(p: Vec3, a: Vec3, b: Vec3, r: number, capTip: boolean): boolean {
  const { d2, t } = segmentDistance2(p, a, b);
  if (d2 > r * r) return false;
  if (t <= 0) return false;
  // Needle tips are rounded/pointed; a hemispherical cap is the usual idealisation.
  if (t >= 1) return capTip;
  return true;
}
