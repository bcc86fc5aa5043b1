/**
 * Steady Pennes with perfusion and metabolism in 1D: the skin is held at 20 degC by a
 * warmer covering it, the deep boundary at body temperature, the sides adiabatic.
 * The solver's steady starting field must match the analytic slab solution.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../src/core/solver/simulate.js';
import { pennesSteadySlab } from '../../src/core/analytic/index.js';
import { baseScene, customTissue } from '../helpers/scene.js';

test('steady perfused slab matches the exponential (sinh) Pennes profile within 0.5 %', () => {
  const k = 0.5,
    w = 10000,
    qm = 1000,
    T0 = 20,
    Ta = 37,
    depth = 30,
    dz = 0.2;
  const scene = baseScene({
    body_temperature_c: Ta,
    tissues: { medium: customTissue('medium', { k_unfrozen_w_mk: k, k_frozen_w_mk: k, perfusion_w_m3k: w, metabolic_w_m3: qm }) },
    layers: [{ tissue: 'medium', thickness_mm: depth }],
    domain: {
      x_mm: [-1, 1],
      y_mm: [-1, 1],
      depth_mm: depth,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'adiabatic', y_max: 'adiabatic', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    warmers: [{ name: 'plate', center_mm: [0, 0], size_mm: [4, 4], temperature_c: T0, h_w_m2k: Infinity }],
    protocol: [{ kind: 'freeze', duration_s: 1 }],
    grid: { kind: 'edges', x_mm: [-1, 1], y_mm: [-1, 1], z_mm: Array.from({ length: depth / dz + 1 }, (_, i) => i * dz) },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-6, max_iterations: 20, initial: 'steady' },
  });
  const sim = new Simulation(scene);
  sim.initialise();
  const p = { k, w, tArterial: Ta, t0: T0, length: depth * 1e-3, qm };
  let worst = 0;
  for (let kz = 0; kz < sim.grid.nz; kz++) {
    const z = sim.grid.zc[kz];
    const exact = pennesSteadySlab(p, z * 1e-3);
    const got = sim.stepper.temperatureAt(sim.grid.nx * sim.grid.ny * kz);
    worst = Math.max(worst, Math.abs(got - exact) / Math.abs(T0 - Ta));
  }
  assert.ok(worst < 0.005, `largest deviation ${(100 * worst).toFixed(3)} % of the imposed difference`);
  // The profile must really decay like exp(-m z): check the analytic truth is far from linear.
  const mid = pennesSteadySlab(p, 0.005);
  assert.ok(Math.abs(mid - (T0 + (Ta - T0) * (5 / depth))) > 3);
});
