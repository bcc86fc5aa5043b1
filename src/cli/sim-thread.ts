import { Worker } from 'node:worker_threads';
import type { Scene } from '../core/model.js';
import type { Progress, RunResult } from '../core/result.js';
import type { Outcomes } from '../core/outcome/types.js';
import { SimulationError, type SimulationErrorCode } from '../core/solver/errors.js';

export interface WorkerInput {
  scene: Scene;
}

/** The stages before time stepping: building the grid and the anatomy, the steady start; then the solve. */
export type Stage = 'build' | 'steady' | 'solve';

export type WorkerMessage =
  | { type: 'stage'; stage: Stage }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: RunResult; outcomes: Outcomes; wall_s: number }
  | { type: 'failed'; code: SimulationErrorCode; message: string }
  | { type: 'crashed'; message: string };

export interface ThreadResult {
  result: RunResult;
  outcomes: Outcomes;
  wall_s: number;
}

export interface ThreadRun {
  done: Promise<ThreadResult>;
  /** Stops the simulation wherever it is (the worker is terminated, not asked). */
  cancel(): Promise<void>;
}

/**
 * Runs a scene on a worker thread (sim-worker.ts): simulation and outcomes.
 * Rejects with a SimulationError when the simulation fails, and with
 * code 'cancelled' after cancel().
 */
export function simulateInThread(input: WorkerInput, on: { stage?(s: Stage): void; progress?(p: Progress): void } = {}): ThreadRun {
  const worker = new Worker(new URL('./sim-worker.js', import.meta.url), { workerData: input });
  let cancelled = false;
  const done = new Promise<ThreadResult>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'stage') on.stage?.(m.stage);
      else if (m.type === 'progress') on.progress?.(m.progress);
      else if (m.type === 'done') resolve({ result: m.result, outcomes: m.outcomes, wall_s: m.wall_s });
      else if (m.type === 'failed') reject(new SimulationError(m.code, m.message));
      else reject(new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (cancelled) reject(new SimulationError('cancelled', 'the simulation was cancelled'));
      else reject(new Error(`the simulation thread stopped (exit code ${code})`));
    });
  });
  return {
    done,
    async cancel() {
      cancelled = true;
      await worker.terminate();
    },
  };
}
