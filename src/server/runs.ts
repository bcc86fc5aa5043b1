import { EventEmitter } from 'node:events';
import type { Progress } from '../core/result.js';
import type { Runner } from '../run/types.js';
import { ApiError } from './errors.js';
import { newRunId } from './ids.js';
import { FINISHED, type RunRecord, type RunStore } from './store.js';
import type { CheckedCase } from './case-input.js';

export interface RunLimits {
  /** Runs waiting or running at once; more get 429. */
  maxActive: number;
  /** Wall time a run may take once it has started, s. */
  maxWallS: number;
}

/** A run as the API shows it. */
export interface RunView extends Omit<RunRecord, 'source'> {
  progress?: Progress & { fraction: number };
  files?: string[];
}

/** What /events sends: progress while it runs, then the run's final state. */
export type RunEvent = { type: 'progress'; progress: Progress & { fraction: number } } | { type: 'status'; run: RunView };

interface Live {
  controller: AbortController;
  progress?: Progress & { fraction: number };
  timer?: NodeJS.Timeout;
  /** Why the run is being stopped (cancel, wall limit, shutdown), set before the abort. */
  stopReason?: { status: 'cancelled' | 'failed' | 'interrupted'; reason: string };
  done: Promise<void>;
  /** The record's writes in order: a late "running" write must never land after "done". */
  saved: Promise<void>;
}

/**
 * The server's runs: records on disk, jobs on the runner, progress fanned out to
 * listeners. A run in progress when the server stopped is found at start-up
 * and marked interrupted: its record says so, nothing is silently lost.
 */
export class RunManager extends EventEmitter {
  private readonly live = new Map<string, Live>();
  private readonly records = new Map<string, RunRecord>();

  constructor(
    readonly store: RunStore,
    readonly runner: Runner,
    readonly limits: RunLimits,
  ) {
    super();
    this.setMaxListeners(0);
  }

  async init(): Promise<void> {
    await this.store.init();
    for (const rec of await this.store.all()) {
      if (!FINISHED.includes(rec.status)) {
        rec.status = 'interrupted';
        rec.finished_at = new Date().toISOString();
        rec.reason = 'the server stopped while this run was queued or running; submit the case again';
        await this.store.save(rec);
      }
      this.records.set(rec.id, rec);
    }
  }

  get active(): number {
    return this.live.size;
  }

  async submit(c: CheckedCase): Promise<RunRecord> {
    if (this.live.size >= this.limits.maxActive) {
      // A rough wait: the queue ahead shared over the runner's slots.
      const retry = Math.max(1, Math.ceil(this.live.size / Math.max(1, this.runner.concurrency)));
      throw new ApiError(429, `the server already has ${this.live.size} runs waiting or running (its limit); try again later`, [], {
        'retry-after': String(retry),
      });
    }
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
    await this.store.save(rec);
    this.records.set(rec.id, rec);
    const controller = new AbortController();
    const live: Live = { controller, done: Promise.resolve(), saved: Promise.resolve() };
    this.live.set(rec.id, live);
    live.done = this.execute(rec, c, live);
    return rec;
  }

  private async execute(rec: RunRecord, c: CheckedCase, live: Live): Promise<void> {
    try {
      const result = await this.runner.submit(
        { hash: c.hash, scene: c.scene, label: rec.name, want: { files: true } },
        {
          signal: live.controller.signal,
          onProgress: (p) => {
            if (rec.status === 'queued') this.started(rec, live);
            live.progress = { ...p, fraction: p.total_s > 0 ? Math.min(1, p.time_s / p.total_s) : 1 };
            this.emit(rec.id, { type: 'progress', progress: live.progress } satisfies RunEvent);
          },
        },
      );
      await this.store.writeResult(rec.id, result.summary, result.files ?? {});
      await this.finish(rec, live, 'done');
    } catch (e) {
      const stop = live.stopReason;
      if (stop) await this.finish(rec, live, stop.status, stop.reason);
      else await this.finish(rec, live, 'failed', e instanceof Error ? e.message : String(e));
    }
  }

  private started(rec: RunRecord, live: Live): void {
    rec.status = 'running';
    rec.started_at = new Date().toISOString();
    void this.persist(rec, live);
    live.timer = setTimeout(
      () => this.stop(rec.id, 'failed', `stopped at this server's limit of ${this.limits.maxWallS} s per run`),
      this.limits.maxWallS * 1000,
    );
    live.timer.unref();
  }

  private async finish(rec: RunRecord, live: Live, status: RunRecord['status'], reason?: string): Promise<void> {
    clearTimeout(live.timer);
    rec.status = status;
    rec.finished_at = new Date().toISOString();
    if (reason) rec.reason = reason;
    await this.persist(rec, live);
    this.live.delete(rec.id);
    this.emit(rec.id, { type: 'status', run: await this.view(rec.id) } satisfies RunEvent);
  }

  private persist(rec: RunRecord, live: Live): Promise<void> {
    live.saved = live.saved.then(() => this.store.save(rec)).catch(() => {});
    return live.saved;
  }

  private stop(id: string, status: 'cancelled' | 'failed' | 'interrupted', reason: string): boolean {
    const live = this.live.get(id);
    if (!live) return false;
    live.stopReason ??= { status, reason };
    live.controller.abort();
    return true;
  }

  /** Cancels a queued or running run; resolves once its record says cancelled. */
  async cancel(id: string): Promise<RunView> {
    const live = this.live.get(id);
    if (!this.records.has(id)) throw new ApiError(404, `no run with id ${id}`);
    if (!live) throw new ApiError(409, `the run has already ended (${this.records.get(id)!.status}); there is nothing to cancel`);
    this.stop(id, 'cancelled', 'cancelled by a DELETE request');
    await live.done;
    return this.view(id);
  }

  record(id: string): RunRecord | undefined {
    return this.records.get(id);
  }

  list(): RunRecord[] {
    return [...this.records.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  async view(id: string): Promise<RunView> {
    const rec = this.records.get(id);
    if (!rec) throw new ApiError(404, `no run with id ${id}`);
    const { source: _source, ...rest } = rec;
    const out: RunView = { ...rest };
    const live = this.live.get(id);
    if (live?.progress) out.progress = live.progress;
    if (rec.status === 'done') out.files = (await this.store.readSummaryFiles(id)) ?? [];
    return out;
  }

  /** Stops every run (they are recorded as interrupted) and the runner. */
  async close(): Promise<void> {
    const pending = [...this.live.entries()].map(([id, l]) => {
      this.stop(id, 'interrupted', 'the server was shut down while this run was queued or running; submit the case again');
      return l.done;
    });
    await Promise.all(pending);
    await this.runner.close();
  }
}
