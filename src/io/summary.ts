import type { RunResult } from '../core/result.js';
import type { Outcomes } from '../core/outcome/types.js';
import type { AblationOutcome } from '../core/outcome/ablation.js';
import type { LesionOutcome } from '../core/outcome/lesion.js';
import type { GridCheck } from '../core/grid/verify.js';
import { VERSION } from '../version.js';
import { SummarySchema, type Summary } from './summary-schema.js';

export interface CaseInfo {
  name: string;
  hash: string;
  file?: string;
  /** Plausibility warnings about the case (LoadedCase.warnings). */
  warnings?: Array<{ path: string; message: string }>;
}

/** Four significant digits: what the physics supports, and a diff-friendly file. */
const sig = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);
const sigAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, sig(v)]));

function ablationSummary(a: AblationOutcome): NonNullable<Summary['ablation']> {
  return {
    ...a,
    target_volume_ml: sig(a.target_volume_ml),
    cycles: a.cycles.map((c) => ({ ...c, time_s: sig(c.time_s), fraction_lethal: sig(c.fraction_lethal), fraction_partial: sig(c.fraction_partial) })),
    uncovered_ml: sig(a.uncovered_ml),
    uncovered_by_side_ml: sigAll(a.uncovered_by_side_ml) as AblationOutcome['uncovered_by_side_ml'],
    uncovered_centroid_mm: a.uncovered_centroid_mm ? (a.uncovered_centroid_mm.map(sig) as [number, number, number]) : null,
    beyond_capsule_mm: a.beyond_capsule_mm
      ? Object.fromEntries(Object.entries(a.beyond_capsule_mm).map(([k, v]) => [k, sigAll(v) as AblationOutcome['uncovered_by_side_ml']]))
      : null,
    limits: a.limits.map((l) => ({ ...l, coldest_c: l.coldest_c === null ? null : sig(l.coldest_c) })),
  };
}

function lesionSummary(l: LesionOutcome): NonNullable<Summary['lesion']> {
  return {
    ...l,
    halo_rule_mm: [l.halo_rule_mm[0], l.halo_rule_mm[1]],
    cycles: l.cycles.map((c) => ({ ...c, time_s: sig(c.time_s), fraction_lethal: sig(c.fraction_lethal), fraction_partial: sig(c.fraction_partial) })),
    fraction_lethal_with_margin: sig(l.fraction_lethal_with_margin),
    lethal_margin_mm: sig(l.lethal_margin_mm),
    lethal_depth_mm: sig(l.lethal_depth_mm),
    halo_mm: [sig(l.halo_mm[0]), sig(l.halo_mm[1])],
    pigment_loss_beyond_edge_mm: sig(l.pigment_loss_beyond_edge_mm),
    thaws: l.thaws.map((t) => ({ ...t, thaw_s: t.thaw_s === null ? null : sig(t.thaw_s) })),
    effects: l.effects.map((e) => ({ ...e })),
  };
}

function gridCheckSummary(c: GridCheck): NonNullable<Summary['grid_check']> {
  return {
    ...c,
    isotherms: c.isotherms.map((i) => ({
      ...i,
      volume_ml: sig(i.volume_ml),
      refined_volume_ml: sig(i.refined_volume_ml),
      relative_difference: sig(i.relative_difference),
    })),
    nerves: c.nerves.map((n) => ({
      ...n,
      fraction_past_threshold: sig(n.fraction_past_threshold),
      refined_fraction_past_threshold: sig(n.refined_fraction_past_threshold),
      coldest_c: sig(n.coldest_c),
      refined_coldest_c: sig(n.refined_coldest_c),
    })),
    largest_difference: sig(c.largest_difference),
  };
}

