import { UNCERTAIN_INPUTS, type Sample, type UncertainInput } from './types.js';

/** mulberry32: a small, fast, well-mixed 32-bit generator; seeded, so a plan is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Latin hypercube: n points in [0,1)^dims, each coordinate's n values one per stratum
 * of width 1/n (at a random place within it), the strata paired at random between
 * coordinates. An estimate of a probability from it errs less than one from as many
 * independent draws (never more, for a monotone response), so a binomial error bar is
 * a safe statement of its sampling error.
 */
export function latinHypercube(n: number, dims: number, seed: number): number[][] {
  const r = rng(seed);
  const pts = Array.from({ length: n }, () => new Array<number>(dims).fill(0));
  for (let d = 0; d < dims; d++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    for (let i = 0; i < n; i++) pts[i][d] = (perm[i] + r()) / n;
  }
  return pts;
}

/**
 * The standard normal quantile, Acklam's rational approximation (relative error below
 * 1.2e-9 over (0, 1)), which is ample for sampling.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? -Infinity : Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export const NOMINAL: Sample = Object.fromEntries(UNCERTAIN_INPUTS.map((u) => [u.id, 0])) as Sample;

/**
 * The uncertainty samples every candidate shares (common random numbers: differences
 * between candidates are then not blurred by different draws).
 */
export function uncertaintySamples(n: number, seed: number): Sample[] {
  return latinHypercube(n, UNCERTAIN_INPUTS.length, seed).map(
    (u) => Object.fromEntries(UNCERTAIN_INPUTS.map((inp, d) => [inp.id, normalQuantile(u[d])])) as Record<UncertainInput, number>,
  );
}
