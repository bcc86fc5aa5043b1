/**
 * Planar freezing against Neumann's two-phase solution (Carslaw & Jaeger 1959, §11.2):
 * a flat contact probe held at -40 degC covers the whole skin of a homogeneous,
 * unperfused medium with a narrow freezing interval; the domain's sides are
 * adiabatic, so the field under the probe is one-dimensional.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../src/core/solver/simulate.js';
import { neumannFront } from '../../src/core/analytic/index.js';
import { baseScene, customTissue } from '../helpers/scene.js';
import { crossing, runUntil } from '../helpers/probe-line.js';

const solidus = -0.6,
  liquidus = -0.4;
const tissue = customTissue('medium', {
  k_frozen_w_mk: 2.0,
  k_unfrozen_w_mk: 0.5,
  c_frozen_j_m3k: 1.8e6,
  c_unfrozen_j_m3k: 3.6e6,
  latent_j_m3: 2.5e8,
  solidus_c: solidus,
  liquidus_c: liquidus,
});
const T_SURFACE = -40;
const T_INITIAL = 37;
const times = [30, 60, 120, 240];

test('ice front under a flat probe follows the Neumann solution within 2 %', () => {
  const depth = 40;
  const dz = 0.1;
  const scene = baseScene({
    body_temperature_c: T_INITIAL,
    tissues: { medium: tissue },
    layers: [{ tissue: 'medium', thickness_mm: depth }],
    domain: {
      x_mm: [-1, 1],
      y_mm: [-1, 1],
      depth_mm: depth,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'adiabatic', y_max: 'adiabatic', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [{ kind: 'contact', id: 'plate', center_mm: [0, 0], diameter_mm: 10, cooling: { mode: 'temperature', curve: [[0, T_SURFACE]] } }],
    protocol: times.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? times[i - 1] : 0) })),
    grid: { kind: 'edges', x_mm: [-1, 0, 1], y_mm: [-1, 0, 1], z_mm: Array.from({ length: depth / dz + 1 }, (_, i) => i * dz) },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
  });
  const sim = new Simulation(scene);
  sim.initialise();
  const params = {
    kFrozen: 2.0,
    cFrozen: 1.8e6,
    kLiquid: 0.5,
    cLiquid: 3.6e6,
    latent: 2.5e8,
    tFreeze: 0.5 * (solidus + liquidus),
    tSurface: T_SURFACE,
    tInitial: T_INITIAL,
  };
  for (const t of times) {
    runUntil(sim, t);
    const simulated = crossing(sim, 2, [0.5, 0.5, 0], params.tFreeze);
    const exact = neumannFront(params, t) * 1e3;
    const err = Math.abs(simulated - exact) / exact;
    assert.ok(err < 0.02, `t=${t}s: front ${simulated.toFixed(3)} mm vs Neumann ${exact.toFixed(3)} mm (${(100 * err).toFixed(2)} %)`);
  }
  const r = sim.result();
  assert.ok(r.energy.relative_error < 1e-6, `energy balance ${r.energy.relative_error}`);
  // Heat left only through the probe and the deep boundary: nothing through the adiabatic sides.
  assert.ok(r.energy.probes_j < 0);
});
