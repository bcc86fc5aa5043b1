/**
 * Freezing around a continuous line heat sink (Paterson 1952, Proc. Glasgow Math. Assoc.
 * 1:42; Carslaw & Jaeger 1959 §11.2). Independent checks: roots computed separately
 * (mpmath, 40 digits), the V = 0 limit λ² e^{λ²} = Q/(4π α_s L) (Lambert W), the heat
 * equation in cylindrical coordinates, the Stefan condition, continuity, the flux into the
 * line, and the global heat balance by numerical quadrature of the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineSinkField, lineSinkFront, lineSinkLambda, lineSinkTemperature, type LineSinkParams } from '../../../src/core/analytic/index.js';
import { assertClose, d1, d1Left, d1Right, d1x4, d2x4, integrate } from './numeric.js';

/** 1 kW/m extracted from tissue at 37 °C freezing at −1 °C (frozen k 2, C 1.8e6; unfrozen k 0.5, C 3.6e6; L 270 MJ/m³). */
const base: LineSinkParams = {
  power: 1000,
  kFrozen: 2,
  cFrozen: 1.8e6,
  kLiquid: 0.5,
  cLiquid: 3.6e6,
  latent: 2.7e8,
  tFreeze: -1,
  tInitial: 37,
};
const aS = base.kFrozen / base.cFrozen;
const aL = base.kLiquid / base.cLiquid;

test('λ against roots computed independently (mpmath findroot, 40 digits)', () => {
  assertClose(lineSinkLambda(base), 0.35580414347735513322, 1e-13);
  assertClose(lineSinkLambda({ ...base, power: 200 }), 0.1293560783605972539, 1e-12);
  assertClose(lineSinkLambda({ ...base, tInitial: base.tFreeze }), 0.46274002385143058542, 1e-13);
});

test('limit V = 0: λ² e^{λ²} = Q/(4π α_s L), and λ² ≈ Q/(4π α_s L) for small Q', () => {
  for (const Q of [1e-3, 10, 500, 5000]) {
    const p = { ...base, power: Q, tInitial: base.tFreeze };
    const lam = lineSinkLambda(p);
    const rhs = Q / (4 * Math.PI * aS * base.latent);
    assertClose(lam * lam * Math.exp(lam * lam), rhs, 1e-13, 0, `Q=${Q}`);
    if (Q < 1) assertClose(lam * lam, rhs, 2 * rhs); // λ² = W(z) = z − z² + …
  }
});

test('superheat slows the front; front grows as √t', () => {
  assert.ok(lineSinkLambda(base) < lineSinkLambda({ ...base, tInitial: base.tFreeze }));
  assert.ok(lineSinkLambda(base) < lineSinkLambda({ ...base, tInitial: 10 }));
  assertClose(lineSinkFront(base, 400) / lineSinkFront(base, 100), 2, 1e-14);
  assertClose(lineSinkFront(base, 100), 2 * 0.35580414347735513322 * Math.sqrt(aS * 100), 1e-13);
  assert.equal(lineSinkFront(base, 0), 0);
});

test('field satisfies T_t = α (T_rr + T_r/r) in each phase (finite differences)', () => {
  const T = lineSinkField(base);
  for (const t of [20, 120, 900]) {
    const R = lineSinkFront(base, t);
    const pts: Array<[number, number]> = [
      [0.15 * R, aS],
      [0.6 * R, aS],
      [1.4 * R, aL],
      [3 * R, aL],
    ];
    for (const [r, alpha] of pts) {
      const h = 1e-3 * r;
      const tt = d1((s) => T(r, s), t, 1e-4 * t);
      const rr = d2x4((s) => T(s, t), r, h);
      const r1 = d1x4((s) => T(s, t), r, h);
      const rhs = alpha * (rr + r1 / r);
      const scale = Math.abs(tt) + Math.abs(alpha * rr) + Math.abs((alpha * r1) / r);
      assert.ok(Math.abs(tt - rhs) < 1e-6 * scale, `t=${t} r=${r}: T_t=${tt}, rhs=${rhs}`);
    }
  }
});

