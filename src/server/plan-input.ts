import { parseCaseText, sceneHash } from '../case/load.js';
import { CaseError } from '../case/errors.js';
import { gridCells } from '../case/grid.js';
import { planCaseFrom, type PlanCase } from '../case/plan.js';
import { CONDITION_NAMES, isConditionName } from '../case/conditions/index.js';
import { didYouMean } from '../case/errors.js';
import { ApiError } from './errors.js';
import type { CaseFormat } from './case-input.js';

export interface CheckedPlan {
  plan: PlanCase;
  name: string;
  /** Hash of the case as given (plan.json's case.hash). */
  hash: string;
  /** Cells of the largest scene the plan may run (one per probe model considered). */
  cells: number;
  source: string;
  format: CaseFormat;
  condition?: string;
}

/**
 * Parses a request's case and its plan: section exactly as `cryoplan plan` does (the
 * same messages, by field path), with `condition` as the CLI's --condition; then holds
 * every scene the plan may run to the server's cell limit. An empty body with a
 * condition is the preset as it stands, as `cryoplan plan --condition NAME` runs it.
 */
export function checkPlan(text: string, format: CaseFormat, maxCells: number, condition?: string): CheckedPlan {
  const file = `request.${format}`;
  if (condition !== undefined && !isConditionName(condition)) {
    const message = `unknown condition '${condition}'${didYouMean(condition, [...CONDITION_NAMES])}`;
    throw new ApiError(422, `${file}: condition: ${message}`, [{ path: 'condition', message }]);
  }
  let plan: PlanCase;
  try {
    const input = text.trim() === '' && condition !== undefined ? {} : parseCaseText(text, file);
    plan = planCaseFrom(input, file, condition ? { condition } : {});
  } catch (e) {
    if (e instanceof CaseError) throw new ApiError(422, e.message, e.issues);
    throw e;
  }
  const base = plan.scenes.get(null);
  if (!base) throw new Error('internal error: a plan case without its scene');
  const cells = [...plan.scenes.values()].reduce((m, s) => Math.max(m, gridCells(s)), 0);
  if (cells > maxCells) {
    const message = `would have ${cells.toLocaleString('en-US')} cells, more than this server's limit of ${maxCells.toLocaleString('en-US')} (coarsen the grid, or plan it with the CLI)`;
    throw new ApiError(422, `${file}: grid: ${message}`, [{ path: 'grid', message }]);
  }
  return { plan, name: base.name, hash: sceneHash(base), cells, source: text, format, ...(condition ? { condition } : {}) };
}
