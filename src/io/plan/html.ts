import * as Plot from '@observablehq/plot';
import type { Candidate, PlanSearchResult } from '../../core/plan/search.js';
import type { PlanSpec } from '../../core/plan/types.js';
import { PLOT_STYLE, plotMarkup } from '../report/charts.js';
import { dur, esc, num, page, table } from '../report/html.js';
import type { PlanJson } from './schema.js';
import { brokenText, keptText } from '../../core/plan/limits.js';

const pct = (p: number) => `${num(100 * p, 0)} %`;

function probabilityChart(c: Candidate, spec: PlanSpec): string {
  const BLOCK = 'P(complete block)';
  const rows = c.curve.map((pt) => ({ t: pt.freeze_s, p: pt.block.p, lo: pt.block.lo, hi: pt.block.hi, name: BLOCK }));
  const names = spec.limits.map((l) => `P(${brokenText(l)})`);
  const limits = c.curve.flatMap((pt) => pt.limits.map((l, i) => ({ t: pt.freeze_s, p: l.p, name: names[i] })));
  // One legend for every line: the block in blue, each limit in its own red-to-brown (never the block's colour).
  const reds = ['#9b1c15', '#d9730d', '#7a4b12', '#c2185b', '#5d1a0b'];
  return plotMarkup({
    ...PLOT_STYLE,
    width: 900,
    height: 320,
    marginLeft: 50,
    x: { label: 'duration of each freeze (s)', grid: true },
    y: { label: 'probability', domain: [0, 1], grid: true },
    color: { legend: true, domain: [BLOCK, ...names], range: ['#1f5fa8', ...names.map((_, i) => reds[i % reds.length])] },
    marks: [
      Plot.areaY(rows, { x: 't', y1: 'lo', y2: 'hi', fill: '#1f5fa8', fillOpacity: 0.18 }),
      Plot.line(rows, { x: 't', y: 'p', stroke: 'name', strokeWidth: 2, curve: 'step-after' }),
      Plot.line(limits, { x: 't', y: 'p', stroke: 'name', strokeDasharray: '5,3', curve: 'step-after' }),
      Plot.ruleY([spec.confidence], { stroke: '#1d6b2f', strokeDasharray: '2,2' }),
      Plot.ruleY([spec.max_limit_probability], { stroke: '#9b1c15', strokeDasharray: '2,2' }),
      Plot.ruleX([c.freeze_s], { stroke: '#1d2430' }),
    ],
  });
}

function candidatesChart(r: PlanSearchResult, spec: PlanSpec): string {
  const pts = r.candidates.flatMap((c, i) => [
    { t: c.procedure_s, p: c.block.p, what: 'P(complete block)', id: i + 1 },
    ...c.limits.map((l) => ({ t: c.procedure_s, p: l.p, what: 'P(a limit broken)', id: i + 1 })),
  ]);
  return plotMarkup({
    ...PLOT_STYLE,
    width: 900,
    height: 280,
    marginLeft: 50,
    // Candidates often lie seconds apart: an inset keeps the end points off the frame.
    x: { label: 'procedure time (s)', grid: true, inset: 30 },
    y: { label: 'probability', domain: [0, 1], grid: true },
    color: { legend: true, domain: ['P(complete block)', 'P(a limit broken)'], range: ['#1f5fa8', '#9b1c15'] },
    marks: [
      Plot.ruleY([spec.confidence], { stroke: '#1d6b2f', strokeDasharray: '2,2' }),
      Plot.ruleY([spec.max_limit_probability], { stroke: '#9b1c15', strokeDasharray: '2,2' }),
      Plot.dot(pts, { x: 't', y: 'p', stroke: 'what', symbol: 'what', r: 5 }),
      Plot.text(
        pts.filter((p) => p.what === 'P(complete block)'),
        { x: 't', y: 'p', text: 'id', dy: -10 },
      ),
    ],
  });
}

function tornadoChart(c: Candidate): string {
  if (!c.tornado.length) return '<p class="small">No tornado: this candidate was not evaluated over every sample.</p>';
  return plotMarkup({
    ...PLOT_STYLE,
    width: 900,
    height: 40 + 26 * c.tornado.length,
    marginLeft: 260,
    x: { label: 'change in time to complete block per standard deviation (s)', grid: true },
    y: { label: null, domain: c.tornado.map((t) => t.label) },
    marks: [
      Plot.barX(c.tornado, { x: 'seconds_per_sd', y: 'label', fill: (d: { seconds_per_sd: number }) => (d.seconds_per_sd > 0 ? '#9b1c15' : '#1f5fa8') }),
      Plot.ruleX([0]),
    ],
  });
}

const placement = (c: Candidate) =>
  `${num(c.config.along_mm, 1)} / ${num(c.config.across_mm, 1)} / ${num(c.config.depth_mm, 1)} mm${c.config.probe ? `, ${esc(c.config.probe)}` : ''}${c.config.angle_to_skin_deg !== null ? `, ${num(c.config.angle_to_skin_deg, 0)}°` : ''}${c.config.warmer !== null ? (c.config.warmer ? ', warmer' : ', no warmer') : ''}`;

