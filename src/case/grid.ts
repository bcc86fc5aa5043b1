import type { GridSpec, Scene } from '../core/model.js';
import { buildGrid } from '../core/grid/build.js';
import { DEFAULT_ACCURACY } from '../core/grid/error-model.js';
import type { ResolveContext } from './anatomy.js';
import type { CaseParsed } from './schema.js';

/** Most cells a grid may have unless the case raises grid.max_cells: a guard against a mistyped spacing, not a solver limit. */
export const DEFAULT_MAX_CELLS = 4_000_000;

export function resolveGrid(c: CaseParsed, ctx: ResolveContext): { grid: GridSpec; maxCells: number } {
  const g = c.grid;
  const d = ctx.domain;
  if (g === 'auto') return { grid: { kind: 'auto', refinement: 1, accuracy: DEFAULT_ACCURACY }, maxCells: DEFAULT_MAX_CELLS };
  const maxCells = g.max_cells ?? DEFAULT_MAX_CELLS;
  if ('auto' in g) {
    const a = g.auto;
    if (a.h_min_mm !== undefined && a.h_max_mm !== undefined && a.h_min_mm > a.h_max_mm) {
      ctx.issues.push({ path: 'grid.auto.h_min_mm', message: `must not exceed h_max_mm (${a.h_min_mm} > ${a.h_max_mm})` });
    }
    return { grid: { kind: 'auto', ...a }, maxCells };
  }
  if ('spacing_mm' in g) {
    const smallest = Math.min(d.x_mm[1] - d.x_mm[0], d.y_mm[1] - d.y_mm[0], d.depth_mm);
    if (g.spacing_mm > smallest) ctx.issues.push({ path: 'grid.spacing_mm', message: `is larger than the domain (${smallest} mm across at its narrowest)` });
    return { grid: { kind: 'uniform', spacing_mm: g.spacing_mm }, maxCells };
  }
  const check = (axis: 'x' | 'y' | 'z', e: number[], lo: number, hi: number) => {
    const k = e.findIndex((v, j) => j > 0 && !(v > e[j - 1]));
    if (k > 0) ctx.issues.push({ path: `grid.${axis}_mm[${k}]`, message: `edges must increase (${e[k]} after ${e[k - 1]})` });
    else if (Math.abs(e[0] - lo) > 1e-9 || Math.abs(e[e.length - 1] - hi) > 1e-9) {
      ctx.issues.push({ path: `grid.${axis}_mm`, message: `edges must run from ${lo} to ${hi}, the domain (got ${e[0]} to ${e[e.length - 1]})` });
    }
  };
  check('x', g.x_mm, d.x_mm[0], d.x_mm[1]);
  check('y', g.y_mm, d.y_mm[0], d.y_mm[1]);
  check('z', g.z_mm, 0, d.depth_mm);
  return { grid: { kind: 'edges', x_mm: g.x_mm, y_mm: g.y_mm, z_mm: g.z_mm }, maxCells };
}

/**
 * Cells the grid will have. Uniform and explicit grids are counted from the spec
 * (building a mistyped 0.01 mm grid is what the check is there to prevent); an
 * auto grid is built, which costs only its edges.
 */
export function gridCells(scene: Scene): number {
  const g = scene.grid;
  const d = scene.domain;
  if (g.kind === 'uniform') {
    // As buildGrid divides each axis.
    const n = (a: number, b: number) => Math.max(1, Math.round((b - a) / g.spacing_mm));
    return n(d.x_mm[0], d.x_mm[1]) * n(d.y_mm[0], d.y_mm[1]) * n(0, d.depth_mm);
  }
  if (g.kind === 'edges') return (g.x_mm.length - 1) * (g.y_mm.length - 1) * (g.z_mm.length - 1);
  const built = buildGrid(scene);
  return built.nx * built.ny * built.nz;
}
