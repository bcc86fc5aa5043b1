import type { PlanEnv } from '../../src/core/plan/search.js';
import type { PlanSpec } from '../../src/core/plan/types.js';
import type { Histories } from '../../src/core/plan/statistics.js';
import type { Scene } from '../../src/core/model.js';
import { planScene } from '../../src/run/plan-env.js';
import { lineSinkLambda } from '../../src/core/analytic/index.js';
import { LINE_SINK } from './line-sink-scene.js';

const lam = lineSinkLambda(LINE_SINK);
const aS = LINE_SINK.kFrozen / LINE_SINK.cFrozen;
/** Time for Paterson's frozen front to reach a radius, s. */
export const timeToRadius = (mm: number) => ((mm * 1e-3) / (2 * lam)) ** 2 / aS;

/**
 * The exact model behind the planner's interface: the nerve blocks when the front R(t)
 * reaches its far side; the thermocouple 'tc' reads 0 °C when the front reaches it (its
 * series: +1 before, -1 after, on a 1 s grid); 'blisters' turns moderate at a given time.
 */
export function analyticEnv(base: Scene, s: PlanSpec, r_mm: number, tc_mm: number, blisters_s: number): PlanEnv {
  return {
    concurrency: 4,
    scene: (c, t, sample) => planScene(new Map([[null, base]]), s, c, t, sample),
    async run(scenes: Scene[]): Promise<Histories[]> {
      return scenes.map((sc) => {
        const nerve = sc.structures[0];
        const probe = sc.probes[0];
        if (nerve.kind !== 'tube' || probe.kind !== 'needle') throw new Error('not the line-sink scene');
        const d = Math.hypot(nerve.path_mm[0][1] - probe.tip_mm[1], nerve.path_mm[0][2] - probe.tip_mm[2]);
        const end = sc.protocol.reduce((a, p) => a + p.duration_s, 0);
        const t = timeToRadius(d + r_mm);
        const time_s = Array.from({ length: end + 1 }, (_, i) => i);
        const tc = timeToRadius(tc_mm);
        const moderate = blisters_s <= end ? blisters_s : null;
        return {
          time_s,
          structures: {},
          block_s: { nerve: t <= end ? t : null },
          sensors: { tc: time_s.map((x) => (x < tc ? 1 : -1)) },
          side_effect_onset_s: { blisters: { moderate_s: moderate, high_s: null } },
        };
      });
    },
  };
}
