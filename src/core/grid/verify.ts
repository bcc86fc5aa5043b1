import type { RunResult } from '../result.js';
import type { BlockKind, InjuryClass, Outcomes } from '../outcome/types.js';

/**
 * The a posteriori check of `cryoplan run --verify-grid`: the same case run again on a
 * grid refined by `factor` (grid/refine.ts), and how much the answers moved. A
 * difference within the accuracy the grid was sized for says the grid was fine enough
 * for this case; a larger one says the error model under-refined it.
 */
export interface GridCheck {
  /** Spacings of the refined grid are the run's divided by this. */
  factor: number;
  cells: number;
  refined_cells: number;
  /** The accuracy the run's grid was sized for (null for a grid given by spacing or edges). */
  accuracy: number | null;
  isotherms: Array<{ threshold_c: number; volume_ml: number; refined_volume_ml: number; relative_difference: number }>;
  nerves: Array<{
    name: string;
    injury: InjuryClass;
    refined_injury: InjuryClass;
    block: BlockKind;
    refined_block: BlockKind;
    fraction_past_threshold: number;
    refined_fraction_past_threshold: number;
    coldest_c: number;
    refined_coldest_c: number;
    /** The same injury class and block on both grids. */
    same_outcome: boolean;
  }>;
  /** Largest |relative difference| of the isotherm volumes. */
  largest_difference: number;
  /** Every volume within the accuracy and every nerve with the same outcome (null accuracy: volumes within 2 %). */
  passed: boolean;
}

const CHECK_DEFAULT = 0.02;

function lastVolume(r: RunResult, threshold: number): number {
  const iso = r.isotherms.find((i) => i.threshold_c === threshold);
  const last = iso?.snapshots[iso.snapshots.length - 1];
  return last ? last.volume_ml : 0;
}

export function compareGrids(
  base: { result: RunResult; outcomes: Outcomes },
  refined: { result: RunResult; outcomes: Outcomes },
  factor: number,
  accuracy: number | null,
): GridCheck {
  const isotherms = base.result.isotherms.map((i) => {
    const v = lastVolume(base.result, i.threshold_c);
    const f = lastVolume(refined.result, i.threshold_c);
    // An isotherm that holds no tissue on either grid did not move.
    const d = f > 0 ? v / f - 1 : v > 0 ? 1 : 0;
    return { threshold_c: i.threshold_c, volume_ml: v, refined_volume_ml: f, relative_difference: d };
  });
  const nerves = base.outcomes.nerves.map((n) => {
    const m = refined.outcomes.nerves.find((x) => x.name === n.name) ?? n;
    return {
      name: n.name,
      injury: n.injury,
      refined_injury: m.injury,
      block: n.block,
      refined_block: m.block,
      fraction_past_threshold: n.fraction_past_threshold,
      refined_fraction_past_threshold: m.fraction_past_threshold,
      coldest_c: n.coldest_c,
      refined_coldest_c: m.coldest_c,
      same_outcome: n.injury === m.injury && n.block === m.block,
    };
  });
  const largest = isotherms.reduce((m, i) => Math.max(m, Math.abs(i.relative_difference)), 0);
  const tol = accuracy ?? CHECK_DEFAULT;
  return {
    factor,
    cells: base.result.grid.cells,
    refined_cells: refined.result.grid.cells,
    accuracy,
    isotherms,
    nerves,
    largest_difference: largest,
    passed: largest <= tol && nerves.every((n) => n.same_outcome),
  };
}

/** Lines for a person: one per isotherm and nerve, and the verdict. */
export function describeGridCheck(c: GridCheck): string[] {
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)} %`;
  const lines = [`grid check: refined ${c.factor}x (${c.cells.toLocaleString('en-US')} -> ${c.refined_cells.toLocaleString('en-US')} cells)`];
  for (const i of c.isotherms) {
    lines.push(
      `  ${i.threshold_c} °C volume ${i.volume_ml.toPrecision(4)} ml, refined ${i.refined_volume_ml.toPrecision(4)} ml (this grid ${pct(i.relative_difference)})`,
    );
  }
  for (const n of c.nerves) {
    lines.push(
      `  ${n.name}: ${n.injury} / ${n.block} block, refined ${n.refined_injury} / ${n.refined_block} block (fraction past threshold ${n.fraction_past_threshold.toFixed(2)} vs ${n.refined_fraction_past_threshold.toFixed(2)})`,
    );
  }
  const tol = c.accuracy ?? CHECK_DEFAULT;
  lines.push(
    c.passed
      ? `  passed: the volumes moved at most ${(100 * c.largest_difference).toFixed(2)} % (the grid was sized for ${(100 * tol).toFixed(1)} %) and every nerve's outcome held`
      : `  NOT passed: the volumes moved up to ${(100 * c.largest_difference).toFixed(2)} % (sized for ${(100 * tol).toFixed(1)} %)${c.nerves.some((n) => !n.same_outcome) ? ', a nerve outcome changed' : ''}: refine the grid (grid.auto.accuracy)`,
  );
  return lines;
}
