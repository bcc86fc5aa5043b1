/**
 * The simulation of `cryoplan run`, on a worker thread: the main thread stays free
 * to draw progress and to stop the run at once on Ctrl-C, whatever stage the
 * simulation is in (a grid of millions of cells takes seconds to build and
 * rasterise, and the steady start is one long solve, none of which checks for a
 * cancel), and loads the report's renderer meanwhile. Messages: see WorkerMessage
 * in sim-thread.ts. The thread is started before the case is read and waits for its
 * scene in a message: the solver's modules load meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { Simulation } from '../core/solver/simulate.js';
import { SimulationError } from '../core/solver/errors.js';
import { computeOutcomes } from '../core/outcome/index.js';
import type { WorkerInput, WorkerMessage } from './sim-thread.js';

const port = parentPort!;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Every typed array's buffer, once: moved to the main thread rather than copied. */
function buffers(v: unknown, out = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  } else if (Array.isArray(v)) for (const x of v) buffers(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) buffers(x, out);
  return out;
}

const PROGRESS_EVERY_MS = 100;

function simulate({ scene }: WorkerInput): void {
  try {
    const t0 = performance.now();
    post({ type: 'stage', stage: 'build' });
    const sim = new Simulation(scene);
    post({ type: 'stage', stage: 'steady' });
    sim.initialise();
    post({ type: 'stage', stage: 'solve' });
    let last = 0;
    let percent = -1;
    while (!sim.done) {
      sim.advance();
      const now = performance.now();
      // Every percent (the plain display prints every tenth) and every 100 ms at most otherwise.
      const pc = Math.floor((100 * sim.time) / sim.total);
      if (pc > percent || now - last >= PROGRESS_EVERY_MS || sim.done) {
        post({ type: 'progress', progress: sim.progress() });
        last = now;
        percent = pc;
      }
    }
    const result = sim.result();
    const outcomes = computeOutcomes(scene, result);
    const wall_s = (performance.now() - t0) / 1000;
    post({ type: 'done', result, outcomes, wall_s }, [...buffers(result)]);
  } catch (e) {
    if (e instanceof SimulationError) post({ type: 'failed', code: e.code, message: e.message });
    else post({ type: 'crashed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

port.once('message', simulate);
