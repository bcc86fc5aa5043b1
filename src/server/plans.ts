import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanProgress } from '../run/plan-env.js';
import type { Runner } from '../run/types.js';
import { cachedRunner, createDiskCache } from '../run/cache.js';
import { ApiError } from './errors.js';
import { newRunId } from './ids.js';
import type { RunStatus, RunStore } from './store.js';
import { type JobEvent, type JobLimits, JobManager } from './job-manager.js';
import type { CheckedPlan } from './plan-input.js';
import { runPlan } from '../run/run-plan.js';

/** maxActive: plans searching at once (each keeps the runner busy with many simulations). */
export type PlanLimits = JobLimits;

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

export type PlanEvent = JobEvent<PlanProgressView, PlanView>;

const PLAN_FILES = ['plan.html', 'plan.json', 'plan.yaml'];

/**
 * The server's plans, as RunManager keeps runs: the search on the server's runner (the
 * local pool or BullMQ), its simulations cached by case hash under the data folder.
 */
export class PlanManager extends JobManager<PlanRecord, CheckedPlan, PlanProgressView, PlanView> {
  private readonly verdicts = new Map<string, string>();
  private readonly runner: Runner;

  constructor(
    store: RunStore<PlanRecord>,
    readonly inner: Runner,
    limits: PlanLimits,
    cacheDir: string = join(store.root, 'cache'),
  ) {
    super(store, limits, {
      noun: 'plan',
      interrupted: 'the server stopped while this plan was searching; submit it again (simulations already done come from the cache)',
      shutdown: 'the server was shut down while this plan was searching; submit it again (simulations already done come from the cache)',
    });
    // Not closed through this wrapper: the runner belongs to the server and is shared with the runs.
    this.runner = cachedRunner(inner, createDiskCache(cacheDir));
  }

  submit(c: CheckedPlan): Promise<PlanRecord> {
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
    return this.start(rec, c);
  }

  protected busy(active: number): ApiError {
    return new ApiError(429, `the server is already searching ${active} plans (its limit); try again later`, [], { 'retry-after': '60' });
  }

  protected async work(rec: PlanRecord, c: CheckedPlan, signal: AbortSignal, progress: (p: PlanProgressView) => void): Promise<void> {
    const { files } = await runPlan(c.plan, this.runner, {
      signal,
      runnerName: this.inner.name,
      onProgress: (p) => progress({ ...p, fraction: p.planned > 0 ? Math.min(1, p.done / p.planned) : 0 }),
    });
    if (signal.aborted) throw new Error('stopped');
    await this.store.writeFolder(rec.id, files);
  }

  protected async finished(id: string, out: PlanView): Promise<void> {
    const files: string[] = [];
    for (const f of PLAN_FILES) if (await this.store.resultFile(id, f)) files.push(f);
    out.files = files;
    const verdict = this.verdicts.get(id) ?? (await this.readVerdict(id));
    if (verdict) out.verdict = verdict;
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
}
