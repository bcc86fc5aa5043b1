import type { Progress } from '../core/result.js';
import type { Runner } from '../run/types.js';
import { ApiError } from './errors.js';
import { newRunId } from './ids.js';
import type { RunRecord, RunStore } from './store.js';
import type { CheckedCase } from './case-input.js';
import { type JobEvent, type JobLimits, JobManager } from './job-manager.js';

export type RunLimits = JobLimits;

export type RunProgressView = Progress & { fraction: number };

/** A run as the API shows it. */
export interface RunView extends Omit<RunRecord, 'source'> {
  progress?: RunProgressView;
  files?: string[];
}

/** What /events sends: progress while it runs, then the run's final state. */
export type RunEvent = JobEvent<RunProgressView, RunView>;

interface RunInput {
  c: CheckedCase;
  /** Write fields.vtr whatever the case's outputs say (the app's 3D view reads it). */
  fields: boolean;
}

/**
 * The server's runs: one job each on the server's runner (the local pool or BullMQ),
 * its result folder written as `cryoplan run` writes it.
 */
export class RunManager extends JobManager<RunRecord, RunInput, RunProgressView, RunView> {
  constructor(
    store: RunStore,
    readonly runner: Runner,
    limits: RunLimits,
  ) {
    super(store, limits, {
      noun: 'run',
      interrupted: 'the server stopped while this run was queued or running; submit the case again',
      shutdown: 'the server was shut down while this run was queued or running; submit the case again',
    });
  }

  /** `fields`: write fields.vtr whatever the case's outputs say (the app's 3D view reads it). */
  submit(c: CheckedCase, opts: { fields?: boolean } = {}): Promise<RunRecord> {
    const rec: RunRecord = {
      id: newRunId(),
      status: 'queued',
      name: c.scene.name,
      hash: c.hash,
      cells: c.cells,
      source: c.source,
      format: c.format,
      created_at: new Date().toISOString(),
    };
    return this.start(rec, { c, fields: opts.fields === true });
  }

  protected busy(active: number): ApiError {
    // A rough wait: the queue ahead shared over the runner's slots.
    const retry = Math.max(1, Math.ceil(active / Math.max(1, this.runner.concurrency)));
    return new ApiError(429, `the server already has ${active} runs waiting or running (its limit); try again later`, [], {
      'retry-after': String(retry),
    });
  }

  protected async work(rec: RunRecord, { c, fields }: RunInput, signal: AbortSignal, progress: (p: RunProgressView) => void): Promise<void> {
    const result = await this.runner.submit(
      { hash: c.hash, scene: c.scene, label: rec.name, want: { files: true, ...(fields ? { fields } : {}) } },
      { signal, onProgress: (p) => progress({ ...p, fraction: p.total_s > 0 ? Math.min(1, p.time_s / p.total_s) : 1 }) },
    );
    if (signal.aborted) throw new Error('stopped');
    if (!result.summary) throw new Error('internal error: the runner returned no summary');
    await this.store.writeResult(rec.id, result.summary, result.files ?? {});
  }

  protected async finished(id: string, out: RunView): Promise<void> {
    out.files = (await this.store.readSummaryFiles(id)) ?? [];
  }

  /** Stops every run (they are recorded as interrupted) and the runner. */
  override async close(): Promise<void> {
    await super.close();
    await this.runner.close();
  }
}
