/**
 * The report's time charts, drawn with Observable Plot into a server-side DOM
 * (linkedom): temperature against time at the probe, the nerve, the skin and the
 * fat, and the ice ball's growth. Each chart is an inline <svg> (inside a <figure>
 * when it has a legend).
 */
import * as Plot from '@observablehq/plot';
// linkedom's one-file build: the same DOM as its package entry, which loads about 190 files
// (0.3 s of CPU, more than drawing a whole report); this one loads in 0.08 s.
import { parseHTML } from 'linkedom/worker';
import type { Scene } from '../../core/model.js';
import type { RunResult } from '../../core/result.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../../core/outcome/settings.js';
import { esc, num } from './html.js';
import { isothermColor } from './isotherm-style.js';

export { isothermColor, isothermDash } from './isotherm-style.js';

let doc: Document | undefined;

/** A DOM document for Plot to build its SVG in (one per process; Plot only creates detached nodes in it). */
export function plotDocument(): Document {
  doc ??= parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document;
  return doc;
}

/** Renders a Plot specification to markup (an <svg>, or a <figure> holding a legend and an <svg>). */
export function plotMarkup(options: Plot.PlotOptions): string {
  const el = Plot.plot({ ...options, document: plotDocument() });
  return (el as unknown as Element).outerHTML;
}

/** Common look: readable type, no arrows on axis labels. */
export const PLOT_STYLE = {
  fontSize: '12px',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  background: 'white',
  overflow: 'visible',
};

/** Freeze phases as [start, end] in seconds from the start of the run. */
export function freezeWindows(scene: Scene): Array<{ start: number; end: number; label: string }> {
  const out: Array<{ start: number; end: number; label: string }> = [];
  let t = 0;
  let n = 0;
  for (const ph of scene.protocol) {
    if (ph.kind === 'freeze') out.push({ start: t, end: t + ph.duration_s, label: `freeze ${++n}` });
    t += ph.duration_s;
  }
  return out;
}

/** The layers whose tissue or name matches, and the pointwise coldest of their series. */
function layerSeries(result: RunResult, word: RegExp): number[] | null {
  const names = new Set(result.structures.filter((s) => s.role === 'layer' && (word.test(s.tissue) || word.test(s.name))).map((s) => s.name));
  const rows = result.series.structures.filter((s) => names.has(s.name));
  if (!rows.length) return null;
  return result.series.time_s.map((_, i) => rows.reduce((m, r) => Math.min(m, r.min_c[i]), Infinity));
}

export const SERIES_COLORS = ['#1b1b1b', '#d55e00', '#cc3f8f', '#d9a400', '#009e73', '#0072b2', '#56b4e9', '#8c564b'];

interface Row {
  t: number;
  v: number;
  series: string;
}

/**
 * What every time chart shares: layout, the time axis over the whole run, and the
 * freeze phases as labelled bands behind the traces.
 */
export function timeChart(
  scene: Scene,
  result: RunResult,
  o: { width: number; height: number; y: Plot.ScaleOptions; color: Plot.ScaleOptions; marks: Plot.Markish[] },
): string {
  const t = result.series.time_s;
  const freezes = freezeWindows(scene);
  return plotMarkup({
    width: o.width,
    height: o.height,
    marginLeft: 56,
    marginRight: 20,
    marginTop: 26,
    marginBottom: 44,
    style: PLOT_STYLE,
    x: { label: 'Time (s)', labelAnchor: 'center', labelArrow: 'none', domain: [0, Math.max(result.simulated_s, t[t.length - 1] ?? 0)] },
    y: { labelAnchor: 'center', labelArrow: 'none', grid: true, ...o.y },
    color: o.color,
    marks: [
      Plot.rect(freezes, { x1: 'start', x2: 'end', fill: '#d6e8f8', fillOpacity: 0.7 }),
      Plot.text(freezes, {
        x: (d: { start: number; end: number }) => (d.start + d.end) / 2,
        text: 'label',
        frameAnchor: 'top',
        dy: -14,
        fill: '#1f5fa8',
        fontWeight: 600,
      }),
      Plot.ruleY([0], { stroke: '#888' }),
      ...o.marks,
      Plot.frame({ stroke: '#bbb' }),
    ],
  });
}

