import { gzipSync } from 'node:zlib';
import type { ImageSpace, Scene } from '../core/model.js';
import type { RunResult } from '../core/result.js';
import { indexToPoint, pointToIndex } from '../core/anatomy/labelmap.js';
import { locate } from '../core/grid/rectilinear.js';

/** Largest number of voxels in one resampled volume (64 MB of float32). */
const MAX_VOXELS = 16_000_000;

export interface NrrdVolumes {
  final_temperature: Uint8Array;
  min_temperature: Uint8Array;
  labels: Uint8Array;
  /** How many of the isotherms (coldest first last) each voxel's lowest temperature reached: 0 none, 1 the warmest (0 °C), ... */
  isotherms: Uint8Array;
}

const fmt = (v: number) => String(Number(v.toPrecision(12)));
const vec = (v: ArrayLike<number>) => `(${fmt(v[0])},${fmt(v[1])},${fmt(v[2])})`;

/**
 * One NRRD file: the header for a lattice in a space, gzip data. gzip: temperatures and
 * labels come in smooth runs, and 3D Slicer (teem) reads it; a 67k-cell run's raw
 * volumes took 22 MB.
 */
export function nrrdFile(
  type: 'float' | 'uchar' | 'ushort',
  space: ImageSpace,
  data: Float32Array | Uint8Array | Uint16Array,
  comments: string[] = [],
): Uint8Array {
  const s = space;
  const head = [
    'NRRD0004',
    ...comments.map((c) => `# ${c}`),
    `type: ${type}`,
    'dimension: 3',
    // A named space (LPS, RAS) is what lets 3D Slicer place the volume on the patient's images.
    ...(s.space ? [`space: ${s.space}`] : ['space dimension: 3']),
    `sizes: ${s.size.join(' ')}`,
    `space directions: ${[0, 1, 2].map((a) => vec(s.direction[a].map((d) => d * s.spacing_mm[a]))).join(' ')}`,
    'kinds: domain domain domain',
    'endian: little',
    'encoding: gzip',
    `space origin: ${vec(s.origin_mm)}`,
    ...(s.space ? [] : ['space units: "mm" "mm" "mm"']),
    '',
    '',
  ].join('\n');
  const h8 = new TextEncoder().encode(head);
  const z = gzipSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { level: 6 });
  const out = new Uint8Array(h8.length + z.byteLength);
  out.set(h8, 0);
  out.set(z, h8.length);
  return out;
}

/**
 * The uniform lattice the volumes are written on. With a labelmap, the image's own
 * (origin, spacing, direction: 3D Slicer overlays the results on the patient's images
 * without registration); the whole image if it fits MAX_VOXELS, else the block of its
 * voxels around the domain. Without one, the anatomy frame (x, y along the skin, z
 * depth) at the finest spacing that fits, as a plain 3D space: cryoplan's own frame has
 * no anatomical orientation.
 */
