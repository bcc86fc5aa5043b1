/**
 * Where the difference between nested grids comes from (scripts/grid-convergence.ts):
 * one case on the study's nested family (the `auto` grid at factor 0.5, each cell split
 * into 1, 2, 4), each final field's isotherm volumes by the linear-exact fraction
 * (isotherm.ts, 'linear') cell by cell, summed onto the coarsest grid's cells. Each
 * coarse cell is put in a class by what its finest children hold (one tissue region, or
 * a boundary between two: nerve, vessel, layer, bone, the needle), and the table gives
 * each class's share of the level-to-level differences: a smooth error shrinks 4x per
 * level (second order), a boundary that moves against the grid lines only 2x.
 *
 * Variants take one suspect out at a time: `nerve-muscle` (the nerve's tissue made
 * muscle: same geometry, no property jump), `no-vessel` (the artery, a held 37 °C
 * lumen, removed), `no-bone` (the ribs removed), `plain` (nerve and vessel), `tight` (the time tolerance 0.03 °C instead of 0.1),
 * `dirichlet` (the needle's surface held at -70 °C instead of the cryogen behind its
 * heat-transfer coefficient), `h=X` (the cryogen's coefficient set to X W/m²/K).
 * `--rays`: the isotherm's distance from the needle's axis at mid-length along eight rays
 * across it, at each level (the field trilinear between cell centres), and its order: a
 * pointwise look at where the volume's difference comes from.
 *
 *   npm run build:dev && node build/bench/convergence-diagnose.js [--case intercostal|default]
 *     [--variants as-is,nerve-muscle,no-vessel,plain,tight] [--iso -20] [--also 0,-40] [--levels 3] [--base 0.5] [--rays] [--json FILE]
 *   node build/bench/convergence-diagnose.js --case default --accuracies 0.028,0.02,0.014
 */
import { writeFileSync } from 'node:fs';
import { loadCase } from '../src/case/load.js';
import { buildGrid } from '../src/core/grid/build.js';
import { refinedGridSpec } from '../src/core/grid/refine.js';
import { Simulation } from '../src/core/solver/simulate.js';
import { isothermVolumesMl, linearBoxFraction, perpendiculars } from '../src/core/outcome/isotherm.js';
import { needleSegments } from '../src/core/probe/needle.js';
import type { Problem } from '../src/core/solver/problem.js';
import type { GridSpec, Scene, Vec3 } from '../src/core/model.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** The span along one axis (as isotherm.ts: central difference times the cell width). */
function span(T: Float64Array, q: number, t0: number, im: boolean, ip: boolean, h: Float64Array, i: number, s: number): number {
  const h0 = h[i];
  let g = 0;
  if (im && ip) g = (T[q + s] - T[q - s]) / (h[i - 1] + 2 * h0 + h[i + 1]);
  else if (ip) g = (T[q + s] - t0) / (h0 + h[i + 1]);
  else if (im) g = (t0 - T[q - s]) / (h[i - 1] + h0);
  return Math.abs(g) * 2 * h0;
}

/** Each cell's volume below thr (ml), linear-exact fraction, as isothermVolumesMl(..., 'linear'). */
function cellVolumes(p: Problem, T: Float64Array, thr: number): Float64Array {
  const { nx, ny, nz, nxy, measure, hx, hy, hz, pad } = p;
  const out = new Float64Array(p.n);
  let c = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, c++) {
        const vol = measure[c];
        if (vol === 0) continue;
        const q = c + pad;
        const t = T[q];
        if (t > thr + 60) continue;
        const sx = span(T, q, t, i > 0, i + 1 < nx, hx, i, 1);
        const sy = span(T, q, t, j > 0, j + 1 < ny, hy, j, nx);
        const sz = span(T, q, t, k > 0, k + 1 < nz, hz, k, nxy);
        out[c] = linearBoxFraction(thr - t, sx, sy, sz) * vol * 1e6;
      }
  return out;
}

