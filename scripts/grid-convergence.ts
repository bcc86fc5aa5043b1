/**
 * Grid convergence of the ice-ball volumes (Roache 1998, "Verification and Validation
 * in Computational Science and Engineering"; Celik et al. 2008, J Fluids Eng
 * 130:078001) for the reference case and the intercostal preset: the observed order of
 * accuracy from three grids, the Richardson-extrapolated value, the finest grid's grid
 * convergence index, and the default run's volumes (its `auto` grid and solver
 * settings, as `cryoplan run` reports them) against the extrapolated value.
 *
 * The family (--family nested, the default): the `auto` grid at factor --base (0.5:
 * twice its spacings; by default 0.5 for the reference case and 0.7 for the intercostal
 * preset, see CASES) with every cell split into 1, 2 and 4 along each axis, so that the
 * grid lines stay where they are relative to the needle's round surface and the ratio is
 * exactly 2. The volumes of each grid's final field are measured with the per-cell
 * fraction exact for a linear field (isotherm.ts, 'linear'). Both choices take out
 * scatter that is not the solution's convergence (bench/isotherm-noise.ts,
 * bench/convergence-noise.ts; README "Grid convergence"): a family of similar `auto`
 * grids (--family similar, ratio --ratio, --levels) moves the grid lines past the needle
 * from level to level, and the solver's uniform-spread fraction (--measure uniform) is
 * off by up to 1 % on a field of known volumes, not monotonically in h.
 *
 * The steps (--steps): 'bdf2-tight' (the default) BDF2 sized by its error control with
 * a local error of 0.1 °C, so that the time error (about 0.3 % of the volumes at the
 * default 2 °C, and not the same on every grid: the control sizes the steps by each
 * grid's field) is left out; 'bdf2' the case's own tolerance; 'euler-fixed' backward
 * Euler by the phase's age only (the same steps on every grid, a first-order time error
 * of about 2 % in all).
 * Newton runs to 0.001 °C. Writes the tables into README.md between its
 * grid-convergence markers and the figures into bench/convergence-results.json.
 *
 *   npm run convergence [-- [--family nested|similar] [--base 0.5 (every case)] [--ratio 1.3] [--levels 5]
 *     [--measure linear|uniform] [--steps bdf2-tight|bdf2|euler-fixed] [--no-write]
 *     [--only default|intercostal] [--from-json]]
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { loadCase } from '../src/case/load.js';
import { Simulation } from '../src/core/solver/simulate.js';
import { buildGrid } from '../src/core/grid/build.js';
import { refinedGridSpec } from '../src/core/grid/refine.js';
import { isothermVolumesMl } from '../src/core/outcome/isotherm.js';
import type { GridSpec, Scene } from '../src/core/model.js';

type Measure = 'linear' | 'uniform';

interface Level {
  /** Refinement against the family's first grid (nested) or the auto grid (similar). */
  factor: number;
  cells: number;
  steps: number;
  cpu_s: number;
  /** Final volumes by the study's measure. */
  volumes: Record<string, number>;
  /** Final volumes by the other measure. */
  volumes_other?: Record<string, number>;
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
  /** Relative error of the default auto grid's volume against the extrapolated value (NaN without an order). */
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

