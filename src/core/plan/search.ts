import type { Scene } from '../model.js';
import type { Choice, Config, PlanSpec, RunOutcome, Sample } from './types.js';
import { NOMINAL, uncertaintySamples } from './sampling.js';
import { brokenText } from './limits.js';
import { type Durations, type InOrder, type StopReason, atTime, meetsWithAll, sampleInOrder, stopReason } from './sequential.js';
import { type Histories, type Proportion, limitsHold, marginAt, minUpTo, probabilitiesAt, roundUp, runOutcome, shortestFreeze, tornado } from './statistics.js';

/** What the search needs from outside the core: scenes for its choices, and runs of them. */
export interface PlanEnv {
  /** The scene for a configuration, freeze duration and uncertainty sample (the caller resolves probe models). */
  scene(config: Config, freeze_s: number, sample: Sample): Scene;
  /** Runs the scenes (as many at once as the runner allows) and returns what the planner reads of each. */
  run(scenes: Scene[]): Promise<Histories[]>;
  concurrency: number;
  /** Called when the search knows of more simulations it will run (for an honest count and ETA). */
  planned?(more: number): void;
  /** Stops the search between batches (Ctrl-C). */
  cancelled?(): boolean;
}

export interface CurvePoint {
  freeze_s: number;
  block: Proportion;
  limits: Proportion[];
}

export interface Candidate {
  config: Config;
  /** The duration of each freeze chosen for this configuration (the shortest that meets the plan, or the closest). */
  freeze_s: number;
  procedure_s: number;
  meets: boolean;
  block: Proportion;
  limits: Proportion[];
  /** 10th percentile over samples of the smallest distance to a limit, °C (null without limits). */
  margin_c: number | null;
  /** What it fails, in words (empty when it meets the plan). */
  fails: string[];
  /** P against freeze duration (single freezes: every duration from one run per sample). */
  curve: CurvePoint[];
  /** Simulations this candidate's robust evaluation took. */
  simulations: number;
  /** Seconds per standard deviation of each uncertain input on the time to block. */
  tornado: Array<{ id: string; label: string; seconds_per_sd: number }>;
}

export interface ScreenPoint {
  config: Config;
  /** Time to complete block in the nominal case, s (null: not within the longest freeze). */
  nominal_block_s: number | null;
  score: number;
  feasible: boolean;
}

export interface PlanSearchResult {
  samples: Sample[];
  screened: ScreenPoint[];
  /** Robustly evaluated candidates, best first (meets, then procedure time, then margin). */
  candidates: Candidate[];
  chosen: Candidate | null;
  /** When nothing meets the plan: the candidate that came nearest. */
  closest: Candidate | null;
  simulations: { screening: number; robust: number; cycles: number };
  notes: string[];
}

const key = (c: Config) => JSON.stringify(c);
/** How a failure line of a candidate sampled only in part begins. */
const STOPPED = 'stopped after';
const isRange = (c: Choice): c is { min: number; max: number } => !Array.isArray(c);
const lo = (c: Choice) => (isRange(c) ? c.min : c.reduce((m, x) => Math.min(m, x), Infinity));
const hi = (c: Choice) => (isRange(c) ? c.max : c.reduce((m, x) => Math.max(m, x), -Infinity));

export const procedureTime = (c: Config, freeze_s: number) => c.cycles * freeze_s + (c.cycles - 1) * c.thaw_s;

/** Screening budget per combination of discrete choices (probe, angle, warmer). */
const SCREEN_BUDGET = 24;
/** Most configurations evaluated under the full uncertainty. */
const ROBUST_CANDIDATES = 3;

