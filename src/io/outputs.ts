import { mkdir, rename, rm, stat, open } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Scene } from '../core/model.js';
import type { RunResult } from '../core/result.js';
import type { Outcomes } from '../core/outcome/types.js';
import { computeOutcomes } from '../core/outcome/index.js';
import { buildSummary, type CaseInfo } from './summary.js';
import { seriesCsv } from './series-csv.js';
import { vtr } from './vtr.js';
import { nrrdVolumes } from './nrrd.js';

export interface RunOutput {
  scene: Scene;
  result: RunResult;
  caseInfo: CaseInfo;
  wall_s: number;
  /** Computed from scene and result when absent. */
  outcomes?: Outcomes;
}

/** Extra files a caller (the report, later) adds to the result folder. */
export type ExtraFiles = Record<string, string | Uint8Array>;

async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a run's result folder atomically: every file goes into a temporary
 * sibling folder and is flushed; only then is an existing folder moved aside, the
 * new one renamed into place and the old one removed. If anything fails before
 * the swap, the temporary folder is deleted and the existing folder is untouched.
 */
export async function writeRunOutputs(outDir: string, run: RunOutput, extra: ExtraFiles = {}): Promise<string[]> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = randomBytes(4).toString('hex');
  const tmp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const files: Record<string, string | Uint8Array> = {};
  files['series.csv'] = seriesCsv(run.result.series);
  const vols = run.scene.outputs.volumes;
  if (vols.includes('vti')) files['fields.vtr'] = vtr(run.result);
  if (vols.includes('nrrd')) {
    const n = nrrdVolumes(run.result);
    files['final_temperature.nrrd'] = n.final_temperature;
    files['min_temperature.nrrd'] = n.min_temperature;
    files['labels.nrrd'] = n.labels;
  }
  Object.assign(files, extra);
  const names = ['summary.json', ...Object.keys(files)].sort();
  const summary = buildSummary(run.result, run.caseInfo, run.wall_s, names, run.outcomes ?? computeOutcomes(run.scene, run.result));
  files['summary.json'] = `${JSON.stringify(summary, null, 2)}\n`;
  try {
    await mkdir(tmp);
    for (const [name, data] of Object.entries(files)) await writeDurably(join(tmp, name), data);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const existed = await stat(target).then(
    (s) => s,
    () => null,
  );
  if (existed && !existed.isDirectory()) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`${outDir} exists and is not a folder`);
  }
  const old = join(parent, `.${basename(target)}.old-${tag}`);
  if (existed) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (e) {
    if (existed) await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existed) await rm(old, { recursive: true, force: true });
  return names.map((n) => join(outDir, n));
}
