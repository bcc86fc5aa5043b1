import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Progress } from '../core/result.js';
import type { Runner, RunJob, RunJobResult, SubmitOptions } from './types.js';
import type { PoolTask } from './pool-worker.js';
import { PoolWidth } from './pool-width.js';

export interface LocalRunnerOptions {
  /**
   * Worker threads, all used at once. Default: up to the cores this process may use, as
   * many at once as pays on this machine now (pool-width.ts: every core first, then the
   * measured time of jobs alone against side by side).
   */
  threads?: number;
}

/** What the pool's adaptive width has seen (absent with a fixed --threads). */
export interface PoolWidthReport {
  width: number;
  max: number;
  speedup: number | null;
  /** Jobs run at each width. */
  jobs_at: Record<number, number>;
}

/** The error a cancelled or closed-down job rejects with. */
export class RunCancelled extends Error {
  constructor(message = 'the simulation was cancelled') {
    super(message);
    this.name = 'RunCancelled';
  }
}

/**
 * The embedded runner: a pool of worker threads (piscina), each running the unchanged
 * numerical core on one job at a time. Cancelling a job (its AbortSignal, or close())
 * ends its thread at once, even inside a long solver step; piscina starts a fresh one.
 * Without `threads`, a gate in front of the pool lets through as many jobs at once as
 * PoolWidth finds pays, and `concurrency` says that width (the planner sizes its batches
 * by it before each one).
 */
export function createLocalRunner(opts: LocalRunnerOptions = {}): Runner & { widthReport(): PoolWidthReport | null } {
  const fixed = opts.threads !== undefined;
  const threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
  const adaptive = fixed ? null : new PoolWidth({ max: threads });
  const pool = new Piscina<PoolTask, RunJobResult>({
    filename: new URL('./pool-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // A simulation holds its thread for seconds; a queue of waiting jobs is the point.
    maxQueue: 'auto',
    idleTimeout: 60_000,
  });
  const closing = new AbortController();
  let closed = false;

  // The gate: jobs in flight, and the integral of their count over time (for each job's mean overlap).
  let inflight = 0;
  let area = 0;
  let since = performance.now();
  const tick = () => {
    const now = performance.now();
    area += inflight * (now - since);
    since = now;
    return now;
  };
  const waiting: Array<() => void> = [];
  const warm = new Set<string>();
  const jobsAt: Record<number, number> = {};
  const width = () => (adaptive ? adaptive.width : threads);
  const pump = () => {
    while (waiting.length && inflight < width()) {
      tick();
      inflight++;
      (waiting.shift() as () => void)();
    }
  };
  const enter = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const go = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(new RunCancelled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(go);
      pump();
    });

  return {
    name: fixed
      ? `local pool (${threads} thread${threads === 1 ? '' : 's'})`
      : `local pool (up to ${threads} thread${threads === 1 ? '' : 's'}, as many at once as pays)`,
    get concurrency() {
      return width();
    },
    widthReport: () => (adaptive ? { width: adaptive.width, max: threads, speedup: adaptive.speedup, jobs_at: { ...jobsAt } } : null),
    async submit(job: RunJob, sub: SubmitOptions = {}): Promise<RunJobResult> {
      if (closed) throw new RunCancelled('the runner is closed');
      const signals = [closing.signal, ...(sub.signal ? [sub.signal] : [])];
      const signal = AbortSignal.any(signals);
      if (signal.aborted) throw new RunCancelled();
      await enter(signal);
      const t0 = tick();
      const a0 = area;
      const at = inflight;
      const { port1, port2 } = new MessageChannel();
      if (sub.onProgress) {
        const onProgress = sub.onProgress;
        port1.on('message', (p: Progress) => onProgress(p));
      }
      let r: RunJobResult | undefined;
      try {
        r = await pool.run({ job, port: port2 }, { transferList: [port2], signal });
        return r;
      } catch (e) {
        if (signal.aborted) throw new RunCancelled();
        throw e;
      } finally {
        port1.close();
        const t1 = tick();
        inflight--;
        jobsAt[at] = (jobsAt[at] ?? 0) + 1;
        if (adaptive && r) observe(adaptive, warm, job, r.worker, t1 - t0, (area - a0) / Math.max(1e-9, t1 - t0));
        pump();
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      closing.abort();
      await pool.destroy();
    },
  };
}

/** A finished job's measure for the width: its wall per simulated second, and whether its thread was still cold. */
function observe(w: PoolWidth, warm: Set<string>, job: RunJob, worker: string, wall_ms: number, overlap: number): void {
  const units = job.scene.protocol.reduce((a, p) => a + p.duration_s, 0);
  // A thread's first job pays for compiling the code (worker names the thread).
  const cold = !warm.has(worker);
  warm.add(worker);
  w.observe({ wall_s: wall_ms / 1000, units: Math.max(1, units), overlap, cold });
}