/**
 * The planner's search. Why this shape:
 * - A single freeze needs no search over its duration: a run with the longest freeze
 *   records when each sample's block became complete and when each limit broke, and both
 *   move one way with the duration, so each sample costs one run for every duration.
 * - Placement (offsets along, across and in depth) is searched by a compass pattern
 *   search on the nominal case (one run per point): it needs no gradients, tolerates the
 *   small jumps that re-gridding puts in the objective, and with 1-3 offsets converges in
 *   a handful of polls; a surrogate would need more runs than that before it could be
 *   trusted. The best few placements are then evaluated under the full uncertainty.
 * - Each of those stops sampling once the samples seen decide it (sequential.ts): the
 *   verdict every sample would give, not a statistical guess, at a third of the runs
 *   for a placement that cannot meet the plan.
 * - More cycles (freeze-thaw-freeze) only help if they finish sooner than the best single
 *   freeze: their duration is bisected below that bound, and each evaluation goes through
 *   the same loop and rule at its one duration, so it too stops once the samples seen
 *   decide the verdict all of them would give.
 */
export async function searchPlan(spec: PlanSpec, env: PlanEnv): Promise<PlanSearchResult> {
  const v = spec.vary;
  const tMin = lo(v.freeze_s);
  const tMax = hi(v.freeze_s);
  const durations = isRange(v.freeze_s) ? undefined : [...v.freeze_s].sort((a, b) => a - b);
  const step = v.freeze_step_s;
  const S = spec.uncertainty.samples;
  const samples = uncertaintySamples(S, spec.uncertainty.seed);
  const sims = { screening: 0, robust: 0, cycles: 0 };
  const notes: string[] = [];
  const check = () => {
    if (env.cancelled?.()) throw new PlanCancelled();
  };

  // --- 1. Screening: pattern search over the placement offsets, nominal case, single freeze.
  const screened = new Map<string, ScreenPoint>();
  const nominal = new Map<string, RunOutcome>();
  const singleFirst = { cycles: 1, thaw_s: v.thaw_s[0] };
  const evaluate = async (configs: Config[]) => {
    const todo = configs.filter((c, i) => !screened.has(key(c)) && configs.findIndex((d) => key(d) === key(c)) === i);
    if (!todo.length) return;
    check();
    env.planned?.(todo.length);
    const hs = await env.run(todo.map((c) => env.scene(c, tMax, NOMINAL)));
    sims.screening += todo.length;
    todo.forEach((c, i) => {
      const o = runOutcome(hs[i], spec);
      nominal.set(key(c), o);
      screened.set(key(c), screenPoint(c, o, spec, tMax, step));
    });
  };
  const offsets = [v.offset_along_mm, v.offset_across_mm, v.offset_depth_mm];
  const combos = product(v.probe.length ? v.probe : [null], v.angle_to_skin_deg.length ? v.angle_to_skin_deg : [null], v.warmer.length ? v.warmer : [null]);
  // Nothing to place: straight to the uncertainty (one run per sample gives every duration).
  const fixed = combos.length === 1 && offsets.every((d) => Array.isArray(d) && d.length === 1);
  if (fixed) {
    const [probe, angle, warmer] = combos[0];
    const c: Config = {
      probe,
      along_mm: lo(offsets[0]),
      across_mm: lo(offsets[1]),
      depth_mm: lo(offsets[2]),
      angle_to_skin_deg: angle,
      warmer,
      ...singleFirst,
    };
    screened.set(key(c), { config: c, nominal_block_s: null, score: 0, feasible: true });
  }
  for (const [probe, angle, warmer] of fixed ? [] : combos) {
    const make = (x: number[]): Config => ({
      probe,
      along_mm: x[0],
      across_mm: x[1],
      depth_mm: x[2],
      angle_to_skin_deg: angle,
      warmer,
      ...singleFirst,
    });
    await patternSearch(offsets, make, evaluate, (c) => screened.get(key(c))?.score ?? Infinity, SCREEN_BUDGET);
  }
  const ranked = [...screened.values()].sort((a, b) => a.score - b.score);

  // --- 2. The best placements under the full uncertainty (one run per sample each), each
  // sampled in order and stopped as soon as its samples so far decide that it cannot meet
  // the plan, or cannot beat a plan already found, whatever the rest would show.
  const robust = new Map<string, { outcomes: RunOutcome[]; candidate: Candidate; known: Array<RunOutcome | undefined> }>();
  const range: Durations = { min: tMin, max: tMax, step, list: durations };
  const single = (c: Config, o: RunOutcome[], stopped: StopReason, runs: number) => {
    const cand = singleCandidate(c, o, samples.slice(0, o.length), spec, tMin, tMax, step, durations);
    cand.simulations = runs;
    if (stopped) stoppedEarly(cand, stopped, S, bestTime);
    return cand;
  };
  let bestTime = Infinity;
  for (const sp of ranked) {
    if (robust.size >= ROBUST_CANDIDATES) break;
    if (robust.size > 0 && !sp.feasible) break;
    // Uncertainty only delays the block at the confidence level: a placement whose nominal block already comes later cannot win.
    if (sp.nominal_block_s !== null && sp.nominal_block_s >= bestTime) continue;
    const known: Array<RunOutcome | undefined> = [];
    const best = bestTime;
    const r = await inOrder(sp.config, tMax, samples, known, spec, env, (seen) => stopReason(seen, S, spec, range, (t) => procedureTime(sp.config, t), best));
    sims.robust += r.runs;
    const cand = single(sp.config, r.outcomes, r.stopped, r.runs);
    robust.set(key(sp.config), { outcomes: r.outcomes, candidate: cand, known });
    if (cand.meets) bestTime = Math.min(bestTime, cand.procedure_s);
  }
  if (!robust.size) throw new Error('internal error: nothing to evaluate');
  // When nothing meets the plan, the nearest candidate is the answer: it is seen over every sample, so that what it breaks is stated on all of them.
  if (![...robust.values()].some((r) => r.candidate.meets)) {
    const entry = toComplete([...robust.values()], tMax);
    if (entry && entry.outcomes.length < S) {
      const r = await inOrder(entry.candidate.config, tMax, samples, entry.known, spec, env, () => null);
      sims.robust += r.runs;
      entry.outcomes = r.outcomes;
      entry.candidate = single(entry.candidate.config, r.outcomes, null, entry.candidate.simulations + r.runs);
    }
  }

  // --- 3. More cycles, for the best placement, only where they could be quicker.
  const singles = [...robust.values()].map((r) => r.candidate);
  // With no plan found, more cycles are tried where the nearest single freeze is.
  const bestSingle = singles.some((c) => c.meets) ? pick(singles) : (nearest(singles) as Candidate);
  const multi: Candidate[] = [];
  for (const cycles of v.cycles.filter((n) => n > 1)) {
    for (const thaw_s of v.thaw_s) {
      const config: Config = { ...bestSingle.config, cycles, thaw_s };
      const bound = bestSingle.meets ? (bestSingle.procedure_s - (cycles - 1) * thaw_s) / cycles : tMax;
      const below = (b: number) => (durations ? (durations.filter((d) => d < b - 1e-9).pop() ?? -1) : Math.floor((b - 1e-9) / step) * step);
      const top = bestSingle.meets ? Math.min(tMax, below(bound)) : tMax;
      if (top < tMin) {
        notes.push(`${cycles} cycles with ${thaw_s} s thaws cannot be quicker than the best single freeze (${bestSingle.procedure_s} s): not simulated`);
        continue;
      }
      // The same loop and stopping rule as the single freezes, at the one duration t (its procedure's end).
      const evalAt = async (t: number): Promise<Cycles> => {
        const at = atTime(procedureTime(config, t));
        const r = await inOrder(config, t, samples, [], spec, env, (seen) => stopReason(seen, S, spec, at, (x) => x));
        sims.cycles += r.runs;
        return { ...r, meets: r.stopped === null && meetsWithAll(r.outcomes, S, spec, at) };
      };
      let best = await evalAt(top);
      let bestT = top;
      if (best.meets) {
        let a = tMin - (durations ? 0 : step);
        let b = top;
        for (;;) {
          const mid = durations
            ? durations.filter((d) => d > a && d < b)[Math.floor(durations.filter((d) => d > a && d < b).length / 2)]
            : roundUp((a + b) / 2, step);
          if (mid === undefined || mid >= b || mid <= a) break;
          const r = await evalAt(mid);
          if (r.meets) {
            b = mid;
            best = r;
            bestT = mid;
          } else a = mid;
        }
      }
      multi.push(multiCandidate(config, bestT, best, spec));
    }
  }

  const candidates = [...[...robust.values()].map((r) => r.candidate), ...multi].sort(compare);
  const chosen = candidates.find((c) => c.meets) ?? null;
  const closest = chosen ? null : nearest(candidates);
  return { samples, screened: ranked, candidates, chosen, closest, simulations: sims, notes };
}

