import type { NeedleProbe, Vec3 } from '../model.js';

/** Index of the grid axis a needle lies along, or -1 if it is oblique. */
export function needleAxis(p: NeedleProbe): number {
  const u = p.direction;
  for (let a = 0; a < 3; a++) if (Math.abs(u[a]) > 1 - 1e-9) return a;
  return -1;
}

/** Inside the round cylinder of radius r around segment ab, with flat ends at a and b. */
export function insideCylinder(p: Vec3, a: Vec3, b: Vec3, r: number): boolean {
  let len2 = 0,
    dot = 0;
  for (let i = 0; i < 3; i++) {
    const u = b[i] - a[i];
    len2 += u * u;
    dot += (p[i] - a[i]) * u;
  }
  if (len2 === 0) return false;
  const t = dot / len2;
  if (t < 0 || t > 1) return false;
  let d2 = 0;
  for (let i = 0; i < 3; i++) {
    const d = p[i] - a[i] - t * (b[i] - a[i]);
    d2 += d * d;
  }
  return d2 <= r * r;
}

/**
 * Where the straight path from p (outside) to q first enters the flat-ended
 * cylinder of radius r around segment ab, as a fraction of |pq| in (0, 1], or
 * NaN if it does not. The solid is convex: the path meets it in one interval,
 * the intersection of the interval inside the infinite cylinder (a quadratic in
 * the fraction) with the one between the two end planes.
 */
export function cylinderEntry(p: Vec3, q: Vec3, a: Vec3, b: Vec3, r: number): number {
  const u: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const L = Math.hypot(u[0], u[1], u[2]);
  if (!(L > 0)) return Number.NaN;
  for (let i = 0; i < 3; i++) u[i] /= L;
  const w: Vec3 = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const d: Vec3 = [q[0] - p[0], q[1] - p[1], q[2] - p[2]];
  // Axial coordinate along the path: t(s) = w.u + s d.u, inside for 0 <= t <= L.
  const t0 = w[0] * u[0] + w[1] * u[1] + w[2] * u[2];
  const dt = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
  let lo = 0,
    hi = 1;
  if (Math.abs(dt) < 1e-15) {
    if (t0 < 0 || t0 > L) return Number.NaN;
  } else {
    const s1 = (0 - t0) / dt,
      s2 = (L - t0) / dt;
    lo = Math.max(lo, Math.min(s1, s2));
    hi = Math.min(hi, Math.max(s1, s2));
  }
  // Radial part: |w_perp + s d_perp|^2 <= r^2.
  const wp: Vec3 = [w[0] - t0 * u[0], w[1] - t0 * u[1], w[2] - t0 * u[2]];
  const dp: Vec3 = [d[0] - dt * u[0], d[1] - dt * u[1], d[2] - dt * u[2]];
  const A = dp[0] * dp[0] + dp[1] * dp[1] + dp[2] * dp[2];
  const B = 2 * (wp[0] * dp[0] + wp[1] * dp[1] + wp[2] * dp[2]);
  const C = wp[0] * wp[0] + wp[1] * wp[1] + wp[2] * wp[2] - r * r;
  if (A < 1e-30) {
    if (C > 0) return Number.NaN;
  } else {
    const disc = B * B - 4 * A * C;
    if (disc < 0) return Number.NaN;
    const sq = Math.sqrt(disc);
    lo = Math.max(lo, (-B - sq) / (2 * A));
    hi = Math.min(hi, (-B + sq) / (2 * A));
  }
  return lo <= hi ? lo : Number.NaN;
}
