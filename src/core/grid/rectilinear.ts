/**
 * A rectilinear grid: cell edges along x, y and z (mm) in the anatomy frame.
 * Cells are indexed x fastest: index = i + nx * (j + ny * k).
 */
export interface Grid {
  nx: number;
  ny: number;
  nz: number;
  /** Cell edges, mm (lengths nx+1, ny+1, nz+1). */
  xe: Float64Array;
  ye: Float64Array;
  ze: Float64Array;
  /** Cell centres, mm. */
  xc: Float64Array;
  yc: Float64Array;
  zc: Float64Array;
  /** Cell widths, mm. */
  dx: Float64Array;
  dy: Float64Array;
  dz: Float64Array;
}

export function makeGrid(xe: ArrayLike<number>, ye: ArrayLike<number>, ze: ArrayLike<number>): Grid {
  const axis = (e: ArrayLike<number>) => {
    const edges = Float64Array.from(e);
    const n = edges.length - 1;
    if (n < 1) throw new RangeError('a grid axis needs at least two edges');
    const c = new Float64Array(n);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      d[i] = edges[i + 1] - edges[i];
      if (!(d[i] > 0)) throw new RangeError(`grid edges must increase (edge ${i + 1})`);
      c[i] = 0.5 * (edges[i] + edges[i + 1]);
    }
    return { edges, c, d, n };
  };
  const x = axis(xe);
  const y = axis(ye);
  const z = axis(ze);
  return { nx: x.n, ny: y.n, nz: z.n, xe: x.edges, ye: y.edges, ze: z.edges, xc: x.c, yc: y.c, zc: z.c, dx: x.d, dy: y.d, dz: z.d };
}

export function cellCount(g: Grid): number {
  return g.nx * g.ny * g.nz;
}

/** Index of the cell along one axis that contains coordinate v (clamped to the grid). */
export function locate(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  if (v <= edges[0]) return 0;
  if (v >= edges[hi + 1]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function spacingRange(g: Grid): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (const d of [g.dx, g.dy, g.dz]) {
    for (const v of d) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/** Whether point p (mm) lies in the grid's box, faces included. */
export function insideGrid(g: Grid, p: ArrayLike<number>): boolean {
  return p[0] >= g.xe[0] && p[0] <= g.xe[g.nx] && p[1] >= g.ye[0] && p[1] <= g.ye[g.ny] && p[2] >= g.ze[0] && p[2] <= g.ze[g.nz];
}
