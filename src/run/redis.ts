import { Queue, QueueEvents, Worker, UnrecoverableError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { Progress } from '../core/result.js';
import { replace, revive, wantsKey } from './cache.js';
import { createLocalRunner, RunCancelled } from './local-pool.js';
import type { Runner, RunJob, RunJobResult, SubmitOptions } from './types.js';

export const QUEUE = 'cryoplan-runs';

/** Redis could not be reached, or was lost for good: the message names the URL. */
export class RedisUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailable';
  }
}

/** A failed simulation reported by a worker. */
export class RemoteJobFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteJobFailed';
  }
}

const show = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

/** Connects (failing fast: no retries before the first contact) and checks with PING. */
export async function connectRedis(url: string, timeoutMs = 4000): Promise<Redis> {
  let r: Redis;
  try {
    r = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: null, retryStrategy: () => null, enableOfflineQueue: true });
  } catch (e) {
    throw new RedisUnavailable(`cannot use Redis at ${show(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  r.on('error', () => {}); // reported through the promises below
  try {
    await Promise.race([
      r.connect().then(() => r.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)),
    ]);
  } catch (e) {
    r.disconnect();
    const why = e instanceof Error ? e.message : String(e);
    throw new RedisUnavailable(`cannot reach Redis at ${show(url)}: ${why || 'connection refused'} (is redis-server running there?)`);
  }
  // Once connected, ride out restarts: reconnect with backoff.
  r.options.retryStrategy = (times: number) => Math.min(2000, 100 * times);
  return r;
}

/** The promise, or a rejection after ms. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const jobId = (job: RunJob) => `${job.hash}${wantsKey(job).replace(/./g, '-$&')}`;

interface Pending {
  job: RunJob;
  resolve: (r: RunJobResult) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
}

export interface RedisRunnerOptions {
  url: string;
  /** Give up when Redis stays unreachable this long during a plan, s (default 30). */
  lostAfter_s?: number;
  /** How often pending jobs are checked (a restarted Redis may have lost them), ms (default 2000). */
  pollMs?: number;
  queue?: string;
}

/**
 * The runner on Redis: jobs go to a BullMQ queue, keyed by case hash (the same case
 * twice is one job), and `cryoplan worker` processes anywhere run them. Results come
 * back through the queue. A worker that dies mid-job loses its lock and BullMQ's
 * stalled-job check gives the job to another worker; a Redis that restarted empty is
 * noticed by the poll, which adds the lost jobs again.
 */
export async function createRedisRunner(opts: RedisRunnerOptions): Promise<Runner> {
  const url = opts.url;
  const name = opts.queue ?? QUEUE;
  const conn = await connectRedis(url);
  const queue = new Queue(name, { connection: conn });
  const eventsConn = conn.duplicate();
  const events = new QueueEvents(name, { connection: eventsConn });
  queue.on('error', () => {});
  events.on('error', () => {});
  await events.waitUntilReady();
  const pending = new Map<string, Pending>();
  const lostAfter_s = opts.lostAfter_s ?? 30;
  let closed = false;
  let downSince: number | null = null;
  const workers = await queue.getWorkersCount().catch(() => 0);

  const settle = (id: string, ok: RunJobResult | null, err?: Error) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(ok);
    else p.reject(err ?? new Error('unknown failure'));
  };
  const decode = (v: unknown) => JSON.parse(String(v), revive) as RunJobResult;
  events.on('completed', ({ jobId: id, returnvalue }) => {
    if (pending.has(id)) settle(id, decode(returnvalue));
  });
  events.on('failed', async ({ jobId: id, failedReason }) => {
    const j = await queue.getJob(id).catch(() => undefined);
    // A retry is still to come unless the attempts are spent.
    if (j && j.attemptsMade < (j.opts.attempts ?? 1) && !failedReason.startsWith('unrecoverable:')) return;
    settle(id, null, new RemoteJobFailed(`a simulation failed on a worker: ${failedReason.replace(/^unrecoverable: /, '')}`));
  });
  events.on('progress', ({ jobId: id, data }) => {
    const p = pending.get(id);
    if (p?.onProgress && data && typeof data === 'object') p.onProgress(data as unknown as Progress);
  });

  const add = (job: RunJob) =>
    queue.add(
      'run',
      { job: JSON.stringify(job, replace) },
      { jobId: jobId(job), attempts: 3, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 24 * 3600 } },
    );

  // Completed events missed while disconnected, jobs a restarted Redis forgot, and a Redis gone for good.
  // Commands wait for a reconnection rather than fail, so "down" is the connection's state, and each check has a deadline.
  let polling = false;
  const poll = setInterval(async () => {
    if (!pending.size || polling) return;
    polling = true;
    try {
      if (conn.status !== 'ready') throw new Error('not connected');
      for (const [id, p] of [...pending]) {
        const j = await within(queue.getJob(id), 5000);
        if (!j) await within(add(p.job), 5000);
        else if (j.finishedOn && j.returnvalue !== undefined && j.returnvalue !== null) settle(id, decode(j.returnvalue));
        else if (j.finishedOn && j.failedReason && j.attemptsMade >= (j.opts.attempts ?? 1))
          settle(id, null, new RemoteJobFailed(`a simulation failed on a worker: ${j.failedReason}`));
      }
      downSince = null;
    } catch {
      downSince ??= Date.now();
      if (Date.now() - downSince > lostAfter_s * 1000) {
        for (const id of [...pending.keys()]) settle(id, null, new RedisUnavailable(`lost the connection to Redis at ${show(url)} for over ${lostAfter_s} s`));
      }
    } finally {
      polling = false;
    }
  }, opts.pollMs ?? 2000);
  poll.unref();

  return {
    name: `BullMQ on ${show(url)} (${workers} worker${workers === 1 ? '' : 's'} at the start)`,
    concurrency: Math.max(1, workers),
    async submit(job: RunJob, sub: SubmitOptions = {}): Promise<RunJobResult> {
      if (closed) throw new RunCancelled('the runner is closed');
      const id = jobId(job);
      const result = new Promise<RunJobResult>((resolve, reject) => {
        const prev = pending.get(id);
        if (prev) {
          // The same case twice: both wait for the one job.
          const both = {
            ...prev,
            resolve: (r: RunJobResult) => {
              prev.resolve(r);
              resolve(r);
            },
            reject: (e: Error) => {
              prev.reject(e);
              reject(e);
            },
          };
          pending.set(id, both);
        } else pending.set(id, { job, resolve, reject, onProgress: sub.onProgress });
      });
      // Not awaited before the result: with Redis down these wait for it, and the poll may settle the job first (done, or Redis lost).
      void (async () => {
        const existing = await queue.getJob(id);
        if (existing?.finishedOn && existing.returnvalue) settle(id, decode(existing.returnvalue));
        else if (existing?.finishedOn && existing.failedReason) await existing.retry().catch(() => add(job));
        else if (!existing) await add(job);
      })().catch(() => {}); // the poll adds a job that did not reach the queue
      const onAbort = () => settle(id, null, new RunCancelled());
      sub.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await result;
      } finally {
        sub.signal?.removeEventListener('abort', onAbort);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      for (const id of [...pending.keys()]) settle(id, null, new RunCancelled('the runner was closed'));
      // A Redis that is gone would hold the closing forever.
      await within(Promise.all([events.close(), queue.close()]), 2000).catch(() => {});
      eventsConn.disconnect();
      conn.disconnect();
    },
  };
}

export interface RedisWorkerOptions {
  url: string;
  /** Simulations at once in this process (worker threads). */
  concurrency?: number;
  /** A job whose worker stops renewing its lock this long is given to another worker, s (default 30). */
  lockSeconds?: number;
  queue?: string;
  log?: (line: string) => void;
}

/** `cryoplan worker`: takes jobs from the queue and runs them on a local pool of threads. */
export async function startRedisWorker(opts: RedisWorkerOptions): Promise<{ close(): Promise<void> }> {
  const conn = await connectRedis(opts.url);
  const threads = Math.max(1, opts.concurrency ?? 1);
  const pool = createLocalRunner({ threads });
  const lockMs = (opts.lockSeconds ?? 30) * 1000;
  const me = `${hostname()}:${process.pid}`;
  const worker = new Worker(
    opts.queue ?? QUEUE,
    async (j: Job) => {
      const job = JSON.parse(String(j.data.job), revive) as RunJob;
      opts.log?.(`${new Date().toISOString()} ${me} runs ${job.label ?? job.hash} (${j.id}, attempt ${j.attemptsMade + 1})`);
      try {
        const r = await pool.submit(job, { onProgress: (p) => void j.updateProgress(p as unknown as object).catch(() => {}) });
        return JSON.stringify({ ...r, worker: `${me} ${r.worker}` }, replace);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        opts.log?.(`${new Date().toISOString()} ${me} failed ${j.id}: ${msg}`);
        // A job is deterministic: one that throws throws the same way everywhere, so it is not retried.
        // (A worker that dies is another matter: its lock lapses and the job runs again elsewhere.)
        throw new UnrecoverableError(`unrecoverable: ${msg}`);
      }
    },
    { connection: conn, concurrency: threads, lockDuration: lockMs, stalledInterval: Math.max(1000, lockMs / 2), maxStalledCount: 3 },
  );
  worker.on('error', () => {});
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.close();
      conn.disconnect();
    },
  };
}
