import type { Scene } from '../core/model.js';
import type { RunResult } from '../core/result.js';
import { computeOutcomes } from '../core/outcome/index.js';
import { buildSummary } from '../io/summary.js';
import { seriesCsv } from '../io/series-csv.js';
import { vtr } from '../io/vtr.js';
import { renderReport } from '../io/report/index.js';
import type { Summary } from '../io/summary-schema.js';

/**
 * A finished run as the text files of its result folder: the files `cryoplan run`
 * writes (report.html, series.csv, fields.vtr when the case asks for volumes) and
 * summary.json listing them. The NRRD volumes are binary and stay with the CLI.
 */
export function runFiles(
  scene: Scene,
  result: RunResult,
  hash: string,
  label: string | undefined,
  wall_s: number,
): { summary: Summary; files: Record<string, string> } {
  const outcomes = computeOutcomes(scene, result);
  const caseInfo = { name: scene.name, hash, ...(label ? { file: label } : {}) };
  const files: Record<string, string> = { 'series.csv': seriesCsv(result.series) };
  if (scene.outputs.volumes.includes('vti')) files['fields.vtr'] = new TextDecoder().decode(vtr(result));
  try {
    files['report.html'] = renderReport({ scene, result, outcomes, caseInfo, wall_s });
  } catch {
    // As in `cryoplan run`: a fault in the report must not lose the run.
  }
  const names = ['summary.json', ...Object.keys(files)].sort();
  return { summary: buildSummary(result, caseInfo, wall_s, names, outcomes), files };
}
