import { firstCrossing } from '../outcome/nerve.js';
import type { SideEffectOnsets } from '../outcome/side-effects.js';
import { UNCERTAIN_INPUTS, type PlanSpec, type RunOutcome, type Sample } from './types.js';

/** What the planner needs from a run (RunHistories in src/run/types.ts). */
export interface Histories {
  time_s: number[];
  structures: Record<string, number[]>;
  block_s: Record<string, number | null>;
  /** Virtual thermocouples' readings (needed only for sensor limits). */
  sensors?: Record<string, number[]>;
  /** When each temperature-decided side effect reached moderate and high (needed only for side-effect limits). */
  side_effect_onset_s?: Partial<SideEffectOnsets>;
}

/** A run's outcome for the plan: when all targets blocked, and when each limit broke. */
export function runOutcome(h: Histories, spec: PlanSpec): RunOutcome {
  let block = 0;
  let targetMin = Infinity;
  for (const t of spec.targets) {
    const b = h.block_s[t];
    block = Math.max(block, b === null || b === undefined ? Infinity : b);
    const series = h.structures[t] ?? [];
    targetMin = Math.min(targetMin, series.length ? series[series.length - 1] : Infinity);
  }
  const limit_min_c = spec.limits.map((l) =>
    l.kind === 'side_effect' ? [] : l.kind === 'sensor' ? (h.sensors?.[l.structure] ?? []) : (h.structures[l.structure] ?? []),
  );
  const limit_s = spec.limits.map((l, i) => {
    if (l.side_effect) {
      const o = h.side_effect_onset_s?.[l.side_effect.id];
      if (!o) throw new Error(`internal error: the run brought no side-effect levels for the limit on ${l.structure}`);
      // Above 'low' from the moment it turns moderate; above 'moderate' from the moment it turns high.
      return (l.side_effect.max === 'low' ? o.moderate_s : o.high_s) ?? Infinity;
    }
    return firstCrossing(h.time_s, limit_min_c[i], l.min_c as number) ?? Infinity;
  });
  return { block_s: block, limit_s, limit_min_c, time_s: h.time_s, target_min_c: targetMin };
}

/** A binomial proportion with its 95 % Wilson score interval (never of zero width, even at 0 or 1). */
export interface Proportion {
  p: number;
  lo: number;
  hi: number;
  /** Half-width of the interval on the wider side: the sampling error the plan reports. */
  error: number;
  n: number;
}

export function proportion(k: number, n: number, z = 1.96): Proportion {
  if (n === 0) return { p: 0, lo: 0, hi: 1, error: 1, n };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  const lo = Math.max(0, centre - half),
    hi = Math.min(1, centre + half);
  return { p, lo, hi, error: Math.max(p - lo, hi - p), n };
}

/** P(complete block by t) and P(each limit broken by t) over the samples' runs. */
export function probabilitiesAt(outcomes: RunOutcome[], t: number): { block: Proportion; limits: Proportion[] } {
  const n = outcomes.length;
  const block = proportion(outcomes.filter((o) => o.block_s <= t).length, n);
  const nl = outcomes[0]?.limit_s.length ?? 0;
  const limits = Array.from({ length: nl }, (_, i) => proportion(outcomes.filter((o) => o.limit_s[i] <= t).length, n));
  return { block, limits };
}

/** Coldest value of a series up to time t (linear between samples). */
export function minUpTo(time_s: number[], v: number[], t: number): number {
  let m = Infinity;
  for (let i = 0; i < time_s.length; i++) {
    if (time_s[i] <= t) m = Math.min(m, v[i]);
    else {
      if (i > 0) m = Math.min(m, v[i - 1] + ((v[i] - v[i - 1]) * (t - time_s[i - 1])) / (time_s[i] - time_s[i - 1]));
      break;
    }
  }
  return m;
}

/** The margin to the temperature limits at t: over those limits, the lowest 10th percentile (over samples) of how much warmer than its limit the structure stayed, °C. */
export function marginAt(outcomes: RunOutcome[], spec: PlanSpec, t: number): number | null {
  if (!spec.limits.some((l) => l.min_c !== null) || !outcomes.length) return null;
  let worst = Infinity;
  spec.limits.forEach((l, i) => {
    if (l.min_c === null) return;
    const min_c = l.min_c;
    const m = outcomes.map((o) => minUpTo(o.time_s, o.limit_min_c[i], t) - min_c).sort((a, b) => a - b);
    worst = Math.min(worst, m[Math.floor(0.1 * (m.length - 1))]);
  });
  return worst;
}

export const roundUp = (t: number, step: number) => (step > 0 ? Math.ceil(t / step - 1e-9) * step : t);

/**
 * The shortest single freeze in [min, max] (a multiple of step) at which P(block) reaches
 * the confidence and no limit's probability of breaking exceeds what is allowed; both
 * move one way with the duration (block more likely, limits more likely broken), so the
 * shortest duration that blocks is the only one to check. null: none does.
 */
export function shortestFreeze(outcomes: RunOutcome[], spec: PlanSpec, min: number, max: number, step: number, allowed?: number[]): number | null {
  const n = outcomes.length;
  const need = Math.ceil(spec.confidence * n - 1e-9);
  const times = outcomes
    .map((o) => o.block_s)
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  if (times.length < need) return null;
  const candidates = allowed ?? [];
  let t = need === 0 ? min : times[need - 1];
  if (candidates.length) {
    const c = candidates.filter((x) => x >= t - 1e-9).sort((a, b) => a - b)[0];
    if (c === undefined) return null;
    t = c;
  } else t = Math.max(min, roundUp(t, step));
  if (t > max + 1e-9) return null;
  return limitsHold(outcomes, spec, t) ? t : null;
}

export function limitsHold(outcomes: RunOutcome[], spec: PlanSpec, t: number): boolean {
  return probabilitiesAt(outcomes, t).limits.every((p) => p.p <= spec.max_limit_probability + 1e-12);
}

/**
 * Which uncertain input moves the time to complete block most: the least-squares slope
 * of the block time on each input's standard deviate (the Latin hypercube keeps the
 * inputs nearly uncorrelated, so one slope at a time is close to the joint fit). Runs
 * that did not block count at the run's length (censored), which shortens their bars.
 */
export function tornado(
  samples: Sample[],
  outcomes: RunOutcome[],
  end_s: number,
  spec?: PlanSpec,
): Array<{ id: string; label: string; seconds_per_sd: number }> {
  const y = outcomes.map((o) => (Number.isFinite(o.block_s) ? o.block_s : end_s));
  const n = y.length;
  if (n < 3) return [];
  const my = y.reduce((a, b) => a + b, 0) / n;
  // An input held fixed (SD 0) has no bar: a slope on it would be the other inputs' noise.
  const u = spec?.uncertainty;
  const varies = (k: (typeof UNCERTAIN_INPUTS)[number]['spec']) =>
    !u || (k === 'probe' ? u.probe > 0 || Object.values(u.probe_by_model).some((v) => v > 0) : u[k] > 0);
  return UNCERTAIN_INPUTS.filter((inp) => varies(inp.spec))
    .map((inp) => {
      const x = samples.map((s) => s[inp.id]);
      const mx = x.reduce((a, b) => a + b, 0) / n;
      let sxy = 0,
        sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) ** 2;
      }
      return { id: inp.id, label: inp.label, seconds_per_sd: sxx > 0 ? sxy / sxx : 0 };
    })
    .sort((a, b) => Math.abs(b.seconds_per_sd) - Math.abs(a.seconds_per_sd));
}
