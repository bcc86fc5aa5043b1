/**
 * Where the scatter of the grid-convergence study (scripts/grid-convergence.ts) comes
 * from: the reference case on a family of grids, each run's final field measured three
 * ways, with the time steps either chosen by BDF2's error control on each grid (as the
 * study does) or the same on every grid (backward Euler by the phase's age only).
 *
 * The measurements of the final field's isotherm volumes:
 * - `uniform`: the solver's (isotherm.ts, a uniform spread over each cell's span);
 * - `linear`: isotherm.ts with the fraction exact for a linear field in the cell;
 * - `trilinear`: a reference quadrature: the field interpolated trilinearly between cell
 *   centres, each cell the isotherm may cross split into 6 x 6 x 6 sub-cells, each
 *   sub-cell's fraction below exact for the interpolant's value and gradient at its
 *   centre (linearBoxFraction), the needle's cylinder cut out of each sub-cell (the
 *   needle here is along z through x = y = 0). Its error is the interpolant's, smooth in
 *   h, with no pattern of whole cells.
 *
 * Families: the study's (`auto` grids with every spacing divided by `--ratio`, grid lines
 * moving past the needle's surface from level to level) and, with --nested, grids whose
 * lines stay put: the `auto` grid at factor `--nested-base` with each cell split into 1, 2
 * and 4 (ratio 2).
 *
 *   npm run build:dev && node build/bench/convergence-noise.js [--levels -2,-1,0,1,2] [--ratio 1.3]
 *     [--steps bdf2,euler-fixed] [--nested] [--nested-base 0.5] [--nested-only]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadCase } from '../src/case/load.js';
import { buildGrid } from '../src/core/grid/build.js';
import { refinedGridSpec } from '../src/core/grid/refine.js';
import { Simulation } from '../src/core/solver/simulate.js';
import type { Problem } from '../src/core/solver/problem.js';
import { isothermVolumesMl, linearBoxFraction } from '../src/core/outcome/isotherm.js';
import { needleSegments } from '../src/core/probe/needle.js';
import type { GridSpec, NeedleProbe, Scene } from '../src/core/model.js';

const THRESHOLDS = [0, -20, -40];
const SUB = 6;

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** Index of the last cell centre at or below x (clamped so that i, i + 1 are centres), and the weight of i + 1. */
function bracket(c: Float64Array, x: number, guess: number): [number, number] {
  let i = Math.max(0, Math.min(c.length - 2, guess));
  while (i > 0 && c[i] > x) i--;
  while (i < c.length - 2 && c[i + 1] <= x) i++;
  const w = Math.min(1, Math.max(0, (x - c[i]) / (c[i + 1] - c[i])));
  return [i, w];
}

