/**
 * plan.html as a clinician sees it, in headless Chromium (puppeteer-core drives Debian's
 * chromium, as test/io/report-browser.test.ts does): no console errors, nothing fetched,
 * and the three charts drawn with their marks. The plan is the planner's own search on
 * Paterson's line sink (exact answers instead of simulations, so it takes no solver time),
 * over placement and cycles with a thermocouple limit, so every chart has something to show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { openOffline } from '../helpers/offline-page.js';
import { searchPlan } from '../../src/core/plan/search.js';
import { buildPlanJson } from '../../src/io/plan/json.js';
import { renderPlanReport } from '../../src/io/plan/html.js';
import { lineSinkNerveScene } from '../helpers/line-sink-scene.js';
import { analyticEnv } from '../helpers/analytic-plan-env.js';
import { planSpec } from '../helpers/plan-spec.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SKIP = process.env.CRYOPLAN_SKIP_BROWSER === '1';

const spec = planSpec({
  vary: { freeze_s: { min: 10, max: 600 }, freeze_step_s: 5, cycles: [1, 2], offset_across_mm: [-0.5, 0, 0.5] },
  limits: [{ structure: 'tc', min_c: 0, kind: 'sensor' }],
  uncertainty: { nerve_position_mm: 0.3, nerve_depth_mm: 0.2, placement_mm: 0.2, probe_basis: ['as given: 0'], seed: 2 },
});

export async function planHtml(): Promise<string> {
  const env = analyticEnv(lineSinkNerveScene(2, 0.2, 600), spec, 0.1, 3.2, 1e9);
  const r = await searchPlan(spec, env);
  const json = buildPlanJson(r, spec, {
    name: 'Browser test <plan>',
    hash: 'feedfacecafebeef',
    file: 'line-sink.yaml',
    wall_s: 1.2,
    runner: 'exact model',
    computed: 40,
    cached: 0,
  });
  return renderPlanReport(r, spec, json);
}

test('plan.html in headless Chromium: no console errors, offline, and the P(block), candidates and tornado charts drawn', {
  skip: SKIP ? 'CRYOPLAN_SKIP_BROWSER=1' : false,
  timeout: 180_000,
}, async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH; CRYOPLAN_SKIP_BROWSER=1 skips this test`,
  );
  const dir = join(tmpdir(), 'cryoplan-plan-browser');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'plan.html');
  await writeFile(file, await planHtml());
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'], headless: true });
  try {
    const { page, errors, external } = await openOffline(browser, file);
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('h2')).map((h) => {
        let el = h.nextElementSibling;
        while (el && el.tagName !== 'H2' && !el.querySelector('svg')) el = el.nextElementSibling;
        // The chart's own svg: the largest one (a legend's swatches are small svgs of their own).
        const svgs = el && el.tagName !== 'H2' ? Array.from(el.querySelectorAll('svg')) : [];
        const area = (x: Element) => x.getBoundingClientRect().width * x.getBoundingClientRect().height;
        const svg = svgs.sort((a, b) => area(b) - area(a))[0] ?? null;
        const box = svg?.getBoundingClientRect();
        // Marks: lines and areas (paths with a drawn d), dots (circles or symbol paths), bars (rects).
        const marks = svg
          ? Array.from(svg.querySelectorAll('g[aria-label] path[d], g[aria-label] rect, g[aria-label] circle')).filter(
              (m) => !m.closest('[aria-label$="axis"], [aria-label*="tick"], [aria-label*="grid"]'),
            ).length
          : 0;
        const labels = svg ? Array.from(svg.querySelectorAll('g[aria-label$="axis label"] text')).map((t) => t.textContent ?? '') : [];
        return { heading: h.textContent ?? '', width: box?.width ?? 0, height: box?.height ?? 0, marks, labels };
      }),
    );
    await page.screenshot({ path: join(dir, 'plan.png') as `${string}.png`, fullPage: true });
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(external, [], 'no network requests');
    const chart = (re: RegExp) =>
      charts.find((c) => re.test(c.heading)) ?? assert.fail(`no chart under a heading like ${re}: ${charts.map((c) => c.heading).join(' | ')}`);
    for (const [re, min] of [
      [/P\(complete block\) against freeze duration/, 3],
      [/^Candidates/, 2],
      [/Which uncertainty matters most/, 2],
    ] as const) {
      const c = chart(re);
      assert.ok(c.width > 300 && c.height > 100, `${c.heading}: drawn at ${c.width} x ${c.height}`);
      assert.ok(c.marks >= min, `${c.heading}: ${c.marks} marks`);
      assert.ok(c.labels.length >= 1 && c.labels.every((l) => l.trim().length > 0), `${c.heading}: axis labels ${JSON.stringify(c.labels)}`);
    }
    process.stdout.write(`plan.html: ${file}\nscreenshot: ${join(dir, 'plan.png')}\n`);
  } finally {
    await browser.close();
  }
});
