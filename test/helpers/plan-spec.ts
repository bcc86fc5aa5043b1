import type { PlanLimit, PlanSpec } from '../../src/core/plan/types.js';

interface SpecOptions {
  vary?: Partial<PlanSpec['vary']>;
  limits?: PlanLimit[];
  uncertainty?: Partial<PlanSpec['uncertainty']>;
}

/**
 * A plan for the tests' scenes (one target nerve named 'nerve'): one cycle, the case's own
 * probe and placement, and no uncertainty, except what the options say.
 */
export function planSpec(o: SpecOptions = {}): PlanSpec {
  return {
    targets: ['nerve'],
    vary: {
      freeze_s: { min: 10, max: 800 },
      freeze_step_s: 1,
      cycles: [1],
      thaw_s: [30],
      probe: [],
      offset_along_mm: [0],
      offset_across_mm: [0],
      offset_depth_mm: [0],
      angle_to_skin_deg: [],
      warmer: [],
      ...o.vary,
    },
    limits: o.limits ?? [],
    max_limit_probability: 0.05,
    uncertainty: {
      nerve_position_mm: 0,
      nerve_depth_mm: 0,
      placement_mm: 0,
      conductivity: 0,
      perfusion: 0,
      probe: 0,
      probe_by_model: {},
      probe_basis: [],
      samples: 32,
      seed: 1,
      ...o.uncertainty,
    },
    confidence: 0.9,
  };
}
