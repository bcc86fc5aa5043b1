import type { ConditionPreset } from './types.js';
import { CONDITION_NAMES, type ConditionName } from './names.js';
import { intercostal } from './intercostal.js';
import { cluneal } from './cluneal.js';
import { ilioinguinal } from './ilioinguinal.js';
import { iliohypogastric } from './iliohypogastric.js';
import { lateralFemoralCutaneous } from './lateral-femoral-cutaneous.js';
import { interdigital } from './interdigital.js';
import { prostate } from './prostate.js';
import { actinicKeratosis, commonWart, seborrheicKeratosis, skinTag, superficialBcc } from './dermatology.js';

export { CONDITION_NAMES, type ConditionName } from './names.js';
export type { ConditionPreset, Figure } from './types.js';

export const CONDITIONS: Record<ConditionName, ConditionPreset> = {
  intercostal,
  cluneal,
  ilioinguinal,
  iliohypogastric,
  'lateral-femoral-cutaneous': lateralFemoralCutaneous,
  interdigital,
  prostate,
  'common-wart': commonWart,
  'actinic-keratosis': actinicKeratosis,
  'seborrheic-keratosis': seborrheicKeratosis,
  'superficial-bcc': superficialBcc,
  'skin-tag': skinTag,
};

export const isConditionName = (s: string): s is ConditionName => (CONDITION_NAMES as readonly string[]).includes(s);

/** The presets in listing order. */
export const conditionList = (): ConditionPreset[] => CONDITION_NAMES.map((n) => CONDITIONS[n]);
