/**
 * Freezing around a line heat sink against Paterson's similarity solution
 * (Paterson 1952; Carslaw & Jaeger 1959 §11.2): a thin needle along x runs through
 * the whole (thin, x-adiabatic) domain and extracts a fixed power per unit length
 * from an unperfused medium; the frozen radius grows as 2 lambda sqrt(alpha_s t).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../src/core/solver/simulate.js';
import { lineSinkFront } from '../../src/core/analytic/index.js';
import { gradedEdgesThrough } from '../../src/core/grid/graded.js';
import { baseScene } from '../helpers/scene.js';
import { LINE_SINK, T_INITIAL, lineSinkMedium, lineSinkNeedle } from '../helpers/line-sink-scene.js';
import { crossing, runUntil } from '../helpers/probe-line.js';

const times = [60, 120, 240];

test('frozen radius around a line sink of fixed power follows Paterson within 3 %', () => {
  const tissue = lineSinkMedium();
  const lengthMm = 2;
  const zc = 30;
  const needle = lineSinkNeedle(lengthMm, zc);
  const s = needle.diameter_mm / 2;
  const h = (c: number) => (v: number) => Math.min(1.5, 0.04 + 0.04 * Math.max(0, Math.abs(v - c) - s));
  const scene = baseScene({
    body_temperature_c: T_INITIAL,
    tissues: { medium: tissue },
    layers: [{ tissue: 'medium', thickness_mm: 60 }],
    domain: {
      x_mm: [0, lengthMm],
      y_mm: [-25, 25],
      depth_mm: 60,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'body', y_max: 'body', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [needle],
    protocol: times.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? times[i - 1] : 0) })),
    grid: {
      kind: 'edges',
      x_mm: [0, lengthMm],
      y_mm: Array.from(gradedEdgesThrough(-25, 25, h(0), [])),
      z_mm: Array.from(gradedEdgesThrough(0, 60, h(zc), [])),
    },
    // Steps of up to 4 s (BDF2 sizes them by its error): 88 steps instead of about 250, the
    // radii within 0.7 % of Paterson's either way (the check is 3 %).
    solver: { dt_min_s: 0.01, dt_max_s: 4, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
  });
  const sim = new Simulation(scene);
  sim.initialise();
  const params = LINE_SINK;
  for (const t of times) {
    runUntil(sim, t);
    const exact = lineSinkFront(params, t) * 1e3;
    for (const [axis, dir] of [
      [1, 1],
      [2, 1],
    ] as const) {
      const at: [number, number, number] = [1, 0, zc];
      const r = crossing(sim, axis, at, params.tFreeze, at[axis] + dir * s) - at[axis];
      const err = Math.abs(r - exact) / exact;
      assert.ok(err < 0.03, `t=${t}s axis ${axis}: radius ${r.toFixed(3)} mm vs Paterson ${exact.toFixed(3)} mm (${(100 * err).toFixed(2)} %)`);
    }
  }
  const r = sim.result();
  assert.ok(r.energy.relative_error < 1e-6, `energy balance ${r.energy.relative_error}`);
});
