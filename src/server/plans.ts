import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanProgress } from '../run/plan-env.js';
import type { Runner } from '../run/types.js';
import { cachedRunner, createDiskCache } from '../run/cache.js';
import { ApiError } from './errors.js';
import { newRunId } from './ids.js';
import { FINISHED, type RunStatus, type RunStore } from './store.js';
import type { CheckedPlan } from './plan-input.js';
import { executePlan } from './plan-job.js';

export interface PlanLimits {
  /** Plans searching at once; more get 429 (each keeps the runner busy with many simulations). */
  maxActive: number;
  /** Wall time a plan may take, s. */
  maxWallS: number;
}

/** What the server keeps about a plan besides its folder (plan.json, plan.html, plan.yaml). */
export interface PlanRecord {
  id: string;
  status: RunStatus;
  name: string;
  hash: string;
  cells: number;
  source: string;
  format: 'json' | 'yaml';
  /** The preset the request named (as `cryoplan plan --condition`). */
  condition?: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  reason?: string;
}

export type PlanProgressView = PlanProgress & { fraction: number };

export interface PlanView extends Omit<PlanRecord, 'source'> {
  progress?: PlanProgressView;
  files?: string[];
  /** plan.json's verdict, once done. */
  verdict?: string;
}

export type PlanEvent = { type: 'progress'; progress: PlanProgressView } | { type: 'status'; run: PlanView };

interface Live {
  controller: AbortController;
  progress?: PlanProgressView;
  timer?: NodeJS.Timeout;
  stopReason?: { status: 'cancelled' | 'failed' | 'interrupted'; reason: string };
  done: Promise<void>;
}

const PLAN_FILES = ['plan.html', 'plan.json', 'plan.yaml'];

/**
 * The server's plans, as RunManager keeps runs: records on disk (a plan going on when
 * the server stopped is found at start-up and marked interrupted), the search on the
 * server's runner (the local pool or BullMQ), its simulations cached by case hash
 * under the data folder, progress fanned out to listeners.
 */
export class PlanManager extends EventEmitter {
  private readonly live = new Map<string, Live>();
  private readonly records = new Map<string, PlanRecord>();
  private readonly verdicts = new Map<string, string>();
  private readonly runner: Runner;

  constructor(
    readonly store: RunStore<PlanRecord>,
    readonly inner: Runner,
    readonly limits: PlanLimits,
    cacheDir: string = join(store.root, 'cache'),
  ) {
    super();
    this.setMaxListeners(0);
    // Not closed through this wrapper: the runner belongs to the server and is shared with the runs.
    this.runner = cachedRunner(inner, createDiskCache(cacheDir));
  }

  async init(): Promise<void> {
    await this.store.init();
    for (const rec of await this.store.all()) {
      if (!FINISHED.includes(rec.status)) {
        rec.status = 'interrupted';
        rec.finished_at = new Date().toISOString();
        rec.reason = 'the server stopped while this plan was searching; submit it again (simulations already done come from the cache)';
        await this.save(rec);
      }
      this.records.set(rec.id, rec);
    }
  }

  /** Each plan's record writes in order: a late "searching" write must never land after "done". */
  private readonly writes = new Map<string, Promise<void>>();

  private save(rec: PlanRecord): Promise<void> {
    const next = (this.writes.get(rec.id) ?? Promise.resolve()).then(() => this.store.save(rec));
    const settled = next.catch(() => {});
    this.writes.set(rec.id, settled);
    void settled.then(() => {
      if (this.writes.get(rec.id) === settled) this.writes.delete(rec.id);
    });
    return next;
  }

  async submit(c: CheckedPlan): Promise<PlanRecord> {
    if (this.live.size >= this.limits.maxActive) {
      throw new ApiError(429, `the server is already searching ${this.live.size} plans (its limit); try again later`, [], { 'retry-after': '60' });
    }
    const rec: PlanRecord = {
      id: newRunId(),
      status: 'queued',
      name: c.name,
      hash: c.hash,
      cells: c.cells,
      source: c.source,
      format: c.format,
      ...(c.condition ? { condition: c.condition } : {}),
      created_at: new Date().toISOString(),
    };
    await this.save(rec);
    this.records.set(rec.id, rec);
    const live: Live = { controller: new AbortController(), done: Promise.resolve() };
    this.live.set(rec.id, live);
    live.done = this.execute(rec, c, live);
    return rec;
  }