export function outputLattice(r: RunResult, scene?: Scene): ImageSpace {
  const g = r.grid;
  const m = scene?.labelmap;
  if (m) {
    const size = m.space.size;
    if (size[0] * size[1] * size[2] <= MAX_VOXELS) return m.space;
    // The voxels of the image within the domain's box, on the image's lattice.
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    const index = pointToIndex(m.space);
    const toIndex = (p: number[]) => index([p[0] + m.offset_mm[0], p[1] + m.offset_mm[1], p[2] + m.offset_mm[2]]);
    for (const x of [g.x_edges_mm[0], g.x_edges_mm[g.nx]])
      for (const y of [g.y_edges_mm[0], g.y_edges_mm[g.ny]])
        for (const z of [g.z_edges_mm[0], g.z_edges_mm[g.nz]]) {
          const u = toIndex([x, y, z]);
          for (let a = 0; a < 3; a++) {
            lo[a] = Math.min(lo[a], Math.max(0, Math.floor(u[a])));
            hi[a] = Math.max(hi[a], Math.min(size[a] - 1, Math.ceil(u[a])));
          }
        }
    return { ...m.space, size: [0, 1, 2].map((a) => hi[a] - lo[a] + 1) as ImageSpace['size'], origin_mm: indexToPoint(m.space, lo[0], lo[1], lo[2]) };
  }
  const X = g.x_edges_mm,
    Y = g.y_edges_mm,
    Z = g.z_edges_mm;
  const lx = X[g.nx] - X[0],
    ly = Y[g.ny] - Y[0],
    lz = Z[g.nz] - Z[0];
  let h = g.min_spacing_mm;
  while ((lx / h) * (ly / h) * (lz / h) > MAX_VOXELS) h *= 1.25;
  const n = [Math.max(1, Math.round(lx / h)), Math.max(1, Math.round(ly / h)), Math.max(1, Math.round(lz / h))] as [number, number, number];
  const sp = [lx / n[0], ly / n[1], lz / n[2]] as [number, number, number];
  return {
    size: n,
    spacing_mm: sp,
    origin_mm: [X[0] + sp[0] / 2, Y[0] + sp[1] / 2, Z[0] + sp[2] / 2],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
}

/**
 * NRRD volumes for 3D Slicer: the fields resampled (nearest cell) onto outputLattice.
 * Voxels outside the simulated domain (an image larger than it) read body temperature,
 * at which the domain's sides are held, and label 0.
 */
export function nrrdVolumes(r: RunResult, scene?: Scene): NrrdVolumes {
  const g = r.grid;
  const L = outputLattice(r, scene);
  const off = scene?.labelmap?.offset_mm ?? [0, 0, 0];
  const n = L.size[0] * L.size[1] * L.size[2];
  // The cell of every voxel, -1 outside the domain.
  const cell = new Int32Array(n);
  const X = g.x_edges_mm,
    Y = g.y_edges_mm,
    Z = g.z_edges_mm;
  const inside = (e: Float64Array, v: number) => v >= e[0] && v <= e[e.length - 1];
  let q = 0;
  for (let k = 0; k < L.size[2]; k++)
    for (let j = 0; j < L.size[1]; j++)
      for (let i = 0; i < L.size[0]; i++, q++) {
        const p = indexToPoint(L, i, j, k);
        const x = p[0] - off[0],
          y = p[1] - off[1],
          z = p[2] - off[2];
        cell[q] = inside(X, x) && inside(Y, y) && inside(Z, z) ? locate(X, x) + g.nx * (locate(Y, y) + g.ny * locate(Z, z)) : -1;
      }
  const body = scene?.body_temperature_c ?? 37;
  const temps = (src: ArrayLike<number>) => {
    const out = new Float32Array(n);
    for (let v = 0; v < n; v++) out[v] = cell[v] < 0 ? body : src[cell[v]];
    return out;
  };
  const labels = new Uint8Array(n);
  for (let v = 0; v < n; v++) labels[v] = cell[v] < 0 ? 0 : r.fields.labels[cell[v]];
  const iso = [...(scene?.outputs.isotherms_c ?? [0, -20, -40])].sort((a, b) => b - a);
  const reached = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (cell[v] < 0) continue;
    const t = r.fields.min_c[cell[v]];
    let c = 0;
    while (c < iso.length && t <= iso[c]) c++;
    reached[v] = c;
  }
  const frame = scene?.labelmap ? [`in the space of ${scene.labelmap.file ?? 'the labelmap'}`] : ['anatomy frame: x, y along the skin, z depth, mm'];
  return {
    final_temperature: nrrdFile('float', L, temps(r.fields.final_c), ['temperature at the end, degC', ...frame]),
    min_temperature: nrrdFile('float', L, temps(r.fields.min_c), ['lowest temperature reached, degC', ...frame]),
    labels: nrrdFile('uchar', L, labels, [`labels: ${r.fields.label_names.map((s, i) => `${i}=${s}`).join(', ')}`, ...frame]),
    isotherms: nrrdFile('uchar', L, reached, [
      `isotherms the lowest temperature reached: ${iso.map((t, i) => `${i + 1}=at or below ${t} degC`).join(', ')}; 0=none`,
      ...frame,
    ]),
  };
}
