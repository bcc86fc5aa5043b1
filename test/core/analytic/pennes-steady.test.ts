/**
 * Steady 1D Pennes slab (Pennes 1948, J Appl Physiol 1:93): k T'' + w (T_a − T) + q_m = 0.
 * Checks: the ODE residual by finite differences, boundary values (Dirichlet and adiabatic
 * end), the semi-infinite limit T − T_a − q_m/w = (T_0 − T_a − q_m/w) e^{−x√(w/k)}, the
 * w → 0 limit against the conduction parabola, and the classic textbook number: the decay
 * length √(k/w) for muscle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pennesDecayConstant, pennesSteadySlab, type PennesSlabParams } from '../../../src/core/analytic/index.js';
import { assertClose, d1Left, d2x4 } from './numeric.js';

// muscle (IT'IS v4: k 0.49 W/m/K, ρ 1090 kg/m³, perfusion ≈ 37 mL/min/kg): w_b = 37e-6 m³/kg
// per 60 s × 1090 kg/m³ ≈ 6.7e-4 1/s; blood ρc ≈ 1050·3617 J/(m³·K) ⇒ w ≈ 2.55e3 W/(m³·K)
const wMuscle = (37e-6 / 60) * 1090 * 1050 * 3617;
const muscle: PennesSlabParams = { k: 0.49, w: wMuscle, tArterial: 37, t0: -20, length: 0.02, qm: 1090 * 1.0 };

function residual(p: PennesSlabParams, x: number, h: number): { res: number; scale: number } {
  const T = (s: number) => pennesSteadySlab(p, s);
  const tpp = d2x4(T, x, h);
  const qm = p.qm ?? 0;
  const res = p.k * tpp + p.w * (p.tArterial - T(x)) + qm;
  return { res, scale: Math.abs(p.k * tpp) + Math.abs(p.w * (p.tArterial - T(x))) + Math.abs(qm) };
}

test('ODE residual k T″ + w(T_a − T) + q_m ≈ 0 (finite differences), both end conditions', () => {
  const variants: PennesSlabParams[] = [
    muscle,
    { ...muscle, end: 'adiabatic' },
    { ...muscle, tEnd: 30, qm: 5e4 },
    { ...muscle, w: 10 * wMuscle, length: 0.05 },
    { ...muscle, w: 0, qm: 2e4 },
    { ...muscle, w: 0, qm: 2e4, end: 'adiabatic' },
  ];
  for (const p of variants) {
    for (const f of [0.05, 0.3, 0.5, 0.8, 0.95]) {
      const x = f * p.length;
      const { res, scale } = residual(p, x, 1e-4 * p.length);
      assert.ok(Math.abs(res) < 1e-6 * scale, `${JSON.stringify(p)} x=${x}: residual ${res} (scale ${scale})`);
    }
  }
});

test('boundary values: T(0) = T_0, T(ℓ) = T_ℓ (default T_a); adiabatic: T′(ℓ) = 0', () => {
  assertClose(pennesSteadySlab(muscle, 0), muscle.t0, 1e-14);
  assertClose(pennesSteadySlab(muscle, muscle.length), muscle.tArterial, 1e-14);
  const p2 = { ...muscle, tEnd: 30 };
  assertClose(pennesSteadySlab(p2, p2.length), 30, 1e-14);
  const pa: PennesSlabParams = { ...muscle, end: 'adiabatic' };
  assertClose(pennesSteadySlab(pa, 0), pa.t0, 1e-14);
  const slope = d1Left((s) => pennesSteadySlab(pa, s), pa.length, 1e-5 * pa.length);
  const typical = Math.abs(pa.t0 - pa.tArterial) / pa.length;
  assert.ok(Math.abs(slope) < 1e-8 * typical, `T′(ℓ) = ${slope}`);
  // w = 0
  const p0: PennesSlabParams = { ...muscle, w: 0 };
  assertClose(pennesSteadySlab(p0, p0.length), p0.tArterial, 1e-14);
  assert.throws(() => pennesSteadySlab(muscle, -1e-3), RangeError);
  assert.throws(() => pennesSteadySlab(muscle, 0.03), RangeError);
});

test('semi-infinite limit: T − T_a − q_m/w = (T_0 − T_a − q_m/w) e^{−x√(w/k)}', () => {
  const m = Math.sqrt(muscle.w / muscle.k);
  assertClose(pennesDecayConstant(muscle), m, 1e-15);
  const qm = muscle.qm ?? 0;
  const theta0 = muscle.t0 - muscle.tArterial - qm / muscle.w;
  const exact = (x: number) => muscle.tArterial + qm / muscle.w + theta0 * Math.exp(-m * x);
  const inf: PennesSlabParams = { ...muscle, length: Infinity };
  const long: PennesSlabParams = { ...muscle, length: 60 / m };
  const longA: PennesSlabParams = { ...long, end: 'adiabatic' };
  for (const x of [0, 0.5 / m, 1 / m, 3 / m, 10 / m]) {
    assertClose(pennesSteadySlab(inf, x), exact(x), 1e-14, 1e-13);
    // finite slab 60 decay lengths thick: end effects ~e^{−100}
    assertClose(pennesSteadySlab(long, x), exact(x), 1e-13, 1e-12);
    assertClose(pennesSteadySlab(longA, x), exact(x), 1e-13, 1e-12);
  }
  // one decay length: the disturbance has dropped by e
  assertClose((pennesSteadySlab(inf, 1 / m) - exact(Infinity)) / theta0, Math.exp(-1), 1e-14);
  // muscle decay length √(k/w) ≈ 14 mm with these properties (√(0.49/2553) = 13.85 mm)
  assert.ok(1 / m > 13e-3 && 1 / m < 15e-3, `1/m = ${1 / m}`);
});

test('w → 0 tends to the conduction parabola', () => {
  const parabola = (x: number) =>
    muscle.t0 + ((muscle.tArterial - muscle.t0) * x) / muscle.length + ((muscle.qm ?? 0) * x * (muscle.length - x)) / (2 * muscle.k);
  const tiny: PennesSlabParams = { ...muscle, w: 1e-6 };
  for (const f of [0.25, 0.5, 0.75]) {
    const x = f * muscle.length;
    assertClose(pennesSteadySlab(tiny, x), parabola(x), 1e-8);
    assertClose(pennesSteadySlab({ ...muscle, w: 0 }, x), parabola(x), 1e-14);
  }
});

test('strong perfusion: no overflow for large mℓ', () => {
  const p: PennesSlabParams = { ...muscle, w: 1e9, length: 1 };
  const v = pennesSteadySlab(p, 0.5);
  assert.ok(Number.isFinite(v));
  assertClose(v, p.tArterial + (p.qm ?? 0) / p.w, 1e-14);
});