/** Richardson over the finest three of `values` (coarse to fine), the coarse-triple order, and the error of the auto grid's value. */
export function convergenceRow(quantity: string, values: number[], ratio: number, autoValue: number): ConvergenceRow {
  const n = values.length;
  const rr = richardson(values[n - 1], values[n - 2], values[n - 3], ratio);
  const order_coarse = n >= 4 ? richardson(values[n - 2], values[n - 3], values[n - 4], ratio).order : NaN;
  const auto_error = rr.order > 0 ? autoValue / rr.extrapolated - 1 : NaN;
  const spread = (Math.max(...values) - Math.min(...values)) / values[n - 1];
  return {
    quantity,
    values,
    order: rr.order,
    order_coarse,
    extrapolated: rr.extrapolated,
    gci: rr.gci,
    auto_error,
    auto_vs_finest: autoValue / values[n - 1] - 1,
    spread,
  };
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/**
 * The family's base (the `auto` grid's resolution factor of its coarsest level) per case,
 * where --base does not set one for all: the intercostal preset's coarsest grid at 0.5
 * (9.7k cells: its -20 °C front, 3.3 mm from the needle's axis, in cells of up to 2.2 mm on
 * the sides away from the nerve and the artery) is outside the asymptotic range (the -20 °C
 * volume's order 1.05 there; bench/convergence-diagnose.ts, README "Grid convergence"); at
 * 0.7 (25k / 200k / 1.6M cells) all three isotherms converge monotonically at orders ≥ 1.5.
 */
const CASES = [
  { key: 'default', label: 'reference case `cases/default.yaml`', base: 0.5, load: () => loadCase('cases/default.yaml') },
  {
    key: 'intercostal',
    label: 'intercostal preset (`--condition intercostal`, its `auto` grid)',
    base: 0.7,
    load: () => loadCase(undefined, { condition: 'intercostal' }),
  },
];

/** The solver settings of a steps rule (Newton to 0.001 °C in all). */
function stepsRule(scene: Scene, rule: string): Scene['solver'] {
  if (rule === 'euler-fixed') return { ...scene.solver, integrator: 'euler', max_change_c: 1e6, tolerance_c: 1e-3 };
  if (rule === 'bdf2-tight') return { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3, time_error_c: 0.1 };
  if (rule === 'bdf2') return { ...scene.solver, max_change_c: 1e6, tolerance_c: 1e-3 };
  throw new Error(`--steps: unknown rule '${rule}' (bdf2, bdf2-tight, euler-fixed)`);
}

/** One run to the end of the protocol, its final field measured both ways. */
function runLevel(scene: Scene, grid: GridSpec, factor: number, measure: Measure): Level {
  const c0 = process.cpuUsage();
  const sim = new Simulation({ ...scene, grid });
  sim.initialise();
  while (!sim.done) sim.advance();
  const c = process.cpuUsage(c0);
  const p = sim.problem;
  const thresholds = [...scene.outputs.isotherms_c].sort((a, b) => b - a);
  const by = (m: Measure) => {
    const v = isothermVolumesMl(p, sim.stepper.T, thresholds, p.pad, undefined, m);
    return Object.fromEntries(thresholds.map((t, q) => [`${t} °C volume (ml)`, v[q]]));
  };
  const level: Level = {
    factor,
    cells: p.n,
    steps: sim.steps,
    cpu_s: (c.user + c.system) / 1e6,
    volumes: by(measure),
    volumes_other: by(measure === 'linear' ? 'uniform' : 'linear'),
  };
  console.log(`  factor ${factor.toFixed(3)}: ${level.cells} cells, ${level.steps} steps, ${level.cpu_s.toFixed(1)} CPU s`, level.volumes);
  return level;
}

interface Options {
  family: 'nested' | 'similar';
  base: number;
  ratio: number;
  levels: number;
  measure: Measure;
  steps: string;
}

/** The family's levels, coarse to fine, and the default run: the auto grid with the case's own solver settings, as `cryoplan run` makes it. */
function study(scene0: Scene, o: Options): { levels: Level[]; auto: Level } {
  const scene: Scene = { ...scene0, solver: stepsRule(scene0, o.steps) };
  const levels: Level[] = [];
  if (o.family === 'similar') {
    // Two levels finer than the default, the rest coarser: factor 1 is the `auto` grid itself.
    const factors = Array.from({ length: o.levels }, (_, i) => o.ratio ** (i - (o.levels - 3)));
    for (const f of factors) levels.push(runLevel(scene, refinedGridSpec(scene.grid, f), f, o.measure));
  } else {
    const g = buildGrid({ ...scene, grid: refinedGridSpec(scene.grid, o.base) });
    const base: GridSpec = { kind: 'edges', x_mm: Array.from(g.xe), y_mm: Array.from(g.ye), z_mm: Array.from(g.ze) };
    for (let i = 0; i < o.levels; i++) levels.push(runLevel(scene, refinedGridSpec(base, 2 ** i), 2 ** i, o.measure));
  }
  return { levels, auto: runLevel(scene0, scene0.grid, 1, o.measure) };
}

/** The default run's volume as it reports it (the solver's uniform-spread measure). */
const reported = (auto: Level, q: string, measure: Measure) => (measure === 'uniform' ? auto.volumes[q] : (auto.volumes_other?.[q] ?? NaN));

function table(label: string, o: Options, levels: Level[], auto: Level, rows: ConvergenceRow[]): string {
  const fmt = (v: number, d = 4) => (Number.isFinite(v) ? v.toPrecision(d) : 'n/a');
  const pct = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)} %` : 'n/a');
  const abs = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)} %` : 'n/a');
  const heads = levels.map((l) => (o.family === 'similar' && l.factor === 1 ? '**auto**' : `×${fmt(l.factor, 3)}`));
  const family =
    o.family === 'nested'
      ? `its \`auto\` grid at ${o.base}× the resolution with each cell split into ${levels.map((l) => l.factor).join(', ')} (ratio 2, nested)`
      : `spacings divided by ${o.ratio} per level`;
  const measure = o.measure === 'linear' ? 'the per-cell fraction exact for a linear field' : "the solver's uniform spread";
  const twoOrders = levels.length >= 4;
  return [
    `${label}: ${levels.map((l) => `${l.cells.toLocaleString('en-US')} cells (${l.steps} steps, ${l.cpu_s.toFixed(1)} CPU s)`).join(', ')}; ${family}; volumes by ${measure}; steps: ${o.steps}. The default run (its \`auto\` grid and solver settings, volumes as it reports them): ${auto.cells.toLocaleString('en-US')} cells, ${auto.steps} steps, ${auto.cpu_s.toFixed(1)} CPU s.`,
    '',
    `| quantity | ${heads.join(' | ')} | order${twoOrders ? ' (fine 3) | order (coarse 3)' : ''} | extrapolated | GCI (finest) | default run | default vs extrapolated | spread of all |`,
    `|---|${levels.map(() => '---|').join('')}---|${twoOrders ? '---|' : ''}---|---|---|---|---|`,
    ...rows.map((r) => {
      // Richardson needs differences that shrink one way; otherwise there is no order to report.
      const ok = Number.isFinite(r.order) && r.order > 0;
      const order = (x: number) => (Number.isFinite(x) && x > 0 ? fmt(x, 3) : 'none');
      const a = reported(auto, r.quantity, o.measure);
      return `| ${r.quantity} | ${r.values.map((v) => fmt(v)).join(' | ')} | ${order(r.order)}${twoOrders ? ` | ${order(r.order_coarse)}` : ''} | ${ok ? fmt(r.extrapolated) : 'n/a'} | ${ok ? abs(r.gci) : 'n/a'} | ${fmt(a)} | ${ok ? pct(a / r.extrapolated - 1) : 'n/a'} | ${abs(r.spread)} |`;
    }),
  ].join('\n');
}

