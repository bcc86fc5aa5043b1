import type { Scene } from '../core/model.js';
import type { Progress } from '../core/result.js';
import type { Summary } from '../io/summary-schema.js';
import type { SideEffectOnsets } from '../core/outcome/side-effects.js';

/**
 * One simulation for a runner: a fully resolved case and what to bring back.
 * Jobs are idempotent and keyed by the resolved case's hash, so a job that runs twice
 * (a worker died, the queue retried it) gives the same result, and a cache may answer it.
 */
export interface RunJob {
  /** sceneHash(scene): the cache key and the job's identity on a queue. */
  hash: string;
  scene: Scene;
  /** The label a person knows the case by (file name or condition), for messages. */
  label?: string;
  /** What to return beyond summary.json (each costs transfer on a queue). */
  want?: {
    /** Histories of named structures' coldest temperature (the planner reads outcomes at every time). */
    histories?: boolean;
    /** The result folder's text files (report.html, series.csv) for a server that stores them. */
    files?: boolean;
    /** With files: fields.vtr even when the case asks for no volumes (the browser app's 3D view of a server run). */
    fields?: boolean;
    /** false: no summary.json object (nor the outcome models behind it): the planner's runs read only the histories. Default true. */
    summary?: boolean;
  };
}

/** What the planner reads from a run to know the outcome at every moment of it. */
export interface RunHistories {
  time_s: number[];
  /** Each tracked structure's (and layer's) coldest temperature at each time, °C. */
  structures: Record<string, number[]>;
  /** Each nerve's time of complete block (some whole cross-section at the axonotmesis threshold), s; null if never. */
  block_s: Record<string, number | null>;
  /** Each virtual thermocouple's reading at each time, °C (empty when the case has none). */
  sensors: Record<string, number[]>;
  /** When each temperature-decided side effect first reached moderate and high, s (null: never). */
  side_effect_onset_s: SideEffectOnsets;
}

export interface RunJobResult {
  hash: string;
  /** summary.json's object; absent when the job asked for none (want.summary false). */
  summary?: Summary;
  /** Present when job.want.histories: time (s) and each tracked structure's coldest temperature (°C). */
  histories?: RunHistories;
  /** Present when job.want.files: file name -> content. */
  files?: Record<string, string>;
  /** Which runner did it, and how long it took there. */
  worker: string;
  wall_s: number;
  /** True when the result came from the cache instead of a simulation. */
  cached?: boolean;
}

export interface SubmitOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/**
 * Runs simulations somewhere: worker threads in this process (the default) or BullMQ
 * workers on Redis. The planner, batch runs and the server all submit through this; the
 * numerical core does not know which runner it is in.
 */
export interface Runner {
  readonly name: string;
  /** How many jobs it runs at once (for sizing batches and ETAs). */
  readonly concurrency: number;
  submit(job: RunJob, opts?: SubmitOptions): Promise<RunJobResult>;
  /** Stops the workers; jobs still running are cancelled and their promises reject. */
  close(): Promise<void>;
}
