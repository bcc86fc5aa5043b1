import { parentPort } from 'node:worker_threads';
import { simulateAsync } from '../core/solver/simulate.js';
import { SimulationError } from '../core/solver/errors.js';
import type { RunJob } from '../run/types.js';
import { runFiles } from './job-files.js';

/** Runs jobs one after another as they come: progress messages while each runs, then its result or error. */
const port = parentPort!;

async function runJob(job: RunJob): Promise<void> {
  const t0 = performance.now();
  let lastPost = 0;
  try {
    const result = await simulateAsync(job.scene, {
      onProgress: (p) => {
        // A message per step would flood the parent on small cases; 20 a second is smooth enough to watch.
        const t = performance.now();
        if (t - lastPost >= 50 || p.time_s >= p.total_s) {
          lastPost = t;
          port.postMessage({ type: 'progress', progress: p });
        }
      },
    });
    const wall_s = (performance.now() - t0) / 1000;
    const out = runFiles(job.scene, result, job.hash, job.label, wall_s);
    const histories = job.want?.histories
      ? { time_s: result.series.time_s, structures: Object.fromEntries(result.series.structures.map((s) => [s.name, s.min_c])) }
      : undefined;
    port.postMessage({ type: 'done', summary: out.summary, files: job.want?.files ? out.files : undefined, histories, wall_s });
  } catch (e) {
    port.postMessage({
      type: 'error',
      code: e instanceof SimulationError ? e.code : 'internal',
      message: e instanceof Error ? e.message : String(e),
    });
  }
}

port.on('message', (job: RunJob) => void runJob(job));
