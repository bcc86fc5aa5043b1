/// <reference lib="webworker" />
/**
 * The numerical core in a Web Worker: the same case resolution, solver, outcome
 * models, summary and report as `cryoplan run`, with the temperature field cut on
 * two planes now and then so the page can draw the ice ball as it grows.
 */
import { Simulation } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { buildSummary } from '../../src/io/summary.js';
import { seriesCsv } from '../../src/io/series-csv.js';
import { renderReport } from '../../src/io/report/index.js';
import { temperatureChart, iceBallChart } from '../../src/io/report/charts.js';
import { parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';
import { cut, defaultPlanes } from './planes.js';
import { readVtr, sampleLattice } from './lattice.js';
import { seriesFromCsv } from './series.js';
import type { Summary } from '../../src/io/summary-schema.js';
import type { RunResult } from '../../src/core/result.js';
import type { WorkerIn, WorkerOut } from './messages.js';

const post = (m: WorkerOut, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<WorkerIn>) => {
  const m = e.data;
  try {
    if (m.type === 'run') run(m.text, m.file);
    else if (m.type === 'server') serverExtras(m.text, m.file, m.summary, m.csv, m.vtr);
  } catch (err) {
    if (err instanceof CaseError) post({ type: 'invalid', message: err.message, issues: err.issues });
    else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

function run(text: string, file: string): void {
  const t0 = performance.now();
  const { scene, hash } = parseCase(text, file);
  const sim = new Simulation(scene);
  const planes = defaultPlanes(scene);
  sim.initialise();
  let last = 0;
  const pad = sim.problem.pad;
  while (!sim.done) {
    sim.advance();
    const now = performance.now();
    if (now - last > 150 || sim.done) {
      last = now;
      const across = cut(sim.grid, sim.stepper.T, planes.across, pad);
      const along = cut(sim.grid, sim.stepper.T, planes.along, pad);
      post({ type: 'progress', progress: sim.progress(), across, along }, [across.values.buffer, along.values.buffer]);
    }
  }
  const result = sim.result();
  const wall_s = (performance.now() - t0) / 1000;
  const outcomes = computeOutcomes(scene, result);
  const caseInfo = { name: scene.name, hash, file };
  const files: Record<string, string> = { 'series.csv': seriesCsv(result.series) };
  files['report.html'] = renderReport({ scene, result, outcomes, caseInfo, wall_s });
  const summary = buildSummary(result, caseInfo, wall_s, ['summary.json', ...Object.keys(files)].sort(), outcomes);
  const across = cut(sim.grid, result.fields.min_c, planes.across);
  const along = cut(sim.grid, result.fields.min_c, planes.along);
  const lattice = sampleLattice(result.grid, result.fields.min_c) ?? undefined;
  post(
    {
      type: 'done',
      summary,
      files,
      charts: { temperature: temperatureChart(scene, result, 640), iceBall: iceBallChart(scene, result, 640) },
      series: { time_s: result.series.time_s, isotherms: result.series.isotherms },
      across,
      along,
      lattice,
      wall_s,
      kernels: sim.stepper.kernels,
    },
    [across.values.buffer, along.values.buffer, ...(lattice ? [lattice.centi_c.buffer] : [])],
  );
}

/**
 * A server run's charts, drawn by the report's own chart code from its series.csv and
 * summary (the same figures a browser run shows), and its 3D lattice from fields.vtr.
 */
function serverExtras(text: string, file: string, summary: Summary, csv: string, vtr?: string): void {
  const { scene } = parseCase(text, file);
  const series = seriesFromCsv(csv, {
    probes: scene.probes.map((p) => p.id),
    structures: summary.structures.map((s) => s.name),
    isotherms: summary.isotherms.map((i) => i.threshold_c),
  });
  // The charts read the series, the structures' roles and the simulated time: all in the summary and series.csv.
  const result = { series, structures: summary.structures, simulated_s: summary.timing.simulated_s } as unknown as RunResult;
  let lattice: ReturnType<typeof sampleLattice> = null;
  if (vtr) {
    const { grid, values } = readVtr(vtr);
    lattice = sampleLattice(grid, values);
  }
  post(
    {
      type: 'extras',
      charts: { temperature: temperatureChart(scene, result, 640), iceBall: iceBallChart(scene, result, 640) },
      series: { time_s: series.time_s, isotherms: series.isotherms },
      ...(lattice ? { lattice } : {}),
    },
    lattice ? [lattice.centi_c.buffer] : [],
  );
}
