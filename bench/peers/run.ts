/**
 * cryoplan against a general finite-element peer (FEniCSx, bench/peers/fenicsx_needle.py)
 * on the reference case, side by side: the CPU seconds each needs to bring the 0 °C and
 * -20 °C volumes within 2 % of the converged values (1.786 / 0.435 ml: an axisymmetric
 * FEniCSx solution refined to 0.025 mm at the needle, ../shared/peers/needle-reference.md).
 *
 * cryoplan runs in this process on its `auto` grid family (grid/refine.ts); the peer runs
 * as a child process (Debian's /usr/bin/python3 with python3-dolfinx; PYTHON overrides)
 * on cryoplan's own grids split into tetrahedra. The fine 3D peer runs take about 20
 * CPU minutes: by default only the coarsest peer grid runs (proof that the script works);
 * --peer-factors 0.444,0.667,1 runs more. --peer-cache DIR keeps each peer run's output
 * there (DIR/peer-FACTOR.json) and reuses it when present, so that the long peer runs can
 * be made one at a time and the table assembled with cryoplan's runs afterwards.
 * --peer-snap 0.444,0.667,1 runs the peer with its grid's vertices next to the needle
 * snapped onto the round surface (fenicsx_needle.py --snap; without it the held vertices
 * span a polygon about a cell inside the needle, and the ice ball comes out 17 % small on
 * every grid).
 *
 *   npm run build:dev && node build/bench/peers/run.js [--factors 0.592,0.769,1,1.3] [--peer-factors 0.444]
 *     [--peer-snap 0.444,0.667,1] [--peer-cache DIR]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCase } from '../../src/case/load.js';
import { buildGrid } from '../../src/core/grid/build.js';
import { refinedGridSpec } from '../../src/core/grid/refine.js';
import { simulate } from '../../src/core/solver/simulate.js';
import type { Scene } from '../../src/core/model.js';

/** The converged reference: 0 °C, -20 °C, -40 °C, ml. */
export const CONVERGED = { '0': 1.786, '-20': 0.435, '-40': 0.112 } as const;
const TARGET = 0.02;

