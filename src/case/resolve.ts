import type { Scene, SolverSettings } from '../core/model.js';
import { CaseSchema, type CaseParsed } from './schema.js';
import { CaseError, type CaseIssue } from './errors.js';
import { caseErrorMap, explainIssues } from './messages.js';
import { resolveTissues } from './tissues.js';
import { resolveDomain, resolveLayers, resolveStructures, type ResolveContext } from './anatomy.js';
import { resolveProbes } from './probes.js';
import { resolvePhases, resolveWarmers } from './protocol.js';
import { resolveGrid, gridCells } from './grid.js';
import { DEFAULT_CELL_BUDGET, withinCellBudget } from '../core/grid/budget.js';
import { resolveOutcome } from './outcome.js';
import { composeCase, type CaseOverrides, type ComposedCase } from './compose.js';
import { checkCoverage } from './coverage.js';
import { resolveAblation, resolveCatheters, resolveSensors, resolveTemplate } from './cryosurgery.js';
import { caseWarnings } from './warnings.js';
import { resolveLabelmap } from './labelmap.js';
import { checkSprayPatterns, resolveLesion } from './dermatology.js';

export { DEFAULT_MAX_CELLS } from './grid.js';
export type { CaseOverrides } from './compose.js';

/**
 * max_change_c is 10 °C rather than a tighter 3: the enthalpy scheme conserves
 * energy at any step and steps are also capped at a tenth of the phase's age, so on
 * cases/default.yaml the 0/-20/-40 °C volumes and extents agree to 4 significant
 * figures between 3 and 10 while the steps fall from 258 to 149. dt_max_s 4 and
 * tolerance_c 0.01 (issue 8): the volumes move by under 0.3 % against 2 s and 0.001
 * while the Newton iterations halve (bench/compare.ts; docs/physics.md).
 * integrator bdf2, time_error_c 2 and dt_max_s 30 (issue 8, core/solver/bdf2.ts):
 * error-controlled second-order steps, about a third as many as backward Euler's
 * at a smaller time error; max_change_c then only rejects wild steps.
 */
export const SOLVER_DEFAULTS: SolverSettings = {
  dt_min_s: 0.02,
  dt_max_s: 30,
  max_change_c: 10,
  tolerance_c: 1e-2,
  max_iterations: 30,
  initial: 'steady',
  integrator: 'bdf2',
  time_error_c: 2,
};
export const DEFAULT_ISOTHERMS_C = [0, -20, -40];

/**
 * Validates a parsed case object (from YAML or JSON), laid over its condition
 * preset and under the command line's overrides, and turns it into the scene the
 * core solves. Throws a CaseError listing every problem: zod's structural
 * ones first; the checks that relate fields to each other (positions against the
 * domain, names against tissues and probes) once the structure is sound, since
 * they need it.
 */
export function resolveCase(obj: unknown, file = 'case', overrides: CaseOverrides = {}): Scene {
  return resolveParsed(parseComposed(obj, file, overrides), file, overrides);
}

/** A resolved scene and the plausibility warnings about its case (legal inputs that are almost surely wrong). */
export interface ResolvedCase {
  scene: Scene;
  warnings: CaseIssue[];
}

/** resolveCase, with the warnings (src/case/warnings.ts) at the case's field paths. */
export function resolveCaseWithWarnings(obj: unknown, file = 'case', overrides: CaseOverrides = {}): ResolvedCase {
  const parsed = parseComposed(obj, file, overrides);
  const scene = resolveParsed(parsed, file, overrides);
  return { scene, warnings: parsed.composed.attribute(caseWarnings(parsed.case, scene)) };
}

/** A case laid over its preset, under the overrides, checked by the schema (defaults filled in): what `cryoplan show` prints. */
export interface ParsedCase {
  composed: ComposedCase;
  case: CaseParsed;
}

