import type { GridSpec } from '../model.js';
import { DEFAULT_GROWTH } from './build.js';

/**
 * The same grid with every spacing divided by `factor` (> 1 finer): a geometrically
 * similar member of the grid's family, as grid-convergence studies and `--verify-grid`
 * need. An auto grid's grading slope (growth − 1) scales with its spacings, so that
 * the refined grid is the same mapping with more cells, not a grid whose fine zones
 * shrink; a uniform one divides its spacing; explicit edges are split into `factor`
 * (rounded) equal parts each.
 */
export function refinedGridSpec(spec: GridSpec, factor: number): GridSpec {
  if (!(factor > 0)) throw new RangeError(`refinement factor must be > 0 (got ${factor})`);
  if (spec.kind === 'auto') {
    const refinement = spec.refinement / factor;
    const growth = 1 + ((spec.growth ?? DEFAULT_GROWTH) - 1) / factor;
    return { ...spec, refinement, growth };
  }
  if (spec.kind === 'uniform') return { kind: 'uniform', spacing_mm: spec.spacing_mm / factor };
  const parts = Math.max(1, Math.round(factor));
  const split = (e: number[]) => {
    const out = [e[0]];
    for (let i = 1; i < e.length; i++) for (let k = 1; k <= parts; k++) out.push(e[i - 1] + ((e[i] - e[i - 1]) * k) / parts);
    return out;
  };
  return { kind: 'edges', x_mm: split(spec.x_mm), y_mm: split(spec.y_mm), z_mm: split(spec.z_mm) };
}
