/**
 * Thresholds of the outcome models. They are settings, not constants: a case may
 * override any of them (case field `outcome`), and each default carries its source
 * (docs/outcome-sources.md has the quotes). Where the literature gives a range,
 * the range is kept beside the chosen default.
 */

export interface NerveSettings {
  /** Coldest nerve temperature below which conduction slows and blocks reversibly (neurapraxia), deg C. */
  neurapraxia_c: number;
  /** Temperature the whole cross-section must reach for axonotmesis (Wallerian degeneration), deg C. */
  axonotmesis_c: number;
  /** Below this, risk of neurotmesis (permanent injury, neuroma), deg C. */
  neurotmesis_c: number;
  /** Length of nerve frozen through that a block is reliably complete, mm. */
  reliable_length_mm: number;
  /** Axon regrowth rate, mm/day [slow, fast]. */
  regrowth_mm_day: [number, number];
}

export interface SkinSettings {
  /** Skin cooled below this reddens (cold-induced erythema), deg C. */
  redness_c: number;
  /** Skin below this is frozen (frostnip/frostbite begins), deg C. */
  frozen_c: number;
  /** Skin frozen for longer than this blisters (epidermal-dermal junction frozen), s. */
  blister_s: number;
  /** Skin below this suffers a cold burn (keratinocytes die; necrosis, scar), deg C. */
  burn_c: number;
  /** Melanocytes die below this: hypopigmentation, deg C. */
  pigment_c: number;
  /** A warmer hotter than this can burn skin held under it for long, deg C. */
  heat_burn_c: number;
}

export interface FatSettings {
  /** Subcutaneous fat below this for long crystallises (cold panniculitis), deg C. */
  panniculitis_c: number;
  /** Exposure time below panniculitis_c that gives a moderate risk, s. */
  moderate_s: number;
  /** Exposure time below panniculitis_c that gives a high risk, s. */
  high_s: number;
}

export interface OutcomeSettings {
  nerve: NerveSettings;
  skin: SkinSettings;
  fat: FatSettings;
}

export interface SourcedValue {
  quantity: string;
  value: string;
  source: string;
}

export const DEFAULT_OUTCOME_SETTINGS: OutcomeSettings = {
  nerve: {
    neurapraxia_c: 10,
    axonotmesis_c: -20,
    neurotmesis_c: -140,
    reliable_length_mm: 4,
    regrowth_mm_day: [1, 2],
  },
  skin: {
    redness_c: 15,
    frozen_c: -1,
    blister_s: 10,
    burn_c: -20,
    pigment_c: -5,
    heat_burn_c: 44,
  },
  fat: {
    panniculitis_c: 10,
    moderate_s: 600,
    high_s: 1800,
  },
};

/** Where each default comes from; docs/validation.md prints this table. */
export const THRESHOLD_SOURCES: Record<string, { range: string; source: string }> = {
  'nerve.neurapraxia_c': { range: '+10 to about -5 °C (cooled, not frozen)', source: 'Trescot AM. Cryoanalgesia in interventional pain management. Pain Physician 2003;6:345-60' },
  'nerve.axonotmesis_c': { range: '-20 to -100 °C', source: 'Trescot 2003; Hsu M, Stevenson FF. Wallerian degeneration and recovery of motor nerves after multiple focused cold therapies. Muscle Nerve 2015;51:268-75' },
  'nerve.neurotmesis_c': { range: 'below about -140 °C', source: 'Trescot 2003' },
  'nerve.reliable_length_mm': { range: 'about 4 mm or more', source: 'PHYSICS.md (Rizk & Balasubramanian, cryoneurolysis of peripheral nerves)' },
  'nerve.regrowth_mm_day': { range: '1-2 mm/day (often quoted 1-3)', source: 'Trescot 2003; Hsu & Stevenson 2015' },
  'skin.redness_c': { range: 'skin cooled well above freezing', source: 'PHYSICS.md' },
  'skin.frozen_c': { range: '-0.5 to -2 °C (supercooling)', source: 'PHYSICS.md' },
  'skin.blister_s': { range: 'seconds of epidermal freezing', source: 'PHYSICS.md' },
  'skin.burn_c': { range: '-20 to -30 °C', source: 'Gage AA, Baust J. Mechanisms of tissue injury in cryosurgery. Cryobiology 1998;37:171-86' },
  'skin.pigment_c': { range: '-4 to -7 °C', source: 'Gage AA. What temperature is lethal for cells? J Dermatol Surg Oncol 1979;5:459-64' },
  'skin.heat_burn_c': { range: '44 °C for hours, faster when hotter', source: 'Moritz AR, Henriques FC. Studies of thermal injury II. Am J Pathol 1947;23:695-720' },
  'fat.panniculitis_c': { range: 'fat held near 0 to +10 °C for tens of minutes', source: 'Manstein D et al. Selective cryolysis. Lasers Surg Med 2008;40:595-604' },
  'fat.moderate_s': { range: 'tens of minutes', source: 'Manstein 2008' },
  'fat.high_s': { range: 'tens of minutes', source: 'Manstein 2008' },
};

/** The thresholds in force with their sources, as rows for docs and reports. */
export function thresholdTable(settings: OutcomeSettings = DEFAULT_OUTCOME_SETTINGS): SourcedValue[] {
  const rows: SourcedValue[] = [];
  for (const [group, values] of Object.entries(settings) as Array<[string, Record<string, number | number[]>]>) {
    for (const [key, v] of Object.entries(values)) {
      const id = `${group}.${key}`;
      const src = THRESHOLD_SOURCES[id];
      rows.push({ quantity: id, value: `${Array.isArray(v) ? v.join('–') : v}${src ? ` (literature: ${src.range})` : ''}`, source: src?.source ?? 'not sourced' });
    }
  }
  return rows;
}

/** Temperatures the simulation must track (time below, cross-section fractions) for these settings. */
export function trackedThresholds(s: OutcomeSettings): number[] {
  return [s.nerve.neurapraxia_c, 0, s.nerve.axonotmesis_c, s.nerve.neurotmesis_c, s.skin.redness_c, s.skin.frozen_c, s.skin.burn_c, s.skin.pigment_c, s.fat.panniculitis_c];
}