interface Row {
  code: string;
  factor: number;
  unknowns: number;
  cpu_s: number;
  volumes_ml: Record<string, number>;
  /** Largest relative error of the 0 °C and -20 °C volumes against CONVERGED. */
  error: number;
  steps?: number;
  newton?: number;
  /** The peer's steps whose Newton iteration failed and were redone shorter. */
  retried_steps?: number;
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const errorOf = (v: Record<string, number>) => Math.max(Math.abs(v['0'] / CONVERGED['0'] - 1), Math.abs(v['-20'] / CONVERGED['-20'] - 1));

function cryoplanRow(scene: Scene, factor: number): Row {
  const s: Scene = { ...scene, grid: refinedGridSpec(scene.grid, factor) };
  const c0 = process.cpuUsage();
  const r = simulate(s);
  const c = process.cpuUsage(c0);
  const v: Record<string, number> = {};
  for (const iso of r.isotherms) v[String(iso.threshold_c)] = iso.snapshots[iso.snapshots.length - 1].volume_ml;
  return {
    code: 'cryoplan',
    factor,
    unknowns: r.grid.cells,
    cpu_s: (c.user + c.system) / 1e6,
    volumes_ml: v,
    error: errorOf(v),
    steps: r.diagnostics.steps,
    newton: r.diagnostics.nonlinear_iterations,
  };
}

function peerRow(scene: Scene, factor: number, dir: string, snap: boolean): Row {
  const g = buildGrid({ ...scene, grid: refinedGridSpec(scene.grid, factor) });
  const gridFile = join(dir, `grid-${factor}.json`);
  const outFile = join(dir, `peer-${snap ? 'snap-' : ''}${factor}.json`);
  writeFileSync(gridFile, JSON.stringify({ x_mm: Array.from(g.xe), y_mm: Array.from(g.ye), z_mm: Array.from(g.ze) }));
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  if (existsSync(outFile)) console.log(`reusing ${outFile}`);
  else
    execFileSync(python, [new URL('../../../bench/peers/fenicsx_needle.py', import.meta.url).pathname, gridFile, outFile, ...(snap ? ['--snap'] : [])], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
  const out = JSON.parse(readFileSync(outFile, 'utf8')) as {
    dofs: number;
    cpu_s: number;
    steps: number;
    newton: number;
    retried_steps?: number;
    volumes_ml: Record<string, number>;
  };
  return {
    code: snap ? 'FEniCSx, snapped' : 'FEniCSx',
    factor,
    unknowns: out.dofs,
    cpu_s: out.cpu_s,
    volumes_ml: out.volumes_ml,
    error: errorOf(out.volumes_ml),
    steps: out.steps,
    newton: out.newton,
    retried_steps: out.retried_steps,
  };
}

async function main() {
  const factors = arg('--factors', '0.592,0.769,1,1.3').split(',').filter(Boolean).map(Number);
  const peerFactors = arg('--peer-factors', '0.444').split(',').filter(Boolean).map(Number);
  const { scene } = await loadCase('cases/default.yaml');
  const rows: Row[] = [];
  const cache = arg('--peer-cache', '');
  if (cache) mkdirSync(cache, { recursive: true });
  const dir = cache || mkdtempSync(join(tmpdir(), 'cryoplan-peers-'));
  const snapFactors = arg('--peer-snap', '').split(',').filter(Boolean).map(Number);
  for (const f of peerFactors) {
    rows.push(peerRow(scene, f, dir, false));
    console.log(rows[rows.length - 1]);
  }
  for (const f of snapFactors) {
    rows.push(peerRow(scene, f, dir, true));
    console.log(rows[rows.length - 1]);
  }
  for (const f of factors) {
    rows.push(cryoplanRow(scene, f));
    console.log(rows[rows.length - 1]);
  }
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} %`;
  console.log('\n| code | grid factor | cells / dofs | CPU s | 0 °C ml | -20 °C ml | -40 °C ml | within 2 % (0, -20 °C) |\n|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const v = r.volumes_ml;
    console.log(
      `| ${r.code} | ${r.factor} | ${r.unknowns.toLocaleString('en-US')} | ${r.cpu_s.toFixed(1)} | ${v['0'].toFixed(4)} (${pct(v['0'] / CONVERGED['0'] - 1)}) | ${v['-20'].toFixed(4)} (${pct(v['-20'] / CONVERGED['-20'] - 1)}) | ${v['-40'].toFixed(4)} (${pct(v['-40'] / CONVERGED['-40'] - 1)}) | ${r.error <= TARGET ? 'yes' : 'no'} |`,
    );
  }
  const cheapest = (code: string) => rows.filter((r) => r.code === code && r.error <= TARGET).sort((a, b) => a.cpu_s - b.cpu_s)[0];
  const a = cheapest('cryoplan');
  const b = [cheapest('FEniCSx'), cheapest('FEniCSx, snapped')].filter(Boolean).sort((x, y) => x.cpu_s - y.cpu_s)[0];
  const peers = rows.filter((r) => r.code !== 'cryoplan');
  const finest = peers.sort((x, y) => y.cpu_s - x.cpu_s)[0];
  const pctOf = (v: number) => `${(100 * v).toFixed(1)} %`;
  // Without a peer run within 2 %, its finest run bounds the ratio from below.
  const peerText = b
    ? `${b.code} ${b.cpu_s.toFixed(1)} CPU s`
    : finest
      ? `none of the peer's runs; its costliest (${finest.code}, ${finest.unknowns} dofs, ${finest.cpu_s.toFixed(1)} CPU s) is ${pctOf(finest.error)} off`
      : 'no peer run';
  const ratio = a && b ? `; ratio ${(b.cpu_s / a.cpu_s).toFixed(0)}x` : a && finest ? `; ratio > ${(finest.cpu_s / a.cpu_s).toFixed(0)}x` : '';
  console.log(`\ncheapest within 2 %: cryoplan ${a ? `${a.cpu_s.toFixed(1)} CPU s` : 'none run'}; ${peerText}${ratio}`);
  writeFileSync('bench/peers/results.json', `${JSON.stringify({ date: new Date().toISOString(), converged: CONVERGED, rows }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