  private async execute(rec: PlanRecord, c: CheckedPlan, live: Live): Promise<void> {
    try {
      const files = await executePlan(c.plan, this.runner, {
        signal: live.controller.signal,
        runnerName: this.inner.name,
        onProgress: (p) => {
          if (rec.status === 'queued') this.started(rec, live);
          live.progress = { ...p, fraction: p.planned > 0 ? Math.min(1, p.done / p.planned) : 0 };
          this.emit(rec.id, { type: 'progress', progress: live.progress } satisfies PlanEvent);
        },
      });
      if (live.stopReason) throw new Error('stopped');
      await this.store.writeFolder(rec.id, files);
      await this.finish(rec, live, 'done');
    } catch (e) {
      const stop = live.stopReason;
      if (stop) await this.finish(rec, live, stop.status, stop.reason);
      else await this.finish(rec, live, 'failed', e instanceof Error ? e.message : String(e));
    }
  }

  private started(rec: PlanRecord, live: Live): void {
    rec.status = 'running';
    rec.started_at = new Date().toISOString();
    void this.save(rec).catch(() => {});
    live.timer = setTimeout(
      () => this.stop(rec.id, 'failed', `stopped at this server's limit of ${this.limits.maxWallS} s per plan`),
      this.limits.maxWallS * 1000,
    );
    live.timer.unref();
  }

  private async finish(rec: PlanRecord, live: Live, status: RunStatus, reason?: string): Promise<void> {
    clearTimeout(live.timer);
    rec.status = status;
    rec.finished_at = new Date().toISOString();
    if (reason) rec.reason = reason;
    await this.save(rec).catch(() => {});
    this.live.delete(rec.id);
    this.emit(rec.id, { type: 'status', run: await this.view(rec.id) } satisfies PlanEvent);
  }

  private stop(id: string, status: 'cancelled' | 'failed' | 'interrupted', reason: string): boolean {
    const live = this.live.get(id);
    if (!live) return false;
    live.stopReason ??= { status, reason };
    live.controller.abort();
    return true;
  }

  /** Cancels a plan still searching: its simulations are stopped; resolves once its record says cancelled. */
  async cancel(id: string): Promise<PlanView> {
    if (!this.records.has(id)) throw new ApiError(404, `no plan with id ${id}`);
    const live = this.live.get(id);
    if (!live) throw new ApiError(409, `the plan has already ended (${this.records.get(id)!.status}); there is nothing to cancel`);
    this.stop(id, 'cancelled', 'cancelled by a DELETE request');
    await live.done;
    return this.view(id);
  }

  record(id: string): PlanRecord | undefined {
    return this.records.get(id);
  }

  list(): PlanRecord[] {
    return [...this.records.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  async view(id: string): Promise<PlanView> {
    const rec = this.records.get(id);
    if (!rec) throw new ApiError(404, `no plan with id ${id}`);
    const { source: _source, ...rest } = rec;
    const out: PlanView = { ...rest };
    const live = this.live.get(id);
    if (live?.progress) out.progress = live.progress;
    if (rec.status === 'done') {
      const files: string[] = [];
      for (const f of PLAN_FILES) if (await this.store.resultFile(id, f)) files.push(f);
      out.files = files;
      const verdict = this.verdicts.get(id) ?? (await this.readVerdict(id));
      if (verdict) out.verdict = verdict;
    }
    return out;
  }

  private async readVerdict(id: string): Promise<string | undefined> {
    const path = await this.store.resultFile(id, 'plan.json');
    if (!path) return undefined;
    try {
      const v = (JSON.parse(await readFile(path, 'utf8')) as { verdict?: string }).verdict;
      if (v) this.verdicts.set(id, v);
      return v;
    } catch {
      return undefined;
    }
  }

  /** Stops every plan (recorded as interrupted); the runner is the server's to close. */
  async close(): Promise<void> {
    const pending = [...this.live.entries()].map(([id, l]) => {
      this.stop(id, 'interrupted', 'the server was shut down while this plan was searching; submit it again (simulations already done come from the cache)');
      return l.done;
    });
    await Promise.all(pending);
  }
}
