import type { Scene, NeedleProbe, ContactProbe, SprayProbe } from '../model.js';
import { gradedEdgesThrough, featureSpacing } from './graded.js';
import { needleAxis } from '../probe/section.js';
import { makeGrid, type Grid } from './rectilinear.js';
import { needleSegments } from '../probe/needle.js';
import { labelmapSpacings } from './labelmap.js';
import { sprayRefinementBox } from './spray-box.js';
import { contactFrontDepthMm, needleFrontRadiusMm } from './front-extent.js';
import { DEFAULT_ACCURACY, spacingRatio, type FrontKind } from './error-model.js';

type Spacing = (x: number) => number;
interface AxisFeatures {
  x: Spacing[];
  y: Spacing[];
  z: Spacing[];
  fixed: [number[], number[], number[]];
}

/** Default grading ratio of neighbouring cells in `grid: auto`, beyond the fronts. */
export const DEFAULT_GROWTH = 1.25;
/** Default coarsest spacing, mm. */
export const DEFAULT_H_MAX_MM = 4.0;
/** Finest spacing at a contact probe's face, mm (before refinement): the skin's boundary layer. */
const CONTACT_FACE_SPACING_MM = 0.1;
/** No cell finer than this near a needle, mm (before refinement): a 0.3 mm probe still gets cells. */
const NEEDLE_MIN_SPACING_MM = 0.03;

/** The freezing interval (°C) of the tissue a front travels through: sharp fronts need finer cells. */
function intervalAt(scene: Scene, z: number): number {
  let depth = 0;
  for (const l of scene.layers) {
    depth += l.thickness_mm;
    const t = scene.tissues[l.tissue];
    if (z < depth && t) return t.liquidus_c - t.solidus_c;
  }
  const last = scene.layers[scene.layers.length - 1];
  const t = last ? scene.tissues[last.tissue] : undefined;
  return t ? t.liquidus_c - t.solidus_c : 7;
}

/**
 * Spacing (mm) at distance d beyond a probe's surface whose front reaches `reach`
 * beyond it: proportional to the front's distance from the probe's centre (ρ = r + d,
 * h = κ ρ: the error model's constant relative error at every moment), no finer than
 * hMin, and growing by `g` per cell beyond the front, where nothing happens.
 */
function frontGraded(kappa: number, r: number, reach: number, hMin: number, g: number) {
  const hFront = Math.max(hMin, kappa * (r + reach));
  return (d: number) => (d <= reach ? Math.max(hMin, kappa * (r + d)) : hFront + (g - 1) * (d - reach));
}

function addBox(f: AxisFeatures, lo: [number, number, number], hi: [number, number, number], h: (d: number) => number) {
  const axes = ['x', 'y', 'z'] as const;
  axes.forEach((a, i) => {
    const lo_ = lo[i];
    const hi_ = hi[i];
    f[a].push((v: number) => h(v < lo_ ? lo_ - v : v > hi_ ? v - hi_ : 0));
  });
}

/** κ of a front of this kind in the tissue at depth z, from the accuracy the grid asks for. */
function kappaFor(scene: Scene, kind: FrontKind, z: number): number {
  const spec = scene.grid;
  const accuracy = (spec.kind === 'auto' ? spec.accuracy : undefined) ?? DEFAULT_ACCURACY;
  return spacingRatio(accuracy, kind, intervalAt(scene, z));
}

function needleFeatures(f: AxisFeatures, scene: Scene, p: NeedleProbe, ref: number, g: number, hMinSpec?: number) {
  const axis = needleAxis(p);
  // The needle is round at any angle (an embedded boundary: solver/problem.ts); an
  // axis-aligned one has grid planes through the ends of its active segment.
  const r = p.diameter_mm / 2;
  const { active, shaft } = needleSegments(p);
  if (axis >= 0) f.fixed[axis].push(active[0][axis], active[1][axis]);
  const mid = 0.5 * (active[0][2] + active[1][2]);
  const spec = scene.grid.kind === 'auto' ? scene.grid : undefined;
  const reach = Math.max(0, needleFrontRadiusMm(scene, p) - r);
  // An explicit front spacing fixes κ at the estimated front.
  let kappa = kappaFor(scene, 'needle', mid);
  if (spec?.h_front_mm !== undefined) kappa = spec.h_front_mm / (r + reach);
  // A tenth of the diameter at most at the probe's surface: the steep near-probe
  // gradient decides how much heat the probe draws.
  const hMin = (hMinSpec ?? Math.max(NEEDLE_MIN_SPACING_MM, Math.min(kappa * r, p.diameter_mm / 10))) * ref;
  const grade = frontGraded(kappa * ref, r, reach, hMin, g);
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
    const hs = Math.max(hMin, (p.diameter_mm / 3) * ref);
    const hAlong = Math.max(hs, kappa * ref * (r + reach));
    for (let a = 0; a < 3; a++) {
      const h = a === axis ? hAlong : hs;
      f[axes[a]].push(featureBox(slo[a], shi[a], (d) => h + (g - 1) * d));
    }
  }
}

/**
 * A contact probe's planar front runs down from the skin to the Neumann depth: spacing
 * proportional to depth there (the error model), coarsening below it; across, the rim.
 */
function contactFeatures(f: AxisFeatures, scene: Scene, p: ContactProbe | SprayProbe, ref: number, g: number, hMinSpec?: number) {
  const r = p.diameter_mm / 2;
  const reach = contactFrontDepthMm(scene, p);
  const spec = scene.grid.kind === 'auto' ? scene.grid : undefined;
  let kappa = kappaFor(scene, 'planar', 0.5 * reach);
  if (spec?.h_front_mm !== undefined && reach > 0) kappa = spec.h_front_mm / reach;
  const hz = (hMinSpec ?? Math.min(CONTACT_FACE_SPACING_MM, Math.max(NEEDLE_MIN_SPACING_MM, kappa * reach))) * ref;
  f.z.push((z) => frontGraded(kappa * ref, 0, reach, hz, g)(Math.abs(z)));
  // Across, the rim is where the field bends; under the plate's middle it is planar.
  const hl = Math.min(0.5, Math.max(0.1, p.diameter_mm / 20)) * ref;
  const rim = (c: number) => (v: number) => Math.min(featureSpacing(c - r, c - r, hl, g)(v), featureSpacing(c + r, c + r, hl, g)(v));
  f.x.push(rim(p.center_mm[0]));
  f.y.push(rim(p.center_mm[1]));
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
      contactFeatures(f, scene, p, ref, g, spec.h_min_mm);
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
