/**
 * Time left in a run, from the solver's step pattern. Each phase starts again at the
 * smallest step and grows it with the phase's age up to dt_max
 * (core/solver/simulate.ts), so simulated seconds per wall second vary a
 * hundredfold within a phase: a rate in simulated seconds (what a progress bar's
 * own ETA uses) swings from minutes to seconds. Steps cost about the same each
 * (the cells do not change), so the time left is the steps left times the wall
 * time per step seen so far, with the steps left predicted by the same rule.
 */

import { BDF2_FIRST_STEP_FRACTION, BDF2_SETTLED_FRACTION_OF_AGE, DT_FRACTION_OF_PHASE_AGE, DT_GROWTH } from '../core/solver/simulate.js';
import { BDF2_MAX_RATIO } from '../core/solver/bdf2.js';

export interface StepRule {
  dt_min_s: number;
  dt_max_s: number;
  /** bdf2 (the default) or euler: their steps follow different rules. */
  integrator?: 'bdf2' | 'euler';
}

/**
 * Steps the step rule takes from `age` seconds into a phase of `length` s to its end,
 * if no step is cut for accuracy (so: a lower bound the solver meets on smooth stretches).
 */
export function stepsInPhase(length: number, rule: StepRule, age = 0): number {
  // BDF2's steps are sized by its error estimate, which on smooth stretches settles at a
  // steady fraction of the phase's age; backward Euler's follow the age rule itself.
  const bdf2 = (rule.integrator ?? 'bdf2') === 'bdf2';
  const AGE_FRACTION = bdf2 ? BDF2_SETTLED_FRACTION_OF_AGE : DT_FRACTION_OF_PHASE_AGE;
  const GROWTH = bdf2 ? BDF2_MAX_RATIO : DT_GROWTH;
  const first = bdf2 ? Math.min(rule.dt_max_s, Math.max(rule.dt_min_s, BDF2_FIRST_STEP_FRACTION * length)) : rule.dt_min_s;
  let t = age;
  let dt = age > 0 ? Math.min(rule.dt_max_s, Math.max(rule.dt_min_s, AGE_FRACTION * age)) : first;
  let n = 0;
  while (t < length - 1e-9) {
    let step = Math.min(dt, length - t);
    if (length - (t + step) < 0.25 * rule.dt_min_s) step = length - t;
    t += step;
    n++;
    dt = Math.min(rule.dt_max_s, Math.max(rule.dt_min_s, AGE_FRACTION * t), Math.max(rule.dt_min_s, GROWTH * step));
  }
  return n;
}

/** Predicted steps still to take at simulated time `time_s` of a protocol (phase durations in order). */
export function stepsLeft(phases: number[], rule: StepRule, time_s: number): number {
  let start = 0;
  let n = 0;
  for (const d of phases) {
    const end = start + d;
    if (time_s < end - 1e-9) n += stepsInPhase(d, rule, Math.max(0, time_s - start));
    start = end;
  }
  return n;
}

export interface EtaState {
  /** Wall seconds since the time stepping began (not counting grid building or the steady start). */
  wall_s: number;
  /** Simulated seconds reached. */
  time_s: number;
  /** Accepted steps taken. */
  steps: number;
}

/** Too little seen to extrapolate: fewer steps or less wall time than this gives no ETA. */
const MIN_STEPS = 10;
const MIN_WALL_S = 1;

/**
 * Seconds left, or null when there is not yet enough to go on. The predicted steps
 * left are scaled by how many steps the run has really taken for the ones predicted
 * so far (steps cut for accuracy at each freeze's start, or repeated).
 */
export function etaSeconds(phases: number[], rule: StepRule, s: EtaState): number | null {
  if (s.steps < MIN_STEPS || s.wall_s < MIN_WALL_S) return null;
  const total = stepsLeft(phases, rule, 0);
  const left = stepsLeft(phases, rule, s.time_s);
  const predictedDone = total - left;
  if (predictedDone <= 0) return null;
  // Never below 1: the prediction is the fewest steps the rule allows.
  const ratio = Math.max(1, s.steps / predictedDone);
  return left * ratio * (s.wall_s / s.steps);
}

/** "45 s", "3 min 10 s", "1 h 05 min": as a person reads an ETA. */
export function formatDuration(s: number): string {
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = Math.round(s - 60 * m);
    return r === 60 ? `${m + 1} min` : r ? `${m} min ${r} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s - 3600 * h) / 60);
  return m === 60 ? `${h + 1} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}
