/**
 * The API's overhead per run: a tiny case's POST /api/runs to the first progress
 * event its /events stream gives, and to the first solver step's progress, on a
 * warm pool, submissions one after another. With --against, an older build's
 * server runs beside this one and the two take turns, so that both see the same
 * machine (it is shared: read the ratio).
 *
 *   npm run bench:api
 *   node build/bench/api.js --against /work/main/build   # another checkout's `npm run build:dev` output (repeatable)
 *   node build/bench/api.js --runs 40
 */
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { rmSync } from 'node:fs';
import { startServer } from '../src/server/index.js';
import { ROOT, tinyCase, readEvents } from '../test/server/helpers.js';

type Start = typeof startServer;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface ApiOverhead {
  /** POST to its 202, ms. */
  accepted: number[];
  /** POST to the first progress event on /events, ms. */
  first_progress: number[];
  /** POST to the first progress event of a solver step (step > 0), ms. */
  first_step: number[];
}

/** One tiny submission, timed from the POST; the run is then followed to its end so that the next starts on an idle pool. */
export async function timeSubmission(url: string, name: string, into: ApiOverhead): Promise<void> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: tinyCase(name) });
  const t1 = performance.now();
  const { id } = (await res.json()) as { id: string };
  const evs = await readEvents(`${url}/api/runs/${id}/events`);
  const progress = evs.filter((e) => e.event === 'progress');
  const step = progress.find((e) => (e.data as { step: number }).step > 0);
  if (!progress.length || !step) throw new Error(`${name}: no progress event (${evs.map((e) => e.event).join(', ')})`);
  into.accepted.push(t1 - t0);
  into.first_progress.push(progress[0].at - t0);
  into.first_step.push(step.at - t0);
}

const show = (o: ApiOverhead, warmFrom: number) => {
  const w = (xs: number[]) => xs.slice(warmFrom);
  return `202 ${median(w(o.accepted)).toFixed(1)} ms; first progress event ${median(w(o.first_progress)).toFixed(1)} ms (max ${Math.max(...w(o.first_progress)).toFixed(0)}); first solver step ${median(w(o.first_step)).toFixed(1)} ms`;
};

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const runs = Number(arg('--runs') ?? 20);
  const against = process.argv.flatMap((a, i) => (a === '--against' && process.argv[i + 1] ? [process.argv[i + 1]] : []));
  console.log(
    `load average at start: ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} (the machine is shared: read the ratios)`,
  );
  const servers: { label: string; start: Start }[] = [{ label: 'this build', start: startServer }];
  for (const dir of against) {
    const mod = (await import(pathToFileURL(join(resolve(dir), 'src/server/index.js')).href)) as { startServer: Start };
    servers.push({ label: dir, start: mod.startServer });
  }
  const started = await Promise.all(
    servers.map(async (s, i) => {
      const dataDir = join(ROOT, 'build', `bench-api-data-${i}`);
      rmSync(dataDir, { recursive: true, force: true });
      return { ...s, server: await s.start({ port: 0, host: '127.0.0.1', dataDir }), o: { accepted: [], first_progress: [], first_step: [] } as ApiOverhead };
    }),
  );
  try {
    // Taking turns, so that both see the same load; the first two of each also load the solver into the pool's threads.
    for (let i = 0; i < runs + 2; i++) for (const s of started) await timeSubmission(s.server.url, `o${i}`, s.o);
    for (const s of started) console.log(`${s.label.padEnd(20)} ${show(s.o, 2)}`);
    const [self, ...others] = started.map((s) => ({ label: s.label, p: median(s.o.first_progress.slice(2)), q: median(s.o.first_step.slice(2)) }));
    for (const o of others)
      console.log(`this build / ${o.label}: first progress event ${(self.p / o.p).toFixed(2)}x; first solver step ${(self.q / o.q).toFixed(2)}x`);
  } finally {
    for (const s of started) await s.server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