/** The structural half of resolveCase: composes the layers and checks the result against the schema. */
export function parseComposed(obj: unknown, file = 'case', overrides: CaseOverrides = {}): ParsedCase {
  const composed = composeCase(obj, overrides, file);
  const parsed = CaseSchema.safeParse(composed.value, { error: caseErrorMap, reportInput: true });
  if (!parsed.success) throw new CaseError(file, composed.attribute([...composed.issues, ...explainIssues(parsed.error.issues)]));
  return { composed, case: parsed.data };
}

/** The relational half of resolveCase: every check that relates fields, and the scene. */
export function resolveParsed({ composed, case: c }: ParsedCase, file = 'case', overrides: CaseOverrides = {}): Scene {
  const fail = (issues: CaseIssue[]) => new CaseError(file, composed.attribute(issues));
  const issues: CaseIssue[] = [...composed.issues];
  const ctx: ResolveContext = {
    issues,
    tissues: resolveTissues(c.tissues, issues),
    domain: resolveDomain(c, issues),
    body_temperature_c: c.body_temperature_c,
  };
  const layers = resolveLayers(c, ctx);
  const structures = resolveStructures(c, ctx);
  const labelmap = resolveLabelmap(c, ctx, overrides.labelmap, structures);
  const probes = resolveProbes(c, ctx, layers, structures);
  for (const p of resolveTemplate(c, ctx, layers, structures, probes)) probes.push(p);
  if (!probes.length) issues.push({ path: 'probes', message: 'no probe: list at least one here, or place needles with template' });
  for (const p of resolveCatheters(c, ctx, probes)) probes.push(p);
  const sensors = resolveSensors(c, ctx);
  const ablation = resolveAblation(c, ctx, layers, structures);
  const lesion = resolveLesion(c, ctx, layers, structures);
  const protocol = resolvePhases(c, ctx, probes);
  checkSprayPatterns(c, ctx, probes, protocol);
  const warmers = resolveWarmers(c, ctx);
  const { grid, maxCells } = resolveGrid(c, ctx);
  const solver: SolverSettings = { ...SOLVER_DEFAULTS, ...(c.solver ?? {}) };
  if (solver.dt_min_s > solver.dt_max_s)
    issues.push({ path: 'solver.dt_min_s', message: `must not exceed dt_max_s (${solver.dt_min_s} > ${solver.dt_max_s})` });

  const scene: Scene = {
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    body_temperature_c: c.body_temperature_c,
    tissues: ctx.tissues,
    layers,
    structures,
    domain: ctx.domain,
    probes,
    protocol,
    warmers,
    grid,
    solver,
    outputs: {
      isotherms_c: c.outputs?.isotherms_c ?? DEFAULT_ISOTHERMS_C,
      series_interval_s: c.outputs?.series_interval_s ?? 1,
      volumes: [...new Set(c.outputs?.volumes ?? [])],
    },
  };
  const outcome = resolveOutcome(c, issues);
  if (outcome) scene.outcome = outcome;
  if (sensors.length) scene.sensors = sensors;
  if (ablation) scene.ablation = ablation;
  if (labelmap) scene.labelmap = labelmap;
  if (lesion) scene.lesion = lesion;
  // A problem found while composing may be found again here (an unknown model): say it once.
  if (issues.length) throw fail([...new Map(issues.map((i) => [`${i.path}\n${i.message}`, i])).values()]);

  // Only a sound scene can be gridded. An auto grid past its cell budget is sized
  // for a looser accuracy (core/grid/budget.ts; warnings.ts says so).
  let cells: number;
  if (scene.grid.kind === 'auto') {
    // The budget has built the grid it returns: its count, not a second build.
    const fitted = withinCellBudget(scene, scene.grid.cell_budget ?? DEFAULT_CELL_BUDGET);
    scene.grid = fitted.spec;
    cells = fitted.cells;
  } else cells = gridCells(scene);
  if (cells > maxCells) {
    throw fail([
      {
        path: 'grid',
        message: `would have ${cells.toLocaleString('en-US')} cells, more than the limit of ${maxCells.toLocaleString('en-US')} (coarsen it, or raise grid.max_cells)`,
      },
    ]);
  }
  const uncovered = checkCoverage(scene);
  if (uncovered.length) throw fail(uncovered);
  return scene;
}
