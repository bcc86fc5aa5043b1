/**
 * The app's 3D view, its server runs and its planner, in real Chromium (Debian's,
 * driven by puppeteer-core; WebGL on SwiftShader, so no GPU is needed):
 *  - a small case with a nerve and a vessel, uploaded and run in the browser; the
 *    organs-at-risk table lists the vessel; the 3D view is opened (three.js loads
 *    then, not before), draws the 0 / -20 / -40 °C surfaces (fewer triangles for the
 *    colder, smaller ones: nested surfaces), turns with the arrow keys and cuts with
 *    the cut plane (each changes the picture), with no error in the console;
 *  - the same case run on the server shows the temperature and ice-ball charts, and
 *    its 3D view the surfaces (the app asks the server for the field);
 *  - the Plan tab runs the case's small plan on the server, lists its candidates and
 *    opens the chosen plan as a new case whose freeze is the plan's.
 * Screenshots at a laptop's 1366x768 and a tablet's 820x1180 go to build/screenshots/
 * (CRYOPLAN_SCREENSHOTS to change it). CRYOPLAN_SKIP_BROWSER=1 skips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { startServer } from '../../src/server/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ROOT, SMALL_PLAN } from '../server/helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SKIP = process.env.CRYOPLAN_SKIP_BROWSER === '1';
const SHOTS = process.env.CRYOPLAN_SCREENSHOTS || join(ROOT, 'build', 'screenshots');

// The small plan's case with a vessel beside the nerve: an organ at risk by default.
const CASE = SMALL_PLAN.replace(
  '    - { kind: nerve, name: nerve,',
  '    - { kind: vessel, name: vein, path_mm: [[-6, -3.5, 9.5], [6, -3.5, 9.5]], diameter_mm: 1.4 }\n    - { kind: nerve, name: nerve,',
);

/** A fingerprint of what the WebGL canvas shows, and how much of it is not background. */
const picture = (page: Page) =>
  page.$eval('#view3d', (el) => {
    const c = el as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let hash = 0;
    let drawn = 0;
    let blue = 0;
    for (let i = 0; i < px.length; i += 4) {
      hash = (hash * 31 + px[i] * 7 + px[i + 1] * 13 + px[i + 2]) | 0;
      // The background is #f4f6f9.
      if (Math.abs(px[i] - 0xf4) + Math.abs(px[i + 1] - 0xf6) + Math.abs(px[i + 2] - 0xf9) > 30) drawn++;
      if (px[i + 2] > px[i] + 40) blue++;
    }
    return { hash, drawn: drawn / (px.length / 4), blue: blue / (px.length / 4) };
  });

const idle = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('#progress') && !(document.querySelector('#run-browser') as HTMLButtonElement | null)?.disabled, {
    timeout: 300_000,
  });

const frame = () => new Promise((r) => setTimeout(r, 300));

/** The picture once it differs from `from` (a cut recompiles shaders, slow in software on a loaded machine), or the last one seen after 10 s. */
async function changed(page: Page, from: number) {
  let p = await picture(page);
  for (let i = 0; i < 30 && p.hash === from; i++) {
    await frame();
    p = await picture(page);
  }
  return p;
}