/** The field at point x, trilinear between the cell centres. */
function sampleAt(p: Problem, T: Float64Array, x: Vec3): number {
  const { xc, yc, zc } = p.grid;
  const idx: number[] = [];
  const w: number[] = [];
  for (const [a, c] of [xc, yc, zc].entries()) {
    let i = 0;
    while (i < c.length - 2 && c[i + 1] <= x[a]) i++;
    idx.push(i);
    w.push(Math.min(1, Math.max(0, (x[a] - c[i]) / (c[i + 1] - c[i]))));
  }
  let v = 0;
  for (let dk = 0; dk < 2; dk++)
    for (let dj = 0; dj < 2; dj++)
      for (let di = 0; di < 2; di++)
        v += T[p.pad + idx[0] + di + p.nx * (idx[1] + dj + p.ny * (idx[2] + dk))] * (di ? w[0] : 1 - w[0]) * (dj ? w[1] : 1 - w[1]) * (dk ? w[2] : 1 - w[2]);
  return v;
}

/** Distance (mm) from m along d where the field first rises through thr (from 1.05 needle radii out, 5 µm steps). */
function rayCrossing(p: Problem, T: Float64Array, m: Vec3, d: Vec3, r0: number, thr: number): number {
  const step = 0.005;
  let prev = NaN;
  for (let r = 1.05 * r0; r < 20; r += step) {
    const t = sampleAt(p, T, [m[0] + r * d[0], m[1] + r * d[1], m[2] + r * d[2]]);
    if (prev <= thr && t > thr) return r - step + (step * (thr - prev)) / (t - prev);
    prev = t;
  }
  return NaN;
}

/** Eight rays from the middle of the first needle's active segment, across it, 45° apart. */
function rays(scene: Scene): { m: Vec3; r0: number; dirs: Vec3[] } {
  const nd = scene.probes.find((q) => q.kind === 'needle');
  if (nd?.kind !== 'needle') throw new Error('--rays needs a needle');
  const { active } = needleSegments(nd);
  const m: Vec3 = [0, 1, 2].map((a) => 0.5 * (active[0][a] + active[1][a])) as Vec3;
  const u: Vec3 = [0, 1, 2].map((a) => active[1][a] - active[0][a]) as Vec3;
  const l = Math.hypot(...u);
  const [e1, e2] = perpendiculars(u.map((x) => x / l) as Vec3);
  const dirs = Array.from({ length: 8 }, (_, q) => {
    const a = (q * Math.PI) / 4;
    return [0, 1, 2].map((i) => Math.cos(a) * e1[i] + Math.sin(a) * e2[i]) as Vec3;
  });
  return { m, r0: nd.diameter_mm / 2, dirs };
}

interface LevelField {
  p: Problem;
  T: Float64Array;
  steps: number;
}

function run(scene: Scene, grid: GridSpec): LevelField {
  const sim = new Simulation({ ...scene, grid });
  sim.initialise();
  while (!sim.done) sim.advance();
  return { p: sim.problem, T: sim.stepper.T, steps: sim.steps };
}

function variant(scene: Scene, v: string): Scene {
  let s: Scene = { ...scene, solver: { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3, time_error_c: v === 'tight' ? 0.03 : 0.1 } };
  if (v === 'nerve-muscle' || v === 'plain')
    s = { ...s, structures: s.structures.map((st) => (st.kind !== 'label' && st.role === 'nerve' ? { ...st, tissue: 'muscle' } : st)) };
  if (v === 'no-bone') s = { ...s, structures: s.structures.filter((st) => !(st.kind === 'box' && st.tissue === 'bone')) };
  if (v === 'no-vessel' || v === 'plain') s = { ...s, structures: s.structures.filter((st) => !(st.kind !== 'label' && st.role === 'vessel')) };
  if (v === 'dirichlet' || v.startsWith('h='))
    s = {
      ...s,
      probes: s.probes.map((pr) =>
        pr.kind !== 'needle'
          ? pr
          : {
              ...pr,
              cooling:
                v === 'dirichlet'
                  ? { mode: 'temperature', curve: [[0, -70]] }
                  : { ...(pr.cooling as { mode: 'cryogen'; temperature_c: number; h_w_m2k: number }), h_w_m2k: Number(v.slice(2)) },
            },
      ) as Scene['probes'],
    };
  return s;
}

