import { mkdir, rename, rm, rmdir, unlink, open } from 'node:fs/promises';
import { dirname, basename, join, resolve, relative, isAbsolute } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Scene } from '../core/model.js';
import type { RunResult } from '../core/result.js';
import type { Outcomes } from '../core/outcome/types.js';
import { buildSummary, type CaseInfo } from './summary.js';
import type { GridCheck } from '../core/grid/verify.js';
import { seriesCsv } from './series-csv.js';
import { inspectResultsFolder, manifestFor, MANIFEST, type FolderState } from './results-folder.js';

export interface RunOutput {
  scene: Scene;
  result: RunResult;
  caseInfo: CaseInfo;
  wall_s: number;
  /** Computed from scene and result when absent. */
  outcomes?: Outcomes;
  /** `--verify-grid`: the same case on a refined grid (summary.json's grid_check). */
  gridCheck?: GridCheck;
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

/** cryoplan refused to write a results folder: replacing it would lose files it did not write. */
export class ResultsFolderError extends Error {}

/** Whether `dir` is `cwd` or one of its parents: renaming it would strand the shell that ran cryoplan. */
function holdsCwd(dir: string): boolean {
  const rel = relative(dir, process.cwd());
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Writes a run's result folder atomically: every file goes into a temporary
 * sibling folder and is flushed, with a manifest (MANIFEST) listing them; only
 * then does the folder take its place. A new path gets the folder by one rename;
 * an existing folder of cryoplan's (a manifest, and nothing it does not list) is
 * moved aside, the new one renamed into place and the old one's listed files
 * removed; an empty folder (the user's own, perhaps the working directory) gets
 * the files moved in. Any other folder is refused with a ResultsFolderError
 * before anything is written: cryoplan never deletes a file it did not write.
 * If anything fails before the swap, the temporary folder is deleted and the
 * existing folder is untouched.
 */
export async function writeRunOutputs(outDir: string, run: RunOutput, extra: ExtraFiles = {}): Promise<string[]> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const refuse = (st: FolderState) => {
    if (st.kind === 'foreign' || st.kind === 'not-folder') throw new ResultsFolderError(`${st.reason}; nothing was written`);
    return st;
  };
  refuse(await inspectResultsFolder(target));
  await mkdir(parent, { recursive: true });
  const tag = randomBytes(4).toString('hex');
  const tmp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const files: Record<string, string | Uint8Array> = {};
  files['series.csv'] = seriesCsv(run.result.series);
  // The volume writers and the outcome models are loaded only for the runs that need them.
  const vols = run.scene.outputs.volumes;
  if (vols.includes('vti')) files['fields.vtr'] = (await import('./vtr.js')).vtr(run.result);
  if (vols.includes('nrrd')) {
    const n = (await import('./nrrd.js')).nrrdVolumes(run.result, run.scene);
    files['final_temperature.nrrd'] = n.final_temperature;
    files['min_temperature.nrrd'] = n.min_temperature;
    files['labels.nrrd'] = n.labels;
    files['isotherms.nrrd'] = n.isotherms;
  }
  Object.assign(files, extra);
  const names = ['summary.json', ...Object.keys(files)].sort();
  const outcomes = run.outcomes ?? (await import('../core/outcome/index.js')).computeOutcomes(run.scene, run.result);
  const summary = buildSummary(run.result, run.caseInfo, run.wall_s, names, outcomes, run.gridCheck);
  files['summary.json'] = `${JSON.stringify(summary, null, 2)}\n`;
  // Last, so that a folder with a manifest holds every file the manifest lists.
  files[MANIFEST] = `${JSON.stringify(manifestFor(run.caseInfo, names), null, 2)}\n`;
  try {
    await mkdir(tmp);
    // The files at once (their flushes overlap), then the manifest.
    const written = await Promise.allSettled(Object.entries(files).map(([name, data]) => (name === MANIFEST ? null : writeDurably(join(tmp, name), data))));
    const failed = written.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) throw failed.reason;
    await writeDurably(join(tmp, MANIFEST), files[MANIFEST]);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  try {
    // Looked at again: the folder may have changed during the run.
    const st = refuse(await inspectResultsFolder(target));
    if (st.kind === 'absent') await rename(tmp, target);
    else if (st.kind === 'empty' || (st.kind === 'cryoplan' && holdsCwd(target))) {
      // File by file into the folder that stays: each file is replaced atomically.
      for (const name of Object.keys(files).filter((n) => n !== MANIFEST)) await rename(join(tmp, name), join(target, name));
      await rename(join(tmp, MANIFEST), join(target, MANIFEST));
      if (st.kind === 'cryoplan') for (const f of st.files.filter((f) => !(f in files))) await unlink(join(target, f)).catch(() => {});
      await rmdir(tmp);
    } else if (st.kind === 'cryoplan') {
      const old = join(parent, `.${basename(target)}.old-${tag}`);
      await rename(target, old);
      try {
        await rename(tmp, target);
      } catch (e) {
        await rename(old, target);
        throw e;
      }
      // Only the files the old manifest listed; a file added since keeps the old folder (rmdir fails).
      for (const f of st.files) await unlink(join(old, f)).catch(() => {});
      await rmdir(old).catch(() => {});
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return names.map((n) => join(outDir, n));
}
