import type { Scene, TubeStructure } from '../model.js';
import type { RunResult, StructureResult } from '../result.js';
import type { InjuryClass, NerveOutcome, BlockKind } from './types.js';
import type { NerveSettings } from './settings.js';
import { phaseWindows } from '../protocol/schedule.js';

const LABELS: Record<InjuryClass, string> = {
  none: 'none (the nerve stayed warmer than the cooling threshold)',
  neurapraxia: 'neurapraxia (cooled: slowed conduction, a short reversible block)',
  axonotmesis: 'axonotmesis (frozen: Wallerian degeneration with the nerve sheaths intact; the therapeutic aim)',
  'neurotmesis-risk': 'risk of neurotmesis (frozen very cold: possible lasting injury and neuroma)',
};

export function injuryClass(coldest_c: number, s: NerveSettings): InjuryClass {
  if (coldest_c <= s.neurotmesis_c) return 'neurotmesis-risk';
  if (coldest_c <= s.axonotmesis_c) return 'axonotmesis';
  if (coldest_c <= s.neurapraxia_c) return 'neurapraxia';
  return 'none';
}

/** Whole cross-section past the threshold: complete; part of it: partial. */
export function blockKind(fraction: number): BlockKind {
  if (fraction >= 1 - 1e-9) return 'complete';
  return fraction > 0 ? 'partial' : 'none';
}

/** Days for axons to regrow over the distance, [at the fast rate, at the slow rate]. */
export function blockDurationDays(distance_mm: number, rate_mm_day: [number, number]): [number, number] {
  const [slow, fast] = [Math.min(...rate_mm_day), Math.max(...rate_mm_day)];
  return [Math.round(distance_mm / fast), Math.round(distance_mm / slow)];
}

/** First time a series falls to or below a threshold, by linear interpolation between samples; null if never. */
export function firstCrossing(time_s: number[], values: number[], threshold: number): number | null {
  for (let i = 0; i < values.length; i++) {
    if (values[i] > threshold) continue;
    if (i === 0) return time_s[0];
    const [t0, t1, v0, v1] = [time_s[i - 1], time_s[i], values[i - 1], values[i]];
    return v0 === v1 ? t1 : t0 + ((t1 - t0) * (v0 - threshold)) / (v0 - v1);
  }
  return null;
}

const fmt = (v: number, d = 0) => v.toFixed(d);

function phaseAt(scene: Scene, t: number): string {
  const w = phaseWindows(scene.protocol).find((x) => t <= x.end + 1e-9);
  return w ? w.label : 'the end';
}

/** The outcome of one nerve, from its coldest cross-section and the history of its coldest point. */
export function nerveOutcome(scene: Scene, result: RunResult, tube: TubeStructure, tracked: StructureResult, s: NerveSettings): NerveOutcome {
  const coldest = tracked.min_temperature_c;
  const key = String(s.axonotmesis_c);
  const cs = tracked.cross_section;
  const fraction = cs?.fraction_below[key] ?? 0;
  // A nerve thinner than the cells holds no cell: its sampled sections still tell whether it froze.
  const injury = Number.isFinite(coldest) ? injuryClass(coldest, s) : fraction > 0 ? 'axonotmesis' : 'none';
  const blocked = cs?.frozen_length_mm[key] ?? 0;
  const below = tracked.time_below_s[key] ?? 0;
  const lasting = injury === 'axonotmesis' || injury === 'neurotmesis-risk';
  const block: BlockKind = lasting ? blockKind(fraction) : 'none';
  const series = result.series.structures.find((x) => x.name === tube.name);
  const onsetThreshold = lasting ? s.axonotmesis_c : s.neurapraxia_c;
  const onset_s = series && injury !== 'none' ? firstCrossing(result.series.time_s, series.min_c, onsetThreshold) : null;
  const distance = tube.target_distance_mm ?? null;
  const duration_days = lasting && block !== 'none' && distance !== null ? blockDurationDays(distance, s.regrowth_mm_day) : null;

  let onset: string;
  if (injury === 'none') onset = `not reached: the nerve stayed above the ${s.neurapraxia_c} °C cooling threshold, so no block is expected`;
  else if (onset_s === null) onset = 'no block';
  else if (lasting)
    onset = `immediate: the nerve reached ${s.axonotmesis_c} °C ${fmt(onset_s)} s into the procedure (${phaseAt(scene, onset_s)}); the lasting block follows Wallerian degeneration over the next days`;
  else onset = `during cooling (${fmt(onset_s)} s, ${phaseAt(scene, onset_s)}); conduction returns within minutes to hours of rewarming`;

  const parts = Number.isFinite(coldest)
    ? []
    : ['warning: no grid cell lies inside this nerve (refine the grid or use grid: auto); the classification uses its sampled cross-sections only'];
  parts.push(
    `coldest point of the nerve ${fmt(coldest, 1)} °C`,
    `${fmt(fraction * 100)} % of its coldest cross-section reached ${s.axonotmesis_c} °C`,
    `whole section frozen to ${s.axonotmesis_c} °C over ${fmt(blocked, 1)} mm of nerve`,
    `coldest point below ${s.axonotmesis_c} °C for ${fmt(below)} s`,
    `thresholds: neurapraxia ≤ ${s.neurapraxia_c} °C, axonotmesis ≤ ${s.axonotmesis_c} °C, neurotmesis risk ≤ ${s.neurotmesis_c} °C`,
  );
  if (block === 'complete' && blocked < s.reliable_length_mm) {
    parts.push(`caution: frozen through over less than the ${s.reliable_length_mm} mm that reliably stops conduction`);
  }
  if (duration_days) parts.push(`duration = ${fmt(distance!)} mm regrowth ÷ ${s.regrowth_mm_day.join('–')} mm/day`);
  else if (lasting && block !== 'none') parts.push('duration unknown: the nerve has no target_distance_mm');

  return {
    name: tube.name,
    target: tube.target !== false,
    injury,
    injury_label: LABELS[injury],
    coldest_c: coldest,
    section_center_mm: cs?.center_mm ?? tube.path_mm[0],
    section_position_mm: cs?.position_mm ?? 0,
    fraction_past_threshold: fraction,
    blocked_length_mm: blocked,
    time_below_threshold_s: below,
    block,
    onset,
    onset_s,
    duration_days,
    regrowth_distance_mm: distance,
    territory: tube.territory ?? null,
    basis: parts.join('; '),
  };
}
