/**
 * Neumann two-phase planar freezing (Carslaw & Jaeger 1959 §11.2; Özişik 1993 ch. 11).
 * Independent checks: the one-phase limit equation and its small-Stefan asymptotics,
 * one-phase roots and a two-phase root computed separately (mpmath, 40 digits), and the
 * field itself checked by finite differences against the PDE, the Stefan condition,
 * continuity and boundary values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erf, neumannField, neumannFront, neumannLambda, neumannTemperature, type NeumannParams } from '../../../src/core/analytic/index.js';
import { assertClose, d1, d1Left, d1Right, d2x4 } from './numeric.js';

/** Tissue-like: frozen k 2 W/m/K, C 1.8 MJ/m³/K; unfrozen k 0.5, C 3.6 MJ/m³/K; L 270 MJ/m³. */
const tissue: NeumannParams = {
  kFrozen: 2,
  cFrozen: 1.8e6,
  kLiquid: 0.5,
  cLiquid: 3.6e6,
  latent: 2.7e8,
  tFreeze: 0,
  tSurface: -80,
  tInitial: 37,
};
const aS = tissue.kFrozen / tissue.cFrozen;
const aL = tissue.kLiquid / tissue.cLiquid;

function onePhase(st: number): NeumannParams {
  // St = C_s (T_m − T_s) / L with T_m − T_s = 10 K
  return { ...tissue, tFreeze: 0, tSurface: -10, tInitial: 0, latent: (tissue.cFrozen * 10) / st };
}

test('one-phase limit (T_i = T_m): λ e^{λ²} erf λ = St/√π', () => {
  for (const st of [1e-3, 0.05, 0.3, 1, 3]) {
    const lam = neumannLambda(onePhase(st));
    assertClose(lam * Math.exp(lam * lam) * erf(lam), st / Math.sqrt(Math.PI), 1e-13, 0, `St=${st}`);
  }
});

test('one-phase limit: small-Stefan asymptotics λ ≈ √(St/2)(1 − St/6)', () => {
  // λ e^{λ²} erf λ = (2/√π) λ²(1 + 2λ²/3 + O(λ⁴)) ⇒ λ² = (St/2)(1 − St/3 + O(St²))
  for (const st of [1e-4, 1e-3, 1e-2]) {
    const lam = neumannLambda(onePhase(st));
    const lead = Math.sqrt(st / 2);
    assert.ok(Math.abs(lam / lead - 1) < st / 5, `St=${st}: λ=${lam} vs √(St/2)=${lead}`);
    assertClose(lam, lead * (1 - st / 6), 0.1 * st * st, 0, `St=${st} second order`);
  }
});

test('one-phase roots against independently computed values', () => {
  // roots of λ e^{λ²} erf λ = St/√π (mpmath findroot, 40 digits); the 4-digit values
  // 0.2200, 0.4648, 0.6201, 0.8006 are the classical tabulated ones
  const table: Array<[number, number]> = [
    [0.1, 0.220016272742938],
    [0.5, 0.464785920646244],
    [1, 0.620062633313595],
    [2, 0.800601362805608],
  ];
  for (const [st, ref] of table) assertClose(neumannLambda(onePhase(st)), ref, 1e-13, 0, `St=${st}`);
  // same root with the tissue parameters (St = 1.8e6·80/2.7e8 = 0.5333…)
  assertClose(neumannLambda({ ...tissue, tInitial: 0 }), 0.4779844545225301581, 1e-13);
});

test('two-phase root against an independent solution of the transcendental equation', () => {
  // mpmath findroot of the Carslaw & Jaeger equation, tissue parameters, 40 digits
  assertClose(neumannLambda(tissue), 0.38457256165360973357, 1e-13);
  // superheat slows the front
  assert.ok(neumannLambda(tissue) < neumannLambda({ ...tissue, tInitial: tissue.tFreeze }));
});

test('front X(t) = 2λ√(α_s t): grows as √t', () => {
  const x1 = neumannFront(tissue, 60);
  const x4 = neumannFront(tissue, 240);
  assertClose(x4 / x1, 2, 1e-14);
  assertClose(x1, 2 * 0.38457256165360973357 * Math.sqrt(aS * 60), 1e-13);
  assert.equal(neumannFront(tissue, 0), 0);
});

test('field satisfies T_t = α T_xx in each phase (finite differences)', () => {
  const T = neumannField(tissue);
  for (const t of [30, 120, 600]) {
    const X = neumannFront(tissue, t);
    const pts: Array<[number, number]> = [
      [0.2 * X, aS],
      [0.7 * X, aS],
      [1.3 * X, aL],
      [2.5 * X, aL],
    ];
    for (const [x, alpha] of pts) {
      const h = 1e-3 * X;
      const tt = d1((s) => T(x, s), t, 1e-4 * t);
      const xx = d2x4((s) => T(s, t), x, h);
      const scale = Math.abs(tt) + Math.abs(alpha * xx);
      assert.ok(scale > 0);
      assert.ok(Math.abs(tt - alpha * xx) < 1e-6 * scale, `t=${t} x=${x}: T_t=${tt}, αT_xx=${alpha * xx}`);
    }
  }
});

test('Stefan condition k_s ∂T_s/∂x − k_l ∂T_l/∂x = L dX/dt at the front (finite differences)', () => {
  for (const p of [tissue, { ...tissue, tInitial: 0 }, { ...tissue, kLiquid: 0.6, cLiquid: 4e6, tSurface: -150 }]) {
    const T = neumannField(p);
    for (const t of [10, 100, 1000]) {
      const X = neumannFront(p, t);
      const h = 1e-4 * X;
      const gradS = d1Left((s) => T(s, t), X, h);
      const gradL = d1Right((s) => T(s, t), X, h);
      const dXdt = d1((s) => neumannFront(p, s), t, 1e-4 * t);
      const lhs = p.kFrozen * gradS - p.kLiquid * gradL;
      assertClose(lhs, p.latent * dXdt, 1e-7, 0, `Stefan t=${t}`);
    }
  }
});

test('T is continuous and equals T_m at the front; boundary and initial values', () => {
  const T = neumannField(tissue);
  const t = 90;
  const X = neumannFront(tissue, t);
  assertClose(T(X, t), tissue.tFreeze, 0, 1e-12);
  assertClose(T(X * (1 - 1e-12), t), tissue.tFreeze, 0, 1e-9);
  assertClose(T(X * (1 + 1e-12), t), tissue.tFreeze, 0, 1e-9);
  assert.ok(T(0.99 * X, t) < tissue.tFreeze && T(1.01 * X, t) > tissue.tFreeze);
  assertClose(T(0, t), tissue.tSurface, 1e-15);
  assertClose(T(1, t), tissue.tInitial, 1e-15); // 1 m ≫ √(α_l t)
  assert.equal(neumannTemperature(tissue, 0.01, 0), tissue.tInitial);
  assert.equal(neumannTemperature(tissue, 0, 0), tissue.tSurface);
  assert.throws(() => neumannTemperature(tissue, -1e-3, 1), RangeError);
  // monotone increasing in x
  let prev = -Infinity;
  for (let i = 0; i <= 200; i++) {
    const v = T((i / 100) * X, t);
    assert.ok(v > prev);
    prev = v;
  }
});

test('invalid parameters are rejected', () => {
  assert.throws(() => neumannLambda({ ...tissue, tSurface: 1 }), RangeError);
  assert.throws(() => neumannLambda({ ...tissue, tInitial: -1 }), RangeError);
  assert.throws(() => neumannLambda({ ...tissue, latent: 0 }), RangeError);
});
