import type { NeedleProbe, Vec3 } from '../model.js';

export type Segment = [Vec3, Vec3];

/** Length of shaft drawn when a probe runs parallel to the skin (it is clipped to the domain). */
const PARALLEL_SHAFT_MM = 1000;

/**
 * The active segment (ending at the tip) and the shaft (from the skin, or far
 * outside the domain, to the start of the active segment).
 */
export function needleSegments(p: NeedleProbe): { active: Segment; shaft: Segment | null } {
  const u = p.direction;
  const back: Vec3 = [p.tip_mm[0] - u[0] * p.active_length_mm, p.tip_mm[1] - u[1] * p.active_length_mm, p.tip_mm[2] - u[2] * p.active_length_mm];
  // A warming catheter lies in a natural passage (the urethra): nothing of it crosses the skin.
  if (p.purpose === 'warming') return { active: [back, p.tip_mm], shaft: null };
  // Going back along -u, the shaft leaves the body where z reaches 0.
  const len = u[2] > 1e-9 ? back[2] / u[2] : PARALLEL_SHAFT_MM;
  if (len <= 0) return { active: [back, p.tip_mm], shaft: null };
  const entry: Vec3 = [back[0] - u[0] * len, back[1] - u[1] * len, back[2] - u[2] * len];
  return { active: [back, p.tip_mm], shaft: [entry, back] };
}

/** Lateral area of the active segment, m^2 (through it the cryogen draws heat). */
export function activeSurfaceM2(p: NeedleProbe): number {
  return Math.PI * p.diameter_mm * 1e-3 * p.active_length_mm * 1e-3;
}
