/**
 * Grid convergence of the ice-ball volumes (Roache 1998, "Verification and Validation
 * in Computational Science and Engineering"; Celik et al. 2008, J Fluids Eng
 * 130:078001) for the reference case and the intercostal preset: a family of `auto`
 * grids, each a geometrically similar refinement of the default one by a constant
 * ratio (grid/refine.ts), the observed order of accuracy from the three finest, the
 * order from the three coarsest (the same order twice: the grids are in the asymptotic
 * range), the Richardson-extrapolated value, the finest grid's grid convergence index,
 * and the default `auto` grid's error against the extrapolated value. The steps are
 * the same on every grid (by the phase's age and dt_max only, not by the largest
 * change of a cell, which depends on the grid) and Newton runs to 0.001 °C, so that
 * the time error is one and the same across the family and the differences are the
 * grid's alone. Writes the
 * tables into README.md between its grid-convergence markers and the figures into
 * bench/convergence-results.json.
 *
 *   npm run convergence [-- [--ratio 1.3] [--levels 5] [--no-write] [--only default|intercostal] [--from-json]]
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { loadCase } from '../src/case/load.js';
import { simulate } from '../src/core/solver/simulate.js';
import { refinedGridSpec } from '../src/core/grid/refine.js';
import type { Scene } from '../src/core/model.js';

interface Level {
  factor: number;
  cells: number;
  cpu_s: number;
  volumes: Record<string, number>;
}

export interface ConvergenceRow {
  quantity: string;
  /** Coarse to fine. */
  values: number[];
  order: number;
  /** Order from the three coarsest grids (NaN with only three). */
  order_coarse: number;
  extrapolated: number;
  gci: number;
  /** Relative error of the default auto grid (factor 1) against the extrapolated value (NaN without an order). */
  auto_error: number;
  /** The auto grid against the finest grid. */
  auto_vs_finest: number;
  /** (largest − smallest) / finest over every level. */
  spread: number;
}

/** Observed order, extrapolated value and fine-grid GCI from three solutions (fine first) at constant ratio r. */
export function richardson(f1: number, f2: number, f3: number, r: number): { order: number; extrapolated: number; gci: number } {
  const e21 = f2 - f1;
  const e32 = f3 - f2;
  // Oscillating differences (a change of sign) have no Richardson order.
  const order = e32 / e21 > 0 ? Math.log(e32 / e21) / Math.log(r) : NaN;
  const rp = r ** order;
  const extrapolated = f1 + (f1 - f2) / (rp - 1);
  const gci = (1.25 * Math.abs(e21 / f1)) / (rp - 1);
  return { order, extrapolated, gci };
}