test('the app in Chromium: 3D view, organs at risk, server-run charts, and a plan run from the Plan tab', {
  skip: SKIP ? 'CRYOPLAN_SKIP_BROWSER=1' : false,
  timeout: 900_000,
}, async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH; CRYOPLAN_SKIP_BROWSER=1 skips this test`);
  assert.ok(existsSync(join(ROOT, 'dist/web/index.html')), 'the app is not built: npm run build');
  await mkdir(SHOTS, { recursive: true });
  const dir = await tempDir('cryoplan-app3d');
  const file = join(dir, 'nerve-and-vein.yaml');
  await writeFile(file, CASE);
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data') });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // WebGL in software (SwiftShader): the same picture with or without a GPU.
    args: [
      '--no-sandbox',
      '--headless=new',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    const errors: string[] = [];
    const scripts: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForSelector('#upload');
    const upload = (await page.$('#upload')) as ElementHandle<HTMLInputElement>;
    await upload.uploadFile(file);
    await page.waitForSelector('.section svg');

    // A browser run; its organs-at-risk table.
    await page.click('#run-browser');
    await page.waitForSelector('.verdict', { timeout: 300_000 });
    await idle(page);
    const organs = await page.$$eval('table.organs tbody tr td:first-child', (tds) => tds.map((t) => t.textContent ?? ''));
    assert.ok(
      organs.some((o) => o.startsWith('vein')),
      `organs at risk: ${organs.join(', ')}`,
    );
    assert.ok(!scripts.some((u) => /scene3d/.test(u)), 'three.js is not loaded before the 3D view is opened');

    // The 3D view.
    await page.click('#open-3d');
    await page.waitForFunction(() => (document.querySelector('#view3d') as HTMLCanvasElement | null)?.dataset.triangles, { timeout: 60_000 });
    assert.ok(
      scripts.some((u) => /scene3d/.test(u)),
      'the 3D chunk is fetched when the view opens',
    );
    const tri = JSON.parse((await page.$eval('#view3d', (el) => (el as HTMLCanvasElement).dataset.triangles)) ?? '{}') as Record<string, number>;
    assert.ok(tri['0'] > 100, `0 °C surface: ${tri['0']} triangles`);
    assert.ok(tri['0'] > tri['-20'] && tri['-20'] > tri['-40'], `nested surfaces: ${JSON.stringify(tri)}`);
    await frame();
    const first = await picture(page);
    assert.ok(first.drawn > 0.05, `the canvas shows something: ${(100 * first.drawn).toFixed(1)} % of it`);
    assert.ok(first.blue > 0.005, `the ice ball's blue shows: ${(100 * first.blue).toFixed(2)} %`);
    // Orientation over the view: the axis triad's words and a scale bar of a round length.
    const cues = await page.$eval('.view3d-cues', (el) => ({
      ends: Array.from(el.querySelectorAll('.end'), (t) => t.textContent),
      scale: el.querySelector('.scale')?.textContent ?? '',
      bar_px: (el.querySelector('.scale .bar') as HTMLElement | null)?.getBoundingClientRect().width ?? 0,
    }));
    assert.deepEqual(cues.ends, ['+x', '+y', 'deep', 'skin']);
    assert.match(cues.scale, /^(0\.5|1|2|5|10|20|50) mm$/);
    assert.ok(cues.bar_px > 20 && cues.bar_px <= 151, `scale bar ${cues.bar_px} px`);
    const view = await page.$('.view3d');
    await view!.scrollIntoView();
    await page.screenshot({ path: join(SHOTS, 'app-3d-1-laptop.png') });
    await page.focus('#view3d');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    const turned = await changed(page, first.hash);
    assert.notEqual(turned.hash, first.hash, 'the arrow keys turn the view');
    await page.keyboard.press('+');
    await page.keyboard.press('Home');
    await frame();
    await page.select('#cut-axis', '1');
    const cut = await changed(page, first.hash);
    assert.notEqual(cut.hash, first.hash, 'the cut plane changes the picture');
    await page.screenshot({ path: join(SHOTS, 'app-3d-2-cut-laptop.png') });

    // The same case on the server: its charts, drawn from series.csv by the report's code.
    await page.click('#run-server');
    await page.waitForFunction(() => /run on the server/.test(document.querySelector('#results-h')?.textContent ?? ''), { timeout: 300_000 });
    await idle(page);
    const charts = await page.$$eval('.results .charts .chart svg', (s) => s.length);
    assert.ok(charts >= 2, `charts of the server run: ${charts}`);
    const legend = await page.$eval('.results .charts', (el) => el.textContent ?? '');
    assert.match(legend, /Nerve: nerve/);
    assert.match(legend, /[−-]20 °C isotherm/);
    // The app asks the server for the run's field (the case asks for no volumes): the server run's 3D view has its surfaces too, named in its legend.
    await page.click('#open-3d');
    await page.waitForFunction(() => (document.querySelector('#view3d') as HTMLCanvasElement | null)?.dataset.triangles, { timeout: 60_000 });
    const serverTri = JSON.parse((await page.$eval('#view3d', (el) => (el as HTMLCanvasElement).dataset.triangles)) ?? '{}') as Record<string, number>;
    assert.ok(serverTri['0'] > 100, `server run, 0 °C surface: ${JSON.stringify(serverTri)}`);
    const names = await page.$eval('.legend-list', (el) => el.textContent ?? '');
    assert.match(names, /nerve: nerve/);
    assert.match(names, /vessel: vein/);

    // The Plan tab: run the case's plan on the server, browse it, open the chosen plan.
    await page.click('#tab-plan');
    await page.waitForSelector('#run-plan:not([disabled])');
    await page.screenshot({ path: join(SHOTS, 'app-plan-1-form-laptop.png') });
    await page.click('#run-plan');
    await page.waitForSelector('#plan-progress');
    await page.waitForSelector('table.candidates', { timeout: 600_000 });
    const verdict = await page.$eval('.plan-verdict', (el) => el.textContent ?? '');
    assert.match(verdict, /Plan found: one (\d+) s freeze/);
    const freeze = Number(/one (\d+) s freeze/.exec(verdict)![1]);
    const rows = await page.$$eval('table.candidates tbody tr', (r) => r.length);
    assert.ok(rows >= 1);
    assert.ok((await page.$$('.plan-result .chart svg')).length >= 1, 'the time-against-probability chart');
    await page.screenshot({ path: join(SHOTS, 'app-plan-2-candidates-laptop.png'), fullPage: true });
    await page.setViewport({ width: 820, height: 1180 });
    await frame();
    await (await page.$('.plan-result'))!.scrollIntoView();
    await page.screenshot({ path: join(SHOTS, 'app-plan-3-candidates-tablet.png') });
    await page.click('#open-plan-case');
    await page.waitForFunction(() => document.querySelector('.tab.current')?.textContent?.includes('plan'));
    assert.equal(await page.$eval('#tab-simulate', (el) => el.getAttribute('aria-selected')), 'true');
    const text = await page.$eval('textarea.yaml', (el) => (el as HTMLTextAreaElement).value);
    assert.match(text, new RegExp(`duration_s: ${freeze}\\b`), 'the new case freezes for the chosen time');
    assert.doesNotMatch(text, /^plan:/m, 'the chosen plan is a case without a plan: section');

    // The tablet: the results and the 3D view of the first plan.
    await page.click('.plan-tabs .tab');
    await page.waitForSelector('#open-3d');
    await page.click('#open-3d');
    await page.waitForFunction(() => (document.querySelector('#view3d') as HTMLCanvasElement | null)?.dataset.triangles, { timeout: 60_000 });
    await frame();
    await (await page.$('.view3d'))!.scrollIntoView();
    await page.screenshot({ path: join(SHOTS, 'app-3d-3-tablet.png') });
    await page.screenshot({ path: join(SHOTS, 'app-results-tablet-full.png'), fullPage: true });
    await page.setViewport({ width: 1366, height: 768 });
    await page.screenshot({ path: join(SHOTS, 'app-results-laptop-full.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no errors or warnings in the console');
  } finally {
    await browser.close();
    await server.close();
  }
});
