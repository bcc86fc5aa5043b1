import type { Scene, NeedleProbe, Cooling } from '../model.js';
import { gradedEdgesThrough, featureSpacing } from './graded.js';
import { needleAxis } from '../probe/section.js';
import { makeGrid, type Grid } from './rectilinear.js';
import { needleSegments } from '../probe/needle.js';
import { freezeTime } from '../protocol/schedule.js';
import { labelmapSpacings } from './labelmap.js';
import { sprayRefinementBox } from './spray-box.js';

type Spacing = (x: number) => number;
interface AxisFeatures {
  x: Spacing[];
  y: Spacing[];
  z: Spacing[];
  fixed: [number[], number[], number[]];
}

/** Default grading ratio of neighbouring cells in `grid: auto`. */
export const DEFAULT_GROWTH = 1.25;
/** Default coarsest spacing, mm. */
export const DEFAULT_H_MAX_MM = 4.0;
/**
 * Spacing inside the region a needle's ice front is expected to sweep, mm (times
 * refinement). 1.6 since the front's faces carry the Kirchhoff potential (solver):
 * with 0.2 mm at the probe it puts the reference case within 2 % of the converged
 * volumes at 62k cells (README, grid convergence), where 0.8 mm and 146k cells
 * with harmonic faces were 5-7 % short.
 */
export const ICE_FRONT_SPACING_MM = 1.6;
/** The same for a contact probe's planar front (not re-measured with the Kirchhoff faces: kept). */
export const CONTACT_FRONT_SPACING_MM = 0.8;

function coldestTemperature(c: Cooling): number {
  // A loop, not Math.min(...curve): a logged probe trace has far more points than a call takes arguments.
  if (c.mode === 'temperature') return c.curve.reduce((m, p) => Math.min(m, p[1]), Infinity);
  if (c.mode === 'cryogen') return c.temperature_c;
  return -70;
}

/**
 * Radius the ice is expected to reach, used only to decide where the grid must
 * stay fine. Heuristic from this solver's own converged runs: a 2 mm needle at
 * -70 degC in muscle grows a 0 degC front about 0.45 sqrt(t) mm beyond its surface
 * (5.4 mm after 3 min); colder cryogens reach further, scaling with the square root
 * of the driving temperature difference; 1.5 mm of margin. The grid convergence
 * study, not this estimate, is what verifies the resolution.
 */
export function expectedIceRadiusMm(scene: Scene, cooling: Cooling, radiusMm: number): number {
  const t = freezeTime(scene.protocol);
  const dT = Math.max(0, -coldestTemperature(cooling));
  return radiusMm + 0.45 * Math.sqrt(t) * Math.sqrt(Math.max(dT, 10) / 70) + 1.5;
}

function addBox(f: AxisFeatures, lo: [number, number, number], hi: [number, number, number], h: (d: number) => number) {
  const axes = ['x', 'y', 'z'] as const;
  axes.forEach((a, i) => {
    const lo_ = lo[i];
    const hi_ = hi[i];
    f[a].push((v: number) => h(v < lo_ ? lo_ - v : v > hi_ ? v - hi_ : 0));
  });
}

function iceGraded(h0: number, hIce: number, rIce: number, g: number) {
  return (d: number) => (d < rIce ? Math.min(h0 + (g - 1) * d, hIce) : hIce + (g - 1) * (d - rIce));
}

function needleFeatures(f: AxisFeatures, scene: Scene, p: NeedleProbe, ref: number, g: number, hMin?: number) {
  const axis = needleAxis(p);
  // The needle is round at any angle (an embedded boundary: solver/problem.ts); an
  // axis-aligned one has grid planes through the ends of its active segment.
  const r = p.diameter_mm / 2;
  const { active, shaft } = needleSegments(p);
  if (axis >= 0) f.fixed[axis].push(active[0][axis], active[1][axis]);
  // A tenth of the diameter: the steep near-probe gradient decides how much heat the
  // probe draws, and so the ice ball's size (grid study in the README).
  const h0 = (hMin ?? Math.min(0.2, Math.max(0.05, p.diameter_mm / 10))) * ref;
  const rIce = expectedIceRadiusMm(scene, p.cooling, r);
  const hFront = (scene.grid.kind === 'auto' ? scene.grid.h_front_mm : undefined) ?? ICE_FRONT_SPACING_MM;
  const grade = iceGraded(h0, Math.max(h0, hFront * ref), rIce, g);
  const lo = [0, 1, 2].map((i) => Math.min(active[0][i], active[1][i]) - r) as [number, number, number];
  const hi = [0, 1, 2].map((i) => Math.max(active[0][i], active[1][i]) + r) as [number, number, number];
  const axes = ['x', 'y', 'z'] as const;
  if (axis >= 0) {
    // Across the needle the gradients are steep everywhere along it; along it, only
    // near its ends: grade from the two ends rather than over the whole segment.
    for (let a = 0; a < 3; a++) {
      // The probe's inside is held or steel: only its faces need fine cells.
      const e0 = a === axis ? active[0][a] : lo[a];
      const e1 = a === axis ? active[1][a] : hi[a];
      f[axes[a]].push((v) => grade(Math.min(Math.abs(v - e0), Math.abs(v - e1))));
    }
  } else {
    addBox(f, lo, hi, grade);
  }
  if (shaft) {
    const slo = [0, 1, 2].map((i) => Math.min(shaft[0][i], shaft[1][i]) - r) as [number, number, number];
    const shi = [0, 1, 2].map((i) => Math.max(shaft[0][i], shaft[1][i]) + r) as [number, number, number];
    const hs = Math.max(h0, (p.diameter_mm / 3) * ref);
    const hAlong = Math.max(hs, hFront * ref);
    for (let a = 0; a < 3; a++) {
      const h = a === axis ? hAlong : hs;
      f[axes[a]].push(featureBox(slo[a], shi[a], (d) => h + (g - 1) * d));
    }
  }
}

