import type { Progress } from '../core/result.js';
import type { Scene, TubeStructure } from '../core/model.js';
import { Simulation, simulateAsync } from '../core/solver/simulate.js';
import type { CaseIssue } from '../case/errors.js';
import { computeOutcomes } from '../core/outcome/index.js';
import { sideEffectOnsets } from '../core/outcome/side-effects.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../core/outcome/settings.js';
import { BlockRecorder } from '../core/plan/block-recorder.js';
import { buildSummary } from '../io/summary.js';
import { seriesCsv } from '../io/series-csv.js';
import { vtr } from '../io/vtr.js';
import { renderReport } from '../io/report/index.js';
import type { RunJob, RunJobResult, RunHistories } from './types.js';
import { checkCoverage } from '../case/coverage.js';
import { nerveTube } from '../core/outcome/nerve-tube.js';
import { totalTime } from '../core/protocol/schedule.js';

/** Whether a job's result carries summary.json's object (files need it). */
export const wantsSummary = (job: RunJob) => job.want?.summary !== false || job.want?.files === true;

export interface ExecuteOptions {
  onProgress?: (p: Progress) => void;
  shouldCancel?: () => boolean;
  /** Names the runner in the result (thread, host and pid). */
  worker?: string;
}

/**
 * Runs one job where it stands (a worker thread, a BullMQ worker or this process): the
 * simulation, the outcomes, summary.json's object and, if asked, the histories the
 * planner reads and the result folder's text files. The same code in every runner, so a
 * result does not depend on where it ran.
 */
export async function executeJob(job: RunJob, opts: ExecuteOptions = {}): Promise<RunJobResult> {
  const t0 = performance.now();
  const { scene } = job;
  // The job has reached its runner: say so before the grid and the starting field are built (tens of ms to seconds), so that a client sees the run start at once.
  opts.onProgress?.({ time_s: 0, total_s: totalTime(scene.protocol), step: 0, phase: 'setting up' });
  const sim = buildSimulation(scene, job.label);
  const nerves = scene.structures.map(nerveTube).filter((s): s is TubeStructure => s !== null);
  const recorder = job.want?.histories ? new BlockRecorder(sim.grid, nerves, (scene.outcome ?? DEFAULT_OUTCOME_SETTINGS).nerve.axonotmesis_c) : undefined;
  const result = await simulateAsync(sim, {
    onProgress: opts.onProgress,
    shouldCancel: opts.shouldCancel,
    onStep: recorder ? (t, T, pad) => recorder.observe(t, T, pad) : undefined,
  });
  const wall_s = (performance.now() - t0) / 1000;
  const out: RunJobResult = { hash: job.hash, worker: opts.worker ?? 'this process', wall_s };
  // The planner reads only the histories: no outcome models, summary or files for its runs.
  if (wantsSummary(job)) {
    const outcomes = computeOutcomes(scene, result);
    const caseInfo = { name: scene.name, hash: job.hash, ...(job.label ? { file: job.label } : {}) };
    const files: Record<string, string> = {};
    if (job.want?.files) {
      files['series.csv'] = seriesCsv(result.series);
      files['report.html'] = renderReport({ scene, result, outcomes, caseInfo, wall_s });
      // The server serves fields.vtr when the case asks for volumes; it is text (inline base64), so it travels like the others.
      if (scene.outputs.volumes.includes('vti') || job.want.fields) files['fields.vtr'] = new TextDecoder().decode(vtr(result));
      out.files = files;
    }
    out.summary = buildSummary(result, caseInfo, wall_s, ['summary.json', ...Object.keys(files)].sort(), outcomes);
  }
  if (recorder) {
    const histories: RunHistories = {
      time_s: result.series.time_s,
      structures: Object.fromEntries(result.series.structures.map((s) => [s.name, s.min_c])),
      block_s: recorder.blockTimes(),
      sensors: Object.fromEntries((result.series.sensors ?? []).map((s) => [s.name, s.temperature_c])),
      side_effect_onset_s: sideEffectOnsets(scene, result, scene.outcome ?? DEFAULT_OUTCOME_SETTINGS),
    };
    out.histories = histories;
  }
  return out;
}

/**
 * The simulation with its grid and raster built once: the coverage check reads them
 * (a planner's sample may move a thin structure off every cell of a coarse grid: say so
 * rather than return undefined temperatures), and so does the block recorder.
 */
function buildSimulation(scene: Scene, label: string | undefined): Simulation {
  const fail = (issues: CaseIssue[]) => new Error(`${label ?? scene.name}: cannot be simulated: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  let sim: Simulation;
  try {
    sim = new Simulation(scene);
  } catch (e) {
    // A structure with no cell may be what stopped the set-up: that is the clearer message.
    const uncovered = checkCoverage(scene);
    throw uncovered.length ? fail(uncovered) : e;
  }
  const uncovered = checkCoverage(scene, { grid: sim.grid, raster: sim.raster });
  if (uncovered.length) throw fail(uncovered);
  return sim;
}