/** Builds summary.json's object; throws if it would not match the published schema. */
export function buildSummary(r: RunResult, info: CaseInfo, wall_s: number, files: string[], outcomes: Outcomes, gridCheck?: GridCheck): Summary {
  const summary: Summary = {
    schema_version: 3,
    generator: { name: 'cryoplan', version: VERSION },
    case: { name: info.name, hash: info.hash, ...(info.file ? { file: info.file } : {}) },
    warnings: (info.warnings ?? []).map((w) => ({ path: w.path, message: w.message })),
    grid: {
      nx: r.grid.nx,
      ny: r.grid.ny,
      nz: r.grid.nz,
      cells: r.grid.cells,
      min_spacing_mm: sig(r.grid.min_spacing_mm),
      max_spacing_mm: sig(r.grid.max_spacing_mm),
    },
    ...(gridCheck ? { grid_check: gridCheckSummary(gridCheck) } : {}),
    timing: { simulated_s: sig(r.simulated_s), wall_s: sig(wall_s), steps: r.diagnostics.steps },
    isotherms: r.isotherms.map((i) => ({
      threshold_c: i.threshold_c,
      snapshots: i.snapshots.map((s) => ({
        moment: s.moment,
        time_s: sig(s.time_s),
        volume_ml: sig(s.volume_ml),
        length_mm: sig(s.length_mm),
        width_mm: sig(s.width_mm),
      })),
    })),
    structures: r.structures.map((s) => ({
      name: s.name,
      role: s.role,
      tissue: s.tissue,
      min_temperature_c: sig(s.min_temperature_c),
      time_below_s: sigAll(s.time_below_s),
      ...(s.cross_section
        ? {
            cross_section: {
              center_mm: s.cross_section.center_mm.map(sig) as [number, number, number],
              position_mm: sig(s.cross_section.position_mm),
              fraction_below: sigAll(s.cross_section.fraction_below),
              frozen_length_mm: sigAll(s.cross_section.frozen_length_mm),
            },
          }
        : {}),
    })),
    energy: { ...sigAll({ ...r.energy, relative_error: 0 }), relative_error: Number(r.energy.relative_error.toExponential(2)) } as Summary['energy'],
    solver: {
      ...r.diagnostics,
      max_final_correction_c: sig(r.diagnostics.max_final_correction_c),
      dt_min_s: sig(r.diagnostics.dt_min_s),
      dt_max_s: sig(r.diagnostics.dt_max_s),
    },
    nerves: outcomes.nerves.map((n) => ({
      ...n,
      coldest_c: Number.isFinite(n.coldest_c) ? sig(n.coldest_c) : null,
      section_center_mm: n.section_center_mm.map(sig) as [number, number, number],
      section_position_mm: sig(n.section_position_mm),
      fraction_past_threshold: sig(n.fraction_past_threshold),
      blocked_length_mm: sig(n.blocked_length_mm),
      time_below_threshold_s: sig(n.time_below_threshold_s),
      onset_s: n.onset_s === null ? null : sig(n.onset_s),
    })),
    side_effects: outcomes.side_effects.map((e) => ({ ...e, factors: [...e.factors] })),
    organs_at_risk: outcomes.organs_at_risk.map((a) => ({
      ...a,
      coldest_c: a.coldest_c === null ? null : sig(a.coldest_c),
      time_frozen_s: a.time_frozen_s === null ? null : sig(a.time_frozen_s),
    })),
    ...(r.sensors?.length
      ? {
          sensors: r.sensors.map((sn) => ({
            name: sn.name,
            at_mm: sn.at_mm.map(sig) as [number, number, number],
            min_temperature_c: sig(sn.min_temperature_c),
            at_moments: sn.at_moments.map((m) => ({ moment: m.moment, time_s: sig(m.time_s), temperature_c: sig(m.temperature_c) })),
            time_below_s: sigAll(sn.time_below_s),
          })),
        }
      : {}),
    ...(outcomes.ablation ? { ablation: ablationSummary(outcomes.ablation) } : {}),
    ...(outcomes.lesion ? { lesion: lesionSummary(outcomes.lesion) } : {}),
    disclaimer: outcomes.disclaimer,
    files,
  };
  const parsed = SummarySchema.safeParse(summary);
  if (!parsed.success) throw new Error(`internal error: summary.json would not match its schema: ${parsed.error.message}`);
  return summary;
}
