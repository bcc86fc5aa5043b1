import type { CaseInput } from '../schema.js';
import type { ConditionName } from './names.js';

/** One number a preset uses, with where it comes from. */
export interface Figure {
  figure: string;
  /** As the preset uses it, with its unit. */
  value: string;
  /** Author year, journal; or 'estimate' where no published figure was found. */
  source: string;
  note?: string;
}

/**
 * A condition preset: a whole case (the anatomy around the target, the usual probe
 * and protocol) that a case file names with `condition:` and then overrides.
 */
export interface ConditionPreset {
  name: ConditionName;
  /** The condition in words. */
  condition: string;
  /** Name of the target nerve in `case.anatomy.structures`. */
  nerve: string;
  /** Name of the layer the anatomy literature places the nerve in (checked by the tests). */
  nerve_layer: string;
  approach: string;
  figures: Figure[];
  /** Every publication the figures cite. */
  sources: string[];
  /**
   * Risks the plan knowingly takes (a high side effect, an organ at risk that freezes),
   * each with why and its source; the preset tests accept exactly these.
   */
  accepted_risks?: Array<{ risk: string; why: string; source: string }>;
  case: Omit<CaseInput, 'condition'>;
}
