import type { Candidate, PlanSearchResult } from '../../core/plan/search.js';
import type { Choice, PlanSpec } from '../../core/plan/types.js';
import type { Proportion } from '../../core/plan/statistics.js';
import { DISCLAIMER } from '../../core/outcome/index.js';
import { VERSION } from '../../version.js';
import { PlanJsonSchema, type PlanJson } from './schema.js';

const sig = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);
const prop = (p: Proportion) => ({ p: sig(p.p), lo: sig(p.lo), hi: sig(p.hi), error: sig(p.error), n: p.n });

function candidate(c: Candidate, spec: PlanSpec): PlanJson['candidates'][number] {
  return {
    config: c.config,
    freeze_s: sig(c.freeze_s),
    procedure_s: sig(c.procedure_s),
    meets: c.meets,
    p_block: prop(c.block),
    limits: c.limits.map((p, i) => ({ structure: spec.limits[i].structure, min_c: spec.limits[i].min_c, p_broken: prop(p) })),
    margin_c: c.margin_c === null ? null : sig(c.margin_c),
    fails: c.fails,
    simulations: c.simulations,
    curve: c.curve.map((pt) => ({ freeze_s: sig(pt.freeze_s), p_block: prop(pt.block), p_limits: pt.limits.map((l) => sig(l.p)) })),
    tornado: c.tornado.map((t) => ({ ...t, seconds_per_sd: sig(t.seconds_per_sd) })),
  };
}

const numbers = (u: PlanSpec['uncertainty']): Record<string, number> => {
  const { probe_by_model: _m, probe_basis: _b, ...rest } = u;
  return rest;
};

const count = (c: Choice, step: number) => (Array.isArray(c) ? c.length : Math.floor((c.max - c.min) / step + 1e-9) + 1);

/**
 * Simulations a grid search would need for the same choices: every combination, each
 * duration (on the freeze step) and each sample run on its own; ranges of offsets on a
 * 1 mm grid.
 */
export function naiveGridRuns(spec: PlanSpec): number {
  const v = spec.vary;
  const offsets = [v.offset_along_mm, v.offset_across_mm, v.offset_depth_mm].reduce((a, c) => a * count(c, 1), 1);
  const combos = Math.max(1, v.probe.length) * Math.max(1, v.angle_to_skin_deg.length) * Math.max(1, v.warmer.length);
  const protocols = v.cycles.reduce((a, n) => a + (n > 1 ? v.thaw_s.length : 1), 0);
  return offsets * combos * protocols * count(v.freeze_s, v.freeze_step_s) * spec.uncertainty.samples;
}

export function verdict(r: PlanSearchResult, spec: PlanSpec): string {
  const pct = (p: number) => `${(100 * p).toFixed(0)} %`;
  const c = r.chosen;
  if (c) {
    const cyc = c.config.cycles > 1 ? `${c.config.cycles} freezes of ${c.freeze_s} s with ${c.config.thaw_s} s thaws` : `one ${c.freeze_s} s freeze`;
    return `Plan found: ${cyc} (${c.procedure_s} s in all) blocks ${spec.targets.join(' and ')} completely in ${pct(c.block.p)} (± ${pct(c.block.error)}) of the uncertainty samples, with every limit kept in at least ${pct(1 - spec.max_limit_probability)} of them.`;
  }
  const n = r.closest;
  if (!n) return 'No plan meets the limits, and none came close.';
  return `No plan meets the limits with ${pct(spec.confidence)} confidence. The closest, ${n.config.cycles > 1 ? `${n.config.cycles} × ` : ''}${n.freeze_s} s, fails because: ${n.fails.join('; ')}.`;
}

export function buildPlanJson(
  r: PlanSearchResult,
  spec: PlanSpec,
  info: { name: string; hash: string; file: string; wall_s: number; runner: string; computed: number; cached: number },
): PlanJson {
  const out: PlanJson = {
    schema_version: 1,
    generator: { name: 'cryoplan', version: VERSION },
    case: { name: info.name, hash: info.hash, file: info.file },
    question: {
      targets: spec.targets,
      confidence: spec.confidence,
      max_limit_probability: spec.max_limit_probability,
      limits: spec.limits,
      uncertainty: numbers(spec.uncertainty),
      probe_uncertainty: { by_model: spec.uncertainty.probe_by_model, basis: spec.uncertainty.probe_basis },
      vary: { ...spec.vary },
    },
    verdict: verdict(r, spec),
    chosen: r.chosen ? candidate(r.chosen, spec) : null,
    closest: r.closest ? candidate(r.closest, spec) : null,
    candidates: r.candidates.map((c) => candidate(c, spec)),
    screened: r.screened.map((s) => ({ config: s.config, nominal_block_s: s.nominal_block_s === null ? null : sig(s.nominal_block_s), feasible: s.feasible })),
    simulations: { ...r.simulations, computed: info.computed, cached: info.cached, naive_grid: naiveGridRuns(spec) },
    timing: { wall_s: sig(info.wall_s), runner: info.runner },
    notes: [
      ...r.notes,
      'Single freezes are read from one run with the longest freeze per sample, up to each duration; plan.yaml, like those runs, ends when the last freeze ends. Cold that spreads on after the probe stops (in a thaw that follows) is counted by neither.',
    ],
    disclaimer: DISCLAIMER,
  };
  const parsed = PlanJsonSchema.safeParse(out);
  if (!parsed.success) throw new Error(`internal error: plan.json would not match its schema: ${parsed.error.message}`);
  return out;
}
