/**
 * Manufactured solution for C ∂T/∂t = ∇·(k ∇T) + w (T_a − T) + q (Roache 2002; Salari &
 * Knupp 2000). The hand-derived source is checked independently: a conservative
 * (flux-form) finite-difference discretisation of the PDE applied to the exact field must
 * leave a residual that vanishes as O(h²); the box integral of the source must balance
 * storage and perfusion because the faces are adiabatic; the stated gradient must match
 * differences of the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManufacturedSolution, manufactured, MANUFACTURED_DEFAULTS, type ManufacturedSolution } from '../../../src/core/analytic/index.js';
import { assertClose, d1Left, d1Right, d1x4, gaussLegendre } from './numeric.js';

/** Residual of the flux-form 7-point discretisation with spacing h, exact field. */
function residual(ms: ManufacturedSolution, x: number, y: number, z: number, t: number, h: number): { res: number; scale: number } {
  const p = ms.params;
  const T = (a: number, b: number, c: number) => ms.temperature(a, b, c, t);
  const k = (a: number, b: number, c: number) => ms.conductivity(a, b, c, T(a, b, c));
  const T0 = T(x, y, z);
  let div = 0;
  let divScale = 0;
  const axes: Array<[number, number, number]> = [
    [h, 0, 0],
    [0, h, 0],
    [0, 0, h],
  ];
  for (const [dx, dy, dz] of axes) {
    const fPlus = k(x + dx / 2, y + dy / 2, z + dz / 2) * (T(x + dx, y + dy, z + dz) - T0);
    const fMinus = k(x - dx / 2, y - dy / 2, z - dz / 2) * (T0 - T(x - dx, y - dy, z - dz));
    div += (fPlus - fMinus) / (h * h);
    divScale += (Math.abs(fPlus) + Math.abs(fMinus)) / (h * h);
  }
  // fourth-order time difference; its error (~dt⁴/τ⁴) is negligible against O(h²)
  const dt = 1e-2 * p.tau;
  const dTdt = Number.isFinite(p.tau) ? d1x4((s) => ms.temperature(x, y, z, s), t, dt) : 0;
  const perf = p.w * (p.tArterial - T0);
  const q = ms.source(x, y, z, t);
  return { res: p.c * dTdt - div - perf - q, scale: Math.abs(p.c * dTdt) + divScale + Math.abs(perf) + Math.abs(q) };
}

const POINTS: Array<[number, number, number]> = [
  [0.3, 0.6, 0.45],
  [0.71, 0.22, 0.8],
  [0.43, 0.37, 0.13],
];

function checkOrder(ms: ManufacturedSolution, label: string): void {
  const { lx, ly, lz, tau } = ms.params;
  for (const t of [0, Number.isFinite(tau) ? 0.7 * tau : 100]) {
    for (const [fx, fy, fz] of POINTS) {
      const x = fx * lx;
      const y = fy * ly;
      const z = fz * lz;
      const h1 = Math.min(lx, ly, lz) / 20;
      const r1 = residual(ms, x, y, z, t, h1);
      const r2 = residual(ms, x, y, z, t, h1 / 2);
      const r4 = residual(ms, x, y, z, t, h1 / 4);
      // small relative to the terms of the equation …
      assert.ok(Math.abs(r1.res) < 2e-2 * r1.scale, `${label} residual ${r1.res} vs ${r1.scale}`);
      // … and shrinking as h²
      const ratio1 = r1.res / r2.res;
      const ratio2 = r2.res / r4.res;
      assert.ok(ratio1 > 3.5 && ratio1 < 4.5 && ratio2 > 3.7 && ratio2 < 4.3, `${label} (${fx},${fy},${fz}) t=${t}: ratios ${ratio1}, ${ratio2}`);
    }
  }
}

test('source balances the PDE to O(h²) (default: k varying in x, y, z)', () => {
  checkOrder(manufactured, 'default');
});

test('source balances the PDE to O(h²) with temperature-dependent k and metabolism-like offset', () => {
  checkOrder(createManufacturedSolution({ beta: -0.004, tBase: 30, tArterial: 37, amplitude: -25 }), 'k(T)');
  checkOrder(createManufacturedSolution({ tau: Infinity, w: 0 }), 'steady, no perfusion');
});

test('a wrong source would be caught: perturbing q by 1 % breaks the O(h²) balance', () => {
  const ms = manufactured;
  const wrong: ManufacturedSolution = { ...ms, source: (x, y, z, t) => 1.01 * ms.source(x, y, z, t) };
  const { lx, ly, lz } = ms.params;
  const h = lx / 80;
  const r = residual(wrong, 0.3 * lx, 0.6 * ly, 0.45 * lz, 0, h);
  const rOk = residual(ms, 0.3 * lx, 0.6 * ly, 0.45 * lz, 0, h);
  assert.ok(Math.abs(r.res) > 10 * Math.abs(rOk.res));
});