export class PlanCancelled extends Error {
  constructor() {
    super('the plan was cancelled');
    this.name = 'PlanCancelled';
  }
}

function product<A, B, C>(a: A[], b: B[], c: C[]): Array<[A, B, C]> {
  return a.flatMap((x) => b.flatMap((y) => c.map((z) => [x, y, z] as [A, B, C])));
}

/**
 * Compass search over up to three offsets, each a range (continuous, steps halve down to
 * a sixteenth of the range, at least 0.25 mm) or a list (its values in order, step one).
 */
async function patternSearch(
  dims: Choice[],
  make: (x: number[]) => Config,
  evaluate: (cs: Config[]) => Promise<void>,
  score: (c: Config) => number,
  budget: number,
): Promise<void> {
  const lists = dims.map((d) => (isRange(d) ? null : [...d].sort((a, b) => a - b)));
  const value = (x: number[]) => x.map((xi, d) => (lists[d] ? (lists[d] as number[])[xi] : xi));
  const start = dims.map((d, i) => {
    const l = lists[i];
    if (l) return l.reduce((bi, val, j) => (Math.abs(val) < Math.abs(l[bi]) ? j : bi), 0);
    const r = d as { min: number; max: number };
    return Math.min(r.max, Math.max(r.min, 0));
  });
  const stepOf = dims.map((d) => (isRange(d) ? (d.max - d.min) / 4 : 1));
  const minStep = dims.map((d) => (isRange(d) ? Math.max(0.25, (d.max - d.min) / 16) : 1));
  let x = start;
  let used = 0;
  await evaluate([make(value(x))]);
  used++;
  for (;;) {
    const polls: number[][] = [];
    dims.forEach((d, i) => {
      if (stepOf[i] <= 0) return;
      for (const s of [-1, 1]) {
        const y = [...x];
        y[i] += s * stepOf[i];
        const l = lists[i];
        if (l ? y[i] < 0 || y[i] >= l.length : y[i] < (d as { min: number }).min - 1e-9 || y[i] > (d as { max: number }).max + 1e-9) continue;
        polls.push(y);
      }
    });
    if (!polls.length || used + polls.length > budget) return;
    await evaluate(polls.map((p) => make(value(p))));
    used += polls.length;
    const here = score(make(value(x)));
    const best = polls.reduce((b, p) => (score(make(value(p))) < score(make(value(b))) ? p : b), polls[0]);
    if (score(make(value(best))) < here) {
      x = best;
      continue;
    }
    let refined = false;
    dims.forEach((d, i) => {
      if (isRange(d) && stepOf[i] / 2 >= minStep[i] - 1e-9) {
        stepOf[i] /= 2;
        refined = true;
      }
    });
    if (!refined) return;
  }
}

