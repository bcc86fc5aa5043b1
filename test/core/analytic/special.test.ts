/**
 * Special functions: published values, symmetries and differential identities.
 *
 * Reference values: the brief's values (erf(0.5), erf(2), E1(1), E1(0.1), E1(5), E1(10);
 * cf. Abramowitz & Stegun 1964 Tables 7.1 and 5.1), and further values computed
 * independently with mpmath 1.3 at 30 significant digits (erf, erfc, e^{x²}erfc, e1).
 * Note: A&S 5.1 and mpmath give E1(1) = 0.219383934395520273677…; the brief's
 * 0.21938393439552062 differs from it in the 16th digit, well inside the 1e-13 tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EULER_GAMMA, brentRoot, bracketUpward, erf, erfc, erfcx, expint1, expint1Scaled } from '../../../src/core/analytic/index.js';
import { assertClose, d1, d1x4 } from './numeric.js';

const SQRT_PI = Math.sqrt(Math.PI);

test('erf: published values to 1e-14 relative', () => {
  const cases: Array<[number, number]> = [
    [0.1, 0.1124629160182848984],
    [0.5, 0.5204998778130465], // brief / A&S Table 7.1
    [1, 0.84270079294971486934],
    [2, 0.9953222650189527], // brief / A&S Table 7.1
    [3, 0.99997790950300141456],
    [5, 0.99999999999846254021],
    [1.37, 0.94731239803525200611],
    [3.91, 0.9999999678992514891],
  ];
  for (const [x, v] of cases) assertClose(erf(x), v, 1e-14, 0, `erf(${x})`);
  assert.equal(erf(0), 0);
  assert.equal(erf(10), 1);
});

test('erfc: values to 1e-14 relative including the far tail', () => {
  const cases: Array<[number, number]> = [
    [0.1, 0.8875370839817151016],
    [0.5, 0.47950012218695346232],
    [1, 0.15729920705028513066],
    [2, 0.0046777349810472658379],
    [3, 0.000022090496998585441373],
    [5, 1.5374597944280348502e-12],
    [10, 2.088487583762544757e-45],
    [26, 5.6631924088561428465e-296],
    // non-integer arguments: x² is not exact in binary, which the implementation must
    // not let into e^{−x²} (an error of ~x²·ε ≈ 8e-14 at x = 26.5)
    [1.37, 0.052687601964747993892],
    [3.91, 3.2100748510903244253e-8],
    [5.77, 3.3499060204319222431e-16],
    [9.123, 4.393038117489646602e-38],
    [12.34, 3.3592521310392919394e-68],
    [19.7, 8.1480862678263804908e-171],
    [26.53, 4.4994645486306241439e-308],
  ];
  for (const [x, v] of cases) assertClose(erfc(x), v, 1e-14, 0, `erfc(${x})`);
  assert.equal(erfc(0), 1);
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
});

test('erfcx: e^{x²} erfc(x) values and large-x asymptotics', () => {
  const cases: Array<[number, number]> = [
    [0.1, 0.89645697996912663741],
    [0.5, 0.61569034419292587487],
    [1, 0.42758357615580700441],
    [2, 0.25539567631050574387],
    [5, 0.11070463773306862637],
    [10, 0.056140992743822585858],
    [26, 0.021683584850562906616],
  ];
  for (const [x, v] of cases) assertClose(erfcx(x), v, 1e-14, 0, `erfcx(${x})`);
  // A&S 7.1.23: erfcx(x) ~ (1/(x√π)) (1 − 1/(2x²) + 3/(4x⁴) − …)
  const x = 1e4;
  assertClose(erfcx(x), (1 / (x * SQRT_PI)) * (1 - 1 / (2 * x * x)), 1e-14);
  assertClose(erfcx(-0.5), Math.exp(0.25) * (2 - erfc(0.5)), 1e-15);
});

test('erf/erfc: symmetry and complementarity', () => {
  for (const x of [1e-8, 0.01, 0.3, 0.999, 1, 1.001, 1.7, 2.5, 4, 6]) {
    assert.equal(erf(-x), -erf(x));
    assertClose(erfc(-x), 2 - erfc(x), 1e-15);
    assertClose(erf(x) + erfc(x), 1, 2e-16);
  }
  // tiny x: erf x ≈ 2x/√π
  assertClose(erf(1e-10), 2e-10 / SQRT_PI, 1e-15);
});

test('erf: derivative equals (2/√π) e^{−x²} (finite differences, across the branch switch at 1)', () => {
  for (const x of [0.05, 0.4, 0.9, 0.999, 1.001, 1.3, 2.2, 3.5]) {
    // h = 1e-3: truncation ~h⁴ ≈ 1e-12 relative; rounding ~ε/h ≈ 2e-13 absolute (erf ≈ 1)
    const h = 1e-3;
    assertClose(d1x4(erf, x, h), (2 / SQRT_PI) * Math.exp(-x * x), 1e-10, 1e-12, `erf'(${x})`);
  }
  // erfc derivative in the far tail, in relative terms
  for (const x of [6, 12, 20]) {
    const h = 1e-4;
    assertClose(d1x4(erfc, x, h), -(2 / SQRT_PI) * Math.exp(-x * x), 1e-7, 0, `erfc'(${x})`);
  }
});

test('E1: published values to 1e-13 relative', () => {
  const cases: Array<[number, number]> = [
    [1e-10, 22.448635265138923943],
    [1e-3, 6.3315393641361493112],
    [0.1, 1.8229239584193906], // brief / A&S Table 5.1
    [0.5, 0.55977359477616081175],
    [1, 0.21938393439552027368], // A&S Table 5.1 (brief: …552062, see header)
    [2, 0.048900510708061119567],
    [5, 0.001148295591275326], // brief / A&S Table 5.1
    [10, 4.156968929685324e-6], // brief / A&S Table 5.1
    [50, 3.7832640295504590187e-24],
    [100, 3.6835977616820321802e-46],
    [700, 1.4065187662340329228e-307],
  ];
  for (const [x, v] of cases) assertClose(expint1(x), v, 1e-13, 0, `E1(${x})`);
  assert.equal(expint1(0), Infinity);
  assert.ok(Number.isNaN(expint1(-1)));
});

test('E1: small-x limit −γ − ln x + x and scaled large-x asymptotics', () => {
  const x = 1e-9;
  assertClose(expint1(x), -EULER_GAMMA - Math.log(x) + x, 1e-15);
  // A&S 5.1.51: x e^x E1(x) ~ 1 − 1/x + 2/x² − 6/x³ + …
  const X = 1e5;
  assertClose(X * expint1Scaled(X), 1 - 1 / X + 2 / (X * X) - 6 / X ** 3, 1e-15);
  assertClose(expint1Scaled(800), 0.0012484413916743503273, 1e-13); // mpmath
  assertClose(expint1Scaled(0.5), 0.92291063248373046883, 1e-14); // mpmath
  assertClose(expint1Scaled(5), 0.17042217628473220181, 1e-14); // mpmath
});

test('E1: d/dx E1(x) = −e^{−x}/x by finite differences (both sides of the branch switch)', () => {
  for (const x of [0.01, 0.2, 0.7, 0.9999, 1.0001, 1.5, 3, 8, 25]) {
    // truncation ~ (h/x)⁴ for small x, ~h⁴ for large x (E1 ~ e^{−x}/x)
    const h = 1e-3 * Math.min(x, 1);
    assertClose(d1x4(expint1, x, h), -Math.exp(-x) / x, 1e-9, 0, `E1'(${x})`);
  }
  // and continuity at the switch
  assertClose(expint1(1 - 1e-12), expint1(1 + 1e-12), 1e-11);
});

test('brentRoot: known roots', () => {
  // Dottie number: cos x = x
  assertClose(
    brentRoot((x) => Math.cos(x) - x, 0, 1),
    0.7390851332151607,
    1e-15,
  );
  // Wallis' cubic x³ − 2x − 5 = 0 (the example of Brent 1973 and many texts)
  assertClose(
    brentRoot((x) => x ** 3 - 2 * x - 5, 2, 3),
    2.0945514815423265,
    1e-15,
  );
  // a root at a bracket end
  assert.equal(
    brentRoot((x) => x - 1, 1, 2),
    1,
  );
  // a steep function: e^{x} − 1e10 (root ln 1e10)
  assertClose(
    brentRoot((x) => Math.exp(x) - 1e10, 0, 50),
    Math.log(1e10),
    1e-15,
  );
  // a discontinuous sign change converges to the jump
  assertClose(
    brentRoot((x) => (x < Math.SQRT2 ? -1 : 1), 0, 3),
    Math.SQRT2,
    1e-14,
  );
  // absolute tolerance is honoured
  const r = brentRoot((x) => x * x - 2, 0, 2, { xtol: 1e-3, rtol: 0 });
  assert.ok(Math.abs(r - Math.SQRT2) < 1e-3);
});

test('brentRoot: rejects a non-bracket; bracketUpward finds one', () => {
  assert.throws(() => brentRoot((x) => x * x + 1, -1, 1), RangeError);
  const [a, b] = bracketUpward((x) => 100 - x, 1, 2);
  assert.ok(100 - a > 0 && 100 - b <= 0);
  assert.throws(() => bracketUpward(() => 1, 1, 2, 10), RangeError);
});

test('d1 helper sanity (the tests rely on it)', () => {
  assertClose(d1(Math.sin, 0.3, 1e-5), Math.cos(0.3), 1e-9);
});
