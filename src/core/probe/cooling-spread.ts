import type { CatalogueProbe } from './catalogue-types.js';

/** How uncertain a probe's cooling is, as the planner draws it: a relative standard deviation of h (log-normal), and why. */
export interface CoolingSpread {
  /** exp(sigma of ln h) - 1: the planner's `uncertainty.probe` (src/core/plan/perturb.ts draws h * (1 + this)^z). */
  relative_sd: number;
  /** Where the figure comes from, in words. */
  basis: string;
}

/** z of the 97.5th percentile: the band is read as a 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The spread of a catalogue probe's h from its calibration band (docs/calibration.md): the
 * band is the h that the fitted measurement's tolerance allows, read as a central 95 %
 * interval of ln h, so sigma = ln(hi / lo) / (2 × 1.96). A band open above (the measured
 * size saturates) is mirrored about the fitted h in ln h. null when the probe has no band
 * (not calibrated): the caller keeps its own estimate.
 */
export function coolingSpread(p: CatalogueProbe): CoolingSpread | null {
  const band = p.calibration?.h_band_w_m2k;
  if (!band || p.cooling.mode !== 'cryogen') return null;
  const h = p.cooling.h_w_m2k;
  const [lo, hiGiven] = band;
  const hi = hiGiven ?? (h * h) / lo;
  const sigma = Math.log(hi / lo) / (2 * Z95);
  const from = p.calibration?.transferred_from ? ` (carried over from ${p.calibration.transferred_from})` : '';
  return {
    relative_sd: Math.expm1(sigma),
    basis: `${p.id}: its calibration band h = ${lo}-${hiGiven ?? `above ${lo}`} W/m²/K${from} read as a 95 % interval (docs/calibration.md)`,
  };
}