/** Nominal score: the time to block if it blocks within the longest freeze without breaking a limit soon after; worse otherwise. */
function screenPoint(config: Config, o: RunOutcome, spec: PlanSpec, tMax: number, step: number): ScreenPoint {
  if (!Number.isFinite(o.block_s) || o.block_s > tMax) {
    return { config, nominal_block_s: null, score: 1e6 + (Number.isFinite(o.target_min_c) ? o.target_min_c : 1e3), feasible: false };
  }
  // Check the limits a little past the nominal block: the robust plan will need more time than the nominal one.
  const t = Math.min(tMax, roundUp(o.block_s * 1.2, step));
  let violation = 0;
  spec.limits.forEach((l, i) => {
    // A side effect has no temperature to miss by: broken counts as 1 °C.
    violation = Math.max(violation, l.min_c === null ? (o.limit_s[i] <= t ? 1 : 0) : l.min_c - minUpTo(o.time_s, o.limit_min_c[i], t));
  });
  const feasible = violation <= 0;
  return { config, nominal_block_s: o.block_s, score: feasible ? o.block_s : 1e5 + violation * 100 + o.block_s, feasible };
}

function singleCandidate(
  config: Config,
  outcomes: RunOutcome[],
  samples: Sample[],
  spec: PlanSpec,
  tMin: number,
  tMax: number,
  step: number,
  durations?: number[],
): Candidate {
  const t = shortestFreeze(outcomes, spec, tMin, tMax, step, durations);
  const grid = durations ?? curveTimes(tMin, tMax, step);
  const curve = grid.map((d) => ({ freeze_s: d, ...probabilitiesAt(outcomes, d) }));
  let freeze = t;
  if (freeze === null) {
    // The nearest: the first duration that reaches the confidence (its limits break), or the longest (it never does).
    const need = Math.ceil(spec.confidence * outcomes.length - 1e-9);
    const times = outcomes
      .map((o) => o.block_s)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const reach = times.length >= need ? times[Math.max(0, need - 1)] : Infinity;
    freeze = reach <= tMax ? (durations ? (durations.find((d) => d >= reach) ?? tMax) : Math.max(tMin, roundUp(reach, step))) : tMax;
  }
  const at = probabilitiesAt(outcomes, freeze);
  return {
    config,
    freeze_s: freeze,
    procedure_s: procedureTime(config, freeze),
    meets: t !== null,
    block: at.block,
    limits: at.limits,
    margin_c: marginAt(outcomes, spec, freeze),
    fails: failures(at.block, at.limits, spec),
    curve,
    simulations: 0,
    tornado: tornado(samples, outcomes, tMax, spec),
  };
}

