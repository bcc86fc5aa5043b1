/**
 * The planner's nerve-position uncertainty moves a labelled nerve as it moves the analytic
 * nerve it was drawn from (cases/imaging/nerve-layers*.yaml): the tube whose cross-sections
 * decide the block is shifted by the sampled offset, across the nerve and in depth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlanCase } from '../../src/case/plan.js';
import { applySample, placementAxes } from '../../src/core/plan/perturb.js';
import { NOMINAL } from '../../src/core/plan/sampling.js';
import { nerveTube } from '../../src/core/outcome/nerve-tube.js';
import type { Scene, Vec3 } from '../../src/core/model.js';

function tubeOf(scene: Scene, name: string) {
  const s = scene.structures.find((x) => x.name === name);
  assert.ok(s, `structure ${name}`);
  const t = nerveTube(s);
  assert.ok(t, `${name} is a nerve`);
  return t;
}

test('a labelled target nerve moves with the sampled imaging error exactly as its analytic original does', async () => {
  const sample = { ...NOMINAL, nerve_across: 1.5, nerve_depth: -0.8 };
  const shifts: Vec3[] = [];
  for (const file of ['cases/imaging/nerve-layers-analytic.yaml', 'cases/imaging/nerve-layers.yaml']) {
    const plan = await loadPlanCase(file);
    const scene = plan.scenes.get(null)!;
    const { across } = placementAxes(scene, plan.spec.targets);
    const u = plan.spec.uncertainty;
    const expected: Vec3 = [across[0] * u.nerve_position_mm * 1.5, across[1] * u.nerve_position_mm * 1.5, -0.8 * u.nerve_depth_mm];
    const before = tubeOf(scene, 'nerve');
    const after = tubeOf(applySample(scene, plan.spec, sample), 'nerve');
    before.path_mm.forEach((p, i) => {
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(after.path_mm[i]![k]! - p[k]! - expected[k]!) < 1e-9, `${file}: point ${i} axis ${k}`);
    });
    assert.equal(after.diameter_mm, before.diameter_mm);
    shifts.push(expected);
  }
  // The labelled nerve's tube runs where the analytic one does, so the two get the same axes and shift.
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(shifts[0]![k]! - shifts[1]![k]!) < 1e-6, `axis ${k}`);
});