test('adiabatic faces: the box integral of the source balances storage and perfusion', () => {
  // ∫ (C T_t − w (T_a − T) − q) dV = ∮ k ∂T/∂n dA = 0 on the box (tensor Gauss–Legendre)
  for (const ms of [manufactured, createManufacturedSolution({ beta: 0.003, ax: -0.4, ay: 0.9, az: 0.3 })]) {
    const p = ms.params;
    const { x: gx, w: gw } = gaussLegendre(14);
    for (const t of [0, 50, 300]) {
      let sum = 0;
      let mag = 0;
      for (let i = 0; i < gx.length; i++)
        for (let j = 0; j < gx.length; j++)
          for (let l = 0; l < gx.length; l++) {
            const x = 0.5 * p.lx * (1 + gx[i]);
            const y = 0.5 * p.ly * (1 + gx[j]);
            const z = 0.5 * p.lz * (1 + gx[l]);
            const wgt = gw[i] * gw[j] * gw[l] * 0.125 * p.lx * p.ly * p.lz;
            const dTdt = d1x4((s) => ms.temperature(x, y, z, s), t, 1e-2 * p.tau);
            const f = p.c * dTdt - p.w * (p.tArterial - ms.temperature(x, y, z, t)) - ms.source(x, y, z, t);
            sum += wgt * f;
            mag += wgt * Math.abs(ms.source(x, y, z, t));
          }
      assert.ok(Math.abs(sum) < 1e-9 * mag, `t=${t}: ∫ = ${sum} (∫|q| = ${mag})`);
    }
  }
});

test('zero normal derivative on all six faces; gradient matches differences of the field', () => {
  const ms = manufactured;
  const { lx, ly, lz } = ms.params;
  const t = 40;
  const h = 1e-5;
  // one-sided O(h³) differences: truncation ≈ h³ A (π/L)⁴ ≪ tol = 1e-6 · A π/L_min
  const tol = (1e-6 * Math.abs(ms.params.amplitude) * Math.PI) / Math.min(lx, ly, lz);
  for (const [fa, fb] of [
    [0.3, 0.7],
    [0.9, 0.1],
  ]) {
    const Tx = (s: number) => ms.temperature(s, fa * ly, fb * lz, t);
    const Ty = (s: number) => ms.temperature(fa * lx, s, fb * lz, t);
    const Tz = (s: number) => ms.temperature(fa * lx, fb * ly, s, t);
    for (const [f, L] of [
      [Tx, lx],
      [Ty, ly],
      [Tz, lz],
    ] as Array<[(s: number) => number, number]>) {
      assert.ok(Math.abs(d1Right(f, 0, h)) < tol, `∂T/∂n at 0: ${d1Right(f, 0, h)}`);
      assert.ok(Math.abs(d1Left(f, L, h)) < tol, `∂T/∂n at L: ${d1Left(f, L, h)}`);
    }
    // the stated gradient vanishes there too (up to sin(π) ≈ 1.2e-16 rounding)
    assert.equal(ms.gradient(0, fa * ly, fb * lz, t)[0], 0);
    assert.ok(Math.abs(ms.gradient(fa * lx, ly, fb * lz, t)[1]) < 1e-9 * tol);
    assert.ok(Math.abs(ms.gradient(fa * lx, fb * ly, lz, t)[2]) < 1e-9 * tol);
  }
  const [x, y, z] = [0.37 * lx, 0.61 * ly, 0.29 * lz];
  const g = ms.gradient(x, y, z, t);
  assertClose(
    g[0],
    d1x4((s) => ms.temperature(s, y, z, t), x, 1e-6),
    1e-9,
  );
  assertClose(
    g[1],
    d1x4((s) => ms.temperature(x, s, z, t), y, 1e-6),
    1e-9,
  );
  assertClose(
    g[2],
    d1x4((s) => ms.temperature(x, y, s, t), z, 1e-6),
    1e-9,
  );
});

test('stated field, conductivity and defaults', () => {
  const p = MANUFACTURED_DEFAULTS;
  assert.equal(manufactured.params.lx, p.lx);
  // T at the corner (0,0,0) is T_b + A e^{−t/τ}
  assertClose(manufactured.temperature(0, 0, 0, p.tau), p.tBase + p.amplitude / Math.E, 1e-15);
  // the centre of the box: cos(π/2) = 0 in each factor
  assertClose(manufactured.temperature(p.lx / 2, p.ly / 2, p.lz / 2, 10), p.tBase, 0, 1e-12);
  assertClose(manufactured.conductivity(0, 0, 0), p.k0, 1e-15);
  assertClose(manufactured.conductivity(p.lx, p.ly, p.lz), p.k0 * (1 + p.ax + p.ay + p.az), 1e-15);
  const kT = createManufacturedSolution({ beta: 0.01 });
  assertClose(kT.conductivity(0, 0, 0, p.tRef + 10), 1.1 * p.k0, 1e-15);
  assert.throws(() => createManufacturedSolution({ ax: -0.9, ay: -0.2 }), RangeError);
  assert.throws(() => createManufacturedSolution({ beta: 0.1, amplitude: 20, tBase: 37, tRef: 37 }), RangeError);
  assert.throws(() => createManufacturedSolution({ lx: 0 }), RangeError);
});
