/**
 * A pull-back shorter than the active segment: one needle freezing at two depths in
 * turn, whose two positions share a stretch of the grid. While one position freezes
 * the other is not there, so each freeze must draw what the same needle alone at that
 * depth draws from the same starting field: the independent truth here is the
 * single-needle run, where no stretch is shared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { Simulation } from '../../src/core/solver/simulate.js';
import type { Scene } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/result.js';

const PHASE_S = 30;
const CASE = `name: pull-back
domain: { x_mm: [-6, 6], y_mm: [-6, 6], depth_mm: 36 }
template:
  spacing_mm: 5
  origin_mm: [0, 0]
  tip_depth_mm: 31
  holes: [{ hole: A1, pullback_mm: 10 }]
protocol:
  phases:
    - { freeze_s: ${PHASE_S}, probes: [A1] }
    - { freeze_s: ${PHASE_S}, probes: [A1-back] }
grid: { spacing_mm: 1 }
solver: { initial: uniform }
`;

/** Runs a scene to its end, optionally from another run's final temperatures (same grid), keeping the stepper's field. */
function run(scene: Scene, from?: Float64Array): { result: RunResult; T: Float64Array } {
  const sim = new Simulation(scene);
  sim.initialise();
  if (from) {
    // The field of a run with the needle elsewhere: each cell's enthalpy from its temperature in its own material here.
    const { n, pad, material, materials } = sim.problem;
    for (let c = 0; c < n; c++) {
      const m = materials[material[c]];
      const t = from[c + pad];
      sim.stepper.T[c + pad] = t;
      sim.stepper.H[c] =
        t <= m.solidus ? m.cFrozen * (t - m.solidus) : t <= m.liquidus ? m.cMushy * (t - m.solidus) : m.hLiquidus + m.cUnfrozen * (t - m.liquidus);
    }
  }
  while (!sim.done) sim.advance();
  return { result: sim.result(), T: Float64Array.from(sim.stepper.T) };
}

/** Heat a probe draws over (t0, t1], J: the trapezoid rule on the series. */
function drawn(r: RunResult, id: string, t0: number, t1: number): number {
  const t = r.series.time_s;
  const w = r.series.probes.find((p) => p.id === id)!.heat_w;
  let e = 0;
  for (let i = 1; i < t.length; i++) if (t[i - 1] >= t0 - 1e-9 && t[i] <= t1 + 1e-9) e += 0.5 * (w[i] + w[i - 1]) * (t[i] - t[i - 1]);
  return e;
}

test('a 10 mm pull-back of a 20 mm needle: each position draws what the needle alone at its depth draws; energy closes', () => {
  const { scene, warnings } = parseCase(CASE, 'c.yaml');
  assert.ok(!warnings.some((w) => w.path.endsWith('pullback_mm')), JSON.stringify(warnings));
  const pair = run(scene).result;
  assert.ok(pair.energy.relative_error < 1e-9, `energy: relative error ${pair.energy.relative_error}`);
  const probes = pair.series.probes.map((p) => p.id);
  assert.deepEqual(probes, ['A1', 'A1-back']);

  const only = (id: string, protocol: Scene['protocol']): Scene => ({ ...scene, probes: scene.probes.filter((p) => p.id === id), protocol });
  const freeze: Scene['protocol'] = [{ kind: 'freeze', duration_s: PHASE_S }];
  const deep = run(only('A1', freeze));
  const back = run(only('A1-back', freeze), deep.T).result;

  const deepPair = drawn(pair, 'A1', 0, PHASE_S);
  const deepAlone = drawn(deep.result, 'A1', 0, PHASE_S);
  const backPair = drawn(pair, 'A1-back', PHASE_S, 2 * PHASE_S);
  const backAlone = drawn(back, 'A1-back', 0, PHASE_S);
  const near = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  assert.ok(near(deepPair, deepAlone) < 0.03, `deep position: ${deepPair.toFixed(1)} J, alone ${deepAlone.toFixed(1)} J`);
  assert.ok(near(backPair, backAlone) < 0.03, `pulled-back position: ${backPair.toFixed(1)} J, alone from the deep freeze's field ${backAlone.toFixed(1)} J`);
  // Each position draws only in its own phase.
  assert.ok(Math.abs(drawn(pair, 'A1-back', 0, PHASE_S)) < 0.02 * deepPair, 'the pulled-back position draws little while the deep one freezes');
});