test('Stefan condition k_s ∂T_s/∂r − k_l ∂T_l/∂r = L dR/dt at the front (finite differences)', () => {
  for (const p of [base, { ...base, power: 200 }, { ...base, tInitial: base.tFreeze }, { ...base, kLiquid: 0.6, cLiquid: 4e6, power: 3000 }]) {
    const T = lineSinkField(p);
    for (const t of [10, 100, 1000]) {
      const R = lineSinkFront(p, t);
      const h = 1e-4 * R;
      const lhs = p.kFrozen * d1Left((s) => T(s, t), R, h) - p.kLiquid * d1Right((s) => T(s, t), R, h);
      const dRdt = d1((s) => lineSinkFront(p, s), t, 1e-4 * t);
      assertClose(lhs, p.latent * dRdt, 1e-7, 0, `Stefan Q=${p.power} t=${t}`);
    }
  }
});

test('continuity at the front, frozen below T_m, far field, initial state', () => {
  const T = lineSinkField(base);
  const t = 300;
  const R = lineSinkFront(base, t);
  assertClose(T(R, t), base.tFreeze, 0, 1e-12);
  assertClose(T(R * (1 - 1e-12), t), base.tFreeze, 0, 1e-9);
  assertClose(T(R * (1 + 1e-12), t), base.tFreeze, 0, 1e-9);
  for (const f of [1e-6, 0.01, 0.5, 0.999]) assert.ok(T(f * R, t) < base.tFreeze, `r=${f}R`);
  for (const f of [1.001, 2, 5]) {
    const v = T(f * R, t);
    assert.ok(v > base.tFreeze && v < base.tInitial, `r=${f}R`);
  }
  assertClose(T(1, t), base.tInitial, 1e-15); // 1 m ≫ √(α_l t)
  assert.equal(T(0, t), -Infinity);
  assert.equal(lineSinkTemperature(base, 0.01, 0), base.tInitial);
  assert.throws(() => lineSinkTemperature(base, -1, 1), RangeError);
});

test('sign convention: heat flowing into the line 2πr k_s ∂T/∂r → Q as r → 0', () => {
  const T = lineSinkField(base);
  const t = 200;
  const r = 1e-4 * lineSinkFront(base, t);
  const inflow = 2 * Math.PI * r * base.kFrozen * d1x4((s) => T(s, t), r, 1e-2 * r);
  // correction is the factor e^{−r²/(4α_s t)} ≈ 1 − 1e-8·λ²
  assertClose(inflow, base.power, 1e-7);
});

test('global heat balance: Q·t = latent heat of the frozen cylinder + sensible heat change', () => {
  // Enthalpy per volume relative to solid at T_m: frozen C_s (T − T_m); liquid C_l (T − T_m) + L.
  // Heat extracted up to t = ∫_0^∞ [H_initial − H(r, t)] 2πr dr, H_initial = C_l V + L.
  for (const p of [base, { ...base, power: 200 }, { ...base, tInitial: base.tFreeze }]) {
    const T = lineSinkField(p);
    const V = p.tInitial - p.tFreeze;
    for (const t of [60, 600]) {
      const R = lineSinkFront(p, t);
      // frozen part: substitute r = R s² so that the r ln r behaviour at the axis is smooth
      const frozen = integrate(
        (s) => {
          const r = R * s * s;
          const dH = p.cLiquid * V + p.latent - p.cFrozen * (T(r, t) - p.tFreeze);
          return dH * 2 * Math.PI * r * (2 * R * s);
        },
        0,
        1,
        64,
        16,
      );
      // liquid part to where E1(r²/(4α_l t)) < 1e-30
      const rMax = Math.max(2 * R, Math.sqrt(4 * aL * t * 70));
      const liquid = integrate((r) => p.cLiquid * (p.tInitial - T(r, t)) * 2 * Math.PI * r, R, rMax, 256, 16);
      assertClose(frozen + liquid, p.power * t, 1e-6, 0, `balance Q=${p.power} V=${V} t=${t}`);
    }
  }
});

test('invalid parameters are rejected', () => {
  assert.throws(() => lineSinkLambda({ ...base, power: 0 }), RangeError);
  assert.throws(() => lineSinkLambda({ ...base, tInitial: -5 }), RangeError);
  assert.throws(() => lineSinkLambda({ ...base, latent: -1 }), RangeError);
});
