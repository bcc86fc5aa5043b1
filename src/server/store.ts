import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Summary } from '../io/summary-schema.js';
import { isRunId } from './ids.js';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
export const FINISHED: readonly RunStatus[] = ['done', 'failed', 'cancelled', 'interrupted'];

/** What the server keeps about a run besides its result folder. */
export interface RunRecord {
  id: string;
  status: RunStatus;
  /** The case's name and the hash of the resolved case (as in summary.json). */
  name: string;
  hash: string;
  cells: number;
  /** The request's case text, so that an interrupted run can be submitted again. */
  source: string;
  format: 'json' | 'yaml';
  created_at: string;
  started_at?: string;
  finished_at?: string;
  /** Why a run failed, was cancelled or interrupted. */
  reason?: string;
}

/**
 * Runs on disk under the data folder:
 *   records/<id>.json   the record (replaced atomically at each change of status)
 *   runs/<id>/          the result folder, as `cryoplan run` writes it, once the run is done
 * Paths are built only from ids that pass isRunId and from the fixed file names.
 */
export class RunStore<R extends { id: string } = RunRecord> {
  readonly root: string;
  /** Folder names under the root: runs keep records/ and runs/; plans plan-records/ and plans/. */
  readonly layout: { records: string; results: string };
  constructor(root: string, layout: { records: string; results: string } = { records: 'records', results: 'runs' }) {
    this.root = root;
    this.layout = layout;
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, this.layout.records), { recursive: true });
    await mkdir(join(this.root, this.layout.results), { recursive: true });
  }

  private recordPath(id: string): string {
    if (!isRunId(id)) throw new Error(`not a run id: ${id}`);
    return join(this.root, this.layout.records, `${id}.json`);
  }

  resultDir(id: string): string {
    if (!isRunId(id)) throw new Error(`not a run id: ${id}`);
    return join(this.root, this.layout.results, id);
  }

  async save(rec: R): Promise<void> {
    const path = this.recordPath(rec.id);
    const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
    await writeDurably(tmp, `${JSON.stringify(rec, null, 2)}\n`);
    await rename(tmp, path);
  }

  async load(id: string): Promise<R | null> {
    try {
      return JSON.parse(await readFile(this.recordPath(id), 'utf8')) as R;
    } catch {
      return null;
    }
  }

  async all(): Promise<R[]> {
    const names = await readdir(join(this.root, this.layout.records));
    const out: R[] = [];
    for (const n of names) {
      const id = n.replace(/\.json$/, '');
      if (!n.endsWith('.json') || !isRunId(id)) continue;
      const rec = await this.load(id);
      if (rec) out.push(rec);
    }
    return out;
  }

  /** Writes a finished run's folder whole: into a temporary sibling, flushed, then renamed into place. */
  async writeResult(id: string, summary: Summary, files: Record<string, string>): Promise<void> {
    await this.writeFolder(id, { ...files, 'summary.json': `${JSON.stringify(summary, null, 2)}\n` });
  }

  /** Writes a finished job's folder whole (the same way), from file name -> content. */
  async writeFolder(id: string, files: Record<string, string>): Promise<void> {
    const dir = this.resultDir(id);
    const tmp = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(tmp);
      for (const [name, text] of Object.entries(files)) await writeDurably(join(tmp, name), text);
      await rename(tmp, dir);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** The files summary.json lists for a finished run. */
  async readSummaryFiles(id: string): Promise<string[] | null> {
    try {
      const s = JSON.parse(await readFile(join(this.resultDir(id), 'summary.json'), 'utf8')) as { files?: string[] };
      return s.files ?? [];
    } catch {
      return null;
    }
  }

  /** A file of a finished run's folder, or null; `name` is one of the fixed names the routes allow. */
  async resultFile(id: string, name: string): Promise<string | null> {
    const path = join(this.resultDir(id), name);
    try {
      if (!(await stat(path)).isFile()) return null;
      return path;
    } catch {
      return null;
    }
  }
}

async function writeDurably(path: string, data: string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
