import type { Progress, TimeSeries } from '../../src/core/result.js';
import type { CaseIssue } from '../../src/case/errors.js';
import type { Summary } from '../../src/io/summary-schema.js';
import type { Slice } from './planes.js';
import type { Lattice } from './lattice.js';

/**
 * 'run': simulate the case here. 'server': a run done on the server, whose charts and 3D
 * lattice are drawn here from its summary, series.csv and (when the case wrote volumes) fields.vtr.
 */
export type WorkerIn =
  | { type: 'run'; text: string; file: string }
  | { type: 'server'; text: string; file: string; summary: Summary; csv: string; vtr?: string };

/** What the worker draws for a run done on the server. */
export interface ServerExtras {
  charts: { temperature: string; iceBall: string };
  series: { time_s: number[]; isotherms: TimeSeries['isotherms'] };
  lattice?: Lattice;
}

/** What a finished run keeps: enough to show, compare and download it. */
export interface RunOutput {
  summary: Summary;
  files: Record<string, string>;
  charts?: { temperature: string; iceBall: string };
  series?: { time_s: number[]; isotherms: TimeSeries['isotherms'] };
  across?: Slice;
  along?: Slice;
  /** The lowest temperature reached, around the ice ball, for the 3D view. */
  lattice?: Lattice;
  wall_s: number;
  /** The solver's sweeps: 'wasm' (the embedded WebAssembly kernels) or 'js' where WebAssembly could not run. */
  kernels?: string;
}

export type WorkerOut =
  | { type: 'progress'; progress: Progress; across: Slice; along: Slice }
  | ({ type: 'done' } & RunOutput)
  | ({ type: 'extras' } & ServerExtras)
  | { type: 'invalid'; message: string; issues: CaseIssue[] }
  | { type: 'error'; message: string };
