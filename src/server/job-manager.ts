import { EventEmitter } from 'node:events';
import { ApiError } from './errors.js';
import { FINISHED, type RunStatus, type RunStore } from './store.js';

/** What the server keeps about any job (a run or a plan) besides its result folder. */
export interface JobRecord {
  id: string;
  status: RunStatus;
  /** The request's text, so that an interrupted job can be submitted again. */
  source: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  /** Why a job failed, was cancelled or interrupted. */
  reason?: string;
}

export interface JobLimits {
  /** Jobs waiting or running at once; more get 429. */
  maxActive: number;
  /** Wall time a job may take once it has started, s. */
  maxWallS: number;
}

/** What /events sends: progress while it runs, then the job's final state. */
export type JobEvent<P, V> = { type: 'progress'; progress: P } | { type: 'status'; run: V };

interface Live<P> {
  controller: AbortController;
  progress?: P;
  timer?: NodeJS.Timeout;
  /** Why the job is being stopped (cancel, wall limit, shutdown), set before the abort. */
  stopReason?: { status: 'cancelled' | 'failed' | 'interrupted'; reason: string };
  done: Promise<void>;
}

/** The words a manager's messages use. */
export interface JobWording {
  /** 'run' or 'plan'. */
  noun: string;
  /** Recorded on a job found unfinished at start-up. */
  interrupted: string;
  /** Recorded on a job stopped by the server's shutdown. */
  shutdown: string;
}

/**
 * The life of the server's jobs, shared by runs and plans: records on disk written in
 * order, a job found unfinished at start-up marked interrupted (nothing is silently
 * lost), a wall-time cap, cancel, and progress fanned out to listeners. A subclass
 * says what the work is and what its view adds.
 */
export abstract class JobManager<R extends JobRecord, In, P, V extends Omit<R, 'source'> & { progress?: P }> extends EventEmitter {
  protected readonly live = new Map<string, Live<P>>();
  protected readonly records = new Map<string, R>();
  private readonly saving = new Map<string, Promise<void>>();

  constructor(
    readonly store: RunStore<R>,
    readonly limits: JobLimits,
    private readonly wording: JobWording,
  ) {
    super();
    this.setMaxListeners(0);
  }

  /**
   * Does the work: resolves once its results are written; reports progress as it goes. A job
   * stopped (signal aborted) must throw before it writes, so that a cancelled job has no results.
   */
  protected abstract work(rec: R, input: In, signal: AbortSignal, progress: (p: P) => void): Promise<void>;

  /** The 429 to answer when `active` jobs are already waiting or running. */
  protected abstract busy(active: number): ApiError;

  /** What a finished job's view adds (its files, a verdict). */
  protected abstract finished(id: string, out: V): Promise<void>;

  async init(): Promise<void> {
    await this.store.init();
    for (const rec of await this.store.all()) {
      if (!FINISHED.includes(rec.status)) {
        rec.status = 'interrupted';
        rec.finished_at = new Date().toISOString();
        rec.reason = this.wording.interrupted;
        await this.persist(rec);
      }
      this.records.set(rec.id, rec);
    }
  }

  get active(): number {
    return this.live.size;
  }

  /** Records a new job and starts it; the record is on disk before the work starts (a crash then finds it). */
  protected async start(rec: R, input: In): Promise<R> {
    if (this.live.size >= this.limits.maxActive) throw this.busy(this.live.size);
    await this.persist(rec);
    this.records.set(rec.id, rec);
    const live: Live<P> = { controller: new AbortController(), done: Promise.resolve() };
    this.live.set(rec.id, live);
    live.done = this.execute(rec, input, live);
    return rec;
  }

  /** Writes a record after any earlier write of it, so that the last state written is the last state reached. */
  private persist(rec: R): Promise<void> {
    const next = (this.saving.get(rec.id) ?? Promise.resolve()).catch(() => {}).then(() => this.store.save(rec));
    this.saving.set(rec.id, next);
    const forget = () => {
      if (this.saving.get(rec.id) === next) this.saving.delete(rec.id);
    };
    next.then(forget, forget);
    return next;
  }

  private async execute(rec: R, input: In, live: Live<P>): Promise<void> {
    try {
      await this.work(rec, input, live.controller.signal, (p) => {
        if (rec.status === 'queued') this.started(rec, live);
        live.progress = p;
        this.emit(rec.id, { type: 'progress', progress: p } satisfies JobEvent<P, V>);
      });
      await this.finish(rec, live, 'done');
    } catch (e) {
      const stop = live.stopReason;
      if (stop) await this.finish(rec, live, stop.status, stop.reason);
      else await this.finish(rec, live, 'failed', e instanceof Error ? e.message : String(e));
    }
  }

  private started(rec: R, live: Live<P>): void {
    rec.status = 'running';
    rec.started_at = new Date().toISOString();
    void this.persist(rec).catch(() => {});
    live.timer = setTimeout(
      () => this.stop(rec.id, 'failed', `stopped at this server's limit of ${this.limits.maxWallS} s per ${this.wording.noun}`),
      this.limits.maxWallS * 1000,
    );
    live.timer.unref();
  }

  private async finish(rec: R, live: Live<P>, status: RunStatus, reason?: string): Promise<void> {
    clearTimeout(live.timer);
    rec.status = status;
    rec.finished_at = new Date().toISOString();
    if (reason) rec.reason = reason;
    await this.persist(rec).catch(() => {});
    this.live.delete(rec.id);
    this.emit(rec.id, { type: 'status', run: await this.view(rec.id) } satisfies JobEvent<P, V>);
  }

  private stop(id: string, status: 'cancelled' | 'failed' | 'interrupted', reason: string): boolean {
    const live = this.live.get(id);
    if (!live) return false;
    live.stopReason ??= { status, reason };
    live.controller.abort();
    return true;
  }

  /** Cancels a queued or running job; resolves once its record says cancelled. */
  async cancel(id: string): Promise<V> {
    const { noun } = this.wording;
    if (!this.records.has(id)) throw new ApiError(404, `no ${noun} with id ${id}`);
    const live = this.live.get(id);
    if (!live) throw new ApiError(409, `the ${noun} has already ended (${this.records.get(id)!.status}); there is nothing to cancel`);
    this.stop(id, 'cancelled', 'cancelled by a DELETE request');
    await live.done;
    return this.view(id);
  }

  record(id: string): R | undefined {
    return this.records.get(id);
  }

  list(): R[] {
    return [...this.records.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  async view(id: string): Promise<V> {
    const rec = this.records.get(id);
    if (!rec) throw new ApiError(404, `no ${this.wording.noun} with id ${id}`);
    const { source: _source, ...rest } = rec;
    const out = { ...rest } as unknown as V;
    const live = this.live.get(id);
    if (live?.progress) out.progress = live.progress;
    if (rec.status === 'done') await this.finished(id, out);
    return out;
  }

  /** Stops every job (recorded as interrupted) and waits for each to settle. */
  async close(): Promise<void> {
    const pending = [...this.live.entries()].map(([id, l]) => {
      this.stop(id, 'interrupted', this.wording.shutdown);
      return l.done;
    });
    await Promise.all(pending);
  }
}