/** Richardson over the finest three of `values` (coarse to fine), the coarse-triple order, and the error of values[autoIndex]. */
export function convergenceRow(quantity: string, values: number[], ratio: number, autoIndex: number): ConvergenceRow {
  const n = values.length;
  const rr = richardson(values[n - 1], values[n - 2], values[n - 3], ratio);
  const order_coarse = n >= 4 ? richardson(values[n - 2], values[n - 3], values[n - 4], ratio).order : NaN;
  const auto_error = rr.order > 0 ? values[autoIndex] / rr.extrapolated - 1 : NaN;
  const spread = (Math.max(...values) - Math.min(...values)) / values[n - 1];
  return {
    quantity,
    values,
    order: rr.order,
    order_coarse,
    extrapolated: rr.extrapolated,
    gci: rr.gci,
    auto_error,
    auto_vs_finest: values[autoIndex] / values[n - 1] - 1,
    spread,
  };
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const CASES = [
  { key: 'default', label: 'reference case `cases/default.yaml`', load: () => loadCase('cases/default.yaml') },
  {
    key: 'intercostal',
    label: 'intercostal preset (`--condition intercostal`, its `auto` grid)',
    load: () => loadCase(undefined, { condition: 'intercostal' }),
  },
];

async function study(scene: Scene, ratio: number, levels: number): Promise<Level[]> {
  // Two levels finer than the default, the rest coarser: factor 1 is the `auto` grid itself.
  const factors = Array.from({ length: levels }, (_, i) => ratio ** (i - (levels - 3)));
  const out: Level[] = [];
  for (const factor of factors) {
    const s: Scene = { ...scene, grid: refinedGridSpec(scene.grid, factor), solver: { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3 } };
    const c0 = process.cpuUsage();
    const r = simulate(s);
    const c = process.cpuUsage(c0);
    const cpu_s = (c.user + c.system) / 1e6;
    const volumes: Record<string, number> = {};
    for (const iso of r.isotherms) volumes[`${iso.threshold_c} °C volume (ml)`] = iso.snapshots[iso.snapshots.length - 1].volume_ml;
    out.push({ factor, cells: r.grid.cells, cpu_s, volumes });
    console.log(`  factor ${factor.toFixed(3)}: ${r.grid.cells} cells, ${cpu_s.toFixed(1)} CPU s`, volumes);
  }
  return out;
}

function table(label: string, levels: Level[], rows: ConvergenceRow[], ratio: number): string {
  const fmt = (v: number, d = 4) => (Number.isFinite(v) ? v.toPrecision(d) : 'n/a');
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)} %` : 'n/a');
  const heads = levels.map((l) => (l.factor === 1 ? '**auto**' : `×${fmt(l.factor, 3)}`));
  return [
    `${label}: ${levels.map((l) => `${l.cells.toLocaleString('en-US')} cells (${l.cpu_s.toFixed(1)} CPU s)`).join(', ')}; spacings divided by ${ratio} per level.`,
    '',
    `| quantity | ${heads.join(' | ')} | order (fine 3) | order (coarse 3) | extrapolated | GCI (finest) | auto vs extrapolated | auto vs finest | spread of all |`,
    `|---|${levels.map(() => '---|').join('')}---|---|---|---|---|---|---|`,
    ...rows.map((r) => {
      // Richardson needs differences that shrink one way; otherwise there is no order to report.
      const ok = Number.isFinite(r.order) && r.order > 0;
      const order = (o: number) => (Number.isFinite(o) && o > 0 ? fmt(o, 3) : 'none');
      return `| ${r.quantity} | ${r.values.map((v) => fmt(v)).join(' | ')} | ${order(r.order)} | ${order(r.order_coarse)} | ${ok ? fmt(r.extrapolated) : 'n/a'} | ${ok ? pct(r.gci) : 'n/a'} | ${pct(r.auto_error)} | ${pct(r.auto_vs_finest)} | ${pct(r.spread)} |`;
    }),
  ].join('\n');
}

async function main() {
  const ratio = Number(arg('--ratio', '1.3'));
  const levels = Number(arg('--levels', '5'));
  const only = arg('--only', '');
  const parts: string[] = [];
  const old = process.argv.includes('--from-json') ? (JSON.parse(await readFile('bench/convergence-results.json', 'utf8')) as Record<string, unknown>) : null;
  const json: Record<string, unknown> = { ratio, date: old ? old.date : new Date().toISOString() };
  for (const c of CASES) {
    if (only && c.key !== only) continue;
    console.log(c.label);
    // --from-json: the tables again from the last run's figures, without running.
    const lv = old ? (old[c.key] as { levels: Level[] }).levels : await study((await c.load()).scene, ratio, levels);
    const autoIndex = lv.findIndex((l) => l.factor === 1);
    const rows = Object.keys(lv[0].volumes).map((q) =>
      convergenceRow(
        q,
        lv.map((l) => l.volumes[q]),
        ratio,
        autoIndex,
      ),
    );
    parts.push(table(c.label, lv, rows, ratio));
    json[c.key] = { levels: lv, rows };
  }
  const text = [
    ...parts.flatMap((p) => [p, '']),
    `Generated by \`npm run convergence\` on ${String(json.date).slice(0, 10)} (CPU seconds on this project's shared 2-core machine).`,
  ].join('\n');
  console.log(text);
  if (process.argv.includes('--no-write')) return;
  await writeFile('bench/convergence-results.json', `${JSON.stringify(json, null, 2)}\n`);
  const readme = await readFile('README.md', 'utf8');
  const start = '<!-- grid-convergence:start -->';
  const end = '<!-- grid-convergence:end -->';
  const a = readme.indexOf(start),
    b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error('README.md lacks the grid-convergence markers');
  const next = `${readme.slice(0, a + start.length)}\n${text}\n${readme.slice(b)}`;
  await writeFile('README.md.tmp', next);
  await rename('README.md.tmp', 'README.md');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
