/**
 * Side by side, in one run: this build against an older build of cryoplan (for
 * the issue-8 before/after table), on the same case files, alternating the two so
 * that the machine's load falls on both alike.
 *
 *   npm run build:dev
 *   git archive 7e68764 | tar -x -C /tmp/engine-old && (cd /tmp/engine-old && ln -s $PWD/node_modules && npx tsc -p tsconfig.dev.json)
 *   node build/bench/compare.js --old /tmp/engine-old/build [--old /tmp/another/build] [--repeat 3] [--refinement 1] cases/default.yaml cases/intercostal.yaml
 *
 * Every timed run starts after a full garbage collection (bench/collect.ts).
 * Prints cells, wall seconds (median), steps, Newton and CG iterations and the
 * isotherm volumes; for the default case also their error against the converged
 * reference (bench/peers: 1.786 / 0.435 / 0.112 ml for 0 / -20 / -40 degC).
 */
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectGarbage } from './collect.js';

/** Converged volumes of cases/default.yaml (axisymmetric FEniCSx, 0.025 mm at the needle; /work/shared/peers/needle-reference.md). */
export const DEFAULT_REFERENCE: Record<string, number> = { '0': 1.786, '-20': 0.435, '-40': 0.112 };

interface Build {
  label: string;
  loadCase: (file: string) => Promise<{ scene: Record<string, unknown> }>;
  simulate: (scene: unknown) => {
    grid: { cells: number };
    isotherms: Array<{ threshold_c: number; snapshots: Array<{ volume_ml: number }> }>;
    diagnostics: { steps: number; nonlinear_iterations: number; linear_iterations: number };
  };
}

async function loadBuild(label: string, root: string): Promise<Build> {
  const url = (p: string) => pathToFileURL(resolve(root, p)).href;
  const load = await import(url('src/case/load.js'));
  const sim = await import(url('src/core/solver/simulate.js'));
  return { label, loadCase: load.loadCase, simulate: sim.simulate };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  // --old may be given more than once (each build is labelled by its folder's name).
  const oldRoots = process.argv.flatMap((a, i) => (a === '--old' ? [process.argv[i + 1]] : []));
  const repeat = Number(arg('--repeat') ?? '1');
  const refinement = arg('--refinement');
  const skip = new Set(['--old', '--repeat', '--refinement']);
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !skip.has(all[i - 1] ?? ''));
  const builds: Build[] = [await loadBuild('new', resolve(import.meta.dirname, '..'))];
  for (const root of oldRoots.reverse()) builds.unshift(await loadBuild(oldRoots.length > 1 ? basename(resolve(root, '..')) : 'old', root));
  const rows: string[] = [];
  for (const file of files.length ? files : ['cases/default.yaml']) {
    const walls = new Map<string, number[]>();
    const cpus = new Map<string, number[]>();
    const last = new Map<string, ReturnType<Build['simulate']>>();
    for (let r = 0; r < repeat; r++) {
      for (const b of r % 2 ? [...builds].reverse() : builds) {
        const { scene } = await b.loadCase(file);
        if (refinement) {
          const g = scene.grid as { kind: string; refinement?: number };
          if (g.kind === 'auto') scene.grid = { ...g, refinement: Number(refinement) * (g.refinement ?? 1) };
        }
        // Each run starts from a collected heap: the garbage of the run before (often
        // another build's, and far more of it from the older ones) is not charged to it.
        collectGarbage();
        const t0 = performance.now();
        const u0 = process.cpuUsage();
        const res = b.simulate(scene);
        const s = (performance.now() - t0) / 1000;
        const u = process.cpuUsage(u0);
        walls.set(b.label, [...(walls.get(b.label) ?? []), s]);
        cpus.set(b.label, [...(cpus.get(b.label) ?? []), (u.user + u.system) / 1e6]);
        last.set(b.label, res);
      }
    }
    for (const b of builds) {
      const res = last.get(b.label)!;
      const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      const w = median(walls.get(b.label)!);
      const cpu = median(cpus.get(b.label)!);
      const vols = res.isotherms.map((iso) => {
        const v = iso.snapshots[iso.snapshots.length - 1].volume_ml;
        const ref = file.endsWith('default.yaml') ? DEFAULT_REFERENCE[String(iso.threshold_c)] : undefined;
        return `${iso.threshold_c}: ${v.toFixed(4)}${ref ? ` (${(100 * (v / ref - 1)).toFixed(1)} %)` : ''}`;
      });
      const d = res.diagnostics;
      rows.push(
        `| ${file} | ${b.label} | ${res.grid.cells} | ${w.toFixed(2)} | ${cpu.toFixed(2)} | ${d.steps} | ${d.nonlinear_iterations} | ${d.linear_iterations} | ${vols.join('; ')} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log(
    '\n| case | build | cells | wall s (median) | CPU s (median) | steps | Newton | CG | volumes ml (error vs converged) |\n|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
