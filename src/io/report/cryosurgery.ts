/** The report's cryosurgery parts: virtual thermocouples (chart and table) and the ablation outcome. */
import * as Plot from '@observablehq/plot';
import type { Scene } from '../../core/model.js';
import type { RunResult } from '../../core/result.js';
import type { AblationOutcome } from '../../core/outcome/ablation.js';
import { esc, num, degC, dur, pointMm, table } from './html.js';
import { timeChart, chartBlock, SERIES_COLORS } from './charts.js';

/** Temperature against time at each virtual thermocouple. */
export function sensorChart(scene: Scene, result: RunResult, width = 900): string {
  const t = result.series.time_s;
  const series = result.series.sensors ?? [];
  const rows = series.flatMap((s) => t.flatMap((tt, i) => (Number.isFinite(s.temperature_c[i]) ? [{ t: tt, v: s.temperature_c[i], series: s.name }] : [])));
  let lo = -40,
    hi = 0;
  for (const r of rows) {
    lo = Math.min(lo, r.v);
    hi = Math.max(hi, r.v);
  }
  const lines = [0, -20, -40];
  return timeChart(scene, result, {
    width,
    height: 320,
    y: { label: 'Temperature (°C)', domain: [Math.floor((lo - 4) / 10) * 10, Math.ceil((hi + 2) / 10) * 10] },
    color: { legend: true, domain: series.map((s) => s.name), range: SERIES_COLORS },
    marks: [
      Plot.ruleY(lines, { stroke: '#888', strokeDasharray: '3,3', strokeOpacity: 0.7 }),
      Plot.line(rows, { x: 't', y: 'v', stroke: 'series', strokeWidth: 2 }),
    ],
  });
}

/** The thermocouples: chart and table, or nothing when the case has none. */
export function sensorSection(scene: Scene, result: RunResult): string {
  const s = result.sensors ?? [];
  if (!s.length) return '';
  const moments = [...new Set(s.flatMap((x) => x.at_moments.map((m) => m.moment)))];
  const rows = s.map((x) => [
    esc(x.name),
    pointMm(x.at_mm),
    degC(x.min_temperature_c),
    ...moments.map((m) => degC(x.at_moments.find((a) => a.moment === m)?.temperature_c)),
    ...['0', '-20', '-40'].map((k) => dur(x.time_below_s[k])),
  ]);
  return [
    chartBlock(
      'Virtual thermocouples',
      sensorChart(scene, result),
      'Temperature at each thermocouple point, interpolated between the cell centres around it. Dashed: 0, −20 and −40 °C. Shaded bands: freeze phases.',
    ),
    table(['Thermocouple', 'Position', 'Coldest', ...moments.map((m) => `At the ${esc(m)}`), 'Below 0 °C', 'Below −20 °C', 'Below −40 °C'], rows),
  ].join('\n');
}

const pct = (f: number) => `${num(100 * f, 1)} %`;
const SIDE_KEYS = ['-x', '+x', '-y', '+y', '-z', '+z'] as const;

/** Coverage of the target, what was missed and where, and the organs at risk. */
export function ablationSection(a: AblationOutcome | undefined): string {
  if (!a) return '';
  const cycles = table(
    ['Moment', 'Time', `Target at ≤ ${esc(degC(a.lethal_c, 0))} (lethal)`, `At ≤ ${esc(degC(a.partial_c, 0))}`],
    a.cycles.map((c) => [esc(c.moment), dur(c.time_s), pct(c.fraction_lethal), pct(c.fraction_partial)]),
  );
  const side = (k: string) => `${k.replace('-', '−')}${a.side_names?.[k] ? ` (${a.side_names[k]})` : ''}`;
  const sides = Object.entries(a.uncovered_by_side_ml).filter(([, v]) => v > 0);
  const missed =
    a.uncovered_ml > 0
      ? `<p>Not reaching ${esc(degC(a.lethal_c, 0))}: ${num(a.uncovered_ml, 2)} ml of ${num(a.target_volume_ml, 1)} ml${
          a.uncovered_centroid_mm ? `, centred at ${pointMm(a.uncovered_centroid_mm)}` : ''
        }; by side of the centre: ${sides.map(([k, v]) => `${esc(side(k))} ${num(v, 2)} ml`).join(', ')}.</p>`
      : `<p>The whole target (${num(a.target_volume_ml, 1)} ml) reached ${esc(degC(a.lethal_c, 0))}.</p>`;
  const beyond = a.beyond_capsule_mm
    ? table(
        ['Isotherm', ...SIDE_KEYS.map((k) => esc(side(k)))],
        Object.entries(a.beyond_capsule_mm).map(([k, v]) => [esc(degC(Number(k), 0)), ...SIDE_KEYS.map((s) => `${num(v[s], 1)} mm`)]),
      )
    : '';
  const limits = a.limits.length
    ? table(
        ['Organ at risk', 'Coldest', 'Limit', 'Complication', 'Risk', 'Basis'],
        a.limits.map((l) => [
          esc(l.structure),
          degC(l.coldest_c),
          degC(l.limit_c, 0),
          esc(l.complication),
          esc(l.risk),
          `<span class="small">${esc(l.basis)}</span>`,
        ]),
      )
    : '';
  return [
    `<h3>Ablation of ${esc(a.target)}</h3>`,
    cycles,
    missed,
    beyond ? '<p>How far each isotherm reached beyond the capsule (largest per side):</p>' : '',
    beyond,
    limits ? '<h3>Organs at risk</h3>' : '',
    limits,
    `<p class="small">${esc(a.basis)}</p>`,
  ].join('\n');
}
