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

export interface OrganSettings {
  /** An organ at risk colder than this froze (ice reached it), deg C. */
  frozen_c: number;
  /** Colder than this (but not frozen) the ice edge came close: a thin margin, deg C. */
  margin_c: number;
}

export interface OutcomeSettings {
  nerve: NerveSettings;
  skin: SkinSettings;
  fat: FatSettings;
  organ: OrganSettings;
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
  organ: {
    frozen_c: -1,
    margin_c: 10,
  },
};

/**
 * Where each default comes from; docs/validation.md prints this table and
 * docs/outcome-sources.md holds what each source says. "estimate" marks a default
 * that no measured threshold supports directly.
 */
export const THRESHOLD_SOURCES: Record<string, { range: string; source: string }> = {
  'nerve.neurapraxia_c': {
    range: 'complete but reversible conduction block at 5-15 °C local nerve temperature',
    source:
      'Vanggaard L. Aviat Space Environ Med 1975;46:33-6 (human ulnar nerve, block at 8-10 °C); Zhang Z, Shi B. Transl Androl Urol 2017;6(S3):AB097 (cat, 5-15 °C)',
  },
  'nerve.axonotmesis_c': {
    range:
      '-20 °C (rat: below it the block is prolonged and predictable) to -60 °C (rabbit: -20 °C left no change, -60 °C gave degeneration with full recovery)',
    source:
      'Evans PJD, Lloyd JW, Green CJ. Br J Anaesth 1981;53:1121-7; Zhou L, Shao Z, Qu S. Med J Chin PLA 1983(2); Hsu M, Stevenson FF. Muscle Nerve 2015;51:268-75 (necrosis below -20 °C)',
  },
  'nerve.neurotmesis_c': {
    range: '-100 °C (half the fibres degenerate, repair complete) to -140 °C (necrosis, basement membrane destroyed)',
    source: 'Zhou L, Shao Z, Qu S. Med J Chin PLA 1983(2) (rabbit sciatic nerve)',
  },
  'nerve.reliable_length_mm': {
    range: 'a frozen length of at least 4 mm',
    source: 'Rizk NN, Balasubramanian H. Cryoneurolysis of peripheral nerves (procedures atlas, ch. 62)',
  },
  'nerve.regrowth_mm_day': {
    range: 'about 1 mm/day measured after freezing (rat); 1-3 mm/day quoted for axonotmesis; the default 1-2 mm/day is the span most quoted for cryoneurolysis',
    source: 'Evans et al. 1981 (rat, about 1 mm/day); Seddon/Sunderland grading as commonly cited (1-3 mm/day)',
  },
  'skin.redness_c': {
    range: 'skin at 10.8 °C after 20 min of ice gives analgesia; 14.4 °C does not. No measured erythema threshold found: estimate',
    source: 'Chesterton LS, Foster NE, Ross L. Arch Phys Med Rehabil 2002;83:543-9 (basis of the estimate)',
  },
  'skin.frozen_c': {
    range: 'tissue water freezes just below 0 °C (liquidus about -1 °C); frostbite from about -0.55 °C',
    source: 'PHYSICS.md (liquidus of soft tissue); NHS frostbite guidance',
  },
  'skin.blister_s': {
    range: 'a subepidermal blister follows freezing of the epidermis within 24 h; no time threshold found: estimate',
    source: 'Histopathologic events of cryolesion, in Dermatological Cryosurgery and Cryotherapy (Springer 2016), ch. 25',
  },
  'skin.burn_c': {
    range: '-14 to -50 °C (dog skin: ≥ -10 °C survived, necrosis certain below -50 °C); epidermal necrosis from -20 °C after 30 s (rabbit)',
    source: 'Gage AA, Caruana JA, Montes M. Cryobiology 1982;19:273-82; Lenz H, Goertz G, Preussler H. Arch Otorhinolaryngol 1975',
  },
  'skin.pigment_c': {
    range: '-4 to -7 °C (melanocytes die before keratinocytes)',
    source: 'Gage AA, Baust J. Cryobiology 1998;37:171-86 (as cited); Har-Shai Y et al. J Eur Acad Dermatol Venereol 2007;21:191-8',
  },
  'skin.heat_burn_c': {
    range: '44 °C for hours, faster when hotter',
    source: 'Moritz AR, Henriques FC. Am J Pathol 1947;23:695-720',
  },
  'fat.panniculitis_c': {
    range:
      'pig skin held at -1 to -7 °C by contact for 10 min loses fat; 50 s of ice gives nodules in newborns. No measured fat temperature threshold found: estimate',
    source: 'Manstein D et al. Lasers Surg Med 2008;40:595-604; Beacham BE et al. Arch Dermatol 1980;116:1025-7',
  },
  'organ.frozen_c': {
    range: 'tissue water begins to freeze at the liquidus, about -1 °C (phase change between -8 and -1 °C)',
    source: 'Rabin Y, Shitzer A. J Biomech Eng 1998;120:32-7 (phase-change interval of soft tissue, as in PHYSICS.md)',
  },
  'organ.margin_c': {
    range:
      'about 1-2 mm outside the 0 °C ice edge in perfused tissue; no injury threshold (the nerve cooling-block threshold is 5-15 °C): estimate of a thin safety margin',
    source: 'estimate (same value as nerve.neurapraxia_c: Vanggaard 1975)',
  },
  'fat.moderate_s': { range: 'about 10 min of contact cooling (pig)', source: 'Manstein et al. 2008' },
  'fat.high_s': {
    range: 'tens of minutes to hours (riders, cryolipolysis cycles of 35-60 min)',
    source: 'Beacham et al. 1980; Manstein et al. 2008 (estimate)',
  },
};

/** The thresholds in force with their sources, as rows for docs and reports. */
export function thresholdTable(settings: OutcomeSettings = DEFAULT_OUTCOME_SETTINGS): SourcedValue[] {
  const rows: SourcedValue[] = [];
  for (const [group, values] of Object.entries(settings) as Array<[string, Record<string, number | number[]>]>) {
    for (const [key, v] of Object.entries(values)) {
      const id = `${group}.${key}`;
      const src = THRESHOLD_SOURCES[id];
      rows.push({
        quantity: id,
        value: `${Array.isArray(v) ? v.join('–') : v}${src ? ` (literature: ${src.range})` : ''}`,
        source: src?.source ?? 'not sourced',
      });
    }
  }
  return rows;
}

/** Temperatures the simulation must track (time below, cross-section fractions) for these settings. */
export function trackedThresholds(s: OutcomeSettings): number[] {
  return [
    s.nerve.neurapraxia_c,
    0,
    s.nerve.axonotmesis_c,
    s.nerve.neurotmesis_c,
    s.skin.redness_c,
    s.skin.frozen_c,
    s.skin.burn_c,
    s.skin.pigment_c,
    s.fat.panniculitis_c,
    s.organ.frozen_c,
    s.organ.margin_c,
  ];
}