/** Tissue volume (ml) below each threshold of the trilinear interpolant of the cell-centre field. */
export function trilinearVolumesMl(p: Problem, T: Float64Array, off: number, needle: NeedleProbe): number[] {
  const { nx, ny, nz, nxy, grid } = p;
  const { xc, yc, zc, xe, ye, ze } = grid;
  const { active, shaft } = needleSegments(needle);
  const r2 = (needle.diameter_mm / 2) ** 2;
  const z0 = shaft ? shaft[0][2] : active[0][2];
  const z1 = active[1][2];
  const out = THRESHOLDS.map(() => 0);
  const tMax = Math.max(...THRESHOLDS);
  const tMin = Math.min(...THRESHOLDS);
  const at = (i: number, j: number, k: number) => T[i + nx * j + nxy * k + off];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const c = i + nx * j + nxy * k;
        if (p.volume[c] === 0) continue;
        // The interpolant in this cell comes from its 27 neighbours' centres.
        let lo = Infinity;
        let hi = -Infinity;
        for (let dk = -1; dk <= 1; dk++)
          for (let dj = -1; dj <= 1; dj++)
            for (let di = -1; di <= 1; di++) {
              const v = at(Math.min(nx - 1, Math.max(0, i + di)), Math.min(ny - 1, Math.max(0, j + dj)), Math.min(nz - 1, Math.max(0, k + dk)));
              if (v < lo) lo = v;
              if (v > hi) hi = v;
            }
        if (lo > tMax) continue;
        const vol = p.volume[c] * 1e6;
        const cutByNeedle = p.measure[c] < p.volume[c] || !p.tissue[c];
        if (hi <= tMin && !cutByNeedle) {
          for (let s = 0; s < THRESHOLDS.length; s++) out[s] += vol;
          continue;
        }
        const counts = THRESHOLDS.map(() => 0);
        const sx = (xe[i + 1] - xe[i]) / SUB;
        const sy = (ye[j + 1] - ye[j]) / SUB;
        const sz = (ze[k + 1] - ze[k]) / SUB;
        for (let w = 0; w < SUB; w++) {
          const z = ze[k] + (w + 0.5) * sz;
          const [k0, fz] = bracket(zc, z, k - 1);
          const zOverlap = Math.max(0, Math.min(z + sz / 2, z1) - Math.max(z - sz / 2, z0)) / sz;
          for (let v = 0; v < SUB; v++) {
            const y = ye[j] + (v + 0.5) * sy;
            const [j0, fy] = bracket(yc, y, j - 1);
            for (let u = 0; u < SUB; u++) {
              const x = xe[i] + (u + 0.5) * sx;
              // The sub-cell's tissue: its part outside the needle (4 x 4 samples across, the axial overlap exact).
              let tissue = 1;
              if (cutByNeedle && zOverlap > 0) {
                let inside = 0;
                for (let a = 0; a < 4; a++)
                  for (let b = 0; b < 4; b++) if ((x + ((a + 0.5) / 4 - 0.5) * sx) ** 2 + (y + ((b + 0.5) / 4 - 0.5) * sy) ** 2 <= r2) inside++;
                tissue = 1 - (zOverlap * inside) / 16;
              }
              if (tissue === 0) continue;
              const [i0, fx] = bracket(xc, x, i - 1);
              const v000 = at(i0, j0, k0);
              const v100 = at(i0 + 1, j0, k0);
              const v010 = at(i0, j0 + 1, k0);
              const v110 = at(i0 + 1, j0 + 1, k0);
              const v001 = at(i0, j0, k0 + 1);
              const v101 = at(i0 + 1, j0, k0 + 1);
              const v011 = at(i0, j0 + 1, k0 + 1);
              const v111 = at(i0 + 1, j0 + 1, k0 + 1);
              const lerp = (a: number, b: number, f: number) => a + f * (b - a);
              const t = lerp(lerp(lerp(v000, v100, fx), lerp(v010, v110, fx), fy), lerp(lerp(v001, v101, fx), lerp(v011, v111, fx), fy), fz);
              // The interpolant's gradient there, times the sub-cell's widths: its spans (0 beyond the outer centres).
              const gx = lerp(lerp(v100 - v000, v110 - v010, fy), lerp(v101 - v001, v111 - v011, fy), fz) / (xc[i0 + 1] - xc[i0]);
              const gy = lerp(lerp(v010 - v000, v110 - v100, fx), lerp(v011 - v001, v111 - v101, fx), fz) / (yc[j0 + 1] - yc[j0]);
              const gz = lerp(lerp(v001 - v000, v101 - v100, fx), lerp(v011 - v010, v111 - v110, fx), fy) / (zc[k0 + 1] - zc[k0]);
              const inX = x > xc[0] && x < xc[nx - 1] ? 1 : 0;
              const inY = y > yc[0] && y < yc[ny - 1] ? 1 : 0;
              const inZ = z > zc[0] && z < zc[nz - 1] ? 1 : 0;
              const ax = Math.abs(gx) * sx * inX;
              const ay = Math.abs(gy) * sy * inY;
              const az = Math.abs(gz) * sz * inZ;
              for (let s = 0; s < THRESHOLDS.length; s++) counts[s] += tissue * linearBoxFraction(THRESHOLDS[s] - t, ax, ay, az);
            }
          }
        }
        for (let s = 0; s < THRESHOLDS.length; s++) out[s] += (vol * counts[s]) / SUB ** 3;
      }
  return out;
}

