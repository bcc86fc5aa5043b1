import type { MessagePort } from 'node:worker_threads';
import { threadId } from 'node:worker_threads';
import { hostname } from 'node:os';
import { executeJob } from './job.js';
import type { RunJob, RunJobResult } from './types.js';

export interface PoolTask {
  job: RunJob;
  /** Progress goes back on this port (a progress message at most every 200 ms). */
  port?: MessagePort;
}

/** One job in a worker thread of the local pool (piscina calls this). */
export default async function runTask({ job, port }: PoolTask): Promise<RunJobResult> {
  let last = 0;
  try {
    return await executeJob(job, {
      worker: `${hostname()}:${process.pid}/thread-${threadId}`,
      onProgress: port
        ? (p) => {
            const now = Date.now();
            if (now - last < 200 && p.time_s < p.total_s) return;
            // The 'setting up' report does not hold back the first step's.
            if (p.step > 0) last = now;
            port.postMessage(p);
          }
        : undefined,
    });
  } finally {
    port?.close();
  }
}
