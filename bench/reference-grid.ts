import { buildGrid } from '../src/core/grid/build.js';
import { referenceScene } from '../test/helpers/scene.js';

/**
 * The auto-grid refinement that gives the reference case about `cells` cells, by bisection on
 * the grid builder (the scaling tables of bench/run.ts and bench/scaling-detail.ts).
 */
export function refinementFor(cells: number): { refinement: number; cells: number } {
  const count = (r: number) => {
    const g = buildGrid(referenceScene({ grid: { kind: 'auto', refinement: r } }));
    return g.nx * g.ny * g.nz;
  };
  // (A larger refinement is a coarser grid.)
  let lo = 0.05,
    hi = 12;
  for (let it = 0; it < 30; it++) {
    const mid = Math.sqrt(lo * hi);
    if (count(mid) > cells) lo = mid;
    else hi = mid;
    if (hi / lo < 1.005) break;
  }
  const r = Math.abs(count(lo) - cells) < Math.abs(count(hi) - cells) ? lo : hi;
  return { refinement: r, cells: count(r) };
}
