/** The conditions cryoneurolysis (and, for prostate, cryoablation) treats that have a preset; the order `cryoplan conditions` lists them in. */
export const CONDITION_NAMES = ['intercostal', 'cluneal', 'ilioinguinal', 'iliohypogastric', 'lateral-femoral-cutaneous', 'interdigital', 'prostate'] as const;

export type ConditionName = (typeof CONDITION_NAMES)[number];