interface Run {
  family: string;
  steps_rule: string;
  factor: number;
  cells: number;
  steps: number;
  cpu_s: number;
  volumes_ml: Record<string, number[]>;
}

function run(family: string, stepsRule: string, factor: number, scene: Scene, grid: GridSpec): Run {
  const solver =
    stepsRule === 'euler-fixed'
      ? { ...scene.solver, integrator: 'euler' as const, max_change_c: 1e6, tolerance_c: 1e-3 }
      : stepsRule === 'bdf2-tight'
        ? { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3, time_error_c: 0.1 }
        : { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3 };
  const s: Scene = { ...scene, grid, solver };
  const c0 = process.cpuUsage();
  const sim = new Simulation(s);
  sim.initialise();
  while (!sim.done) sim.advance();
  const c = process.cpuUsage(c0);
  const p = sim.problem;
  const T = sim.stepper.T;
  const needle = s.probes[0] as NeedleProbe;
  const volumes_ml = {
    uniform: Array.from(isothermVolumesMl(p, T, THRESHOLDS, p.pad)),
    linear: Array.from(isothermVolumesMl(p, T, THRESHOLDS, p.pad, undefined, 'linear')),
    trilinear: trilinearVolumesMl(p, T, p.pad, needle),
  };
  const r = { family, steps_rule: stepsRule, factor, cells: p.n, steps: sim.steps, cpu_s: (c.user + c.system) / 1e6, volumes_ml };
  console.log(JSON.stringify(r));
  return r;
}

async function main() {
  const ratio = Number(arg('--ratio', '1.3'));
  const levels = arg('--levels', '-2,-1,0,1,2').split(',').map(Number);
  const rules = arg('--steps', 'bdf2,euler-fixed').split(',');
  const { scene } = await loadCase('cases/default.yaml');
  const runs: Run[] = [];
  for (const rule of rules) {
    if (!process.argv.includes('--nested-only'))
      for (const l of levels) runs.push(run(`auto, ratio ${ratio}`, rule, ratio ** l, scene, refinedGridSpec(scene.grid, ratio ** l)));
    if (process.argv.includes('--nested') || process.argv.includes('--nested-only')) {
      const baseFactor = Number(arg('--nested-base', '0.5'));
      const g = buildGrid({ ...scene, grid: refinedGridSpec(scene.grid, baseFactor) });
      const base: GridSpec = { kind: 'edges', x_mm: Array.from(g.xe), y_mm: Array.from(g.ye), z_mm: Array.from(g.ze) };
      for (const split of [1, 2, 4]) runs.push(run(`auto x${baseFactor} split, ratio 2`, rule, split, scene, refinedGridSpec(base, split)));
    }
  }
  // Runs of earlier invocations are kept unless run again (the same family, steps and factor).
  const file = 'bench/convergence-noise.json';
  const key = (r: Run) => `${r.family}|${r.steps_rule}|${r.factor}`;
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { runs: Run[] }).runs : [];
  const all = [...earlier.filter((e) => !runs.some((r) => key(r) === key(e))), ...runs];
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), thresholds: THRESHOLDS, runs: all }, null, 2)}\n`);
  const f = (v: number) => v.toFixed(4);
  console.log(
    '\n| family | steps | factor | cells | steps taken | CPU s | uniform (solver) 0 / -20 / -40 °C ml | linear | trilinear |\n|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of runs)
    console.log(
      `| ${r.family} | ${r.steps_rule} | ${r.factor.toFixed(3)} | ${r.cells.toLocaleString('en-US')} | ${r.steps} | ${r.cpu_s.toFixed(1)} | ${r.volumes_ml.uniform.map(f).join(' / ')} | ${r.volumes_ml.linear.map(f).join(' / ')} | ${r.volumes_ml.trilinear.map(f).join(' / ')} |`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
