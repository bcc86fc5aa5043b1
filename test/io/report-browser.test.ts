/**
 * The report as a person sees it: a real small simulation rendered to
 * report.html, opened in headless Chromium (puppeteer-core drives Debian's
 * chromium; no browser is downloaded). Set CRYOPLAN_SKIP_BROWSER=1 to skip where
 * no Chromium can be installed; CHROMIUM_PATH points at another binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { openOffline } from '../helpers/offline-page.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { renderReport } from '../../src/io/report/index.js';
import { reportScene } from './report-fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SKIP = process.env.CRYOPLAN_SKIP_BROWSER === '1';

test('report.html in headless Chromium: charts drawn, labels visible, tables complete, offline, printable', {
  skip: SKIP ? 'CRYOPLAN_SKIP_BROWSER=1' : false,
  timeout: 180_000,
}, async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH; set CRYOPLAN_SKIP_BROWSER=1 to skip this test`,
  );
  const t0 = performance.now();
  // A real run: skin/fat/muscle on a 1 mm grid, a needle beside a nerve, freeze 30 s, thaw 10 s, freeze 20 s.
  const scene = reportScene({ name: 'Browser test <plan> & "co"' });
  const result = simulate(scene);
  const outcomes = computeOutcomes(scene, result);
  const html = renderReport({ scene, result, outcomes, caseInfo: { name: scene.name, hash: 'feedfacecafebeef' }, wall_s: (performance.now() - t0) / 1000 });
  const dir = join(tmpdir(), 'cryoplan-report-browser');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'report.html');
  await writeFile(file, html);

  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'], headless: true });
  try {
    const { page, errors, external } = await openOffline(browser, file);

    const seen = await page.evaluate(() => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
      };
      const charts = Array.from(document.querySelectorAll('svg[viewBox]')).map((svg) => {
        const r = svg.getBoundingClientRect();
        const labels = Array.from(svg.querySelectorAll('g[aria-label="x-axis label"] text, g[aria-label="y-axis label"] text')).map((t) => ({
          text: t.textContent ?? '',
          visible: visible(t),
        }));
        return { width: r.width, height: r.height, paths: svg.querySelectorAll('path').length, labels };
      });
      const effects = Array.from(document.querySelectorAll('table.effects tbody tr')).map((tr) => (tr.querySelector('td') as HTMLElement).innerText.trim());
      const patient = document.querySelector('#patient-sheet') as HTMLElement | null;
      return {
        title: document.title,
        charts,
        effects,
        disclaimer: (document.querySelector('#disclaimer') as HTMLElement | null)?.innerText ?? '',
        verdict: (document.querySelector('#verdict') as HTMLElement | null)?.innerText ?? '',
        patient: patient ? { text: patient.innerText, visible: visible(patient) } : null,
        scripts: document.scripts.length,
      };
    });

    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(external, [], 'no network requests');
    assert.equal(seen.scripts, 0);
    assert.equal(seen.title, 'Browser test <plan> & "co" — cryoplan report', 'the case name is shown as text');
    // Two time charts and two planes (through the probe, across the nerve) at the end of each of the two freezes.
    assert.equal(seen.charts.length, 6, JSON.stringify(seen.charts.map((c) => c.labels)));
    for (const c of seen.charts) {
      assert.ok(c.width > 200 && c.height > 150, `chart drawn at ${c.width} x ${c.height}`);
      assert.ok(c.paths > 5, 'the chart has paths');
      assert.equal(c.labels.length, 2, 'x and y axis labels');
      for (const l of c.labels) {
        assert.ok(l.visible, `axis label visible: ${l.text}`);
        assert.match(l.text, /\((s|°C|mm|ml)\)$/, `axis label with units: ${l.text}`);
      }
    }
    const labels = seen.charts.flatMap((c) => c.labels.map((l) => l.text));
    for (const l of ['Time (s)', 'Temperature (°C)', 'Volume inside the isotherm (ml)', 'Depth below the skin (mm)', 'x (mm)', 'y (mm)'])
      assert.ok(labels.includes(l), l);
    assert.deepEqual(seen.effects, outcomes.side_effects.length ? sortedLabels(outcomes.side_effects) : [], 'every side effect has a row');
    assert.equal(seen.disclaimer, outcomes.disclaimer);
    assert.match(seen.verdict, /^Test nerve: /);
    assert.ok(seen.patient?.visible, 'the patient sheet shows');
    const watch = outcomes.side_effects.filter((e) => e.risk === 'high' || e.risk === 'moderate');
    assert.ok(watch.length === 0 || /These are the ones to look out for/.test(seen.patient!.text));
    assert.match(seen.patient!.text, /Call the clinic if you have/i);

    const png = join(dir, 'report.png');
    const pdf = join(dir, 'report.pdf');
    await page.screenshot({ path: png as `${string}.png`, fullPage: true });
    await page.emulateMediaType('print');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pngSize = (await stat(png)).size;
    const pdfSize = (await stat(pdf)).size;
    assert.ok(pngSize > 50_000, `screenshot ${pngSize} bytes`);
    assert.ok(pdfSize > 20_000, `pdf ${pdfSize} bytes`);
    process.stdout.write(`report: ${file}\nscreenshot: ${png}\npdf: ${pdf}\nbrowser test took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } finally {
    await browser.close();
  }
});

function sortedLabels(effects: Array<{ label: string; risk: string }>): string[] {
  const order: Record<string, number> = { high: 0, moderate: 1, low: 2, not_modelled: 3 };
  return effects
    .map((e, i) => ({ e, i }))
    .sort((a, b) => order[a.e.risk] - order[b.e.risk] || a.i - b.i)
    .map((x) => x.e.label);
}
