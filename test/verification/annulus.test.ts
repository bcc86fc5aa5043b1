/**
 * A round probe held cold in a perfused, conducting medium, steady: around a long
 * cylinder of radius a held at T0 in a medium of conductivity k and perfusion w (no
 * phase change), T - Ta = (T0 - Ta) K0(r/delta) / K0(a/delta), delta = sqrt(k/w),
 * the modified Bessel function K0 giving the decay that perfusion imposes (the
 * annulus's log solution, ln r, is its limit for r << delta). The needle spans the
 * domain (top and bottom adiabatic: a plane problem), off the grid's lines, so every
 * cell next to it is cut at a different distance: the embedded boundary must give
 * second-order convergence of the temperature near the probe.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../src/core/solver/simulate.js';
import { allocateConditions, evaluateConditions } from '../../src/core/solver/conditions.js';
import { phaseWindows } from '../../src/core/protocol/schedule.js';
import { STEEL } from '../../src/core/tissue/library.js';
import { baseScene, customTissue } from '../helpers/scene.js';

/**
 * K0(x) = integral over t >= 0 of exp(-x cosh t) (Abramowitz & Stegun 9.6.24), by the
 * trapezoidal rule: exponentially accurate for this smooth, fast-decaying integrand, so a
 * step of 0.05 agrees with one of 0.001 to 4e-14 relative over the x used here (and is 35x
 * cheaper: the finest grid asks for 15,000 values).
 */
function besselK0(x: number): number {
  const h = 0.05;
  let s = 0.5 * Math.exp(-x);
  for (let t = h; t < 30; t += h) {
    const v = Math.exp(-x * Math.cosh(t));
    s += v;
    if (v < 1e-300) break;
  }
  return s * h;
}

const k = 0.5,
  delta = 1e-3,
  w = k / (delta * delta),
  T0 = 10,
  Ta = 37,
  aMm = 0.5,
  x0 = 0.137,
  y0 = -0.071,
  half = 8;

/** Largest error of the steady temperature over the cells within three decay lengths of the probe, on a uniform grid of spacing h (mm). */
function maxError(h: number): number {
  const n = Math.round((2 * half) / h);
  const edges = Array.from({ length: n + 1 }, (_, i) => -half + (2 * half * i) / n);
  const scene = baseScene({
    body_temperature_c: Ta,
    tissues: { medium: customTissue('medium', { k_unfrozen_w_mk: k, k_frozen_w_mk: k, perfusion_w_m3k: w, metabolic_w_m3: 0 }) },
    layers: [{ tissue: 'medium', thickness_mm: 1 }],
    domain: {
      x_mm: [-half, half],
      y_mm: [-half, half],
      depth_mm: 1,
      boundaries: { x_min: 'body', x_max: 'body', y_min: 'body', y_max: 'body', bottom: 'adiabatic', surface: { kind: 'adiabatic' } },
    },
    probes: [
      {
        kind: 'needle',
        id: 'rod',
        tip_mm: [x0, y0, 1],
        direction: [0, 0, 1],
        diameter_mm: 2 * aMm,
        active_length_mm: 1,
        shaft: 'insulated',
        material: { ...STEEL },
        cooling: { mode: 'temperature', curve: [[0, T0]] },
      },
    ],
    grid: { kind: 'edges', x_mm: edges, y_mm: edges, z_mm: [0, 1] },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-9, max_iterations: 20, initial: 'uniform' },
  });
  const sim = new Simulation(scene);
  sim.stepper.setUniform(Ta);
  const cond = allocateConditions(sim.problem);
  evaluateConditions(sim.problem, phaseWindows(scene.protocol)[0], 0, cond);
  const r = sim.stepper.step(Infinity, cond, 1e-9, 20, null);
  assert.ok(r.converged, 'steady solve converged');
  const k0a = besselK0(aMm / 1e3 / delta);
  const g = sim.grid;
  let worst = 0;
  for (let j = 0; j < g.ny; j++)
    for (let i = 0; i < g.nx; i++) {
      const c = i + g.nx * j;
      if (!sim.problem.tissue[c]) continue;
      const rMm = Math.hypot(g.xc[i] - x0, g.yc[j] - y0);
      if (rMm <= aMm || rMm > aMm + 3) continue;
      const exact = Ta + ((T0 - Ta) * besselK0(rMm / 1e3 / delta)) / k0a;
      worst = Math.max(worst, Math.abs(sim.stepper.temperatureAt(c) - exact));
    }
  return worst;
}

test('steady round probe in a perfused medium: second-order convergence of the temperature next to the embedded boundary', () => {
  const hs = [0.2, 0.1, 0.05];
  const errs = hs.map(maxError);
  const orders = [Math.log2(errs[0] / errs[1]), Math.log2(errs[1] / errs[2])];
  const msg = `max errors ${errs.map((e) => e.toExponential(2)).join(', ')} degC; observed orders ${orders.map((o) => o.toFixed(2)).join(', ')}`;
  assert.ok(orders[0] >= 1.5 && orders[1] >= 1.5, msg);
  assert.ok(errs[2] < 0.05, msg);
});
