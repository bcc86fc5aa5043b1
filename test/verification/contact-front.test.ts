/**
 * A contact probe's planar front on the `auto` grid against Neumann's two-phase
 * solution (Carslaw & Jaeger 1959, §11.2): a plate wider than the domain, held at
 * -40 degC on a homogeneous unperfused medium with a narrow freezing interval and
 * adiabatic sides, so that the field under it is one-dimensional. The auto grid must
 * refine down to where the front goes (grid/front-extent.ts) with a spacing that grows
 * with depth (grid/error-model.ts): the front within 2 % at 60 s and at 600 s, on
 * fewer than 100,000 cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../src/core/solver/simulate.js';
import { cellCount } from '../../src/core/grid/rectilinear.js';
import { neumannFront } from '../../src/core/analytic/index.js';
import { baseScene, customTissue } from '../helpers/scene.js';
import { crossing, runUntil } from '../helpers/probe-line.js';

const solidus = -0.6,
  liquidus = -0.4;
const medium = {
  k_frozen_w_mk: 2.0,
  k_unfrozen_w_mk: 0.5,
  c_frozen_j_m3k: 1.8e6,
  c_unfrozen_j_m3k: 3.6e6,
  latent_j_m3: 2.5e8,
  solidus_c: solidus,
  liquidus_c: liquidus,
};
const times = [60, 600];

test('a contact probe on the auto grid: planar front within 2 % of Neumann at 60 s and 600 s, under 100k cells', (t) => {
  const depth = 40;
  const scene = baseScene({
    body_temperature_c: 37,
    tissues: { medium: customTissue('medium', medium) },
    layers: [{ tissue: 'medium', thickness_mm: depth }],
    domain: {
      x_mm: [-10, 10],
      y_mm: [-10, 10],
      depth_mm: depth,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'adiabatic', y_max: 'adiabatic', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [{ kind: 'contact', id: 'plate', center_mm: [0, 0], diameter_mm: 40, cooling: { mode: 'temperature', curve: [[0, -40]] } }],
    protocol: times.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? times[i - 1] : 0) })),
    grid: { kind: 'auto', refinement: 1, accuracy: 0.02 },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
  });
  const sim = new Simulation(scene);
  const cells = cellCount(sim.grid);
  assert.ok(cells < 100_000, `${cells} cells`);
  sim.initialise();
  const params = {
    kFrozen: 2.0,
    cFrozen: 1.8e6,
    kLiquid: 0.5,
    cLiquid: 3.6e6,
    latent: 2.5e8,
    tFreeze: 0.5 * (solidus + liquidus),
    tSurface: -40,
    tInitial: 37,
  };
  const rows: string[] = [];
  const errors: number[] = [];
  for (const t of times) {
    runUntil(sim, t);
    const simulated = crossing(sim, 2, [0, 0, 0], params.tFreeze);
    const exact = neumannFront(params, t) * 1e3;
    errors.push(Math.abs(simulated - exact) / exact);
    rows.push(`t=${t}s: ${simulated.toFixed(3)} mm vs ${exact.toFixed(3)} mm (${(100 * (simulated / exact - 1)).toFixed(2)} %)`);
  }
  const msg = `${cells} cells; ${rows.join('; ')}`;
  t.diagnostic(msg);
  for (const e of errors) assert.ok(e < 0.02, msg);
  assert.ok(sim.result().energy.relative_error < 1e-6);
});
