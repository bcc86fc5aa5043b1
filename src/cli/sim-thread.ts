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

type Listeners = { stage?(s: Stage): void; progress?(p: Progress): void };

/** A simulation thread started ahead of its scene: it loads the solver while the case is still being read. */
export interface SimThread {
  /** Sends the scene; once only. */
  start(input: WorkerInput, on?: Listeners): ThreadRun;
  /** Ends the thread (before or after start). */
  cancel(): Promise<void>;
}

/**
 * Starts a worker thread (sim-worker.ts) that waits for a scene to simulate and compute the
 * outcomes of. The thread's `done` rejects with a SimulationError when the simulation fails,
 * and with code 'cancelled' after cancel().
 */
export function spawnSimThread(): SimThread {
  const worker = new Worker(new URL('./sim-worker.js', import.meta.url));
  // Waiting for a scene does not keep the process alive (a command that ends before it runs one).
  worker.unref();
  let cancelled = false;
  let on: Listeners = {};
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
  // A thread that fails before it is given its scene (or is never given one) is reported by start's `done`.
  done.catch(() => {});
  const cancel = async () => {
    cancelled = true;
    await worker.terminate();
  };
  let started = false;
  return {
    start(input, listeners = {}) {
      if (started) throw new Error('a simulation thread runs one scene');
      started = true;
      worker.ref();
      on = listeners;
      worker.postMessage(input);
      return { done, cancel };
    },
    cancel,
  };
}

let prestarted: SimThread | undefined;

/**
 * Starts `cryoplan run`'s simulation thread at once (main.ts calls it before it loads the
 * command line): the solver's modules then load beside the command line, the case schema and
 * the case, rather than after them.
 */
export function prestartSimThread(): void {
  prestarted ??= spawnSimThread();
}

/** The thread prestartSimThread started (once), or a new one. */
export function takeSimThread(): SimThread {
  const t = prestarted ?? spawnSimThread();
  prestarted = undefined;
  return t;
}

/** Runs a scene on a new worker thread: spawnSimThread().start(input, on). */
export function simulateInThread(input: WorkerInput, on: Listeners = {}): ThreadRun {
  return spawnSimThread().start(input, on);
}
