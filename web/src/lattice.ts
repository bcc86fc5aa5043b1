/**
 * The 3D view's input: a cell field of the graded grid resampled on a uniform lattice of
 * n × n × n points (three's MarchingCubes takes a cube of points), over the box around
 * the ice ball only, so that the points are spent where the surfaces are. Stored with a
 * plan in IndexedDB, so it is kept small: n = 64 and temperatures in hundredths of a
 * degree (Int16, ±327 °C).
 */
export interface Lattice {
  n: number;
  /** Box corners, mm (lattice point 0 at lo, point n - 1 at hi). */
  lo_mm: [number, number, number];
  hi_mm: [number, number, number];
  /** Temperature × 100, index i + n (j + n k). */
  centi_c: Int16Array;
  /** What the field is (the lowest temperature each cell reached). */
  field: string;
}

export interface CellGrid {
  nx: number;
  ny: number;
  nz: number;
  x_edges_mm: ArrayLike<number>;
  y_edges_mm: ArrayLike<number>;
  z_edges_mm: ArrayLike<number>;
}

const centres = (e: ArrayLike<number>) => Float64Array.from({ length: e.length - 1 }, (_, i) => (e[i] + e[i + 1]) / 2);

/** Index of the cell centre at or below v, and the weight of the next one (clamped to the ends). */
function locate(c: Float64Array, v: number): [number, number] {
  if (v <= c[0]) return [0, 0];
  const last = c.length - 1;
  if (v >= c[last]) return [Math.max(0, last - 1), last > 0 ? 1 : 0];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c[mid] <= v) lo = mid;
    else hi = mid;
  }
  return [lo, (v - c[lo]) / (c[lo + 1] - c[lo])];
}

/**
 * Resamples `field` (cells, x fastest, offset by `pad`) around the cells colder than
 * `below_c`, with a margin, trilinearly between cell centres. Null when no cell is
 * that cold (no ice ball to draw).
 */
export function sampleLattice(g: CellGrid, field: ArrayLike<number>, opts: { n?: number; below_c?: number; pad?: number; name?: string } = {}): Lattice | null {
  const n = opts.n ?? 64;
  const below = opts.below_c ?? 0;
  const pad = opts.pad ?? 0;
  const { nx, ny, nz } = g;
  const cx = centres(g.x_edges_mm);
  const cy = centres(g.y_edges_mm);
  const cz = centres(g.z_edges_mm);
  const lo: [number, number, number] = [Infinity, Infinity, Infinity];
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (!(field[pad + i + nx * (j + ny * k)] < below)) continue;
        if (cx[i] < lo[0]) lo[0] = cx[i];
        if (cx[i] > hi[0]) hi[0] = cx[i];
        if (cy[j] < lo[1]) lo[1] = cy[j];
        if (cy[j] > hi[1]) hi[1] = cy[j];
        if (cz[k] < lo[2]) lo[2] = cz[k];
        if (cz[k] > hi[2]) hi[2] = cz[k];
      }
  if (!Number.isFinite(lo[0])) return null;
  // A margin of warmer tissue on every side (a fifth of the size, at least 2 mm), inside the domain,
  // so that the surfaces close before the lattice's edge.
  const first = [cx[0], cy[0], cz[0]];
  const lastC = [cx[nx - 1], cy[ny - 1], cz[nz - 1]];
  for (let a = 0; a < 3; a++) {
    const m = Math.max(2, 0.2 * (hi[a] - lo[a]));
    lo[a] = Math.max(first[a], lo[a] - m);
    hi[a] = Math.min(lastC[a], hi[a] + m);
    if (hi[a] - lo[a] < 1e-6) hi[a] = lo[a] + 1e-6;
  }
  const at = (a: number, t: number) => lo[a] + ((hi[a] - lo[a]) * t) / (n - 1);
  const lx = Array.from({ length: n }, (_, t) => locate(cx, at(0, t)));
  const ly = Array.from({ length: n }, (_, t) => locate(cy, at(1, t)));
  const lz = Array.from({ length: n }, (_, t) => locate(cz, at(2, t)));
  const out = new Int16Array(n * n * n);
  const f = (i: number, j: number, k: number) => field[pad + Math.min(i, nx - 1) + nx * (Math.min(j, ny - 1) + ny * Math.min(k, nz - 1))];
  for (let c = 0; c < n; c++) {
    const [k, wz] = lz[c];
    for (let b = 0; b < n; b++) {
      const [j, wy] = ly[b];
      for (let a = 0; a < n; a++) {
        const [i, wx] = lx[a];
        const v00 = f(i, j, k) * (1 - wx) + f(i + 1, j, k) * wx;
        const v10 = f(i, j + 1, k) * (1 - wx) + f(i + 1, j + 1, k) * wx;
        const v01 = f(i, j, k + 1) * (1 - wx) + f(i + 1, j, k + 1) * wx;
        const v11 = f(i, j + 1, k + 1) * (1 - wx) + f(i + 1, j + 1, k + 1) * wx;
        const v = (v00 * (1 - wy) + v10 * wy) * (1 - wz) + (v01 * (1 - wy) + v11 * wy) * wz;
        out[a + n * (b + n * c)] = Math.max(-32768, Math.min(32767, Math.round(v * 100)));
      }
    }
  }
  return { n, lo_mm: lo, hi_mm: hi, centi_c: out, field: opts.name ?? 'lowest temperature reached' };
}

/** The grid and one cell array of a fields.vtr (as src/io/vtr.ts writes it: inline base64, UInt32 byte count first). */
export function readVtr(xml: string, array = 'min_temperature_c'): { grid: CellGrid; values: Float32Array } {
  // A worker has no DOMParser; the file's layout is our own writer's, so a pattern reads it.
  const data = (name: string) => {
    const m = new RegExp(`<DataArray type="(\\w+)" Name="${name}"[^>]*>([^<]*)</DataArray>`).exec(xml);
    if (!m) throw new Error(`fields.vtr has no array ${name}`);
    const bytes = Uint8Array.from(atob(m[2].trim()), (ch) => ch.charCodeAt(0));
    const len = new DataView(bytes.buffer).getUint32(0, true);
    const body = bytes.slice(4, 4 + len);
    return m[1] === 'Float64' ? new Float64Array(body.buffer) : new Float32Array(body.buffer);
  };
  const x = data('x_mm');
  const y = data('y_mm');
  const z = data('z_mm');
  return {
    grid: { nx: x.length - 1, ny: y.length - 1, nz: z.length - 1, x_edges_mm: x, y_edges_mm: y, z_edges_mm: z },
    values: data(array) as Float32Array,
  };
}