/** Temperature against time at the probe(s), each nerve's coldest point, the skin's and the fat's coldest points. */
export function temperatureChart(scene: Scene, result: RunResult, width = 900): string {
  const t = result.series.time_s;
  const groups: Array<{ name: string; values: number[] }> = [];
  for (const p of result.series.probes)
    groups.push({ name: result.series.probes.length > 1 ? `Probe ${p.id}` : 'Probe (cooled surface)', values: p.temperature_c });
  const nerves = new Set(result.structures.filter((s) => s.role === 'nerve').map((s) => s.name));
  for (const s of result.series.structures) if (nerves.has(s.name)) groups.push({ name: `Nerve: ${s.name} (coldest point)`, values: s.min_c });
  const skin = layerSeries(result, /skin|derm/i);
  if (skin) groups.push({ name: 'Skin (coldest point)', values: skin });
  const fat = layerSeries(result, /fat|adipose|subcut/i);
  if (fat) groups.push({ name: 'Fat (coldest point)', values: fat });
  const rows: Row[] = [];
  for (const g of groups) for (let i = 0; i < t.length; i++) if (Number.isFinite(g.values[i])) rows.push({ t: t[i], v: g.values[i], series: g.name });
  const thr = (scene.outcome ?? DEFAULT_OUTCOME_SETTINGS).nerve.axonotmesis_c;
  // Room above and below the traces, so that the coldest one does not run along the frame.
  let lo = thr,
    hi = 0;
  for (const r of rows) {
    if (r.v < lo) lo = r.v;
    if (r.v > hi) hi = r.v;
  }
  const yDomain: [number, number] = [Math.floor((lo - 4) / 10) * 10, Math.ceil((hi + 2) / 10) * 10];
  return timeChart(scene, result, {
    width,
    height: 340,
    y: { label: 'Temperature (°C)', domain: yDomain },
    color: { legend: true, domain: groups.map((g) => g.name), range: SERIES_COLORS },
    marks: [
      Plot.ruleY([thr], { stroke: '#d55e00', strokeDasharray: '4,3', strokeOpacity: 0.8 }),
      Plot.text([thr], {
        y: (d: number) => d,
        frameAnchor: 'right',
        dx: -4,
        dy: -7,
        text: () => `${num(thr, 0)} °C: lasting nerve injury threshold`,
        fill: '#a34400',
        textAnchor: 'end',
      }),
      Plot.line(rows, { x: 't', y: 'v', stroke: 'series', strokeWidth: 2 }),
    ],
  });
}

/** The ice ball's volume within each isotherm against time. */
export function iceBallChart(scene: Scene, result: RunResult, width = 900): string {
  const t = result.series.time_s;
  const all = result.series.isotherms.map((s) => s.threshold_c);
  const name = (c: number) => `${num(c, 0)} °C isotherm`;
  const rows: Row[] = [];
  for (const iso of result.series.isotherms) for (let i = 0; i < t.length; i++) rows.push({ t: t[i], v: iso.volume_ml[i], series: name(iso.threshold_c) });
  const ordered = [...all].sort((a, b) => b - a);
  return timeChart(scene, result, {
    width,
    height: 300,
    y: { label: 'Volume inside the isotherm (ml)', nice: true, zero: true },
    color: { legend: true, domain: ordered.map(name), range: ordered.map((c) => isothermColor(c, all)) },
    marks: [Plot.line(rows, { x: 't', y: 'v', stroke: 'series', strokeWidth: 2 })],
  });
}

/** A chart block: heading, chart markup and a caption (caption is escaped here). */
export function chartBlock(title: string, markup: string, caption: string): string {
  return `<div class="chart"><h3>${esc(title)}</h3>${markup}<div class="caption">${esc(caption)}</div></div>`;
}
