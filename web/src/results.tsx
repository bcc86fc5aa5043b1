import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import type { Summary } from '../../src/io/summary-schema.js';
import type { Plan } from './store.js';
import type { Scene } from '../../src/core/model.js';
import { View3D } from './view3d.js';

const fmt = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));

/** The plan's verdict in a sentence: what the nerve gets, from the outcome models. */
export function verdict(s: Summary): { block: string; text: string } {
  const n = s.nerves[0];
  if (!n) return { block: 'none', text: 'No nerve in this case: see the ice ball and side effects.' };
  const days = n.duration_days ? `, expected to last ${n.duration_days[0]}–${n.duration_days[1]} days` : '';
  return { block: n.block, text: `${n.name}: ${n.block} block (${n.injury_label})${days}.` };
}

function HtmlChart({ markup, label }: { markup: string; label: string }) {
  // The report's own SVG charts, made by the same code that writes report.html.
  return <div class="chart" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: markup }} />;
}

/** One plan's results: verdict, nerve and side-effect tables, charts. */
export function Results({ plan, scene }: { plan: Plan; scene: Scene | null }) {
  const r = plan.result;
  if (!r) return null;
  const s = r.summary;
  const v = verdict(s);
  const ice = s.isotherms.map((iso) => ({ t: iso.threshold_c, last: iso.snapshots[iso.snapshots.length - 1] }));
  return (
    <section class="results" aria-labelledby="results-h">
      <h2 id="results-h">
        Results ({r.where === 'browser' ? `run in this browser${r.kernels ? `, ${r.kernels} kernels` : ''}` : 'run on the server'}, {fmt(r.wall_s, 1)} s)
      </h2>
      <p class={`verdict block-${v.block}`} data-block={v.block} role="status">
        <strong>Verdict:</strong> {v.text}
      </p>
      <h3>Nerves</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>nerve</th>
              <th>coldest (°C)</th>
              <th>section past threshold</th>
              <th>blocked length (mm)</th>
              <th>injury</th>
              <th>block</th>
              <th>duration (days)</th>
            </tr>
          </thead>
          <tbody>
            {s.nerves.map((n) => (
              <tr key={n.name}>
                <td>{n.name}</td>
                <td>{fmt(n.coldest_c)}</td>
                <td>{fmt(100 * n.fraction_past_threshold, 0)} %</td>
                <td>{fmt(n.blocked_length_mm)}</td>
                <td>{n.injury_label}</td>
                <td>{n.block}</td>
                <td>{n.duration_days ? `${n.duration_days[0]}–${n.duration_days[1]}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Side effects</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>side effect</th>
              <th>risk</th>
              <th>why</th>
            </tr>
          </thead>
          <tbody>
            {s.side_effects.map((e) => (
              <tr key={e.id}>
                <td>{e.label}</td>
                <td class={`risk-${e.risk}`}>{e.risk.replace('_', ' ')}</td>
                <td>{e.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Organs at risk</h3>
      {s.organs_at_risk?.length ? (
        <div class="table-wrap">
          <table class="organs">
            <thead>
              <tr>
                <th>organ</th>
                <th>complication</th>
                <th>coldest (°C)</th>
                <th>frozen</th>
                <th>time frozen (s)</th>
                <th>risk</th>
                <th>why, and what to do</th>
              </tr>
            </thead>
            <tbody>
              {s.organs_at_risk.map((o) => (
                <tr key={o.name}>
                  <td>
                    {o.name}
                    {o.kind !== 'other' ? <span class="kind"> ({o.kind})</span> : null}
                  </td>
                  <td>{o.complication_label}</td>
                  <td>{fmt(o.coldest_c)}</td>
                  <td>{o.frozen ? 'yes' : 'no'}</td>
                  <td>{o.time_frozen_s === null ? '–' : fmt(o.time_frozen_s, 0)}</td>
                  <td class={`risk-${o.risk}`}>{o.risk.replace('_', ' ')}</td>
                  <td>
                    {o.basis}. {o.advice}
                    {o.note ? <em> {o.note}</em> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="organs-none">This case marks no organ at risk (pleura, peritoneum, a vessel or a nerve to spare).</p>
      )}
      <h3>Ice ball at the end</h3>
      <p>{ice.map((i) => `${i.t} °C: ${fmt(i.last?.volume_ml, 2)} ml, ${fmt(i.last?.length_mm)} × ${fmt(i.last?.width_mm)} mm`).join(' · ')}</p>
      {r.charts ? (
        <div class="charts">
          <HtmlChart markup={r.charts.temperature} label="temperatures against time" />
          <HtmlChart markup={r.charts.iceBall} label="ice-ball volume against time" />
        </div>
      ) : (
        <p>The charts are in report.html (below, under Download).</p>
      )}
      <h3>3D view</h3>
      {scene ? (
        <View3D key={`${plan.id}-${r.summary.case.hash}-${r.wall_s}`} scene={scene} lattice={r.lattice} summary={s} where={r.where} />
      ) : (
        <p>The case that was run cannot be read back, so the 3D view cannot place its anatomy.</p>
      )}
    </section>
  );
}

interface Row {
  label: string;
  get: (s: Summary) => number | string | null | undefined;
  digits?: number;
}

const ROWS: Row[] = [
  { label: 'nerve block', get: (s) => s.nerves[0]?.block },
  { label: 'nerve injury', get: (s) => s.nerves[0]?.injury_label },
  { label: 'nerve coldest (°C)', get: (s) => s.nerves[0]?.coldest_c, digits: 1 },
  { label: 'nerve section past threshold (%)', get: (s) => (s.nerves[0] ? 100 * s.nerves[0].fraction_past_threshold : null), digits: 0 },
  { label: 'block duration (days)', get: (s) => (s.nerves[0]?.duration_days ? s.nerves[0].duration_days.join('–') : '–') },
  ...[0, -20, -40].map((t) => ({
    label: `${t} °C volume at the end (ml)`,
    get: (s: Summary) => s.isotherms.find((i) => i.threshold_c === t)?.snapshots.at(-1)?.volume_ml,
    digits: 2,
  })),
  { label: 'skin coldest (°C)', get: (s) => s.structures.find((x) => /skin/i.test(x.name))?.min_temperature_c, digits: 1 },
  { label: 'freezing time simulated (s)', get: (s) => s.timing.simulated_s, digits: 0 },
];

/** Two or more plans side by side: a table of what differs, and their ice balls over time on one chart. */
export function Compare({ plans }: { plans: Plan[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const done = plans.filter((p) => p.result);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren();
    const data = done.flatMap((p) => {
      const s = p.result!.series;
      const zero = s?.isotherms.find((i) => i.threshold_c === 0);
      return zero ? s!.time_s.map((t, i) => ({ plan: p.title, time_s: t, volume_ml: zero.volume_ml[i] })) : [];
    });
    if (!data.length) return;
    el.append(
      Plot.plot({
        width: Math.min(720, el.clientWidth || 720),
        height: 260,
        color: { legend: true },
        x: { label: 'time (s)' },
        y: { label: '0 °C ice-ball volume (ml)', grid: true },
        marks: [Plot.lineY(data, { x: 'time_s', y: 'volume_ml', stroke: 'plan' }), Plot.ruleY([0])],
      }),
    );
  }, [done.map((p) => p.id).join()]);
  if (done.length < 2) return <p>Run two plans to compare them.</p>;
  return (
    <section class="compare" aria-labelledby="compare-h">
      <h2 id="compare-h">Compare</h2>
      <div class="table-wrap">
        <table class="compare-table">
          <thead>
            <tr>
              <th>figure</th>
              {done.map((p) => (
                <th key={p.id}>{p.title}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const vals = done.map((p) => row.get(p.result!.summary));
              const text = vals.map((v) => (typeof v === 'number' ? fmt(v, row.digits ?? 1) : (v ?? '–')));
              const differs = new Set(text).size > 1;
              return (
                <tr key={row.label} class={differs ? 'differs' : ''}>
                  <th scope="row">{row.label}</th>
                  {text.map((t, i) => (
                    <td key={done[i].id}>{t}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div ref={ref} class="chart" role="img" aria-label="0 °C ice-ball volume of each plan against time" />
    </section>
  );
}
