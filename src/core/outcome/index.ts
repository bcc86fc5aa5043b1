import type { Scene } from '../model.js';
import type { RunResult } from '../result.js';
import type { Outcomes } from './types.js';
import { DEFAULT_OUTCOME_SETTINGS } from './settings.js';
import { nerveOutcome } from './nerve.js';
import { nerveTube } from './nerve-tube.js';
import { sideEffects } from './side-effects.js';
import { organsAtRisk } from './organs.js';
import { ablationOutcome } from './ablation.js';
import { lesionOutcome } from './lesion.js';

export type * from './types.js';
export { DEFAULT_OUTCOME_SETTINGS, thresholdTable, trackedThresholds, type OutcomeSettings } from './settings.js';
export { injuryClass, blockKind, blockDurationDays, firstCrossing } from './nerve.js';
export { protocolFactors } from './side-effects.js';
export { organsAtRisk, COMPLICATIONS } from './organs.js';
export { ablationOutcome, type AblationOutcome } from './ablation.js';
export { lesionOutcome, type LesionOutcome } from './lesion.js';
export { sensorStencil, readSensor, SensorRecorder, type SensorResult } from './sensors.js';

export const DISCLAIMER =
  'These are model-based indicators from a simulation of heat flow with published temperature thresholds. ' +
  'They are not clinical predictions and do not replace clinical judgement.';

/** The nerve, side-effect and organ-at-risk outcomes of a finished run. */
export function computeOutcomes(scene: Scene, result: RunResult): Outcomes {
  const s = scene.outcome ?? DEFAULT_OUTCOME_SETTINGS;
  const nerves = scene.structures.flatMap((st) => {
    const tube = nerveTube(st);
    if (!tube) return [];
    const tracked = result.structures.find((r) => r.name === st.name && r.role === 'nerve');
    return tracked ? [nerveOutcome(scene, result, tube, tracked, s.nerve)] : [];
  });
  const out: Outcomes = {
    nerves,
    side_effects: sideEffects(scene, result, nerves, s),
    organs_at_risk: organsAtRisk(scene, result, nerves, s),
    disclaimer: DISCLAIMER,
  };
  if (scene.ablation) out.ablation = ablationOutcome(scene, result, scene.ablation);
  if (scene.lesion) out.lesion = lesionOutcome(scene, result, scene.lesion, out.organs_at_risk, s);
  return out;
}
