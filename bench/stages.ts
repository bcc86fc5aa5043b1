/**
 * Where the wall time of one `cryoplan run` goes, stage by stage, in one process
 * (the CLI runs the same stages, the simulation on a worker thread): loading the
 * modules, reading and resolving the case, building the grid, anatomy and
 * problem, the steady start, the time steps, gathering the result, the outcome
 * models, the report, and writing the results folder. Process start is measured
 * separately as `node -e 0`.
 *
 *   npm run build:dev && node build/bench/stages.js [cases/default.yaml] [--repeat 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const now = () => performance.now() / 1000;
/** CPU seconds of this process so far (user + system, all threads). */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'cases/default.yaml';
  const i = process.argv.indexOf('--repeat');
  const repeat = i >= 0 ? Number(process.argv[i + 1]) : 1;
  let t = now();
  let c = cpu();
  const { loadCase } = await import('../src/case/load.js');
  const { Simulation } = await import('../src/core/solver/simulate.js');
  const { computeOutcomes } = await import('../src/core/outcome/index.js');
  const { renderReport } = await import('../src/io/report/index.js');
  const { writeRunOutputs } = await import('../src/io/outputs.js');
  const rows: Array<[string, number[], number[]]> = [['modules', [now() - t], [cpu() - c]]];
  const add = (name: string, v: number) => {
    const u = cpu() - c;
    const r = rows.find((x) => x[0] === name);
    if (r) {
      r[1].push(v);
      r[2].push(u);
    } else rows.push([name, [v], [u]]);
    c = cpu();
  };
  c = cpu();
  const p0 = now();
  execFileSync(process.execPath, ['-e', '0']);
  add('process start (node -e 0)', now() - p0);
  for (let k = 0; k < repeat; k++) {
    t = now();
    c = cpu();
    const { scene, hash } = await loadCase(file);
    add('case: read and resolve', now() - t);
    t = now();
    c = cpu();
    const sim = new Simulation(scene);
    add('grid, anatomy, problem', now() - t);
    t = now();
    c = cpu();
    sim.initialise();
    add('steady start', now() - t);
    t = now();
    c = cpu();
    while (!sim.done) sim.advance();
    add(`time steps (${sim.steps})`, now() - t);
    t = now();
    c = cpu();
    const result = sim.result();
    add('result', now() - t);
    t = now();
    c = cpu();
    const outcomes = computeOutcomes(scene, result);
    add('outcomes', now() - t);
    t = now();
    c = cpu();
    const caseInfo = { name: scene.name, hash, file };
    const report = renderReport({ scene, result, outcomes, caseInfo, wall_s: 0 });
    add('report.html', now() - t);
    const dir = mkdtempSync(join(tmpdir(), 'cryoplan-stages-'));
    t = now();
    c = cpu();
    await writeRunOutputs(join(dir, 'out'), { scene, result, caseInfo, wall_s: 0, outcomes }, { 'report.html': report });
    add('write results folder', now() - t);
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const total = rows.reduce((s, [, v]) => s + median(v), 0);
  const totalCpu = rows.reduce((s, [, , u]) => s + median(u), 0);
  console.log(`| stage (${file}) | wall s (median of ${repeat}) | share | CPU s | share |\n|---|---|---|---|---|`);
  for (const [name, v, u] of rows)
    console.log(
      `| ${name} | ${median(v).toFixed(3)} | ${((100 * median(v)) / total).toFixed(0)} % | ${median(u).toFixed(3)} | ${((100 * median(u)) / totalCpu).toFixed(0)} % |`,
    );
  console.log(`| total | ${total.toFixed(3)} | | ${totalCpu.toFixed(3)} | |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
