/** The conditions cryoneurolysis (and, for prostate, cryoablation; for skin lesions, dermatological cryosurgery) treats that have a preset; the order `cryoplan conditions` lists them in. */
export const CONDITION_NAMES = [
  'intercostal',
  'cluneal',
  'ilioinguinal',
  'iliohypogastric',
  'lateral-femoral-cutaneous',
  'interdigital',
  'prostate',
  'common-wart',
  'actinic-keratosis',
  'seborrheic-keratosis',
  'superficial-bcc',
  'skin-tag',
] as const;

export type ConditionName = (typeof CONDITION_NAMES)[number];
