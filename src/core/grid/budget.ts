import type { GridSpec, Scene } from '../model.js';
import { buildGrid } from './build.js';
import { DEFAULT_ACCURACY } from './error-model.js';

/**
 * The auto grid's cell budget. The error model (grid/error-model.ts) asks for a
 * spacing proportional to the front's distance from the probe; for a sub-millimetre
 * needle in a medium with a sharp front (the 0.55 mm probe in gel of
 * docs/calibration.md) that is 2.9 million cells at 2 %, minutes per run on two
 * cores. Past the budget the grid is sized for a looser accuracy instead, the one
 * whose grid fits: the error model is linear in the spacing (e = C·h/ρ), so the
 * accuracy the coarser grid is sized for is also the error it is expected to make,
 * and the run says so (case warning) rather than promising the accuracy it asked for.
 */
export const DEFAULT_CELL_BUDGET = 1_000_000;

/** The budget loosens the accuracy by at most this factor; past it, other features (skin, tubes, images) hold the cells. */
const MAX_LOOSENING = 64;

export interface BudgetedGrid {
  spec: GridSpec;
  cells: number;
  /** Set when the budget changed the grid: what the case asked for and what it got. */
  limited?: { requested_accuracy: number; requested_cells: number; accuracy: number; budget: number };
}

function cellsOf(scene: Scene, spec: GridSpec): number {
  const g = buildGrid({ ...scene, grid: spec });
  return g.nx * g.ny * g.nz;
}

/**
 * The scene's grid within `budget` cells: unchanged if it fits (or is not `auto`, or
 * fixes its front spacing, which the accuracy does not then set); otherwise the
 * tightest accuracy (to 1 %) whose grid fits. If no accuracy within 64x of the
 * asked one fits, the grid is left as asked (grid.max_cells still guards it).
 */
export function withinCellBudget(scene: Scene, budget: number): BudgetedGrid {
  const spec = scene.grid;
  const cells = cellsOf(scene, spec);
  if (spec.kind !== 'auto' || cells <= budget || spec.h_front_mm !== undefined) return { spec, cells };
  const asked = spec.accuracy ?? DEFAULT_ACCURACY;
  const at = (a: number) => cellsOf(scene, { ...spec, accuracy: a });
  let hi = asked * MAX_LOOSENING;
  if (at(hi) > budget) return { spec, cells };
  // Cells fall with the accuracy (about as its inverse cube); bisect on its logarithm.
  let lo = asked;
  while (hi / lo > 1.01) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid) > budget) lo = mid;
    else hi = mid;
  }
  // Three significant figures, rounded up: still within the budget.
  const step = 10 ** (Math.floor(Math.log10(hi)) - 2);
  const accuracy = Number((Math.ceil(hi / step) * step).toPrecision(3));
  const fitted: GridSpec = { ...spec, accuracy, requested_accuracy: asked };
  return { spec: fitted, cells: cellsOf(scene, fitted), limited: { requested_accuracy: asked, requested_cells: cells, accuracy, budget } };
}

/** What a run says when the budget made its grid coarser than asked (null when it did not). */
export function cellBudgetNote(spec: GridSpec): string | null {
  if (spec.kind !== 'auto' || spec.requested_accuracy === undefined || spec.accuracy === undefined) return null;
  const pct = (v: number) => `${Number((100 * v).toPrecision(2))} %`;
  return `the grid for ${pct(spec.requested_accuracy)} on the isotherm volumes would pass the cell budget (${(spec.cell_budget ?? DEFAULT_CELL_BUDGET).toLocaleString('en-US')} cells): it is sized for ${pct(spec.accuracy)} instead, the error the results are expected to carry (raise grid.auto.cell_budget for the asked accuracy, or check with --verify-grid)`;
}