async function main() {
  const family = arg('--family', 'nested') === 'similar' ? 'similar' : 'nested';
  const o: Options = {
    family,
    base: Number(arg('--base', '0.5')),
    ratio: Number(arg('--ratio', '1.3')),
    levels: Number(arg('--levels', family === 'similar' ? '5' : '3')),
    measure: arg('--measure', 'linear') === 'uniform' ? 'uniform' : 'linear',
    steps: arg('--steps', 'bdf2-tight'),
  };
  const ratio = o.family === 'nested' ? 2 : o.ratio;
  const only = arg('--only', '');
  const parts: string[] = [];
  const old = process.argv.includes('--from-json') ? (JSON.parse(await readFile('bench/convergence-results.json', 'utf8')) as Record<string, unknown>) : null;
  if (old?.options) Object.assign(o, old.options);
  const json: Record<string, unknown> = { options: o, date: old ? old.date : new Date().toISOString() };
  const baseAll = process.argv.includes('--base');
  for (const c of CASES) {
    if (only && c.key !== only) continue;
    console.log(c.label);
    const oc: Options = { ...o, base: baseAll || old ? o.base : c.base };
    // --from-json: the tables again from the last run's figures, without running.
    const saved = old?.[c.key] as { levels: Level[]; auto: Level; base?: number } | undefined;
    if (saved?.base !== undefined) oc.base = saved.base;
    const { levels: lv, auto } = saved ?? study((await c.load()).scene, oc);
    const rows = Object.keys(lv[0].volumes).map((q) =>
      convergenceRow(
        q,
        lv.map((l) => l.volumes[q]),
        ratio,
        reported(auto, q, o.measure),
      ),
    );
    parts.push(table(c.label, oc, lv, auto, rows));
    json[c.key] = { base: oc.base, levels: lv, auto, rows };
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
