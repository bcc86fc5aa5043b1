import type { AblationSpec, Scene, Structure, Vec3 } from '../model.js';
import type { RunResult } from '../result.js';
import type { Risk } from './types.js';

/** The six sides of a target, by the axis and sign of the direction from its centre. */
export const SIDES = ['-x', '+x', '-y', '+y', '-z', '+z'] as const;
export type Side = (typeof SIDES)[number];

export interface AblationCycle {
  /** 'end of freeze 1', ...; 'whole procedure' for the coldest each point reached over the run. */
  moment: string;
  time_s: number;
  /** Fraction (0..1) of the target's volume at or below the lethal and the partial-kill isotherms. */
  fraction_lethal: number;
  fraction_partial: number;
}

export interface AblationLimitResult {
  structure: string;
  complication: string;
  limit_c: number;
  /** Coldest temperature the structure reached; null when it has no grid cell. */
  coldest_c: number | null;
  risk: Risk;
  basis: string;
}

export interface AblationOutcome {
  target: string;
  target_volume_ml: number;
  lethal_c: number;
  partial_c: number;
  /** Coverage by the end of each freeze (coldest so far), then over the whole procedure. */
  cycles: AblationCycle[];
  /** Target volume that never reached the lethal isotherm, ml; by side of the target's centre; its centroid. */
  uncovered_ml: number;
  uncovered_by_side_ml: Record<Side, number>;
  uncovered_centroid_mm: Vec3 | null;
  /**
   * How far beyond the target's surface (its capsule) each isotherm reached, mm, largest
   * per side (keys: '0', lethal): measured along the ray from the centre, exact for a
   * sphere; null for targets other than an ellipsoid or a sphere.
   */
  beyond_capsule_mm: Record<string, Record<Side, number>> | null;
  limits: AblationLimitResult[];
  /** The sides in words, where the case names them. */
  side_names?: Record<string, string>;
  basis: string;
}

/** Risk is 'moderate' when the coldest temperature comes this close to the limit (an estimate: the spread of thermocouple readings a few mm apart). */
export const LIMIT_WARNING_MARGIN_C = 5;

function sideOf(d: Vec3, scale: Vec3): Side {
  let best = 0;
  let bestV = -1;
  for (let a = 0; a < 3; a++) {
    const v = Math.abs(d[a] / scale[a]);
    if (v > bestV) {
      bestV = v;
      best = a;
    }
  }
  return `${d[best] < 0 ? '-' : '+'}${'xyz'[best]}` as Side;
}

const zeroSides = (): Record<Side, number> => ({ '-x': 0, '+x': 0, '-y': 0, '+y': 0, '-z': 0, '+z': 0 });

/** Centre and semi-axes of a target that has them. */
function targetShape(s: Structure | undefined): { center: Vec3; axes: Vec3 } | null {
  if (!s) return null;
  if (s.kind === 'ellipsoid') return { center: s.center_mm, axes: s.semi_axes_mm };
  if (s.kind === 'sphere') return { center: s.center_mm, axes: [s.diameter_mm / 2, s.diameter_mm / 2, s.diameter_mm / 2] };
  return null;
}

/**
 * The ablation outcome: how much of the target reached the lethal isotherm after
 * each cycle, what was missed and where, how far the cold reached past the capsule,
 * and each organ at risk's coldest temperature against its limit.
 */
