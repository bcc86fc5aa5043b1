/**
 * How much of the grid-convergence study's scatter is the isotherm measurement's own: a
 * temperature field whose isotherm volumes are known exactly, sampled at the cell
 * centres of each grid of the study's family, measured as the solver measures its own
 * field (isothermVolumesMl over the problem's tissue measure), against the exact volumes.
 *
 * The field is a function of the distance d to the reference needle's active segment,
 * T = -70 + 107 ln(d / r) / ln(17.1 mm / r) (r the needle's radius; -70 °C inside it),
 * its 0 / -20 / -40 °C isotherms capsules of radius 6.4 / 3.8 / 2.2 mm, near the sizes of
 * the reference case's ice ball at 180 s. The tissue below a threshold is the capsule less
 * the needle: its active cylinder and the piece of its shaft inside the capsule's
 * hemisphere, all in closed form.
 *
 * Two things are separated: the tissue measure of the cells the needle cuts (the problem's,
 * 6 x 6 x 6 samples a cell, against an accurate one: the disk's area in the cell by 64 x 64
 * samples, the axial overlap exact: the needle is along z) and the per-cell fraction below
 * the threshold (the solver's uniform spread over the cell's temperature span against
 * `linearBoxFraction`, exact for a linear field).
 *
 *   npm run build:dev && node build/bench/isotherm-noise.js [--ratio 1.3] [--levels -2,-1,0,1,2,3] [--nested]
 */
import { writeFileSync } from 'node:fs';
import { loadCase } from '../src/case/load.js';
import { buildGrid } from '../src/core/grid/build.js';
import { refinedGridSpec } from '../src/core/grid/refine.js';
import { rasterise } from '../src/core/anatomy/raster.js';
import { buildProblem, type Problem } from '../src/core/solver/problem.js';
import { isothermVolumesMl } from '../src/core/outcome/isotherm.js';
import { needleSegments } from '../src/core/probe/needle.js';
import { trilinearVolumesMl } from './convergence-noise.js';
import type { GridSpec, NeedleProbe, Scene } from '../src/core/model.js';

const THRESHOLDS = [0, -20, -40];
const D_WARM_MM = 17.1;

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** The capsule radius (mm) of the isotherm at thr. */
const radiusAt = (thr: number, r: number) => r * Math.exp(((thr + 70) / 107) * Math.log(D_WARM_MM / r));

/** Exact tissue volume (ml) below thr: capsule less the active cylinder and the shaft's piece in the back hemisphere. */
function exactMl(thr: number, r: number, L: number): number {
  const rho = radiusAt(thr, r);
  const capsule = Math.PI * rho * rho * L + (4 / 3) * Math.PI * rho ** 3;
  const shaftPiece = ((2 * Math.PI) / 3) * (rho ** 3 - (rho * rho - r * r) ** 1.5);
  return (capsule - Math.PI * r * r * L - shaftPiece) * 1e-3;
}

/** The field at cell centres (cell c at c + pad). */
function field(p: Problem, needle: NeedleProbe): Float64Array {
  const { active } = needleSegments(needle);
  const [a, b] = active;
  const r = needle.diameter_mm / 2;
  const { xc, yc, zc } = p.grid;
  const T = new Float64Array(p.n + 2 * p.pad);
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const L2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  let c = 0;
  for (let k = 0; k < p.nz; k++)
    for (let j = 0; j < p.ny; j++)
      for (let i = 0; i < p.nx; i++, c++) {
        const q = [xc[i] - a[0], yc[j] - a[1], zc[k] - a[2]];
        const s = Math.min(1, Math.max(0, (q[0] * ab[0] + q[1] * ab[1] + q[2] * ab[2]) / L2));
        const d = Math.hypot(q[0] - s * ab[0], q[1] - s * ab[1], q[2] - s * ab[2]);
        // Inside the needle the probe's own temperature, as the solver holds its cells.
        T[c + p.pad] = d <= r ? -70 : -70 + (107 * Math.log(d / r)) / Math.log(D_WARM_MM / r);
      }
  return T;
}

