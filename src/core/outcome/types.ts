import type { Complication } from '../model.js';

/**
 * What the outcome models say about a run: per nerve, the injury reached and the
 * block it gives; per side effect, a risk indicator with the figure behind it.
 * These are model-based indicators for planning, not clinical predictions.
 */

/** Nerve injury classes in order of severity (Sunderland/Seddon terms as used in cryoneurolysis). */
export type InjuryClass = 'none' | 'neurapraxia' | 'axonotmesis' | 'neurotmesis-risk';

export type BlockKind = 'none' | 'partial' | 'complete';

export interface NerveOutcome {
  name: string;
  /** False for a nerve the plan must spare (it is also reported among the organs at risk). */
  target: boolean;
  injury: InjuryClass;
  /** The injury in plain words, e.g. 'axonotmesis (Wallerian degeneration; the therapeutic aim)'. */
  injury_label: string;
  /** Coldest temperature anywhere in the nerve, deg C. */
  coldest_c: number;
  /** Centre of the nerve's coldest cross-section, mm, and its position along the nerve, mm. */
  section_center_mm: [number, number, number];
  section_position_mm: number;
  /** Fraction (0..1) of the coldest cross-section that reached the axonotmesis threshold. */
  fraction_past_threshold: number;
  /** Length of nerve over which the whole cross-section reached that threshold, mm. */
  blocked_length_mm: number;
  /** Time the nerve's coldest point spent at or below that threshold, s. */
  time_below_threshold_s: number;
  block: BlockKind;
  /** When the block starts, in words ('during the first freeze', ...), and in seconds from the start when known. */
  onset: string;
  onset_s: number | null;
  /** Expected block duration, days [short, long], from regrowth distance / regeneration rate; null when no axonotmesis. */
  duration_days: [number, number] | null;
  /** Distance from the lesion to the nerve's target (where regrowing axons must reach), mm; null when unknown. */
  regrowth_distance_mm: number | null;
  /** Expected numbness territory (skin area the nerve supplies); null when unknown. */
  territory: string | null;
  /** The figures and thresholds behind the classification, one sentence. */
  basis: string;
}

export type Risk = 'low' | 'moderate' | 'high' | 'not_modelled';

export type SideEffectId = 'numbness' | 'skin-redness' | 'pain' | 'blisters' | 'infection' | 'burns' | 'frostbite' | 'cold-panniculitis' | 'vital-signs';

export interface SideEffect {
  id: SideEffectId;
  /** Name for people, e.g. 'Numbness or tingling'. */
  label: string;
  risk: Risk;
  /** The figure and threshold behind the risk level (or, when not modelled, why). */
  basis: string;
  /** The protocol's factors that raise this effect (for the ones temperature does not decide, mainly). */
  factors: string[];
  /** The precaution that lowers it, or what to do. */
  advice: string;
}

/** A layer or structure the plan must spare (pleura, peritoneum, a vessel, another nerve, bone). */
export interface OrganAtRisk {
  name: string;
  kind: 'layer' | 'nerve' | 'vessel' | 'other';
  complication: Complication;
  /** The complication in the clinicians' words. */
  complication_label: string;
  /** Coldest temperature it reached, deg C (a vessel: at its wall); null when no grid cell lies in it. */
  coldest_c: number | null;
  /** Whether ice reached it (coldest at or below the organ freezing threshold). */
  frozen: boolean;
  /** Time it spent frozen, s; null where not tracked (a vessel's wall). */
  time_frozen_s: number | null;
  risk: Risk;
  /** The figure and threshold behind the risk level. */
  basis: string;
  /** What the clinician does about it. */
  advice: string;
  /** The case's note on it (why it is at risk, or what the plan accepts). */
  note: string | null;
}

export interface Outcomes {
  nerves: NerveOutcome[];
  side_effects: SideEffect[];
  /** Organs the plan must spare, one row each (empty when the case marks none). */
  organs_at_risk: OrganAtRisk[];
  /** Cryoablation of a target (scene.ablation): coverage, what was missed, organs at risk. */
  ablation?: import('./ablation.js').AblationOutcome;
  /** Dermatological cryosurgery of a skin lesion (scene.lesion): lethal coverage with its margin, halo, thaw, skin side effects. */
  lesion?: import('./lesion.js').LesionOutcome;
  /** The plain statement the report and summary carry: indicators, not predictions. */
  disclaimer: string;
}
