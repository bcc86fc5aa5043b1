import type { TemperatureSideEffect } from '../outcome/side-effects.js';

/** The planner's settings, resolved from a case's `plan:` section (src/case/plan.ts). */

/** A continuous range the search may take any value from, or the list of values it may use. */
export type Choice = { min: number; max: number } | number[];

/** The highest level a side-effect limit may allow ('high' would allow every level). */
export type SideEffectMax = 'low' | 'moderate';

export interface PlanLimit {
  /** What it watches: a structure or layer, a virtual thermocouple (sensor), or a side effect (its label). */
  structure: string;
  /** A temperature limit: it must stay warmer than this, °C; null for a side effect. */
  min_c: number | null;
  kind: 'structure' | 'skin' | 'sensor' | 'side_effect';
  /** A side-effect limit: which (its level as the outcome model rates it) and the highest level allowed. */
  side_effect?: { id: TemperatureSideEffect; max: SideEffectMax };
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
  /** Relative standard deviation (log-normal) of the case's own probe's cooling (h, power, or cold below body temperature). */
  probe: number;
  /** The same for each catalogue model in vary.probe (from its calibration band unless `probe` was given). */
  probe_by_model: Record<string, number>;
  /** Where the probe figures come from, one line each (for the report). */
  probe_basis: string[];
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
