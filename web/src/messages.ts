import type { Progress, TimeSeries } from '../../src/core/result.js';
import type { CaseIssue } from '../../src/case/errors.js';
import type { Summary } from '../../src/io/summary-schema.js';
import type { Slice } from './planes.js';

export type WorkerIn = { type: 'run'; text: string; file: string };

/** What a finished run keeps: enough to show, compare and download it. */
export interface RunOutput {
  summary: Summary;
  files: Record<string, string>;
  charts?: { temperature: string; iceBall: string };
  series?: { time_s: number[]; isotherms: TimeSeries['isotherms'] };
  across?: Slice;
  along?: Slice;
  wall_s: number;
  /** The solver's sweeps: 'wasm' (the embedded WebAssembly kernels) or 'js' where WebAssembly could not run. */
  kernels?: string;
}

export type WorkerOut =
  | { type: 'progress'; progress: Progress; across: Slice; along: Slice }
  | ({ type: 'done' } & RunOutput)
  | { type: 'invalid'; message: string; issues: CaseIssue[] }
  | { type: 'error'; message: string };
