import type { Scene, TubeStructure, Vec3 } from '../../src/core/model.js';

/** A cross-section: the plane normal to one axis at a position, shown with two in-plane axes (u across, v = depth down). */
export interface Plane {
  /** Axis normal to the plane: 0 = x, 1 = y. Depth (z) is always the vertical axis. */
  normal: 0 | 1;
  at_mm: number;
  label: string;
}

/** A slice of a cell field on a plane: cell centres along u and v, values row by row (v rows of u). */
export interface Slice {
  plane: Plane;
  u_mm: number[];
  v_mm: number[];
  u_edges_mm: number[];
  v_edges_mm: number[];
  values: Float32Array;
}

const AXES = ['x', 'y', 'z'];

/** The centre of a probe's active segment (needle) or its face (contact). */
export function probeCentre(scene: Scene, i = 0): Vec3 | null {
  const p = scene.probes[i];
  if (!p) return null;
  if (p.kind === 'needle') {
    const h = p.active_length_mm / 2;
    return [p.tip_mm[0] - p.direction[0] * h, p.tip_mm[1] - p.direction[1] * h, p.tip_mm[2] - p.direction[2] * h];
  }
  return [p.center_mm[0], p.center_mm[1], 0];
}

export function firstNerve(scene: Scene): TubeStructure | null {
  const n = scene.structures.find((s) => s.kind === 'tube' && s.role === 'nerve');
  return n && n.kind === 'tube' ? n : null;
}

/** The first nerve's main direction along x or y (0 or 1), or null. */
export function nerveAxis(scene: Scene): 0 | 1 | null {
  const n = firstNerve(scene);
  if (!n) return null;
  const a = n.path_mm[0];
  const b = n.path_mm[n.path_mm.length - 1];
  return Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
}

/**
 * The two views a clinician knows from ultrasound: across the nerve (short axis) through
 * the probe's centre, and along it (long axis) through the nerve.
 */
export function defaultPlanes(scene: Scene): { across: Plane; along: Plane } {
  const c = probeCentre(scene) ?? [0, 0, 0];
  const axis = nerveAxis(scene) ?? 0;
  const other = (1 - axis) as 0 | 1;
  const nerve = firstNerve(scene);
  const alongAt = nerve ? nerve.path_mm[0][other] : c[other];
  const [a, b] = nerve ? ['across the nerve', 'along the nerve'] : ['through the probe', 'through the probe'];
  return {
    across: { normal: axis, at_mm: c[axis], label: `${a} (${AXES[axis]} = ${c[axis].toFixed(1)} mm)` },
    along: { normal: other, at_mm: alongAt, label: `${b} (${AXES[other]} = ${alongAt.toFixed(1)} mm)` },
  };
}

/** In-plane horizontal axis of a plane (the one that is neither its normal nor depth). */
export const planeU = (p: Plane): 0 | 1 => (1 - p.normal) as 0 | 1;

interface GridLike {
  nx: number;
  ny: number;
  nz: number;
  xe: ArrayLike<number>;
  ye: ArrayLike<number>;
  ze: ArrayLike<number>;
  xc: ArrayLike<number>;
  yc: ArrayLike<number>;
  zc: ArrayLike<number>;
}

function nearest(centres: ArrayLike<number>, v: number): number {
  let best = 0;
  for (let i = 1; i < centres.length; i++) if (Math.abs(centres[i] - v) < Math.abs(centres[best] - v)) best = i;
  return best;
}

/** Cuts a cell field (index i + nx*(j + ny*k), offset by `pad`) on a plane, through the nearest layer of cells. */
export function cut(g: GridLike, field: ArrayLike<number>, plane: Plane, pad = 0): Slice {
  const { nx, ny, nz } = g;
  const u = planeU(plane);
  const nu = u === 0 ? nx : ny;
  const fixed = nearest(plane.normal === 0 ? g.xc : g.yc, plane.at_mm);
  const values = new Float32Array(nu * nz);
  for (let k = 0; k < nz; k++)
    for (let a = 0; a < nu; a++) {
      const i = u === 0 ? a : fixed;
      const j = u === 0 ? fixed : a;
      values[k * nu + a] = field[pad + i + nx * (j + ny * k)];
    }
  return {
    plane,
    u_mm: Array.from(u === 0 ? g.xc : g.yc),
    v_mm: Array.from(g.zc),
    u_edges_mm: Array.from(u === 0 ? g.xe : g.ye),
    v_edges_mm: Array.from(g.ze),
    values,
  };
}