/** The tissue in each cell with the needle (along z, through x = y = 0 here) cut out accurately. */
function accurateMeasure(p: Problem, needle: NeedleProbe): Float64Array {
  const { active, shaft } = needleSegments(needle);
  const r = needle.diameter_mm / 2;
  const z0 = shaft ? shaft[0][2] : active[0][2];
  const z1 = active[1][2];
  const { xe, ye, ze, nx, ny } = p.grid;
  const m = p.measure.slice();
  const S = 64;
  for (let k = 0; k < p.nz; k++) {
    const overlap = Math.max(0, Math.min(ze[k + 1], z1) - Math.max(ze[k], z0)) / (ze[k + 1] - ze[k]);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const c = i + nx * (j + ny * k);
        const near = Math.hypot(Math.max(0, xe[i], -xe[i + 1]), Math.max(0, ye[j], -ye[j + 1]));
        if (near >= r || overlap === 0) {
          m[c] = p.tissue[c] ? p.volume[c] : 0;
          continue;
        }
        let inside = 0;
        for (let u = 0; u < S; u++)
          for (let v = 0; v < S; v++) {
            const x = xe[i] + ((u + 0.5) * (xe[i + 1] - xe[i])) / S;
            const y = ye[j] + ((v + 0.5) * (ye[j + 1] - ye[j])) / S;
            if (x * x + y * y <= r * r) inside++;
          }
        m[c] = p.volume[c] * (1 - (overlap * inside) / (S * S));
      }
  }
  return m;
}

interface Row {
  label: string;
  cells: number;
  min_spacing_mm: number;
  /** Relative errors against the exact volumes, per threshold, for each measurement variant. */
  errors: Record<string, number[]>;
}

function measureAll(label: string, scene: Scene, spec: GridSpec): Row {
  const s: Scene = { ...scene, grid: spec };
  const grid = buildGrid(s);
  const raster = rasterise(s, grid);
  const p = buildProblem(s, grid, raster);
  const needle = s.probes[0] as NeedleProbe;
  const r = needle.diameter_mm / 2;
  const T = field(p, needle);
  const exact = THRESHOLDS.map((t) => exactMl(t, r, needle.active_length_mm));
  const accurate = { ...p, measure: accurateMeasure(p, needle) };
  const rel = (v: Float64Array) => Array.from(v, (x, i) => x / exact[i] - 1);
  const errors = {
    'uniform spread, problem measure (the solver)': rel(isothermVolumesMl(p, T, THRESHOLDS, p.pad)),
    'uniform spread, accurate measure': rel(isothermVolumesMl(accurate, T, THRESHOLDS, p.pad)),
    'exact for linear, problem measure': rel(isothermVolumesMl(p, T, THRESHOLDS, p.pad, undefined, 'linear')),
    'exact for linear, accurate measure': rel(isothermVolumesMl(accurate, T, THRESHOLDS, p.pad, undefined, 'linear')),
    'trilinear reference (bench/convergence-noise.ts)': trilinearVolumesMl(p, T, p.pad, needle).map((x, i) => x / exact[i] - 1),
  };
  const h = Math.min(...grid.dx, ...grid.dy, ...grid.dz);
  return { label, cells: p.n, min_spacing_mm: h, errors };
}

/** An explicit-edges spec from a built grid (so that refinedGridSpec splits its cells: nested grids). */
function edgesOf(scene: Scene, spec: GridSpec): GridSpec {
  const g = buildGrid({ ...scene, grid: spec });
  return { kind: 'edges', x_mm: Array.from(g.xe), y_mm: Array.from(g.ye), z_mm: Array.from(g.ze) };
}

async function main() {
  const ratio = Number(arg('--ratio', '1.3'));
  const levels = arg('--levels', '-2,-1,0,1,2,3').split(',').map(Number);
  const { scene } = await loadCase('cases/default.yaml');
  const rows: Row[] = [];
  for (const l of levels) {
    const f = ratio ** l;
    rows.push(measureAll(`auto x${f.toFixed(3)}`, scene, refinedGridSpec(scene.grid, f)));
    console.log(rows[rows.length - 1]);
  }
  if (process.argv.includes('--nested')) {
    const base = edgesOf(scene, refinedGridSpec(scene.grid, 0.5));
    for (const split of [1, 2, 4]) {
      rows.push(measureAll(`auto x0.5 split ${split}`, scene, refinedGridSpec(base, split)));
      console.log(rows[rows.length - 1]);
    }
  }
  const variants = Object.keys(rows[0].errors);
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)} %`;
  console.log(`\n| grid | cells | h min (mm) | ${variants.join(' | ')} |\n|---|---|---|${variants.map(() => '---|').join('')}`);
  for (const r of rows)
    console.log(
      `| ${r.label} | ${r.cells.toLocaleString('en-US')} | ${r.min_spacing_mm.toFixed(3)} | ${variants.map((v) => r.errors[v].map(pct).join(' / ')).join(' | ')} |`,
    );
  writeFileSync('bench/isotherm-noise.json', `${JSON.stringify({ date: new Date().toISOString(), thresholds: THRESHOLDS, rows }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
