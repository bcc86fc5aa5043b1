/**
 * The auto grid's error model: how far off an isotherm volume is for a given spacing
 * at the ice front, so that `grid: {auto: {accuracy}}` can pick the spacing.
 *
 * The enthalpy front is smeared over about a cell, so the relative error of a front at
 * distance ρ from the probe (radius from a needle's axis, depth under a plate) is first
 * order in h/ρ:  e ≈ C · h/ρ.  Taking the spacing proportional to ρ, h = κ ρ, keeps that
 * error the same at every moment of the freeze (early fronts are small and need fine
 * cells; late ones are large and tolerate coarse ones), and κ = accuracy / C.
 *
 * C is measured, as the envelope of the errors over a range of spacings:
 * - PLANAR_SHARP: a planar front with a narrow freezing interval (0.2 °C) against
 *   Neumann's exact solution, uniform spacings 0.2-1.6 mm, fronts 2-9 mm deep: the
 *   front jumps cell by cell, |e| ≤ 0.42 h/ρ.
 * - PLANAR_MUSHY: the same with tissue's -8 to -1 °C interval against the same model
 *   on a 0.05 mm grid: a smooth front, |e| ≤ 0.13 h/ρ.
 * - NEEDLE: the isotherm volumes (0, -20, -40 °C) of the reference case (2 mm needle at
 *   -70 °C in muscle, 3 minutes) against the Richardson-extrapolated volumes of the
 *   grid family (npm run convergence); fitted there and checked on the intercostal
 *   preset (README, grid convergence). The fit's envelope is about 0.05; 0.07 is the
 *   measured choice with headroom: on the reference case it gives 32k cells and
 *   -0.2 / -0.7 / -1.0 % against the converged 1.786 / 0.435 / 0.112 ml (0.05: 16k cells,
 *   -2.2 / -2.7 / -0.9 %; 0.1: 77k cells, +0.1 / -0.9 / -1.5 %), and the intercostal
 *   preset within 0.5 / 0.8 / 1.9 % of its 0.1 grid. Re-measured 2026-12-02 against the
 *   extrapolated volumes of nested families in their asymptotic range (orders ≥ 1.5): the
 *   default grids are +0.0 / +0.2 / +0.4 % (reference, 32k cells) and -0.5 / -0.8 / -0.2 %
 *   (intercostal, 70k) off. These are the volumes runs report (the uniform spread); the
 *   linear-exact fraction (isotherm.ts) gives -0.9 / -0.3 / -0.2 % and -0.9 / -1.1 / -1.1 %,
 *   and at accuracy 0.028 -2.9 % (reference, 0 °C): with it this constant would want to be
 *   about 0.073 (README, grid convergence).
 */

/** Relative volume error per unit h/ρ (see above). */
export const ERROR_CONSTANT = {
  planarSharp: 0.42,
  planarMushy: 0.13,
  needle: 0.07,
  /**
   * A needle in a medium with a sharp front (a narrow freezing interval): the planar
   * ratio of sharp to mushy carried over from the first fit (0.1 × 0.42 / 0.13), which
   * keeps Paterson's line sink within 2 % of its frozen area (0.07 × 0.42 / 0.13: -2.3 %).
   */
  needleSharp: 0.32,
} as const;

/** Freezing intervals narrower than this (°C) make the front jump from cell to cell. */
export const SHARP_INTERVAL_C = 2;

/** `grid: auto` promises this relative accuracy on the isotherm volumes. */
export const DEFAULT_ACCURACY = 0.02;

export type FrontKind = 'needle' | 'planar';

export function errorConstant(kind: FrontKind, intervalC: number): number {
  const sharp = intervalC < SHARP_INTERVAL_C;
  if (kind === 'needle') return sharp ? ERROR_CONSTANT.needleSharp : ERROR_CONSTANT.needle;
  return sharp ? ERROR_CONSTANT.planarSharp : ERROR_CONSTANT.planarMushy;
}

/** κ = h/ρ: the spacing, relative to the front's distance, that meets `accuracy`. */
export function spacingRatio(accuracy: number, kind: FrontKind, intervalC: number): number {
  if (!(accuracy > 0)) throw new RangeError(`accuracy must be > 0 (got ${accuracy})`);
  return accuracy / errorConstant(kind, intervalC);
}

/** Predicted relative volume error of a front at distance ρ (mm) resolved by spacing h (mm). */
export function predictedError(hMm: number, rhoMm: number, kind: FrontKind, intervalC: number): number {
  return (errorConstant(kind, intervalC) * hMm) / rhoMm;
}
