import type { NeedleProbe } from '../model.js';

/**
 * Conformal radius of a square of side s is 0.59017 s (its logarithmic capacity,
 * s Gamma(1/4)^2 / (4 pi^1.5); Polya & Szego 1951): far from it, a square prism
 * conducts heat exactly like a circular cylinder of that radius. A needle lying
 * along a grid axis is therefore represented by the square prism of side
 * r / 0.59017, whose faces the grid lines follow exactly: the probe then has the
 * same shape at every resolution and its exterior conduction matches the real
 * round needle, instead of a staircase that changes with the grid.
 */
export const SQUARE_CONFORMAL_RADIUS = 0.5901702;

/** Index of the grid axis a needle lies along, or -1 if it is oblique. */
export function needleAxis(p: NeedleProbe): number {
  const u = p.direction;
  for (let a = 0; a < 3; a++) if (Math.abs(u[a]) > 1 - 1e-9) return a;
  return -1;
}

/** Half the side of the square prism standing in for an axis-aligned needle, mm. */
export function squareHalfSide(p: NeedleProbe): number {
  return p.diameter_mm / 2 / SQUARE_CONFORMAL_RADIUS / 2;
}
