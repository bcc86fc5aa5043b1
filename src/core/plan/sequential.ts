import type { PlanSpec, RunOutcome } from './types.js';
import { roundUp } from './statistics.js';

/** Why a candidate's sampling may stop before its last sample (null: it may not). */
export type StopReason = 'cannot-meet' | 'cannot-beat' | null;

/** The durations a single freeze may take: a list, or multiples of a step within a range. */
export interface Durations {
  min: number;
  max: number;
  step: number;
  list?: number[];
}

/**
 * The shortest single freeze at which the first n of S samples could still meet the
 * plan, however the S - n samples not yet run turn out, or null when none can.
 *
 * Why this is exact: the S-sample verdict (shortestFreeze) needs, at some duration t,
 * blocks(t) >= need and breaks_k(t) <= allowed for every limit k. The unseen samples can
 * add at most S - n blocks and cannot take back a break already seen, so a duration that
 * works for all S samples also has, among the n seen, blocks >= need - (S - n) and
 * breaks_k <= allowed. Both counts grow with t, so the shortest duration with enough
 * blocks is the only one to check: if it breaks a limit too often, every longer one does.
 */
export function earliestPossibleFreeze(seen: RunOutcome[], S: number, spec: PlanSpec, d: Durations): number | null {
  const n = seen.length;
  const need = Math.ceil(spec.confidence * S - 1e-9);
  const allowed = Math.floor(spec.max_limit_probability * S + 1e-9);
  const needSeen = need - (S - n);
  let t = d.min;
  if (needSeen > 0) {
    const times = seen
      .map((o) => o.block_s)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    if (times.length < needSeen) return null;
    t = Math.max(d.min, times[needSeen - 1]);
  }
  // The durations the plan may choose, as shortestFreeze rounds them.
  if (d.list) {
    const c = [...d.list].sort((a, b) => a - b).find((x) => x >= t - 1e-9);
    if (c === undefined) return null;
    t = c;
  } else t = Math.max(d.min, roundUp(t, d.step));
  if (t > d.max + 1e-9) return null;
  for (let k = 0; k < spec.limits.length; k++) {
    if (seen.filter((o) => o.limit_s[k] <= t).length > allowed) return null;
  }
  return t;
}

/**
 * Whether a single-freeze candidate may stop sampling after the samples seen: it can
 * no longer meet the plan with all S samples (the same verdict the full set would give,
 * see earliestPossibleFreeze), or even if it met, its procedure could not be shorter
 * than `best_s`, the shortest plan already found (equal is not enough: a tie is broken
 * by the margin, which needs every sample).
 */
export function stopReason(
  seen: RunOutcome[],
  S: number,
  spec: PlanSpec,
  d: Durations,
  procedure: (freeze_s: number) => number,
  best_s = Infinity,
): StopReason {
  if (seen.length >= S) return null;
  const t = earliestPossibleFreeze(seen, S, spec, d);
  if (t === null) return 'cannot-meet';
  if (procedure(t) > best_s + 1e-9) return 'cannot-beat';
  return null;
}

/** The one duration a multi-cycle evaluation checks: its whole procedure, as the outcomes' times count it. */
export const atTime = (end_s: number): Durations => ({ min: end_s, max: end_s, step: 1, list: [end_s] });

/** Whether all S samples meet the plan at some allowed duration (the full verdict; only with every sample seen). */
export function meetsWithAll(outcomes: RunOutcome[], S: number, spec: PlanSpec, d: Durations): boolean {
  return outcomes.length >= S && earliestPossibleFreeze(outcomes, S, spec, d) !== null;
}

export interface InOrder {
  /** The samples up to the one that decided (all S when none did), in order. */
  outcomes: RunOutcome[];
  /** Simulations run (a batch may run past the deciding sample). */
  runs: number;
  stopped: StopReason;
}

/**
 * The planner's one sequential-sampling loop, for a placement's single freezes and for a
 * fixed multi-cycle protocol alike: runs the samples in order, as many at once as
 * `batch()` says (read before each batch, as a runner's width may change), until `stop`
 * says the samples so far decide the verdict. The candidate is judged on the samples up
 * to the deciding one, not the rest of its batch, so the answer does not depend on the
 * batch size; every run is kept in `known` (by sample index) for a later completion.
 */
export async function sampleInOrder(
  S: number,
  known: Array<RunOutcome | undefined>,
  batch: () => number,
  run: (indices: number[]) => Promise<RunOutcome[]>,
  stop: (seen: RunOutcome[]) => StopReason,
): Promise<InOrder> {
  let runs = 0;
  const seen: RunOutcome[] = [];
  for (let i = 0; i < S; ) {
    const todo: number[] = [];
    const width = Math.max(1, Math.floor(batch()));
    for (let j = i; j < S && todo.length < width; j++) if (!known[j]) todo.push(j);
    if (todo.length) {
      const got = await run(todo);
      runs += todo.length;
      todo.forEach((j, q) => {
        known[j] = got[q];
      });
    }
    for (; i < S && known[i]; i++) {
      seen.push(known[i] as RunOutcome);
      const why = stop(seen);
      if (why) return { outcomes: seen, runs, stopped: why };
    }
  }
  return { outcomes: seen, runs, stopped: null };
}
