import type { LesionClass } from '../model.js';

/**
 * The clinical rules for freezing each kind of skin lesion: the temperature that
 * kills it, the margin of normal skin that must die with it and the visible frozen
 * rim ("halo") the clinician freezes to. Each figure carries its source; 'estimate'
 * marks a choice no source gives.
 */

/** Sources the rules cite, each spelt once. */
export const LESION_SOURCES = {
  andrews: {
    cite: 'Andrews 2004, Am Fam Physician 69:2365',
    about:
      'destruction of benign lesions requires -20 to -30 °C, of malignant tissue -40 to -50 °C; -25 to -50 °C is reached within 30 s with enough spray; side effects: blister, hypopigmentation, rarely scarring',
  },
  clebak: {
    cite: 'Clebak, Mendez-Miller & Croad 2020, Am Fam Physician 101:399',
    about: 'temperatures of -25 to -50 °C destroy tissue; adverse effects: blistering, paresthesia, scarring, hypopigmentation',
  },
  jester: {
    cite: 'Jester 1997, Prim Care 24:269 (as quoted by skin-disease-care.com)',
    about:
      'the depth of freezing equals the radius of the surface freeze; freezing 1-2 mm beyond the lesion in one cycle suffices for most benign lesions; warts may need a deeper freeze',
  },
  perri: {
    cite: 'Perri 2011, Perri Dermatology (basal cell cancer cryosurgery)',
    about: '-50 to -60 °C under the tumour; two 30-second freeze-thaw cycles with a 3-5 mm margin of normal skin; only small, well-defined superficial BCC',
  },
  graham: {
    cite: 'Graham 2001, Clin Dermatol 19:321 (as quoted by skin-disease-care.com)',
    about: '-50 to -60 °C beyond the peripheral extent and depth of a cancer; at least a 30 s freeze, two freeze-thaw cycles',
  },
  gageBaust: {
    cite: 'Gage & Baust 1998, Cryobiology 37:171 (as cited in docs/outcome-sources.md)',
    about: 'melanocytes die at -4 to -7 °C, before keratinocytes: pigment loss',
  },
  nci: {
    cite: 'NCI PDQ Skin cancer treatment, health professional version (basal cell carcinoma)',
    about:
      'cryosurgery is contraindicated near nerves and cautioned on the lateral margins of the fingers and the ulnar fossa of the elbow; permanent pigment loss at the site is unavoidable; atrophy and hypertrophic scarring reported',
  },
  erdmann: {
    cite: 'Erdmann & Wokes 2023, Clin Exp Dermatol 48:1255',
    about: 'porcine skin: LN2 spray brought the surface to -60 °C after 5 s; it recovered to 0 °C after 70 s',
  },
} as const;

export interface LesionRule {
  /** The lesion in a clinician's words. */
  label: string;
  class: LesionClass;
  lethal_c: number;
  margin_mm: number;
  halo_mm: [number, number];
  basis: string;
}

const S = LESION_SOURCES;
const BENIGN = `benign: -25 °C, the middle of -20 to -30 °C (${S.andrews.cite}; ${S.clebak.cite}); a visible halo of 1-2 mm (${S.jester.cite}); the lethal margin within it, 0.5 mm: estimate`;

/** The rules by lesion type (case field lesion.type). */
export const LESION_RULES = {
  'common-wart': {
    label: 'common wart (verruca vulgaris)',
    class: 'benign',
    lethal_c: -25,
    margin_mm: 0.5,
    halo_mm: [1, 2],
    basis: `${BENIGN}; warts may need a deeper freeze (${S.jester.cite})`,
  },
  'actinic-keratosis': {
    label: 'actinic keratosis',
    class: 'premalignant',
    lethal_c: -25,
    margin_mm: 0.5,
    halo_mm: [1, 2],
    basis: `premalignant, frozen like a benign lesion in practice: ${BENIGN} (the benign rule for a premalignant lesion: estimate)`,
  },
  'seborrheic-keratosis': {
    label: 'seborrheic keratosis',
    class: 'benign',
    lethal_c: -25,
    margin_mm: 0.5,
    halo_mm: [1, 2],
    basis: BENIGN,
  },
  'superficial-bcc': {
    label: 'superficial basal cell carcinoma',
    class: 'malignant',
    lethal_c: -50,
    margin_mm: 3,
    halo_mm: [3, 5],
    basis: `malignant: -50 °C (${S.andrews.cite}: -40 to -50 °C; ${S.graham.cite}: -50 to -60 °C; ${S.perri.cite}); a 3-5 mm margin of normal skin, two 30 s freeze-thaw cycles (${S.perri.cite})`,
  },
  'skin-tag': {
    label: 'skin tag (acrochordon)',
    class: 'benign',
    lethal_c: -25,
    margin_mm: 0.5,
    halo_mm: [1, 2],
    basis: `${BENIGN}; only the base in the skin is modelled (the stalk above it freezes through at once: estimate)`,
  },
} as const satisfies Record<string, LesionRule>;

export type LesionType = keyof typeof LESION_RULES;
export const LESION_TYPES = Object.keys(LESION_RULES) as LesionType[];

/** The rule for a lesion class when the type is not one of the above ('other'). */
export const CLASS_RULES: Record<LesionClass, Omit<LesionRule, 'label'>> = {
  benign: { class: 'benign', lethal_c: -25, margin_mm: 0.5, halo_mm: [1, 2], basis: BENIGN },
  premalignant: LESION_RULES['actinic-keratosis'],
  malignant: LESION_RULES['superficial-bcc'],
};
