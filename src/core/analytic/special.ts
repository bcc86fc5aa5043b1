/**
 * Special functions and a scalar root finder for the analytic (verification) solutions.
 *
 * Accuracy targets (checked in test/core/analytic/special.test.ts against values computed
 * independently to 30 digits, and against Abramowitz & Stegun 1964 tables):
 *   erf, erfc, erfcx  ~1e-15 relative over the real line (erfc down to its underflow);
 *   E1, e^x E1        ~1e-15 relative for x > 0.
 *
 * References
 *   Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, NBS AMS 55:
 *     7.1.1 (erf), 7.1.6 (erf power series with positive terms), 7.1.14 (continued
 *     fraction for erfc); 5.1.1 (E1), 5.1.11 (E1 series), 5.1.22 (E1 continued fraction).
 *   Press WH et al. (2007) Numerical Recipes 3rd ed.: §5.2 (modified Lentz algorithm),
 *     §6.3 (expint), §9.3 (Brent's method).
 *   Brent RP (1973) Algorithms for Minimization without Derivatives, ch. 4.
 *
 * Pure functions: no I/O.
 */

const SQRT_PI = 1.7724538509055160273;
const TWO_OVER_SQRT_PI = 1.1283791670955125739;
/** Euler–Mascheroni constant (A&S 6.1.3). */
export const EULER_GAMMA = 0.57721566490153286061;

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

/**
 * exp(-x^2) without the error of rounding x^2 first: x = xh + xl with xh having few
 * enough bits that xh^2 is exact, so exp(-x^2) = exp(-xh^2) * exp(-(x - xh)(x + xh)).
 * (The usual trick of Cody-type erfc implementations; matters for x > ~5.)
 */
function expMinusSquare(x: number): number {
  const xh = Math.round(x * 4096) / 4096;
  return Math.exp(-xh * xh) * Math.exp(-(x - xh) * (x + xh));
}

/**
 * erf for |x| < 1 by the positive-term series (A&S 7.1.6):
 *   erf x = (2/√π) e^{-x²} Σ_{n≥0} 2^n x^{2n+1} / (1·3·…·(2n+1)).
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (Math.abs(term) <= EPS * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}

/**
 * Scaled complementary error function erfcx(x) = e^{x²} erfc(x) for x ≥ 1, by the even
 * contraction of the Laplace continued fraction (A&S 7.1.14), evaluated with the modified
 * Lentz algorithm:
 *   erfcx(x) = (2x/√π) / (2x²+1 − 1·2/(2x²+5 − 3·4/(2x²+9 − …))).
 * About 95 terms at x = 1, 5 at x = 10.
 */
function erfcxContinuedFraction(x: number): number {
  const x2 = 2 * x * x;
  let f = x2 + 1;
  let c = f;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = -(2 * n - 1) * (2 * n);
    const b = x2 + 4 * n + 1;
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return (2 * x) / SQRT_PI / f;
}

/** Error function erf(x) = (2/√π) ∫_0^x e^{-s²} ds (A&S 7.1.1). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 1) return erfSeries(x);
  if (ax > 6.5) return Math.sign(x); // erfc(6.5) < 1e-19
  const v = 1 - expMinusSquare(ax) * erfcxContinuedFraction(ax);
  return x < 0 ? -v : v;
}

/** Complementary error function erfc(x) = 1 − erf(x), accurate in relative terms for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  if (Math.abs(x) < 1) return 1 - erfSeries(x);
  if (x < 0) {
    if (x < -6.5) return 2;
    return 2 - expMinusSquare(-x) * erfcxContinuedFraction(-x);
  }
  if (x > 27.3) return 0; // underflows (erfc(27.3) ≈ 1e-325)
  return expMinusSquare(x) * erfcxContinuedFraction(x);
}

/**
 * Scaled complementary error function erfcx(x) = e^{x²} erfc(x). Finite for all x ≥ 0
 * (≈ 1/(x√π) for large x); overflows only for x < about −26.6.
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 1) return x === Infinity ? 0 : erfcxContinuedFraction(x);
  if (x > -1) return Math.exp(x * x) * (1 - erfSeries(x));
  // x ≤ −1: erfc(x) = 2 − erfc(−x)
  return 2 * Math.exp(x * x) - erfcxContinuedFraction(-x);
}

/**
 * Exponential integral E1(x) = ∫_x^∞ e^{-s}/s ds for x > 0 (A&S 5.1.1).
 * x ≤ 1: series E1 = −γ − ln x − Σ_{n≥1} (−x)^n/(n·n!) (A&S 5.1.11);
 * x > 1: E1 = e^{-x} · 1/(x+1 − 1²/(x+3 − 2²/(x+5 − …))) (A&S 5.1.22 in the even form
 * of Numerical Recipes §6.3), modified Lentz.
 * Returns +Infinity at 0 and NaN for x < 0.
 */
