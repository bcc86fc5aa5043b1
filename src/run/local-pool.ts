import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Progress } from '../core/result.js';
import type { Runner, RunJob, RunJobResult, SubmitOptions } from './types.js';
import type { PoolTask } from './pool-worker.js';

export interface LocalRunnerOptions {
  /** Worker threads (default: the cores this process may use). */
  threads?: number;
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
 */
export function createLocalRunner(opts: LocalRunnerOptions = {}): Runner {
  const threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
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

  return {
    name: `local pool (${threads} thread${threads === 1 ? '' : 's'})`,
    concurrency: threads,
    async submit(job: RunJob, sub: SubmitOptions = {}): Promise<RunJobResult> {
      if (closed) throw new RunCancelled('the runner is closed');
      const signals = [closing.signal, ...(sub.signal ? [sub.signal] : [])];
      const signal = AbortSignal.any(signals);
      if (signal.aborted) throw new RunCancelled();
      const { port1, port2 } = new MessageChannel();
      if (sub.onProgress) {
        const onProgress = sub.onProgress;
        port1.on('message', (p: Progress) => onProgress(p));
      }
      try {
        return await pool.run({ job, port: port2 }, { transferList: [port2], signal });
      } catch (e) {
        if (signal.aborted) throw new RunCancelled();
        throw e;
      } finally {
        port1.close();
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
