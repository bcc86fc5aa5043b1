import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Progress } from '../core/result.js';
import type { Summary } from '../io/summary-schema.js';
import type { Runner, RunJob, RunJobResult, SubmitOptions } from '../run/types.js';

type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; summary: Summary; files?: Record<string, string>; histories?: RunJobResult['histories']; wall_s: number }
  | { type: 'error'; code: string; message: string };

/** A job's failure, with the solver's code ('diverged', 'cancelled', ...) when it has one. */
export class RunFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RunFailure';
    this.code = code;
  }
}

/**
 * The server's runner until the shared worker pool (src/run) lands: at most
 * `concurrency` worker threads, each running one job at a time, the other jobs
 * waiting in order. A thread is kept for the next job (loading the solver and
 * the report costs seconds on a busy machine); a cancelled job's thread is
 * terminated, whatever step it is in, so a cancel is immediate.
 */
export function createThreadRunner(concurrency = Math.max(1, availableParallelism())): Runner {
  let running = 0;
  let closed = false;
  const waiting: Array<() => void> = [];
  const live = new Set<Worker>();
  const idle: Worker[] = [];

  const slot = () =>
    new Promise<void>((resolve) => {
      if (running < concurrency) {
        running++;
        resolve();
      } else waiting.push(() => resolve());
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  async function submit(job: RunJob, opts: SubmitOptions = {}): Promise<RunJobResult> {
    const cancelled = () => new RunFailure('cancelled', 'the run was cancelled');
    if (opts.signal?.aborted) throw cancelled();
    await slot();
    try {
      if (closed) throw new RunFailure('cancelled', 'the runner was closed');
      if (opts.signal?.aborted) throw cancelled();
      return await new Promise<RunJobResult>((resolve, reject) => {
        const worker = idle.pop() ?? new Worker(new URL('./run-worker.js', import.meta.url));
        worker.ref();
        live.add(worker);
        let settled = false;
        const finish = (f: () => void, keep = false) => {
          if (settled) return;
          settled = true;
          opts.signal?.removeEventListener('abort', onAbort);
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          live.delete(worker);
          if (keep && !closed) {
            // A waiting thread must not keep the process alive.
            worker.unref();
            idle.push(worker);
          } else void worker.terminate();
          f();
        };
        const onAbort = () => finish(() => reject(cancelled()));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const onMessage = (m: WorkerMessage) => {
          if (m.type === 'progress') opts.onProgress?.(m.progress);
          else if (m.type === 'done')
            finish(
              () =>
                resolve({
                  hash: job.hash,
                  summary: m.summary,
                  ...(m.files ? { files: m.files } : {}),
                  ...(m.histories ? { histories: m.histories } : {}),
                  worker: `thread ${worker.threadId}`,
                  wall_s: m.wall_s,
                }),
              true,
            );
          else finish(() => reject(new RunFailure(m.code, m.message)), true);
        };
        const onError = (e: Error) => finish(() => reject(new RunFailure('internal', e.message)));
        const onExit = (code: number) =>
          finish(() => reject(new RunFailure(closed ? 'cancelled' : 'internal', `the worker thread stopped (exit code ${code})`)));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage(job);
      });
    } finally {
      release();
    }
  }

  return {
    name: 'threads',
    concurrency,
    submit,
    async close() {
      closed = true;
      await Promise.all([...live, ...idle.splice(0)].map((w) => w.terminate()));
    },
  };
}
