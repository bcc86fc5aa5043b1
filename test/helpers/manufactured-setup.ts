/**
 * A manufactured-solution problem run through the solver's own Stepper (see
 * test/verification/manufactured.test.ts): a perfused medium with conductivity
 * varying across the box, on smoothly graded grids, the source that makes a known
 * field exact fed in as a heat source per cell.
 */
import type { ManufacturedSolution } from '../../src/core/analytic/index.js';
import { makeGrid } from '../../src/core/grid/rectilinear.js';
import { rasterise } from '../../src/core/anatomy/raster.js';
import { buildProblem, type Problem } from '../../src/core/solver/problem.js';
import { allocateConditions, evaluateConditions } from '../../src/core/solver/conditions.js';
import { Stepper } from '../../src/core/solver/step.js';
import { phaseWindows } from '../../src/core/protocol/schedule.js';
import { enthalpy } from '../../src/core/tissue/enthalpy.js';
import { baseScene, customTissue } from './scene.js';

/** Edges on [0, L] from a smooth stretching of n equal intervals (cells differ by up to ~1.9x across the box). */
function stretched(L: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const s = i / n;
    return L * (s + 0.3 * Math.sin(Math.PI * s) * s * (1 - s) * 2);
  }).map((v) => v * 1e3);
}

export function manufacturedSetup(ms: ManufacturedSolution, n: number) {
  const p = ms.params;
  const scene = baseScene({
    body_temperature_c: p.tArterial,
    tissues: {
      medium: customTissue('medium', {
        k_unfrozen_w_mk: p.k0,
        k_frozen_w_mk: p.k0,
        c_unfrozen_j_m3k: p.c,
        c_frozen_j_m3k: p.c,
        latent_j_m3: 0,
        solidus_c: -500,
        liquidus_c: -499,
        perfusion_w_m3k: p.w,
      }),
    },
    layers: [{ tissue: 'medium', thickness_mm: p.lz * 1e3 }],
    domain: {
      x_mm: [0, p.lx * 1e3],
      y_mm: [0, p.ly * 1e3],
      depth_mm: p.lz * 1e3,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'adiabatic', y_max: 'adiabatic', bottom: 'adiabatic', surface: { kind: 'adiabatic' } },
    },
    protocol: [{ kind: 'thaw', duration_s: 1e9, thaw: 'passive' }],
    grid: { kind: 'edges', x_mm: stretched(p.lx, n), y_mm: stretched(p.ly, n), z_mm: stretched(p.lz, Math.max(2, n / 2)) },
  });
  const g = makeGrid(
    scene.grid.kind === 'edges' ? scene.grid.x_mm : [],
    scene.grid.kind === 'edges' ? scene.grid.y_mm : [],
    scene.grid.kind === 'edges' ? scene.grid.z_mm : [],
  );
  const problem: Problem = buildProblem(scene, g, rasterise(scene, g));
  problem.kScale = new Float64Array(problem.n);
  const centre = (c: number) => {
    const i = c % g.nx,
      j = Math.floor(c / g.nx) % g.ny,
      k = Math.floor(c / (g.nx * g.ny));
    return [g.xc[i] * 1e-3, g.yc[j] * 1e-3, g.zc[k] * 1e-3] as const;
  };
  for (let c = 0; c < problem.n; c++) problem.kScale[c] = ms.conductivity(...centre(c)) / p.k0;
  const stepper = new Stepper(problem);
  const cond = allocateConditions(problem);
  evaluateConditions(problem, phaseWindows(scene.protocol)[0], 0, cond);
  cond.cellW = new Float64Array(problem.n);
  const setSource = (t: number) => {
    for (let c = 0; c < problem.n; c++) cond.cellW![c] = ms.source(...centre(c), t) * problem.volume[c];
  };
  const setExact = (t: number) => {
    for (let c = 0; c < problem.n; c++) {
      const v = ms.temperature(...centre(c), t);
      stepper.T[c + problem.pad] = v;
      stepper.H[c] = enthalpy(problem.materials[problem.material[c]], v);
    }
  };
  /** Volume-weighted RMS difference from the exact field at time t, K. */
  const error = (t: number) => {
    let s = 0,
      v = 0;
    for (let c = 0; c < problem.n; c++) {
      const d = stepper.temperatureAt(c) - ms.temperature(...centre(c), t);
      s += d * d * problem.volume[c];
      v += problem.volume[c];
    }
    return Math.sqrt(s / v);
  };
  return { problem, stepper, cond, setSource, setExact, error };
}