/** The class of a coarse cell: the region names its finest children hold (sorted, joined). */
function classes(fine: Problem, s: number, nx0: number, ny0: number, nz0: number): string[] {
  const { nx, ny, raster } = fine;
  const names = raster.regions.map((r) => (r.role === 'probe' || r.role === 'shaft' ? 'needle' : r.role === 'layer' ? r.material : r.name));
  const sets: Array<Set<string>> = Array.from({ length: nx0 * ny0 * nz0 }, () => new Set());
  for (let k = 0; k < fine.nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const c0 = ((i / s) | 0) + nx0 * (((j / s) | 0) + ny0 * ((k / s) | 0));
        sets[c0].add(names[raster.label[i + nx * (j + ny * k)]]);
      }
  return sets.map((set) => [...set].sort().join(' | '));
}

async function main() {
  const key = arg('--case', 'intercostal');
  const variants = arg('--variants', 'as-is').split(',');
  const iso = Number(arg('--iso', '-20'));
  // Every isotherm's total too (the class table is the first's).
  const others = arg('--also', '0,-40').split(',').filter(Boolean).map(Number);
  const nLevels = Number(arg('--levels', '3'));
  const withRays = process.argv.includes('--rays');
  const scene0 = (key === 'default' ? await loadCase('cases/default.yaml') : await loadCase(undefined, { condition: key })).scene;
  // --accuracies a,b,...: the case's own run (its solver settings) on its `auto` grid sized for
  // each accuracy, volumes measured both ways (the uniform spread runs report, the linear-exact fraction).
  const accuracies = arg('--accuracies', '');
  if (accuracies && scene0.grid.kind === 'auto') {
    console.log('| accuracy | cells | steps | volumes, uniform spread (ml) | volumes, linear-exact (ml) |');
    console.log('|---|---|---|---|---|');
    for (const a of accuracies.split(',').map(Number)) {
      const f = run(scene0, { ...scene0.grid, accuracy: a });
      const by = (m: 'uniform' | 'linear') => [0, -20, -40].map((t) => isothermVolumesMl(f.p, f.T, [t], f.p.pad, undefined, m)[0].toPrecision(5)).join(' / ');
      console.log(`| ${a} | ${f.p.n} | ${f.steps} | ${by('uniform')} | ${by('linear')} |`);
    }
    return;
  }
  const g = buildGrid({ ...scene0, grid: refinedGridSpec(scene0.grid, Number(arg('--base', '0.5'))) });
  const base: GridSpec = { kind: 'edges', x_mm: Array.from(g.xe), y_mm: Array.from(g.ye), z_mm: Array.from(g.ze) };
  const [nx0, ny0, nz0] = [g.nx, g.ny, g.nz];
  const results: Record<string, unknown> = {};
  const out = arg('--json', '');
  for (const v of variants) {
    const scene = variant(scene0, v);
    const sums: Float64Array[] = [];
    const totals: number[] = [];
    const stepsAll: number[] = [];
    let cls: string[] = [];
    const radii: number[][] = [];
    let rayDirs: Vec3[] = [];
    for (let l = 0; l < nLevels; l++) {
      const s = 2 ** l;
      const f = run(scene, refinedGridSpec(base, s));
      if (f.p.nx !== nx0 * s || f.p.ny !== ny0 * s || f.p.nz !== nz0 * s) throw new Error(`level ${l} is not nested (${f.p.nx} x ${f.p.ny} x ${f.p.nz})`);
      const cv = cellVolumes(f.p, f.T, iso);
      const sum = new Float64Array(nx0 * ny0 * nz0);
      let c = 0;
      let tot = 0;
      for (let k = 0; k < f.p.nz; k++)
        for (let j = 0; j < f.p.ny; j++)
          for (let i = 0; i < f.p.nx; i++, c++) {
            sum[((i / s) | 0) + nx0 * (((j / s) | 0) + ny0 * ((k / s) | 0))] += cv[c];
            tot += cv[c];
          }
      if (withRays) {
        const { m, r0, dirs } = rays(scene);
        radii.push(dirs.map((d) => rayCrossing(f.p, f.T, m, d, r0, iso)));
        if (l === 0) rayDirs = dirs;
      }
      sums.push(sum);
      totals.push(tot);
      stepsAll.push(f.steps);
      if (l === nLevels - 1) cls = classes(f.p, s, nx0, ny0, nz0);
      if (out) writeFileSync(`${out}.${v}.${l}.json`, JSON.stringify({ n: [f.p.nx, f.p.ny, f.p.nz], pad: f.p.pad, T: Array.from(f.T) }));
      const more = others
        .map(
          (t) =>
            `${t} °C ${cellVolumes(f.p, f.T, t)
              .reduce((a, b) => a + b, 0)
              .toPrecision(5)} ml`,
        )
        .join(', ');
      console.error(`  ${v} level ${l}: ${f.p.n} cells, ${f.steps} steps, ${iso} °C ${tot.toFixed(5)} ml; ${more}`);
    }
    // Per class: the volume at each level and the level-to-level differences.
    const byClass = new Map<string, number[]>();
    for (let c0 = 0; c0 < cls.length; c0++) {
      let any = false;
      for (let l = 0; l < nLevels; l++) if (sums[l][c0] !== 0) any = true;
      if (!any) continue;
      const row = byClass.get(cls[c0]) ?? new Array(nLevels).fill(0);
      for (let l = 0; l < nLevels; l++) row[l] += sums[l][c0];
      byClass.set(cls[c0], row);
    }
    const d = (a: number[], l: number) => a[l + 1] - a[l];
    const order = (a: number[]) => (nLevels >= 3 && d(a, 1) / d(a, 0) > 0 ? Math.log2(d(a, 0) / d(a, 1)) : NaN);
    console.log(
      `\n${key} ${v}: ${iso} °C volume ${totals.map((t) => t.toFixed(5)).join(' / ')} ml, steps ${stepsAll.join(' / ')}, order ${order(totals).toFixed(2)}`,
    );
    console.log('| class (finest children) | volumes by level (ml) | d01 | d12 | share of d12 |');
    console.log('|---|---|---|---|---|');
    const rows = [...byClass.entries()].sort((a, b) => Math.abs(d(b[1], nLevels - 2)) - Math.abs(d(a[1], nLevels - 2)));
    for (const [name, a] of rows.slice(0, 12))
      console.log(
        `| ${name} | ${a.map((x) => x.toFixed(5)).join(' / ')} | ${d(a, 0).toExponential(2)} | ${d(a, nLevels - 2).toExponential(2)} | ${((100 * d(a, nLevels - 2)) / d(totals, nLevels - 2)).toFixed(0)} % |`,
      );
    if (withRays) {
      // The isotherm's distance from the needle's axis, mid-length, along each ray: a pointwise order.
      console.log(`\n${iso} °C isotherm along rays from the middle of the needle (mm), coarse to fine:`);
      console.log('| direction (x, y, z) | distance by level (mm) | order |');
      console.log('|---|---|---|');
      rayDirs.forEach((d, q) => {
        const r = radii.map((x) => x[q]);
        const o = r.length >= 3 && (r[2] - r[1]) / (r[1] - r[0]) > 0 ? Math.log2((r[1] - r[0]) / (r[2] - r[1])).toFixed(2) : 'none';
        console.log(`| (${d.map((x) => x.toFixed(2)).join(', ')}) | ${r.map((x) => x.toFixed(4)).join(' / ')} | ${o} |`);
      });
    }
    results[v] = {
      totals,
      steps: stepsAll,
      classes: Object.fromEntries(rows),
      cells: { n: [nx0, ny0, nz0], xc: Array.from(g.xc), yc: Array.from(g.yc), zc: Array.from(g.zc), cls, sums: sums.map((a) => Array.from(a)) },
    };
    if (out) writeFileSync(`${out}.${v}.json`, JSON.stringify(results));
  }
  if (out) writeFileSync(out, JSON.stringify(results));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