/** plan.html: one self-contained page (inline SVG, inline CSS, the chosen plan's own report inline). */
export function renderPlanReport(r: PlanSearchResult, spec: PlanSpec, json: PlanJson, chosenReport?: string): string {
  const focus = r.chosen ?? r.closest;
  const body: string[] = [];
  body.push(`<h1>Plan: ${esc(json.case.name)}</h1>`);
  body.push(
    `<p class="meta"><span>Case: ${esc(json.case.file)}</span><span>hash ${esc(json.case.hash)}</span><span>${json.simulations.computed} simulations run, ${json.simulations.cached} from the cache</span><span>${dur(json.timing.wall_s)} on ${esc(json.timing.runner)}</span></p>`,
  );
  body.push(`<div class="verdict">${esc(json.verdict)}</div>`);
  body.push(`<div class="disclaimer">${esc(json.disclaimer)}</div>`);
  body.push('<h2>The question</h2>');
  body.push(
    `<p>Block ${esc(spec.targets.join(', '))} completely in at least ${pct(spec.confidence)} of the uncertainty samples, breaking no limit in more than ${pct(spec.max_limit_probability)} of them, in the shortest procedure.</p>`,
  );
  body.push(
    table(
      ['limit', 'must'],
      spec.limits.map((l) => [esc(l.kind === 'sensor' ? `thermocouple ${l.structure}` : l.structure), esc(keptText(l))]),
    ),
  );
  const u = spec.uncertainty;
  body.push(
    table(
      ['uncertain input', 'standard deviation'],
      [
        ['nerve position across / depth', `${num(u.nerve_position_mm, 2)} / ${num(u.nerve_depth_mm, 2)} mm`],
        ['probe placement (each direction)', `${num(u.placement_mm, 2)} mm`],
        ['tissue conductivity', pct(u.conductivity)],
        ['tissue perfusion', pct(u.perfusion)],
        ['probe cooling (h)', `${pct(u.probe)}${u.probe_basis.length ? `<br><span class="small">${u.probe_basis.map(esc).join('<br>')}</span>` : ''}`],
        ...Object.entries(u.probe_by_model).map(([m, sd]) => [`probe cooling, ${esc(m)}`, pct(sd)]),
        ['samples (Latin hypercube, shared by all candidates)', String(u.samples)],
      ],
    ),
  );
  if (focus) {
    body.push(`<h2>P(complete block) against freeze duration (${r.chosen ? 'chosen' : 'closest'} placement)</h2>`);
    body.push(
      `<div class="chart">${probabilityChart(focus, spec)}<p class="caption">Solid blue: P(complete block), with its 95 % sampling band; dashed: P(each limit broken); dotted lines: the confidence asked for (green) and the most a limit may be broken (red); vertical: the duration ${r.chosen ? 'chosen' : 'of the closest plan'}.</p></div>`,
    );
  }
  body.push('<h2>Candidates</h2>');
  body.push(
    `<div class="chart">${candidatesChart(r, spec)}<p class="caption">Each candidate evaluated under the uncertainty (numbered as in the table): its P(complete block) and the probability of each limit broken, against its procedure time.</p></div>`,
  );
  body.push(
    table(
      ['#', 'placement (along / across / deeper)', 'protocol', 'procedure', 'P(block)', 'P(limits broken)', 'margin', 'verdict', 'runs'],
      r.candidates.map((c, i) => [
        String(i + 1),
        placement(c),
        c.config.cycles > 1 ? `${c.config.cycles} × ${dur(c.freeze_s)}, ${dur(c.config.thaw_s)} thaws` : `1 × ${dur(c.freeze_s)}`,
        dur(c.procedure_s),
        `${pct(c.block.p)} ± ${pct(c.block.error)}`,
        c.limits.map((l, k) => `${esc(spec.limits[k].structure)}: ${pct(l.p)}`).join('<br>') || '–',
        c.margin_c === null ? '–' : `${num(c.margin_c, 1)} °C`,
        c.meets ? 'meets the plan' : esc(c.fails.join('; ')),
        String(c.simulations),
      ]),
    ),
  );
  if (focus) {
    body.push('<h2>Which uncertainty matters most</h2>');
    body.push(
      `<div class="chart">${tornadoChart(focus)}<p class="caption">Slope of the time to complete block on each input, in seconds per standard deviation (red: delays the block). Samples that did not block count at the longest freeze.</p></div>`,
    );
  }
  body.push('<h2>What it cost</h2>');
  const s = json.simulations;
  body.push(
    table(
      ['stage', 'simulations'],
      [
        ['placement search (nominal case, one run per placement)', String(s.screening)],
        [
          'best placements under the uncertainty (one run per sample gives every single-freeze duration; each stopped once its samples so far decide it)',
          String(s.robust),
        ],
        ['more freeze-thaw cycles (bisection, stopped early when out of reach)', String(s.cycles)],
        ['run by this plan / answered from the cache', `${s.computed} / ${s.cached}`],
        ['a grid search over the same choices would run', String(s.naive_grid)],
      ],
    ),
  );
  if (json.notes.length) body.push(`<ul class="small">${json.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (chosenReport) {
    body.push(`<h2 class="pagebreak">The ${r.chosen ? 'chosen' : 'closest'} plan's own report (nominal case)</h2>`);
    body.push(`<iframe title="report" style="width:100%;height:1200px;border:1px solid #d5dae1" srcdoc="${esc(chosenReport)}"></iframe>`);
  }
  body.push(
    `<footer>Generated by cryoplan ${esc(json.generator.version)} from case hash ${esc(json.case.hash)}. plan.yaml holds the chosen plan as a case for cryoplan run.</footer>`,
  );
  return page(`${json.case.name} — cryoplan plan`, body.join('\n'));
}
