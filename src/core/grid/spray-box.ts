import type { Cooling, Scene, SprayProbe } from '../model.js';
import { coldestTemperature } from './front-extent.js';
import { freezeTime } from '../protocol/schedule.js';

/** A rough reach of the ice from a cold surface (sqrt(t) growth scaled by the cooling's depth below zero), mm. */
function expectedIceRadiusMm(scene: Scene, cooling: Cooling, radiusMm: number): number {
  const t = freezeTime(scene.protocol);
  const dT = Math.max(0, -coldestTemperature(cooling));
  return radiusMm + 0.45 * Math.sqrt(t) * Math.sqrt(Math.max(dT, 10) / 70) + 1.5;
}

/** The box under a spray's spot that the auto grid keeps fine, and the spacing in it. */
export interface RefinementBox {
  lo: [number, number, number];
  hi: [number, number, number];
  /** Spacing inside the box, mm (already times the grid's refinement). */
  h_mm: number;
}

/**
 * Where a spray's ice forms: the spot, widened on every side by the ice's expected
 * reach, and as deep as that reach. A spray freezes a lens under its spot that
 * spreads past the spot's edge about as far as it goes deep ("the depth of freezing
 * is equal to the radius of the surface freeze": Jester 1997, Prim Care 24:269), so
 * the same reach bounds the box laterally and in depth. Inside it cells are a
 * twenty-fifth of the spot (0.2-0.4 mm), fine enough to place the lethal isotherm
 * against 1-2 mm clinical margins by interpolation; the grid's growth takes over
 * outside (the skin's own grading keeps the first cells under the spot 0.1 mm deep). The reach is the sqrt(t) heuristic below (expectedIceRadiusMm),
 * which for the cryogen's -196 °C and 30 s gives about 5.6 mm.
 */
export function sprayRefinementBox(scene: Scene, p: SprayProbe, refinement: number): RefinementBox {
  const r = p.diameter_mm / 2;
  const reach = expectedIceRadiusMm(scene, p.cooling, 0);
  const h = Math.min(0.4, Math.max(0.2, p.diameter_mm / 25)) * refinement;
  const d = scene.domain;
  const clamp = (v: number, a: number, b: number) => Math.min(b, Math.max(a, v));
  return {
    lo: [clamp(p.center_mm[0] - r - reach, d.x_mm[0], d.x_mm[1]), clamp(p.center_mm[1] - r - reach, d.y_mm[0], d.y_mm[1]), 0],
    hi: [clamp(p.center_mm[0] + r + reach, d.x_mm[0], d.x_mm[1]), clamp(p.center_mm[1] + r + reach, d.y_mm[0], d.y_mm[1]), Math.min(d.depth_mm, reach)],
    h_mm: h,
  };
}
