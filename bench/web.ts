/**
 * The browser app's numbers, measured side by side in one run:
 *  - bundle size: what a first visit downloads (gzipped), the 3D view's chunk
 *    (three.js, fetched when a person opens the view) and the solver worker
 *    fetched on the first run;
 *  - first load: navigation to the app answering (the preset picker shown);
 *  - a browser run of a case against the same case in Node (the ratio of their
 *    summary.timing.wall_s, the solver's own time in each);
 *  - API overhead: a tiny case's POST /api/runs to its first progress event.
 *
 *   npm run bench:web                        # cases/default.yaml
 *   node build/bench/web.js cases/intercostal.yaml
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { startServer } from '../src/server/index.js';
import { parseCase } from '../src/case/load.js';
import { executeJob } from '../src/run/job.js';
import { ROOT } from '../test/server/helpers.js';
import { timeSubmission, type ApiOverhead } from './api.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const caseFile = process.argv[2] ?? 'cases/default.yaml';
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bundle() {
  const dir = join(ROOT, 'dist/web');
  if (!existsSync(join(dir, 'index.html'))) throw new Error('build the app first: npm run build');
  const files = ['index.html', ...readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`)];
  const sizes = files.map((f) => {
    const data = readFileSync(join(dir, f));
    return { f, raw: data.length, gz: gzipSync(data, { level: 9 }).length };
  });
  const isWorker = (f: string) => f.includes('worker');
  const is3d = (f: string) => f.includes('scene3d');
  const first = sizes.filter((s) => !isWorker(s.f) && !is3d(s.f));
  const worker = sizes.filter((s) => isWorker(s.f));
  const view3d = sizes.filter((s) => is3d(s.f));
  const sum = (xs: typeof sizes) => xs.reduce((a, s) => a + s.gz, 0);
  return { files: sizes, first_load_gz: sum(first), view3d_gz: sum(view3d), worker_gz: sum(worker) };
}

async function main() {
  console.log(
    `load average at start: ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} (the machine is shared: read the ratios)`,
  );
  const b = bundle();
  for (const s of b.files) console.log(`  ${s.f.padEnd(40)} ${kb(s.raw).padStart(12)}  gzip ${kb(s.gz).padStart(10)}`);
  console.log(
    `first load (page, script, style), gzipped: ${kb(b.first_load_gz)} without the 3D view, ${kb(b.first_load_gz + b.view3d_gz)} with its chunk (${kb(b.view3d_gz)}, fetched when the view opens); solver worker (first run), gzipped: ${kb(b.worker_gz)}`,
  );

  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(ROOT, 'build', 'bench-web-data') });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      // WebGL in software, for the 3D view.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    // API overhead: submit to first progress, tiny case, sequential (bench/api.ts measures it against an older build).
    const overhead: ApiOverhead = { accepted: [], first_progress: [], first_step: [] };
    for (let i = 0; i < 12; i++) await timeSubmission(server.url, `o${i}`, overhead);
    // The first submissions also load the solver into the pool's threads.
    const warm = overhead.first_progress.slice(2);
    console.log(
      `API submit -> first progress event (tiny case, warm pool): median ${median(warm).toFixed(1)} ms, max ${Math.max(...warm).toFixed(1)} ms; first solver step ${median(overhead.first_step.slice(2)).toFixed(1)} ms; first (cold threads) ${overhead.first_progress[0].toFixed(0)} ms`,
    );

    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const t0 = performance.now();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForSelector('#from-preset');
    console.log(`first load to interactive (preset picker shown): ${(performance.now() - t0).toFixed(0)} ms`);

    const text = readFileSync(join(ROOT, caseFile), 'utf8');
    const name = caseFile.replace(/^.*\//, '');
    const { scene, hash } = parseCase(text, name);
    const nodeRun = async () => (await executeJob({ hash, scene, label: name })).summary!.timing.wall_s;
    const browserRun = async () => {
      await page.select('#bundled', name);
      await page.click('#from-bundled');
      await page.waitForSelector('#run-browser:not([disabled])');
      await page.click('#run-browser');
      await page.waitForFunction(
        () =>
          !document.querySelector('#progress') &&
          !(document.querySelector('#run-browser') as HTMLButtonElement).disabled &&
          document.querySelector('.verdict, .results'),
        {
          timeout: 900_000,
        },
      );
      const h = await page.$eval('#results-h', (el) => el.textContent ?? '');
      const m = /, (\w+) kernels, ([\d.]+) s\)/.exec(h);
      if (!m) throw new Error(`no timing in '${h}'`);
      return { wall_s: Number(m[2]), kernels: m[1] };
    };
    const node: number[] = [];
    const web: number[] = [];
    let kernels = '';
    // Alternate, so that both see the same machine.
    for (let i = 0; i < 2; i++) {
      node.push(await nodeRun());
      const r = await browserRun();
      web.push(r.wall_s);
      kernels = r.kernels;
    }
    // The 3D view of the last result: click to its first frame (three.js fetched, surfaces built, drawn in software).
    const t3 = performance.now();
    await page.click('#open-3d');
    await page.waitForFunction(() => (document.querySelector('#view3d') as HTMLCanvasElement | null)?.dataset.triangles, { timeout: 120_000 });
    const triangles = await page.$eval('#view3d', (el) => (el as HTMLCanvasElement).dataset.triangles);
    console.log(
      `3D view, open to first frame (three.js chunk fetched, marching cubes, SwiftShader WebGL): ${(performance.now() - t3).toFixed(0)} ms; triangles ${triangles}`,
    );
    console.log(`${caseFile}: Node ${node.map((v) => v.toFixed(2)).join(', ')} s; browser (${kernels} kernels) ${web.map((v) => v.toFixed(2)).join(', ')} s`);
    const pairs = web.map((w, i) => (w / node[i]).toFixed(2));
    const total = (xs: number[]) => xs.reduce((a, v) => a + v, 0);
    console.log(`browser / Node: each pair ${pairs.join(', ')}x; all runs ${(total(web) / total(node)).toFixed(2)}x`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
