/**
 * The auto grid's error model against independent truths: the grid it picks for an
 * accuracy must deliver that accuracy where an exact solution is known.
 * - Planar freezing under a plate (Neumann, Carslaw & Jaeger 1959 §11.2), a sharp
 *   front: the loose accuracy 0.05 must hold the front within 5 %, on fewer cells
 *   than the default 0.02.
 * - Freezing around a line sink of fixed power (Paterson 1952): the needle's model;
 *   the frozen cross-section's area (the volume per length) within the 2 % the
 *   default auto grid promises.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../src/core/solver/simulate.js';
import { buildGrid } from '../../../src/core/grid/build.js';
import { cellCount } from '../../../src/core/grid/rectilinear.js';
import { spacingRatio, predictedError } from '../../../src/core/grid/error-model.js';
import { lineSinkFront, neumannFront } from '../../../src/core/analytic/index.js';
import type { Scene } from '../../../src/core/model.js';
import { baseScene, customTissue } from '../../helpers/scene.js';
import { LINE_SINK, T_INITIAL, lineSinkMedium, lineSinkNeedle } from '../../helpers/line-sink-scene.js';
import { crossing, runUntil } from '../../helpers/probe-line.js';

test('the spacing ratio shrinks in proportion to the accuracy asked for; nonsense accuracies are refused', () => {
  assert.ok(Math.abs(spacingRatio(0.005, 'needle', 7) / spacingRatio(0.02, 'needle', 7) - 0.25) < 1e-12);
  assert.ok(spacingRatio(0.02, 'planar', 0.2) < spacingRatio(0.02, 'planar', 7), 'a sharp front needs finer cells');
  assert.ok(Math.abs(predictedError(spacingRatio(0.02, 'planar', 7) * 5, 5, 'planar', 7) - 0.02) < 1e-12);
  assert.throws(() => spacingRatio(0, 'needle', 7), RangeError);
});

function plateScene(accuracy: number, times: number[]): Scene {
  const medium = customTissue('medium', {
    k_frozen_w_mk: 2,
    k_unfrozen_w_mk: 0.5,
    c_frozen_j_m3k: 1.8e6,
    c_unfrozen_j_m3k: 3.6e6,
    latent_j_m3: 2.5e8,
    solidus_c: -0.6,
    liquidus_c: -0.4,
  });
  return baseScene({
    body_temperature_c: 37,
    tissues: { medium },
    layers: [{ tissue: 'medium', thickness_mm: 40 }],
    domain: {
      x_mm: [-10, 10],
      y_mm: [-10, 10],
      depth_mm: 40,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'adiabatic', y_max: 'adiabatic', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [{ kind: 'contact', id: 'plate', center_mm: [0, 0], diameter_mm: 40, cooling: { mode: 'temperature', curve: [[0, -40]] } }],
    protocol: times.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? times[i - 1] : 0) })),
    grid: { kind: 'auto', refinement: 1, accuracy },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
  });
}

test('planar front: accuracy 0.05 holds Neumann within 5 % at 60 and 600 s, on fewer cells than 0.02', (t) => {
  const times = [60, 600];
  const scene = plateScene(0.05, times);
  const sim = new Simulation(scene);
  const cells = cellCount(sim.grid);
  const tighter = cellCount(buildGrid(plateScene(0.02, times)));
  assert.ok(cells < tighter, `${cells} cells at 0.05, ${tighter} at 0.02`);
  sim.initialise();
  const p = { kFrozen: 2, cFrozen: 1.8e6, kLiquid: 0.5, cLiquid: 3.6e6, latent: 2.5e8, tFreeze: -0.5, tSurface: -40, tInitial: 37 };
  const rows: string[] = [];
  const errors: number[] = [];
  for (const time of times) {
    runUntil(sim, time);
    const x = crossing(sim, 2, [0, 0, 0], p.tFreeze);
    const exact = neumannFront(p, time) * 1e3;
    errors.push(Math.abs(x / exact - 1));
    rows.push(`t=${time}s ${x.toFixed(3)} vs ${exact.toFixed(3)} mm`);
  }
  t.diagnostic(`${cells} cells (0.02: ${tighter}); ${rows.join('; ')}`);
  for (const e of errors) assert.ok(e < 0.05, rows.join('; '));
});

test("line sink on the default auto grid's cross-section: frozen area within 2 % of Paterson at 60, 120 and 240 s", (t) => {
  const times = [60, 120, 240];
  const lengthMm = 2;
  const zc = 30;
  const needle = lineSinkNeedle(lengthMm, zc);
  const s = needle.diameter_mm / 2;
  const scene = baseScene({
    body_temperature_c: T_INITIAL,
    tissues: { medium: lineSinkMedium() },
    layers: [{ tissue: 'medium', thickness_mm: 60 }],
    domain: {
      x_mm: [0, lengthMm],
      y_mm: [-25, 25],
      depth_mm: 60,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'body', y_max: 'body', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [needle],
    protocol: times.map((tt, i) => ({ kind: 'freeze' as const, duration_s: tt - (i ? times[i - 1] : 0) })),
    grid: { kind: 'auto', refinement: 1, accuracy: 0.02 },
    // Steps of up to 4 s (BDF2 sizes them by its error): the areas move by under 0.35 % of
    // themselves from steps of 1 s (92 steps instead of about 250); what is checked is the grid's error.
    solver: { dt_min_s: 0.01, dt_max_s: 4, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
  });
  // The auto grid's cross-section; along the line (adiabatic, nothing varies) one cell.
  const auto = buildGrid(scene);
  const sim = new Simulation({ ...scene, grid: { kind: 'edges', x_mm: [0, lengthMm], y_mm: Array.from(auto.ye), z_mm: Array.from(auto.ze) } });
  sim.initialise();
  const rows: string[] = [];
  const errors: number[] = [];
  for (const time of times) {
    runUntil(sim, time);
    const exact = lineSinkFront(LINE_SINK, time) * 1e3;
    for (const axis of [1, 2] as const) {
      const at: [number, number, number] = [1, 0, zc];
      const r = crossing(sim, axis, at, LINE_SINK.tFreeze, at[axis] + s) - at[axis];
      errors.push(Math.abs((r / exact) ** 2 - 1));
      rows.push(`t=${time}s axis ${axis}: ${r.toFixed(3)} vs ${exact.toFixed(3)} mm`);
    }
  }
  t.diagnostic(`${cellCount(sim.grid)} cells; ${rows.join('; ')}`);
  for (const e of errors) assert.ok(e < 0.02, rows.join('; '));
});
