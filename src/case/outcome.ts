import { DEFAULT_OUTCOME_SETTINGS, type OutcomeSettings } from '../core/outcome/settings.js';
import type { CaseIssue } from './errors.js';
import type { CaseParsed } from './schema.js';

/** The case's outcome thresholds over the defaults; undefined when the case sets none. */
export function resolveOutcome(c: CaseParsed, issues: CaseIssue[]): OutcomeSettings | undefined {
  if (!c.outcome) return undefined;
  const d = DEFAULT_OUTCOME_SETTINGS;
  const o: OutcomeSettings = {
    nerve: { ...d.nerve, ...(c.outcome.nerve ?? {}) } as OutcomeSettings['nerve'],
    skin: { ...d.skin, ...(c.outcome.skin ?? {}) },
    fat: { ...d.fat, ...(c.outcome.fat ?? {}) },
    organ: { ...d.organ, ...(c.outcome.organ ?? {}) },
  };
  const n = o.nerve;
  if (!(n.neurapraxia_c > n.axonotmesis_c))
    issues.push({ path: 'outcome.nerve.axonotmesis_c', message: `must be colder than neurapraxia_c (${n.axonotmesis_c} ≥ ${n.neurapraxia_c})` });
  if (!(n.axonotmesis_c > n.neurotmesis_c))
    issues.push({ path: 'outcome.nerve.neurotmesis_c', message: `must be colder than axonotmesis_c (${n.neurotmesis_c} ≥ ${n.axonotmesis_c})` });
  if (!(o.skin.redness_c > o.skin.frozen_c))
    issues.push({ path: 'outcome.skin.frozen_c', message: `must be colder than redness_c (${o.skin.frozen_c} ≥ ${o.skin.redness_c})` });
  if (!(o.organ.margin_c > o.organ.frozen_c))
    issues.push({ path: 'outcome.organ.frozen_c', message: `must be colder than margin_c (${o.organ.frozen_c} ≥ ${o.organ.margin_c})` });
  if (o.fat.high_s < o.fat.moderate_s)
    issues.push({ path: 'outcome.fat.high_s', message: `must not be shorter than moderate_s (${o.fat.high_s} < ${o.fat.moderate_s})` });
  return o;
}