export function expint1(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= 1) return expint1Series(x);
  if (x > 745) return 0; // underflows
  return Math.exp(-x) * expint1ScaledCF(x);
}

/**
 * Scaled exponential integral e^{x} E1(x) for x > 0: finite for large x (≈ 1/(x+1)),
 * which keeps ratios like e^{-y}/E1(y) well defined where E1 underflows.
 */
export function expint1Scaled(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return 0;
  if (x <= 1) return Math.exp(x) * expint1Series(x);
  return expint1ScaledCF(x);
}

function expint1Series(x: number): number {
  // Σ_{n≥1} (−1)^{n+1} x^n / (n·n!)
  let sum = 0;
  let fact = 1; // (−1)^{n+1} x^n / n!
  for (let n = 1; n < 100; n++) {
    fact *= -x / n;
    const term = -fact / n;
    sum += term;
    if (Math.abs(term) < EPS * Math.abs(sum) * 0.1) break;
  }
  return -EULER_GAMMA - Math.log(x) + sum;
}

function expint1ScaledCF(x: number): number {
  let b = x + 1;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const a = -i * i;
    b += 2;
    d = 1 / (a * d + b);
    c = b + a / c;
    const del = c * d;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Options for {@link brentRoot}. */
export interface RootOptions {
  /** Absolute tolerance on x (default 0: relative tolerance only). */
  xtol?: number;
  /** Relative tolerance on x (default 4·machine epsilon). */
  rtol?: number;
  /** Maximum iterations (default 200). */
  maxIter?: number;
}

/**
 * Root of f in the bracket [a, b] (f(a)·f(b) ≤ 0) by Brent's method: inverse quadratic
 * interpolation / secant, safeguarded by bisection (Brent 1973 ch. 4; Numerical Recipes
 * §9.3). Converges for any continuous f with a sign change; superlinearly for smooth f.
 * Throws RangeError when the interval does not bracket a root or f is not finite there.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): number {
  const xtol = opts.xtol ?? 0;
  const rtol = opts.rtol ?? 4 * EPS;
  const maxIter = opts.maxIter ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (!Number.isFinite(fa) || !Number.isFinite(fb)) throw new RangeError(`brentRoot: f not finite at the bracket ends (f(${a})=${fa}, f(${b})=${fb})`);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) throw new RangeError(`brentRoot: [${a}, ${b}] does not bracket a root (f=${fa}, ${fb})`);
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb > 0 === fc > 0) {
      // keep the root between b and c
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * Math.max(xtol, rtol * Math.abs(b));
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // attempt interpolation
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s; // secant
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1)); // inverse quadratic
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm; // bisection
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (!Number.isFinite(fb)) throw new RangeError(`brentRoot: f not finite at ${b}`);
  }
  throw new RangeError(`brentRoot: no convergence in ${maxIter} iterations`);
}

/**
 * Expands [lo, hi] (0 < lo < hi) geometrically upward until f changes sign between lo
 * and hi, for a function that is positive near lo and eventually negative (or the
 * reverse). Returns the bracket; throws RangeError when none is found within `maxDoublings`.
 */
export function bracketUpward(f: (x: number) => number, lo: number, hi: number, maxDoublings = 200): [number, number] {
  const flo = f(lo);
  let a = lo;
  let b = hi;
  for (let i = 0; i < maxDoublings; i++) {
    const fb = f(b);
    if (fb === 0 || fb > 0 !== flo > 0) return [a, b];
    a = b;
    b *= 2;
  }
  throw new RangeError('bracketUpward: no sign change found');
}