function curveTimes(tMin: number, tMax: number, step: number): number[] {
  const n = Math.max(1, Math.round((tMax - tMin) / step));
  const stride = Math.max(1, Math.ceil(n / 60));
  const out: number[] = [];
  for (let i = 0; i <= n; i += stride) out.push(Math.min(tMax, tMin + i * step));
  if (out[out.length - 1] < tMax) out.push(tMax);
  return out;
}

function failures(block: Proportion, limits: Proportion[], spec: PlanSpec): string[] {
  const out: string[] = [];
  if (block.p < spec.confidence - 1e-12) out.push(`complete block in ${pct(block.p)} of the samples, short of the ${pct(spec.confidence)} asked for`);
  limits.forEach((p, i) => {
    if (p.p > spec.max_limit_probability + 1e-12) {
      out.push(`${brokenText(spec.limits[i])} in ${pct(p.p)} of the samples (at most ${pct(spec.max_limit_probability)} allowed)`);
    }
  });
  return out;
}

const pct = (p: number) => `${(100 * p).toFixed(0)} %`;

/**
 * Runs a configuration's samples in order through the one sequential loop
 * (sequential.ts), at the runner's concurrency as it stands before each batch.
 */
function inOrder(
  config: Config,
  freeze_s: number,
  samples: Sample[],
  known: Array<RunOutcome | undefined>,
  spec: PlanSpec,
  env: PlanEnv,
  stop: (seen: RunOutcome[]) => StopReason,
): Promise<InOrder> {
  return sampleInOrder(
    samples.length,
    known,
    () => env.concurrency,
    async (todo) => {
      if (env.cancelled?.()) throw new PlanCancelled();
      env.planned?.(todo.length);
      const hs = await env.run(todo.map((j) => env.scene(config, freeze_s, samples[j])));
      return hs.map((h) => runOutcome(h, spec));
    },
    stop,
  );
}

