/**
 * Limits on side-effect levels and on thermocouples. The levels the planner reads from
 * one long run are checked against the outcome model's own rating of separate runs that
 * end just before and just after each onset; the planner's handling of a limit is checked
 * on Paterson's line sink, where the time the frost reaches a thermocouple is analytic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executeJob } from '../../src/run/job.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import type { Risk } from '../../src/core/outcome/types.js';
import type { TemperatureSideEffect } from '../../src/core/outcome/side-effects.js';
import { searchPlan } from '../../src/core/plan/search.js';
import type { PlanLimit, PlanSpec } from '../../src/core/plan/types.js';
import { lineSinkNerveScene } from '../helpers/line-sink-scene.js';
import { analyticEnv, timeToRadius } from '../helpers/analytic-plan-env.js';
import { jobOf } from '../helpers/plan-scene.js';
import { shallowScene } from '../helpers/shallow-scene.js';
import { planSpec } from '../helpers/plan-spec.js';

const RANK: Record<Risk, number> = { not_modelled: -1, low: 0, moderate: 1, high: 2 };

/** The scene with a tight time error, so that runs of different lengths agree to well within the 2 s checked below. */
function tightScene(freeze_s: number) {
  const scene = shallowScene(freeze_s);
  scene.solver = { ...scene.solver, time_error_c: 0.1 };
  return scene;
}

test('side-effect levels read from one long run agree with the outcome model on runs that end before and after each onset', async () => {
  const long = await executeJob(jobOf(tightScene(80)));
  const onsets = long.histories?.side_effect_onset_s ?? assert.fail('no onsets');
  const checks: Array<[TemperatureSideEffect, 'moderate' | 'high']> = [
    ['skin-redness', 'moderate'],
    ['blisters', 'moderate'],
    ['blisters', 'high'],
  ];
  for (const [id, lvl] of checks) {
    const t = onsets[id][lvl === 'moderate' ? 'moderate_s' : 'high_s'];
    assert.ok(t !== null && t > 5 && t < 75, `${id} reaches ${lvl} within the run (${t})`);
    for (const [d, reached] of [
      [t - 2, false],
      [t + 2, true],
    ] as const) {
      const scene = tightScene(d);
      const risk = computeOutcomes(scene, simulate(scene)).side_effects.find((s) => s.id === id)?.risk ?? 'not_modelled';
      assert.equal(RANK[risk] >= RANK[lvl], reached, `${id} after a ${d} s freeze: ${risk} (onset of ${lvl} read at ${t} s)`);
    }
  }
  // The thermocouple's history comes with the run: one reading per time, its lowest the sensor's own minimum (to the series' sampling).
  const tc = long.histories?.sensors.tc ?? assert.fail('no thermocouple history');
  assert.equal(tc.length, long.histories?.time_s.length);
  const min = long.summary!.sensors?.find((s) => s.name === 'tc')?.min_temperature_c ?? assert.fail('no thermocouple in the summary');
  assert.ok(Math.abs(Math.min(...tc) - min) < 0.5, `history ${Math.min(...tc)} vs ${min} °C`);
});

function spec(limits: PlanLimit[]): PlanSpec {
  return planSpec({ limits, uncertainty: { nerve_position_mm: 0.3, seed: 5 } });
}

test('a thermocouple limit and a side-effect limit bound the freeze where the line sink says; past it no plan meets, and the plan says which limit', async () => {
  const d0 = 2,
    r = 0.1;
  const base = lineSinkNerveScene(d0, 2 * r, 800);
  // 90 % of nerve positions N(2, 0.3) are within 2.1 + 1.28 x 0.3 mm: blocked from about this time.
  const need = timeToRadius(d0 + r + 0.3 * 1.2816);
  const tc: PlanLimit = { structure: 'tc', min_c: 0, kind: 'sensor' };
  const blisters: PlanLimit = { structure: 'blisters', min_c: null, kind: 'side_effect', side_effect: { id: 'blisters', max: 'low' } };

  // The frost reaches a thermocouple 2.8 mm away, and blisters start, well after the block: the plan stands, before both.
  const far = timeToRadius(2.8);
  const ok = await searchPlan(spec([tc, blisters]), analyticEnv(base, spec([tc, blisters]), r, 2.8, far + 20));
  const c = ok.chosen ?? assert.fail('a plan meets the limits');
  assert.ok(c.freeze_s < far, `chosen ${c.freeze_s} s, before the frost reaches the thermocouple at ${far.toFixed(0)} s`);
  assert.ok(c.freeze_s > need * 0.8, `chosen ${c.freeze_s} s vs about ${need.toFixed(0)} s for 90 % of the nerve positions`);

  // A thermocouple 2.3 mm away freezes before 90 % of the nerves block: no plan, and the closest names it.
  const near = await searchPlan(spec([tc]), analyticEnv(base, spec([tc]), r, 2.3, 1e9));
  assert.equal(near.chosen, null);
  assert.match(near.closest?.fails.join('; ') ?? '', /thermocouple tc colder than 0 °C in 100 %/);

  // Blisters from before the block: no plan, and the closest says so.
  const early = await searchPlan(spec([blisters]), analyticEnv(base, spec([blisters]), r, 10, need * 0.7));
  assert.equal(early.chosen, null);
  assert.match(early.closest?.fails.join('; ') ?? '', /blisters above low in 100 %/);
});
