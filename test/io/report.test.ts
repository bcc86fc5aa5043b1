import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../src/io/report/index.js';
import { esc, num } from '../../src/io/report/html.js';
import { probePlane, nervePlane, sectionWindow, sampleRaster, coldBox } from '../../src/io/report/sections.js';
import { makeGrid } from '../../src/core/grid/rectilinear.js';
import { sampleField } from '../../src/core/outcome/sample.js';
import { reportScene, reportResult, reportOutcomes, HOSTILE_NAME } from './report-fixture.js';
import { testNeedle } from '../helpers/scene.js';

function render(opts: { snapshots?: boolean } = {}) {
  const scene = reportScene();
  const result = reportResult(scene, opts);
  const outcomes = reportOutcomes();
  const html = renderReport({
    scene,
    result,
    outcomes,
    caseInfo: { name: scene.name, hash: '0123456789abcdef', file: 'cases/<evil>.yaml' },
    wall_s: 1.5,
    generated_at: new Date('2026-01-02T03:04:05Z'),
  });
  return { scene, result, outcomes, html };
}

/** The top-level chart SVGs (Plot's, with a viewBox; legend swatches have none). */
function chartSvgs(html: string): string[] {
  return [...html.matchAll(/<svg\b[^>]*\bviewBox="[^"]*"[^>]*>[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

const text = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

test('the report is one self-contained file: no scripts, nothing fetched', () => {
  const { html } = render();
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script\b/i, 'no script elements at all');
  assert.doesNotMatch(html, /\b(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i, 'no external src/href');
  assert.doesNotMatch(html, /@import|url\(\s*["']?https?:/i, 'no external CSS');
  assert.doesNotMatch(html, /<link\b[^>]*rel=["']?stylesheet/i);
  assert.match(html, /<style>[\s\S]*@page/, 'inline CSS with print rules');
});

test('every chart is an SVG with axis labels that carry units', () => {
  const { html } = render();
  const svgs = chartSvgs(html);
  // Two time charts, and two planes (probe, nerve) at the end of each of the two freezes.
  assert.equal(svgs.length, 6);
  for (const svg of svgs) {
    const labels = [...svg.matchAll(/aria-label="([xy])-axis label"[^>]*>\s*<text[^>]*>([^<]*)<\/text>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(labels.map((l) => l[0]).sort(), ['x', 'y'], 'both axes labelled');
    for (const [, label] of labels) assert.match(label, /\((s|°C|mm|ml)\)$/, `axis label with a unit: ${label}`);
    assert.match(svg, /<path\b[^>]*\bd="M/, 'the chart draws paths');
  }
  assert.ok(svgs.some((s) => s.includes('Temperature (°C)')) && svgs.some((s) => s.includes('Time (s)')));
  assert.ok(svgs.some((s) => s.includes('Volume inside the isotherm (ml)')));
  assert.ok(svgs.filter((s) => s.includes('Depth below the skin (mm)')).length === 4);
  // The temperature chart's legend names the four traces.
  for (const name of ['Probe (cooled surface)', 'Nerve: test nerve (coldest point)', 'Skin (coldest point)', 'Fat (coldest point)'])
    assert.ok(html.includes(esc(name)), name);
});

test('cross-sections draw each isotherm that was reached, labelled, with the nerve and probe outlines', () => {
  const { html } = render();
  const sections = chartSvgs(html).filter((s) => s.includes('Depth below the skin (mm)'));
  for (const svg of sections) {
    for (const label of ['0 °C', '−20 °C', '−40 °C']) assert.ok(svg.includes(`>${label}</text>`), `contour label ${label}`);
    assert.ok(svg.includes('fill="#a9b1ba"'), "the probe's cooled segment");
  }
  // The nerve (2.5 mm beside the probe's plane, 1 mm in radius) shows in the planes across it only.
  assert.equal(sections.filter((s) => s.includes('stroke="#7a5c00"')).length, 2, 'nerve outline');
  assert.match(html, /end of freeze 1 \(t = 30 s\)/);
  assert.match(html, /end of freeze 2 \(t = 60 s\)/);
  assert.match(html, /Across the test nerve at its coldest section/);
  assert.match(html, /Along the probe \(x–z plane at y = 0\.0 mm\)/);
});

test('without snapshots (older results) the sections fall back to the lowest temperature reached', () => {
  const { html } = render({ snapshots: false });
  assert.match(html, /lowest temperature each point reached/);
  assert.equal(chartSvgs(html).length, 4);
});

test('a hostile case name and description are escaped everywhere', () => {
  const { html } = render();
  assert.ok(!html.includes('<script>alert'), 'no live script');
  assert.ok(!html.includes('<img src=x'), 'no live img');
  assert.ok(!html.includes('<b>not bold</b>'));
  assert.ok(html.includes(esc(HOSTILE_NAME)), 'the name is shown, escaped');
  assert.ok(html.includes(`<title>${esc(HOSTILE_NAME)} — cryoplan report</title>`));
  assert.ok(html.includes('cases/&lt;evil&gt;.yaml'));
});

test('the header carries the verdict, the disclaimer, the hash and the version', () => {
  const { html } = render();
  const t = text(html);
  assert.match(t, /Test nerve: complete block expected \(axonotmesis\), 6–12 weeks/);
  assert.ok(t.includes('These are model-based indicators, not clinical predictions.'));
  assert.ok(t.includes('0123456789abcdef'));
  assert.match(t, /cryoplan \d+\.\d+\.\d+/);
  assert.ok(t.includes('2026-01-02 03:04:05 UTC'));
});

test('the plan and outcome tables list layers, probe, phases and every side effect', () => {
  const { html, outcomes } = render();
  const t = text(html);
  for (const s of [
    'Skin',
    '1.5 mm',
    '4.0 mm',
    '14.5 mm',
    'n1',
    '2.00 mm',
    '6.0 mm',
    '90° to the skin',
    'Freeze 1',
    'Thaw 1',
    'Freeze 2',
    '30 s',
    '10 s',
    '20 s',
  ])
    assert.ok(t.includes(s), s);
  const effects = html.match(/<table class="effects">[\s\S]*?<\/table>/)?.[0] ?? '';
  const rows = effects.match(/<tr>/g)?.length ?? 0;
  assert.equal(rows - 1, outcomes.side_effects.length, 'one row per side effect');
  for (const e of outcomes.side_effects) assert.ok(effects.includes(esc(e.label)), e.label);
  assert.ok(effects.indexOf('Blisters') < effects.indexOf('Cold panniculitis'), 'high before moderate');
  assert.ok(effects.indexOf('Cold panniculitis') < effects.indexOf('Frostbite'), 'moderate before low');
  assert.match(effects, /class="badge risk-high"/);
  assert.match(effects, /class="badge risk-not_modelled">not modelled/);
  const nerves = text(html.match(/<table class="nerves">[\s\S]*?<\/table>/)?.[0] ?? '');
  for (const s of ['test nerve', '5.2 mm', '−32.0 °C', '6–12 weeks (42–84 days)', 'the skin of the test flank', 'complete (100 % of the coldest section)'])
    assert.ok(nerves.includes(s), s);
});

test('the patient sheet is on its own page and speaks of this plan', () => {
  const { html, outcomes } = render();
  const sheet = html.match(/<section class="patient"[\s\S]*?<\/section>/)?.[0] ?? '';
  assert.ok(sheet, 'a patient sheet');
  const t = text(sheet);
  assert.ok(t.includes('about 6 to 12 weeks'), "the plan's block duration");
  assert.ok(t.includes('test nerve'));
  assert.ok(t.includes('the skin of the test flank'));
  assert.ok(t.includes('freezes twice'), 'the protocol');
  // Each high or moderate side effect is named, before the rest.
  const watch = outcomes.side_effects.filter((e) => e.risk === 'high' || e.risk === 'moderate');
  assert.equal(watch.length, 3);
  for (const title of ['Numbness or tingling', 'Blisters', 'A sore lump under the skin']) assert.ok(t.includes(title), title);
  assert.ok(t.indexOf('Blisters') < t.indexOf('Infection'));
  for (const s of ['infection', 'blisters', 'white, grey, dark', 'severe pain']) assert.ok(t.includes(s), `when to call: ${s}`);
  assert.match(html, /\.patient \{[^}]*break-before: page/);
  // Plain words: short sentences on average.
  const sentences = t.split(/[.!?]\s/).filter((s) => s.trim().length > 0);
  const words = t.split(/\s+/).length;
  assert.ok(words / sentences.length < 16, `average sentence length ${(words / sentences.length).toFixed(1)} words`);
});

test('numbers and text helpers', () => {
  assert.equal(num(-0.04, 1), '0.0');
  assert.equal(num(-20, 0), '−20');
  assert.equal(num(NaN), '–');
  assert.equal(esc('<a href="x">\'&'), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
});

test('section planes: through the needle axis and across the nerve; resampling matches the field', () => {
  const scene = reportScene();
  const result = reportResult(scene);
  const pp = probePlane(scene)!;
  assert.deepEqual(pp.u, [1, 0, 0]);
  assert.deepEqual(pp.v, [0, 0, 1]);
  const np = nervePlane(scene, reportOutcomes().nerves[0])!;
  assert.ok(Math.abs(Math.abs(np.u[1]) - 1) < 1e-12 && np.v[2] === 1, 'across a nerve along x: the y–z plane');
  const par = probePlane(reportScene({ probes: [testNeedle({ direction: [0, 1, 0] })] }))!;
  assert.deepEqual(par.u, [0, 1, 0], 'a needle along y: the y–z plane through its axis');
  const g = result.grid;
  const grid = makeGrid(g.x_edges_mm, g.y_edges_mm, g.z_edges_mm);
  const f = result.snapshots[0].temperature_c;
  const win = sectionWindow(scene, grid, pp, [f], 0);
  assert.equal(win.w0, 0, 'reaches up to the skin');
  assert.ok(win.h >= 0.1 && win.h <= 0.25);
  const r = sampleRaster(scene, grid, pp, win, f);
  const i = Math.round((0 - win.s0) / win.h),
    j = Math.round((7 - win.w0) / win.h);
  const s = win.s0 + i * win.h,
    w = win.w0 + j * win.h;
  assert.ok(Math.abs(r[i + win.width * j] - sampleField(grid, f, s, 0, w)) < 1e-6);
});

test("the window's cold box holds every point the trilinear sampler finds at or below the isotherm", () => {
  const scene = reportScene();
  const result = reportResult(scene);
  const g = result.grid;
  const grid = makeGrid(g.x_edges_mm, g.y_edges_mm, g.z_edges_mm);
  const fields = result.snapshots.map((s) => s.temperature_c);
  const [x0, x1, y0, y1, z0, z1] = [grid.xe[0], grid.xe[grid.nx], grid.ye[0], grid.ye[grid.ny], grid.ze[0], grid.ze[grid.nz]];
  for (const thr of [0, -20, -40]) {
    const box = coldBox(grid, fields, thr);
    assert.ok(box, `${thr} °C is reached`);
    // Random points over the domain and a little beyond, denser near the box's faces where a wrong bound would show.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    let inside = 0;
    for (let n = 0; n < 20000; n++) {
      const near = n % 2 === 1;
      const pick = (lo: number, hi: number, a: number, b: number) =>
        near && Number.isFinite(a) ? (rnd() < 0.5 ? a : b) + (rnd() - 0.5) * 2 : lo - 1 + rnd() * (hi - lo + 2);
      const p = [pick(x0, x1, box[0], box[1]), pick(y0, y1, box[2], box[3]), pick(z0, z1, box[4], box[5])];
      const cold = fields.some((f) => sampleField(grid, f, p[0], p[1], p[2]) <= thr);
      const inBox = p[0] >= box[0] && p[0] <= box[1] && p[1] >= box[2] && p[1] <= box[3] && p[2] >= box[4] && p[2] <= box[5];
      if (cold) {
        inside++;
        assert.ok(inBox, `(${p.join(', ')}) samples at or below ${thr} °C but lies outside the box ${box.join(', ')}`);
      }
    }
    assert.ok(inside > 100, 'enough cold samples to test the box');
  }
  assert.equal(coldBox(grid, fields, -1000), null, 'nothing that cold: no box');
});

test('a plan without nerves, with a contact probe, still renders: no nerve section, no nerve verdict', () => {
  const scene = reportScene({
    structures: [],
    probes: [{ kind: 'contact', id: 'disc', center_mm: [0, 0], diameter_mm: 10, cooling: { mode: 'temperature', curve: [[0, -150]] } }],
  });
  const result = reportResult(scene);
  const outcomes = { ...reportOutcomes(), nerves: [] };
  const html = renderReport({ scene, result, outcomes, caseInfo: { name: 'contact', hash: 'h' }, wall_s: 1 });
  const svgs = chartSvgs(html);
  assert.equal(svgs.length, 4, 'two charts and the probe plane at two moments');
  assert.match(html, /Through the contact probe/);
  assert.doesNotMatch(html, /nerve outline/);
  assert.match(text(html), /Ice ball \(0 °C\) at its largest: 0\.50 ml/);
});

test('hostile structure and probe names are escaped in tables, legends and charts', () => {
  const evil = '<svg onload=alert(1)>';
  const scene = reportScene();
  scene.structures = scene.structures.map((s) => ({ ...s, name: evil }));
  const result = reportResult(scene);
  result.structures = result.structures.map((s) => (s.role === 'nerve' ? { ...s, name: evil } : s));
  result.series.structures = result.series.structures.map((s) => (s.name === 'test nerve' ? { ...s, name: evil } : s));
  result.fields.label_names = result.fields.label_names.map((n) => (n === 'test nerve' ? evil : n));
  const outcomes = reportOutcomes();
  outcomes.nerves[0].name = evil;
  const html = renderReport({ scene, result, outcomes, caseInfo: { name: 'x', hash: 'h' }, wall_s: 1 });
  assert.ok(!html.includes(evil));
  assert.ok(html.includes(esc(evil)));
});