/** A candidate whose sampling stopped early does not meet the plan, and says why. */
function stoppedEarly(c: Candidate, why: Exclude<StopReason, null>, S: number, best_s: number): void {
  c.meets = false;
  const of = `${STOPPED} ${c.block.n} of ${S} samples`;
  c.fails =
    why === 'cannot-meet'
      ? [...c.fails, `${of}: they already rule out the confidence within the limits, whatever the other samples show`]
      : [`${of}: even if it met the plan, it could not be quicker than the ${best_s} s plan already found`];
}

type Cycles = InOrder & { meets: boolean };

function multiCandidate(config: Config, freeze_s: number, r: Cycles, spec: PlanSpec): Candidate {
  const end = procedureTime(config, freeze_s);
  const at = probabilitiesAt(r.outcomes, end);
  const fails = failures(at.block, at.limits, spec);
  if (r.stopped)
    fails.push(
      `${STOPPED} ${r.outcomes.length} of ${spec.uncertainty.samples} samples: they already rule out the confidence within the limits, whatever the other samples show`,
    );
  return {
    config,
    freeze_s,
    procedure_s: end,
    meets: r.meets,
    block: at.block,
    limits: at.limits,
    margin_c: marginAt(r.outcomes, spec, end),
    fails: r.meets ? [] : fails,
    curve: [{ freeze_s, ...at }],
    simulations: r.runs,
    tornado: [],
  };
}

function compare(a: Candidate, b: Candidate): number {
  if (a.meets !== b.meets) return a.meets ? -1 : 1;
  if (a.procedure_s !== b.procedure_s) return a.procedure_s - b.procedure_s;
  return (b.margin_c ?? 0) - (a.margin_c ?? 0);
}

function pick(cs: Candidate[]): Candidate {
  return [...cs].sort(compare)[0];
}

/**
 * Which candidate to complete when none meets the plan: the fewest failures on the
 * samples seen, then the soonest mean time to block over the samples every candidate
 * saw (common random numbers: the same samples for each). Not the seen samples' own
 * shortest freeze: at a third of the samples that is a high order statistic of a few
 * draws, and near-equal placements would be ranked by its noise.
 */
function toComplete<T extends { outcomes: RunOutcome[]; candidate: Candidate }>(entries: T[], tMax: number): T | undefined {
  let m = Number.POSITIVE_INFINITY;
  for (const e of entries) m = Math.min(m, e.outcomes.length);
  const gap = (e: T) => e.candidate.fails.filter((f) => !f.startsWith(STOPPED)).length;
  const mean = (e: T) => e.outcomes.slice(0, m).reduce((a, o) => a + (Number.isFinite(o.block_s) ? o.block_s : tMax), 0) / Math.max(1, m);
  return [...entries].sort((a, b) => gap(a) - gap(b) || mean(a) - mean(b))[0];
}

/**
 * The candidate nearest to meeting the plan: the fewest failures, then the highest
 * P(block), then the shortest. A candidate stopped early was judged on a few samples:
 * one seen over more of them is preferred.
 */
function nearest(cs: Candidate[]): Candidate | null {
  if (!cs.length) return null;
  const gap = (c: Candidate) => c.fails.filter((f) => !f.startsWith(STOPPED)).length;
  let most = 0;
  for (const d of cs) most = Math.max(most, d.block.n);
  const partial = (c: Candidate) => (c.block.n < most ? 1 : 0);
  return [...cs].sort((a, b) => partial(a) - partial(b) || gap(a) - gap(b) || b.block.p - a.block.p || a.procedure_s - b.procedure_s)[0];
}

export { limitsHold };
