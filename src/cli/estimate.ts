import { freemem, totalmem } from 'node:os';
import type { Scene } from '../core/model.js';
import { gridCells } from '../case/grid.js';
import { stepsLeft } from './eta.js';

/**
 * Memory and time a run will take, from its cell count, before anything is
 * allocated. Calibrated on `cryoplan run` (one needle, one freeze; peak resident
 * memory from /usr/bin/time -v): 157,500 cells 188 MB, 640,000 cells 284 MB,
 * 1,250,000 cells 446 MB (the same with vti and nrrd volumes: they are written
 * after the solver's arrays are freed). The model gives 189, 310 and 462 MB: the
 * fit to the largest two, and erring high. The 24M-cell run took 5.3 GB
 * (220 bytes a cell); the model says 6.2 GB.
 */
export const BYTES_PER_CELL = 242;
/** Each freeze's end and the run's end keep a float32 temperature field. */
const SNAPSHOT_BYTES_PER_CELL = 4;
/** Node, the modules and the report's libraries. */
export const BASE_BYTES = 150e6;
/**
 * Wall seconds per cell per accepted step, all iterations and the steady start
 * included: 2.6 to 5 microseconds in the runs above and a two-freeze preset on a
 * shared 2-core machine. Machines differ by several times: the estimate is rough.
 */
export const SECONDS_PER_CELL_STEP = 3e-6;

export interface RunEstimate {
  cells: number;
  bytes: number;
  steps: number;
  seconds: number;
}

export function estimateRun(scene: Scene): RunEstimate {
  const cells = gridCells(scene);
  const freezes = scene.protocol.filter((p) => p.kind === 'freeze').length;
  const bytes = BASE_BYTES + cells * (BYTES_PER_CELL + SNAPSHOT_BYTES_PER_CELL * (freezes + 1));
  const steps = stepsLeft(
    scene.protocol.map((p) => p.duration_s),
    scene.solver,
    0,
  );
  return { cells, bytes, steps, seconds: cells * steps * SECONDS_PER_CELL_STEP };
}

/** "1.2 GB", "350 MB". */
export const formatBytes = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(b / 1e6))} MB`);

/**
 * The memory a run may use: CRYOPLAN_MEMORY_LIMIT (bytes, or with a K/M/G suffix, decimal as formatBytes prints)
 * when set, else the machine's (or its container's) total.
 */
export function memoryLimit(env = process.env): { bytes: number; source: string } {
  const v = env.CRYOPLAN_MEMORY_LIMIT;
  if (v !== undefined && v !== '') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(v);
    if (!m) throw new Error(`CRYOPLAN_MEMORY_LIMIT: '${v}' is not a size (e.g. 4G, 512M, or bytes)`);
    const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
    return { bytes: Number(m[1]) * scale, source: 'CRYOPLAN_MEMORY_LIMIT' };
  }
  const total = totalmem();
  // An unconstrained process reports 2^64 or 0.
  const constrained = process.constrainedMemory?.() ?? 0;
  if (constrained > 0 && constrained < total) return { bytes: constrained, source: "this container's memory limit" };
  return { bytes: total, source: "this machine's memory" };
}

/** Memory free now; a run that needs more may still fit once caches are dropped, so this only warns. */
export const freeMemory = () => freemem();

/** One line for a person: the size of the run and what it will take. */
export function describeEstimate(e: RunEstimate): string {
  const t = e.seconds < 1 ? 'under a second' : e.seconds < 90 ? `about ${Math.round(e.seconds)} s` : `about ${Math.round(e.seconds / 60)} min`;
  return `${e.cells.toLocaleString('en-US')} cells: needs about ${formatBytes(e.bytes)} of memory and takes ${t} (rough, at ${e.steps} or more steps)`;
}
