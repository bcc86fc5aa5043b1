import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Runner, RunJob, RunJobResult, SubmitOptions } from './types.js';
import { wantsSummary } from './job.js';

/** Results by resolved case hash. */
export interface ResultCache {
  get(job: RunJob): Promise<RunJobResult | undefined>;
  put(job: RunJob, result: RunJobResult): Promise<void>;
}

/** Does a stored result hold everything the job wants? (Histories stored by an older version lack the sensors and side effects; a planner's run has no summary.) */
function covers(r: RunJobResult, job: RunJob): boolean {
  const h = r.histories;
  return (
    (!job.want?.histories || (h !== undefined && h.sensors !== undefined && h.side_effect_onset_s !== undefined)) &&
    (!job.want?.files || r.files !== undefined) &&
    (!wantsSummary(job) || r.summary !== undefined)
  );
}

/** What a job brings back beyond the run itself, as a suffix of its key (jobs with the same hash that want different things are different jobs). */
export const wantsKey = (job: RunJob) => `${job.want?.histories ? 'h' : ''}${job.want?.files ? 'f' : ''}${wantsSummary(job) ? '' : 'n'}`;

const HASH = /^[0-9a-f]{8,64}$/;

/**
 * Results on disk, one JSON file per case hash (the hash covers every resolved input,
 * so a stored result is the result). Writes go to a temporary file that is flushed
 * and renamed into place: a reader sees a whole result or none, even if the process
 * dies mid-write, and two planners sharing the folder at worst both compute a result.
 */
export function createDiskCache(dir: string): ResultCache {
  const path = (hash: string) => join(dir, hash.slice(0, 2), `${hash}.json`);
  return {
    async get(job) {
      if (!HASH.test(job.hash)) return undefined;
      let text: string;
      try {
        text = await readFile(path(job.hash), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const r = JSON.parse(text, revive) as RunJobResult;
        return r.hash === job.hash && covers(r, job) ? r : undefined;
      } catch {
        return undefined; // unreadable: computed again and overwritten
      }
    },
    async put(job, result) {
      if (!HASH.test(job.hash)) return;
      const file = path(job.hash);
      const old = await this.get(job);
      // Keep the richer of the two (a result with files is not replaced by one without).
      const merged: RunJobResult = old
        ? { ...old, ...result, files: result.files ?? old.files, histories: result.histories ?? old.histories, summary: result.summary ?? old.summary }
        : result;
      await mkdir(join(dir, job.hash.slice(0, 2)), { recursive: true });
      const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
      const { cached: _c, ...stored } = merged;
      try {
        const fh = await open(tmp, 'w');
        try {
          await fh.writeFile(JSON.stringify(stored, replace));
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  };
}

/** JSON has no Infinity or NaN (a structure no cell reached stays at Infinity): spell them out. */
export function replace(_k: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
  return v;
}
export function revive(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
  }
  return v;
}

/**
 * A runner that answers from the cache when it can and stores what the inner runner
 * computes. Identical jobs submitted while one is running share its result.
 */
export function cachedRunner(inner: Runner, cache: ResultCache): Runner & { hits: number; misses: number } {
  const running = new Map<string, Promise<RunJobResult>>();
  const self = {
    name: `${inner.name}, cached`,
    // The inner runner's width may change as it goes (the local pool's adaptive width).
    get concurrency() {
      return inner.concurrency;
    },
    hits: 0,
    misses: 0,
    async submit(job: RunJob, opts: SubmitOptions = {}): Promise<RunJobResult> {
      const hit = await cache.get(job);
      if (hit) {
        self.hits++;
        return { ...hit, cached: true };
      }
      const key = `${job.hash}/${wantsKey(job)}`;
      const same = running.get(key);
      if (same) {
        self.hits++;
        return { ...(await same), cached: true };
      }
      self.misses++;
      const p = inner.submit(job, opts).then(async (r) => {
        await cache.put(job, r);
        return r;
      });
      running.set(key, p);
      try {
        return await p;
      } finally {
        running.delete(key);
      }
    },
    close: () => inner.close(),
  };
  return self;
}