export function ablationOutcome(scene: Scene, result: RunResult, spec: AblationSpec): AblationOutcome {
  const f = result.fields;
  const g = result.grid;
  const region = f.label_names.indexOf(spec.target);
  const nx = g.nx,
    ny = g.ny;
  const centre = (e: Float64Array, i: number) => 0.5 * (e[i] + e[i + 1]);
  const width = (e: Float64Array, i: number) => e[i + 1] - e[i];
  const targetCells: number[] = [];
  const vol = new Float64Array(g.cells);
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const c = i + nx * (j + ny * k);
        vol[c] = width(g.x_edges_mm, i) * width(g.y_edges_mm, j) * width(g.z_edges_mm, k) * 1e-3;
        if (f.labels[c] === region) targetCells.push(c);
      }
  const pos = (c: number): Vec3 => {
    const i = c % nx,
      j = Math.floor(c / nx) % ny,
      k = Math.floor(c / (nx * ny));
    return [centre(g.x_edges_mm, i), centre(g.y_edges_mm, j), centre(g.z_edges_mm, k)];
  };
  let total = 0;
  for (const c of targetCells) total += vol[c];
  const fractions = (field: ArrayLike<number>) => {
    let lethal = 0,
      partial = 0;
    for (const c of targetCells) {
      if (field[c] <= spec.lethal_c) lethal += vol[c];
      if (field[c] <= spec.partial_c) partial += vol[c];
    }
    return { fraction_lethal: total > 0 ? lethal / total : 0, fraction_partial: total > 0 ? partial / total : 0 };
  };

  const cycles: AblationCycle[] = [];
  const coldest = new Float32Array(g.cells).fill(Infinity);
  for (const s of result.snapshots) {
    if (!s.moment.startsWith('end of freeze')) continue;
    for (let c = 0; c < g.cells; c++) if (s.temperature_c[c] < coldest[c]) coldest[c] = s.temperature_c[c];
    cycles.push({ moment: s.moment, time_s: s.time_s, ...fractions(coldest) });
  }
  cycles.push({ moment: 'whole procedure', time_s: result.simulated_s, ...fractions(f.min_c) });

  const structure = scene.structures.find((s) => s.name === spec.target);
  const shape = targetShape(structure);
  let cx = 0,
    cy = 0,
    cz = 0,
    cw = 0;
  for (const c of targetCells) {
    const p = pos(c);
    cx += p[0] * vol[c];
    cy += p[1] * vol[c];
    cz += p[2] * vol[c];
    cw += vol[c];
  }
  const center: Vec3 = shape?.center ?? (cw > 0 ? [cx / cw, cy / cw, cz / cw] : [0, 0, 0]);
  const scale: Vec3 = shape?.axes ?? [1, 1, 1];
  const bySide = zeroSides();
  let uncovered = 0;
  const uc: Vec3 = [0, 0, 0];
  for (const c of targetCells) {
    if (f.min_c[c] <= spec.lethal_c) continue;
    const p = pos(c);
    uncovered += vol[c];
    for (let a = 0; a < 3; a++) uc[a] += p[a] * vol[c];
    bySide[sideOf([p[0] - center[0], p[1] - center[1], p[2] - center[2]], scale)] += vol[c];
  }

  let beyond: AblationOutcome['beyond_capsule_mm'] = null;
  if (shape) {
    const isotherms = [0, spec.lethal_c];
    beyond = Object.fromEntries(isotherms.map((t) => [String(t), zeroSides()]));
    const probeLabels = new Set(f.label_names.flatMap((n, i) => (scene.probes.some((p) => p.id === n || `${p.id} shaft` === n) ? [i] : [])));
    for (let c = 0; c < g.cells; c++) {
      if (f.labels[c] === region || probeLabels.has(f.labels[c]) || f.min_c[c] > 0) continue;
      const p = pos(c);
      const d: Vec3 = [p[0] - center[0], p[1] - center[1], p[2] - center[2]];
      const rho = Math.hypot(d[0] / scale[0], d[1] / scale[1], d[2] / scale[2]);
      if (rho <= 1) continue;
      const out = Math.hypot(d[0], d[1], d[2]) * (1 - 1 / rho);
      const side = sideOf(d, scale);
      for (const t of isotherms) if (f.min_c[c] <= t && out > beyond[String(t)][side]) beyond[String(t)][side] = out;
    }
  }

  const limits = spec.limits.map((l): AblationLimitResult => {
    const s = result.structures.find((r) => r.name === l.structure);
    const cold = s && Number.isFinite(s.min_temperature_c) ? s.min_temperature_c : null;
    const risk: Risk = cold === null ? 'not_modelled' : cold <= l.limit_c ? 'high' : cold <= l.limit_c + LIMIT_WARNING_MARGIN_C ? 'moderate' : 'low';
    return { structure: l.structure, complication: l.complication, limit_c: l.limit_c, coldest_c: cold, risk, basis: l.basis };
  });

  return {
    target: spec.target,
    target_volume_ml: total,
    lethal_c: spec.lethal_c,
    partial_c: spec.partial_c,
    cycles,
    uncovered_ml: uncovered,
    uncovered_by_side_ml: bySide,
    uncovered_centroid_mm: uncovered > 0 ? [uc[0] / uncovered, uc[1] / uncovered, uc[2] / uncovered] : null,
    beyond_capsule_mm: beyond,
    limits,
    ...(spec.side_names ? { side_names: spec.side_names } : {}),
    basis:
      `Cells of '${spec.target}' whose coldest temperature reached ${spec.lethal_c} °C count as killed (${spec.partial_c} °C: the band where killing is partial); ` +
      `an organ at risk is 'high' when its coldest point reaches its limit, 'moderate' within ${LIMIT_WARNING_MARGIN_C} °C of it (estimate).`,
  };
}
