import type { Simulation } from '../../src/core/solver/simulate.js';
import { locate } from '../../src/core/grid/rectilinear.js';

/**
 * Position along a grid line (through the cell centres nearest to `at`) where the
 * temperature first crosses `level`, going from the start of the axis outwards,
 * by linear interpolation between cell centres. Returns NaN if it never does.
 */
export function crossing(sim: Simulation, axis: 0 | 1 | 2, at: [number, number, number], level: number, from?: number): number {
  const g = sim.grid;
  const edges = [g.xe, g.ye, g.ze];
  const centres = [g.xc, g.yc, g.zc];
  const idx = [0, 1, 2].map((a) => locate(edges[a], at[a]));
  const n = [g.nx, g.ny, g.nz][axis];
  const start = from === undefined ? 0 : locate(edges[axis], from);
  const T = (m: number) => {
    const ijk = [...idx];
    ijk[axis] = m;
    return sim.stepper.temperatureAt(ijk[0] + g.nx * (ijk[1] + g.ny * ijk[2]));
  };
  for (let m = start; m + 1 < n; m++) {
    const a = T(m),
      b = T(m + 1);
    if ((a - level) * (b - level) <= 0 && a !== b) {
      const c = centres[axis];
      return c[m] + ((level - a) / (b - a)) * (c[m + 1] - c[m]);
    }
  }
  return NaN;
}

/** Runs the simulation until `t`, which must be a phase boundary. */
export function runUntil(sim: Simulation, t: number): void {
  while (sim.time < t - 1e-9) sim.advance();
}
