import { gzipSync } from 'node:zlib';
import type { RunResult } from '../core/result.js';

/** Largest number of voxels in one resampled volume (64 MB of float32). */
const MAX_VOXELS = 16_000_000;

export interface NrrdVolumes {
  final_temperature: Uint8Array;
  min_temperature: Uint8Array;
  labels: Uint8Array;
}

/**
 * NRRD volumes for 3D Slicer. NRRD describes a uniform lattice, so the graded grid
 * is resampled (nearest cell) at the finest spacing that keeps a volume under
 * MAX_VOXELS. Coordinates are in mm in the anatomy frame (x, y along the skin, z
 * depth), written as a plain 3D space without an anatomical orientation, which
 * cryoplan's frame does not have.
 */
export function nrrdVolumes(r: RunResult): NrrdVolumes {
  const g = r.grid;
  const X = g.x_edges_mm,
    Y = g.y_edges_mm,
    Z = g.z_edges_mm;
  const lx = X[g.nx] - X[0],
    ly = Y[g.ny] - Y[0],
    lz = Z[g.nz] - Z[0];
  let h = g.min_spacing_mm;
  while ((lx / h) * (ly / h) * (lz / h) > MAX_VOXELS) h *= 1.25;
  const nx = Math.max(1, Math.round(lx / h)),
    ny = Math.max(1, Math.round(ly / h)),
    nz = Math.max(1, Math.round(lz / h));
  const sx = lx / nx,
    sy = ly / ny,
    sz = lz / nz;
  const map = (edges: Float64Array, n: number, s: number) => {
    const idx = new Int32Array(n);
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = edges[0] + (i + 0.5) * s;
      while (c + 1 < edges.length - 1 && edges[c + 1] <= v) c++;
      idx[i] = c;
    }
    return idx;
  };
  const ix = map(X, nx, sx),
    iy = map(Y, ny, sy),
    iz = map(Z, nz, sz);
  const sample = <A extends Float32Array | Uint8Array>(src: A, out: A) => {
    let q = 0;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++) {
        const row = g.nx * (iy[j] + g.ny * iz[k]);
        for (let i = 0; i < nx; i++) out[q++] = src[row + ix[i]];
      }
    return out;
  };
  const header = (type: string, desc: string) =>
    [
      'NRRD0004',
      `# ${desc}`,
      `type: ${type}`,
      'dimension: 3',
      'space dimension: 3',
      `sizes: ${nx} ${ny} ${nz}`,
      `space directions: (${sx},0,0) (0,${sy},0) (0,0,${sz})`,
      'kinds: domain domain domain',
      'endian: little',
      'encoding: gzip',
      `space origin: (${X[0] + sx / 2},${Y[0] + sy / 2},${Z[0] + sz / 2})`,
      'space units: "mm" "mm" "mm"',
      '',
      '',
    ].join('\n');
  // gzip: temperatures and labels come in smooth runs, and 3D Slicer (teem) reads it; a 67k-cell run's raw volumes took 22 MB.
  const pack = (head: string, data: ArrayBufferView) => {
    const h8 = new TextEncoder().encode(head);
    const z = gzipSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { level: 6 });
    const out = new Uint8Array(h8.length + z.byteLength);
    out.set(h8, 0);
    out.set(z, h8.length);
    return out;
  };
  const n = nx * ny * nz;
  return {
    final_temperature: pack(header('float', 'temperature at the end, degC'), sample(r.fields.final_c, new Float32Array(n))),
    min_temperature: pack(header('float', 'lowest temperature reached, degC'), sample(r.fields.min_c, new Float32Array(n))),
    labels: pack(header('uchar', `labels: ${r.fields.label_names.map((s, i) => `${i}=${s}`).join(', ')}`), sample(r.fields.labels, new Uint8Array(n))),
  };
}
