/** The planner's settings, resolved from a case's `plan:` section (src/case/plan.ts). */

/** A continuous range the search may take any value from, or the list of values it may use. */
export type Choice = { min: number; max: number } | number[];

export interface PlanLimit {
  /** A structure or layer in the scene. */
  structure: string;
  /** It must stay warmer than this, °C. */
  min_c: number;
  /** Why (for the report): 'skin', 'named structure'. */
  kind: 'structure' | 'skin';
}

export interface UncertaintySpec {
  /** Standard deviation of the target nerves' position across the nerve (imaging), mm. */
  nerve_position_mm: number;
  /** Standard deviation of the target nerves' depth (imaging), mm. */
  nerve_depth_mm: number;
  /** Standard deviation of where the probe tip ends up in each direction, mm. */
  placement_mm: number;
  /** Relative standard deviation (log-normal) of every tissue's conductivity. */
  conductivity: number;
  /** Relative standard deviation (log-normal) of every tissue's perfusion. */
  perfusion: number;
  /** Relative standard deviation (log-normal) of the probe's cooling (h, power, or cold below body temperature). */
  probe: number;
  samples: number;
  seed: number;
}

export interface PlanSpec {
  /** Nerves whose complete block is the aim. */
  targets: string[];
  vary: {
    freeze_s: Choice;
    /** Durations are rounded up to a multiple of this, s. */
    freeze_step_s: number;
    cycles: number[];
    thaw_s: number[];
    /** Catalogue models; empty: the case's own probes. */
    probe: string[];
    offset_along_mm: Choice;
    offset_across_mm: Choice;
    offset_depth_mm: Choice;
    /** Empty: the case's own angle. */
    angle_to_skin_deg: number[];
    /** Skin warmer off/on; empty: as the case has it. */
    warmer: boolean[];
  };
  limits: PlanLimit[];
  /** Largest probability allowed of breaking each limit. */
  max_limit_probability: number;
  uncertainty: UncertaintySpec;
  /** Probability of a complete block the plan must reach. */
  confidence: number;
}

/** The uncertain inputs, in the order of a sample's coordinates. */
export const UNCERTAIN_INPUTS = [
  { id: 'nerve_across', label: 'nerve position across (imaging)', spec: 'nerve_position_mm', unit: 'mm' },
  { id: 'nerve_depth', label: 'nerve depth (imaging)', spec: 'nerve_depth_mm', unit: 'mm' },
  { id: 'tip_along', label: 'probe placement along the nerve', spec: 'placement_mm', unit: 'mm' },
  { id: 'tip_across', label: 'probe placement across the nerve', spec: 'placement_mm', unit: 'mm' },
  { id: 'tip_depth', label: 'probe placement in depth', spec: 'placement_mm', unit: 'mm' },
  { id: 'conductivity', label: 'tissue conductivity', spec: 'conductivity', unit: 'relative' },
  { id: 'perfusion', label: 'tissue perfusion', spec: 'perfusion', unit: 'relative' },
  { id: 'probe', label: 'probe cooling performance', spec: 'probe', unit: 'relative' },
] as const;

export type UncertainInput = (typeof UNCERTAIN_INPUTS)[number]['id'];

/** One draw of the uncertain inputs: standard normal deviates, one per input (0 everywhere: the nominal case). */
export type Sample = Record<UncertainInput, number>;

/** Where and how the probe is used: everything the planner chooses but the freeze duration. */
export interface Config {
  probe: string | null;
  along_mm: number;
  across_mm: number;
  depth_mm: number;
  angle_to_skin_deg: number | null;
  warmer: boolean | null;
  cycles: number;
  thaw_s: number;
}

/** What one run tells the planner (from RunHistories). */
export interface RunOutcome {
  /** When every target's block was complete, s (Infinity: not within the run). */
  block_s: number;
  /** Per limit: when the structure first reached its limit, s (Infinity: never). */
  limit_s: number[];
  /** Per limit: the coldest temperature at each time of `time_s`. */
  limit_min_c: number[][];
  time_s: number[];
  /** Coldest temperature of the targets at the end, °C (how near an unblocked run came). */
  target_min_c: number;
}
