import type { TubeStructure, Vec3 } from '../model.js';
import { insideGrid, type Grid } from '../grid/rectilinear.js';
import type { CrossSectionResult } from '../result.js';
import { perpendiculars } from './isotherm.js';
import { sampleField } from './sample.js';

/** Spacing of the sections along a nerve, mm. */
export const STATION_MM = 0.25;
/** Equal-area rings and points per ring that sample one section. */
export const RINGS = 6;
export const ANGLES = 16;

/** One cross-section of a nerve: where it is, the length of nerve it stands for, and its sample points. */
export interface NerveSection {
  center_mm: Vec3;
  /** Distance along the nerve's path, mm. */
  position_mm: number;
  /** Length of nerve the section stands for, mm. */
  length_mm: number;
  /** RINGS x ANGLES points of equal area over the section. */
  points: Vec3[];
}

/**
 * The sections along a nerve every STATION_MM (those whose centre lies in the grid) and
 * their sample points: the outcome model and the planner's block recorder read the same ones.
 */
export function nerveSections(g: Grid, tube: TubeStructure): NerveSection[] {
  const r = tube.diameter_mm / 2;
  const out: NerveSection[] = [];
  let s0 = 0;
  for (let seg = 0; seg + 1 < tube.path_mm.length; seg++) {
    const a = tube.path_mm[seg],
      b = tube.path_mm[seg + 1];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    if (len === 0) continue;
    const u: Vec3 = [(b[0] - a[0]) / len, (b[1] - a[1]) / len, (b[2] - a[2]) / len];
    const [e1, e2] = perpendiculars(u);
    const stations = Math.max(1, Math.round(len / STATION_MM));
    for (let s = 0; s < stations; s++) {
      const t = ((s + 0.5) * len) / stations;
      const c: Vec3 = [a[0] + u[0] * t, a[1] + u[1] * t, a[2] + u[2] * t];
      // (A direct call: a closure made in every run was a new call target each time, and the
      // compiled function was thrown away for it: "wrong call target".)
      if (!insideGrid(g, c)) continue;
      const points: Vec3[] = [];
      for (let ri = 0; ri < RINGS; ri++) {
        const rr = r * Math.sqrt((ri + 0.5) / RINGS);
        for (let ai = 0; ai < ANGLES; ai++) {
          const th = (2 * Math.PI * (ai + 0.5 * (ri % 2))) / ANGLES;
          const ca = Math.cos(th) * rr,
            sa = Math.sin(th) * rr;
          points.push([c[0] + ca * e1[0] + sa * e2[0], c[1] + ca * e1[1] + sa * e2[1], c[2] + ca * e1[2] + sa * e2[2]]);
        }
      }
      out.push({ center_mm: c, position_mm: s0 + t, length_mm: len / stations, points });
    }
    s0 += len;
  }
  return out;
}

/**
 * Finds the nerve's coldest cross-section from the lowest temperature each point
 * reached (minField), and reports which fraction of that section's area fell
 * below each threshold and over what length of nerve the whole section did.
 * A block is complete only where a whole cross-section froze (DESIGN.md section 4).
 */
export function coldestCrossSection(g: Grid, minField: ArrayLike<number>, tube: TubeStructure, thresholds: number[]): CrossSectionResult {
  let best: CrossSectionResult | null = null;
  let bestMean = Infinity;
  const frozen: Record<string, number> = Object.fromEntries(thresholds.map((t) => [String(t), 0]));
  for (const sec of nerveSections(g, tube)) {
    const below = new Float64Array(thresholds.length);
    let sum = 0;
    for (const p of sec.points) {
      const v = sampleField(g, minField, p[0], p[1], p[2]);
      sum += v;
      for (let q = 0; q < thresholds.length; q++) if (v <= thresholds[q]) below[q] += 1;
    }
    const npts = sec.points.length;
    const mean = sum / npts;
    const fraction_below: Record<string, number> = {};
    thresholds.forEach((thr, q) => {
      fraction_below[String(thr)] = below[q] / npts;
      if (below[q] === npts) frozen[String(thr)] += sec.length_mm;
    });
    if (mean < bestMean) {
      bestMean = mean;
      best = { center_mm: sec.center_mm, position_mm: sec.position_mm, fraction_below, frozen_length_mm: frozen };
    }
  }
  if (!best) {
    return { center_mm: tube.path_mm[0], position_mm: 0, fraction_below: Object.fromEntries(thresholds.map((t) => [String(t), 0])), frozen_length_mm: frozen };
  }
  return { ...best, frozen_length_mm: frozen };
}
