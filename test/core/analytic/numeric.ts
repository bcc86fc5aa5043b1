/**
 * Numerical helpers for the analytic-solution tests (independent of the code under test):
 * relative comparisons, finite differences, quadrature.
 */
import assert from 'node:assert/strict';

/** Asserts |actual − expected| ≤ rel·|expected| (+ abs). */
export function assertClose(actual: number, expected: number, rel: number, abs = 0, what = ''): void {
  const err = Math.abs(actual - expected);
  const tol = rel * Math.abs(expected) + abs;
  assert.ok(Number.isFinite(actual) && err <= tol, `${what} expected ${expected}, got ${actual} (|err| ${err.toExponential(3)} > tol ${tol.toExponential(3)})`);
}

/** Central first derivative, O(h²). */
export function d1(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** Fourth-order central first derivative, O(h⁴). */
export function d1x4(f: (x: number) => number, x: number, h: number): number {
  return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
}

/** Fourth-order central second derivative, O(h⁴). */
export function d2x4(f: (x: number) => number, x: number, h: number): number {
  return (-f(x + 2 * h) + 16 * f(x + h) - 30 * f(x) + 16 * f(x - h) - f(x - 2 * h)) / (12 * h * h);
}

/** Third-order one-sided first derivative from the left (points x, x−h, x−2h, x−3h), O(h³). */
export function d1Left(f: (x: number) => number, x: number, h: number): number {
  return (11 * f(x) - 18 * f(x - h) + 9 * f(x - 2 * h) - 2 * f(x - 3 * h)) / (6 * h);
}

/** Third-order one-sided first derivative from the right, O(h³). */
export function d1Right(f: (x: number) => number, x: number, h: number): number {
  return (-11 * f(x) + 18 * f(x + h) - 9 * f(x + 2 * h) + 2 * f(x + 3 * h)) / (6 * h);
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n). */
export function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = new Array(n);
  const w: number[] = new Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/** Composite Gauss–Legendre quadrature of f on [a, b] with `panels` panels of `order` points. */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 64, order = 16): number {
  const { x, w } = gaussLegendre(order);
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < order; i++) sum += w[i] * f(mid + 0.5 * h * x[i]);
  }
  return 0.5 * h * sum;
}