function featureBox(lo: number, hi: number, h: (d: number) => number): Spacing {
  return (v: number) => h(v < lo ? lo - v : v > hi ? v - hi : 0);
}

/** Builds the grid a scene asks for (`auto`: graded towards probes, nerves and the skin). */
export function buildGrid(scene: Scene): Grid {
  const d = scene.domain;
  const spec = scene.grid;
  if (spec.kind === 'edges') return makeGrid(spec.x_mm, spec.y_mm, spec.z_mm);
  if (spec.kind === 'uniform') {
    const lin = (a: number, b: number) => {
      const n = Math.max(1, Math.round((b - a) / spec.spacing_mm));
      return Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);
    };
    return makeGrid(lin(d.x_mm[0], d.x_mm[1]), lin(d.y_mm[0], d.y_mm[1]), lin(0, d.depth_mm));
  }
  const ref = spec.refinement;
  const g = spec.growth ?? DEFAULT_GROWTH;
  const hMax = (spec.h_max_mm ?? DEFAULT_H_MAX_MM) * ref;
  const f: AxisFeatures = { x: [], y: [], z: [], fixed: [[], [], []] };

  for (const p of scene.probes) {
    if (p.kind === 'needle') needleFeatures(f, scene, p, ref, g, spec.h_min_mm);
    else {
      const r = p.diameter_mm / 2;
      const hz = (spec.h_min_mm ?? 0.1) * ref;
      const rIce = expectedIceRadiusMm(scene, p.cooling, 0);
      f.z.push((z) => iceGraded(hz, Math.max(hz, CONTACT_FRONT_SPACING_MM * ref), rIce, g)(Math.abs(z)));
      const hl = Math.min(0.5, Math.max(0.1, p.diameter_mm / 20)) * ref;
      f.x.push(featureSpacing(p.center_mm[0] - r, p.center_mm[0] + r, hl, g));
      f.y.push(featureSpacing(p.center_mm[1] - r, p.center_mm[1] + r, hl, g));
      // A spray's ice spreads past its spot: fine cells over the whole lens (grid/spray-box.ts).
      if (p.kind === 'spray') {
        const box = sprayRefinementBox(scene, p, ref);
        addBox(f, box.lo, box.hi, (dist) => box.h_mm + (g - 1) * dist);
      }
    }
  }
  // The skin: fine enough to resolve its layer and the surface boundary layer.
  if (scene.layers.length > 0) {
    const skin = Math.min(0.25, Math.max(0.05, scene.layers[0].thickness_mm / 4)) * ref;
    f.z.push(featureSpacing(0, 0, skin, g));
    let depth = 0;
    for (const layer of scene.layers.slice(0, -1)) {
      depth += layer.thickness_mm;
      f.z.push(featureSpacing(depth, depth, 0.5 * ref, g));
    }
  }
  // Tubes (nerves, vessels): refine across each segment, not along it.
  for (const s of scene.structures) {
    if (s.kind !== 'tube') continue;
    const r = s.diameter_mm / 2;
    const h0 = Math.min(0.5, Math.max(0.08, s.diameter_mm / 6)) * ref;
    for (let i = 0; i + 1 < s.path_mm.length; i++) {
      const a = s.path_mm[i];
      const b = s.path_mm[i + 1];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) || 1;
      (['x', 'y', 'z'] as const).forEach((ax, k) => {
        if (Math.abs(b[k] - a[k]) / len < 0.5) {
          f[ax].push(featureSpacing(Math.min(a[k], b[k]) - r, Math.max(a[k], b[k]) + r, h0, g));
        }
      });
    }
  }
  // A labelled image: fine where its regions meet (grid/labelmap.ts).
  if (scene.labelmap) for (const [ax, fn] of labelmapSpacings(scene.labelmap, d, ref, g)) f[ax].push(fn);
  const axisSpacing = (list: Spacing[]) => (v: number) => {
    let h = hMax;
    for (const fn of list) h = Math.min(h, fn(v));
    return h;
  };
  return makeGrid(
    gradedEdgesThrough(d.x_mm[0], d.x_mm[1], axisSpacing(f.x), f.fixed[0], 2),
    gradedEdgesThrough(d.y_mm[0], d.y_mm[1], axisSpacing(f.y), f.fixed[1], 2),
    gradedEdgesThrough(0, d.depth_mm, axisSpacing(f.z), f.fixed[2], 2),
  );
}
