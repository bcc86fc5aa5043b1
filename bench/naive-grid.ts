/**
 * The baseline the planner is measured against (bench/plan.ts): a grid search over the
 * same choices with no shortcut. Every placement on the lattice of the choices, every
 * protocol, and durations from the shortest up on the freeze step, each duration and
 * each uncertainty sample its own simulation; for each placement and protocol it stops
 * at the first duration that meets the plan (outcomes are monotone in duration, so a
 * longer one cannot be shorter), which is kinder to the grid than running it all.
 */
import type { Scene } from '../src/core/model.js';
import type { Choice, Config, PlanSpec, Sample } from '../src/core/plan/types.js';
import { uncertaintySamples } from '../src/core/plan/sampling.js';
import { probabilitiesAt, runOutcome, type Histories } from '../src/core/plan/statistics.js';
import { procedureTime } from '../src/core/plan/search.js';

export interface NaiveAnswer {
  config: Config;
  freeze_s: number;
  procedure_s: number;
  p_block: number;
}

const values = (c: Choice, step: number) => {
  if (Array.isArray(c)) return [...c].sort((a, b) => a - b);
  const out: number[] = [];
  for (let v = c.min; v <= c.max + 1e-9; v += step) out.push(v);
  return out;
};

export async function naiveGridSearch(
  spec: PlanSpec,
  scene: (c: Config, freeze_s: number, s: Sample) => Scene,
  run: (scenes: Scene[]) => Promise<Histories[]>,
): Promise<{ answer: NaiveAnswer | null; simulations: number }> {
  const v = spec.vary;
  const samples = uncertaintySamples(spec.uncertainty.samples, spec.uncertainty.seed);
  const durations = Array.isArray(v.freeze_s)
    ? [...v.freeze_s].sort((a, b) => a - b)
    : values({ min: Math.ceil(v.freeze_s.min / v.freeze_step_s - 1e-9) * v.freeze_step_s, max: v.freeze_s.max }, v.freeze_step_s);
  const protocols = v.cycles.flatMap((cycles) => (cycles > 1 ? v.thaw_s.map((thaw_s) => ({ cycles, thaw_s })) : [{ cycles, thaw_s: v.thaw_s[0] }]));
  let best: NaiveAnswer | null = null;
  let simulations = 0;
  for (const probe of v.probe.length ? v.probe : [null])
    for (const angle of v.angle_to_skin_deg.length ? v.angle_to_skin_deg : [null])
      for (const warmer of v.warmer.length ? v.warmer : [null])
        for (const along of values(v.offset_along_mm, 1))
          for (const across of values(v.offset_across_mm, 1))
            for (const depth of values(v.offset_depth_mm, 1))
              for (const p of protocols) {
                const config: Config = { probe, along_mm: along, across_mm: across, depth_mm: depth, angle_to_skin_deg: angle, warmer, ...p };
                for (const t of durations) {
                  const end = procedureTime(config, t);
                  const hs = await run(samples.map((s) => scene(config, t, s)));
                  simulations += hs.length;
                  const at = probabilitiesAt(
                    hs.map((h) => runOutcome(h, spec)),
                    end,
                  );
                  const meets = at.block.p >= spec.confidence - 1e-12 && at.limits.every((l) => l.p <= spec.max_limit_probability + 1e-12);
                  if (meets) {
                    if (!best || end < best.procedure_s) best = { config, freeze_s: t, procedure_s: end, p_block: at.block.p };
                    break;
                  }
                }
              }
  return { answer: best, simulations };
}
