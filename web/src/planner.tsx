import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlanJson } from '../../src/io/plan/schema.js';
import { planCaseFrom } from '../../src/case/plan.js';
import { parseCaseText } from '../../src/case/load.js';
import { CaseError, type CaseIssue } from '../../src/case/errors.js';
import { Field, type SchemaNode } from './form.js';
import { ApiFailure, cancelPlan, followPlan, planFile, planJson, submitPlan, type PlanProgress } from './api.js';
import type { Plan } from './store.js';

type Candidate = PlanJson['candidates'][number];

/** What a plan's search keeps with the case it was run on (in IndexedDB with the plan). */
export interface PlanSearch {
  id: string;
  /** The case text the search ran on. */
  text: string;
  json: PlanJson;
}

/** The plan: section checked as `cryoplan plan` checks it, here in the browser (the same code and messages). */
function planIssues(text: string): CaseIssue[] {
  try {
    planCaseFrom(parseCaseText(text, 'plan.yaml'), 'plan.yaml');
    return [];
  } catch (e) {
    if (e instanceof CaseError) return e.issues;
    return [{ path: '', message: e instanceof Error ? e.message : String(e) }];
  }
}

const pct = (p: number) => `${(100 * p).toFixed(0)} %`;
const offsets = (c: Candidate['config']) =>
  [c.along_mm && `${c.along_mm} mm along`, c.across_mm && `${c.across_mm} mm across`, c.depth_mm && `${c.depth_mm} mm deeper`].filter(Boolean).join(', ') ||
  'as placed';

function CandidatesChart({ json, selected }: { json: PlanJson; selected: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren();
    const cands = json.candidates;
    const dots = cands.flatMap((c, i) => [
      { t: c.procedure_s, p: c.p_block.p, lo: c.p_block.lo, hi: c.p_block.hi, what: 'P(complete block)', rank: i + 1 },
      { t: c.procedure_s, p: Math.max(0, ...c.limits.map((l) => l.p_broken.p)), lo: NaN, hi: NaN, what: 'P(a limit broken), worst', rank: i + 1 },
    ]);
    const sel = cands[selected];
    const curve = sel && sel.config.cycles === 1 ? sel.curve.map((pt) => ({ t: pt.freeze_s, p: pt.p_block.p, lo: pt.p_block.lo, hi: pt.p_block.hi })) : [];
    el.append(
      Plot.plot({
        width: Math.max(320, Math.min(760, el.clientWidth || 760)),
        height: 300,
        marginLeft: 48,
        x: { label: 'procedure time (s)', grid: true },
        y: { label: 'probability', domain: [0, 1], grid: true },
        color: { legend: true, domain: ['P(complete block)', 'P(a limit broken), worst'], range: ['#1f5fa8', '#b3261e'] },
        marks: [
          Plot.areaY(curve, { x: 't', y1: 'lo', y2: 'hi', fill: '#1f5fa8', fillOpacity: 0.12, curve: 'step-after' }),
          Plot.line(curve, { x: 't', y: 'p', stroke: '#1f5fa8', strokeOpacity: 0.6, curve: 'step-after' }),
          Plot.ruleY([json.question.confidence], { stroke: '#1d6b2f', strokeDasharray: '4,3' }),
          Plot.ruleY([json.question.max_limit_probability], { stroke: '#b3261e', strokeDasharray: '4,3' }),
          Plot.ruleY([0]),
          Plot.link(
            dots.filter((d) => Number.isFinite(d.lo)),
            { x1: 't', x2: 't', y1: 'lo', y2: 'hi', stroke: '#1f5fa8' },
          ),
          Plot.dot(dots, { x: 't', y: 'p', fill: 'what', r: (d: { rank: number }) => (d.rank === selected + 1 ? 7 : 4.5), stroke: 'white' }),
          Plot.text(
            dots.filter((d) => d.what === 'P(complete block)'),
            { x: 't', y: 'p', text: (d: { rank: number }) => `#${d.rank}`, dy: -12, fontSize: 11 },
          ),
        ],
      }),
    );
  }, [json, selected]);
  return (
    <div
      ref={ref}
      class="chart"
      role="img"
      aria-label={`Candidates: procedure time against the probability of a complete block (blue) and of breaking a limit (red); the selected candidate's probability against freeze duration as a line. Green dashed: the confidence asked (${pct(json.question.confidence)}); red dashed: the largest allowed probability of breaking a limit (${pct(json.question.max_limit_probability)}).`}
    />
  );
}

/**
 * The planner in the app: the case's plan: section as a form (every field, with its
 * default), the search run on the server with its progress, the candidates as a table
 * and a chart, and the chosen plan opened as a new case.
 */
export function Planner(props: {
  plan: Plan;
  schema: SchemaNode;
  value: unknown;
  onEdit: (path: (string | number)[], value: unknown) => void;
  onSearch: (s: PlanSearch | undefined) => void;
  onOpenCase: (title: string, text: string, origin: string) => void;
}) {
  const { plan } = props;
  const issues = useMemo(() => planIssues(plan.text), [plan.text]);
  const [busy, setBusy] = useState<{ id?: string; progress?: PlanProgress; stop: () => void } | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const search = plan.search;

  const run = async () => {
    const ctl = new AbortController();
    const state = { id: '' };
    const stop = () => {
      ctl.abort();
      if (state.id) void cancelPlan(state.id).catch(() => {});
      setBusy(null);
    };
    setError('');
    setBusy({ stop });
    const text = plan.text;
    try {
      const p = await submitPlan(text);
      state.id = p.id;
      setBusy({ id: p.id, stop });
      const end = await followPlan(p.id, (progress) => setBusy({ id: p.id, progress, stop }), ctl.signal);
      if (end.status !== 'done') throw new ApiFailure(0, `the plan ${end.status}${end.reason ? `: ${end.reason}` : ''}`);
      const json = await planJson(p.id);
      props.onSearch({ id: p.id, text, json });
      setSelected(0);
      setBusy(null);
    } catch (e) {
      if (ctl.signal.aborted) return;
      const err = e as ApiFailure;
      setError(`${err.message}${err.issues?.length ? `\n${err.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}` : ''}`);
      setBusy(null);
    }
  };

  const openChosen = async () => {
    if (!search) return;
    try {
      const yaml = await planFile(search.id, 'plan.yaml');
      props.onOpenCase(`${plan.title} plan`, yaml, `plan ${search.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const json = search?.json;
  const stale = search && search.text !== plan.text;
  const p = busy?.progress;
  return (
    <section class="planner" aria-labelledby="planner-h">
      <h2 id="planner-h">Plan: the shortest freeze that blocks the nerve, within the limits</h2>
      <p class="hint">
        The planner searches placement offsets, freeze durations and cycles, runs each candidate under the uncertainty of nerve position, placement, tissue and
        probe, and keeps the shortest protocol that blocks the target with the confidence asked while every limit holds. Every field below has a default; it
        runs on the server.
      </p>
      <form class="schema-form plan-form" onSubmit={(e) => e.preventDefault()}>
        <Field schema={props.schema} name="plan" path={['plan']} value={props.value} issues={issues} onChange={props.onEdit} all />
      </form>
      {issues.length > 0 && (
        <div class="issues" role="alert">
          <p>The plan cannot run yet:</p>
          <ul>
            {issues.map((i) => (
              <li key={i.path + i.message}>
                <code>{i.path || '(case)'}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="row">
        <button type="button" id="run-plan" disabled={!!busy || issues.length > 0} onClick={() => void run()}>
          Run the plan on the server
        </button>
        {busy && (
          <button type="button" id="stop-plan" onClick={busy.stop}>
            Stop
          </button>
        )}
      </div>
      {busy && (
        <div class="progress">
          <progress id="plan-progress" max={Math.max(1, p?.planned ?? 1)} value={p?.done ?? 0} aria-label="simulations done" />
          <span>
            {p
              ? `${p.done} of ${p.planned} simulations known so far${p.cached ? ` (${p.cached} from the cache)` : ''}, ${p.wall_s.toFixed(0)} s${p.eta_s !== null ? `, about ${Math.ceil(p.eta_s)} s left` : ''}`
              : 'Starting the search on the server…'}
          </span>
        </div>
      )}
      {error && (
        <pre class="issues" role="alert">
          {error}
        </pre>
      )}
      {json && (
        <div class="plan-result">
          {stale && <p class="stale">The case has changed since this plan was searched: run the plan again.</p>}
          <p class={`verdict plan-verdict ${json.chosen ? 'block-complete' : 'block-none'}`} role="status">
            <strong>Plan:</strong> {json.verdict}
          </p>
          <div class="row">
            <button type="button" id="open-plan-case" disabled={!json.chosen} onClick={() => void openChosen()}>
              Open the chosen plan as a case
            </button>
            <a href={`/api/plans/${search!.id}/plan.html`} target="_blank" rel="noopener">
              plan.html (the full report)
            </a>
          </div>
          <h3>Candidates</h3>
          <div class="table-wrap">
            <table class="candidates">
              <caption>Evaluated under the uncertainty, best first. Select one to see its probability against freeze duration.</caption>
              <thead>
                <tr>
                  <th>#</th>
                  <th>placement</th>
                  <th>protocol</th>
                  <th>procedure (s)</th>
                  <th>P(complete block)</th>
                  <th>worst P(limit broken)</th>
                  <th>margin (°C)</th>
                  <th>meets?</th>
                </tr>
              </thead>
              <tbody>
                {json.candidates.map((c, i) => {
                  const worst = c.limits.reduce((m, l) => (l.p_broken.p > m.p ? { p: l.p_broken.p, name: l.structure } : m), { p: 0, name: '' });
                  return (
                    <tr key={i} class={i === selected ? 'selected' : ''} aria-selected={i === selected}>
                      <td>
                        <button type="button" class="pick" aria-pressed={i === selected} onClick={() => setSelected(i)} aria-label={`show candidate ${i + 1}`}>
                          {i + 1}
                        </button>
                      </td>
                      <td>
                        {offsets(c.config)}
                        {c.config.probe ? `, ${c.config.probe}` : ''}
                        {c.config.angle_to_skin_deg !== null ? `, ${c.config.angle_to_skin_deg}°` : ''}
                        {c.config.warmer !== null ? `, warmer ${c.config.warmer ? 'on' : 'off'}` : ''}
                      </td>
                      <td>{c.config.cycles > 1 ? `${c.config.cycles} × ${c.freeze_s} s, ${c.config.thaw_s} s thaws` : `one ${c.freeze_s} s freeze`}</td>
                      <td>{c.procedure_s}</td>
                      <td>
                        {pct(c.p_block.p)}{' '}
                        <span class="ci">
                          [{pct(c.p_block.lo)}–{pct(c.p_block.hi)}]
                        </span>
                      </td>
                      <td>{c.limits.length ? `${pct(worst.p)}${worst.name ? ` (${worst.name})` : ''}` : '–'}</td>
                      <td>{c.margin_c === null ? '–' : c.margin_c.toFixed(1)}</td>
                      <td>{c.meets ? 'yes' : <span title={c.fails.join('; ')}>no: {c.fails.join('; ')}</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <CandidatesChart json={json} selected={Math.min(selected, Math.max(0, json.candidates.length - 1))} />
          <p class="hint">
            {json.simulations.computed} simulations run, {json.simulations.cached} from the cache (a grid search over the same choices:{' '}
            {json.simulations.naive_grid}); {json.timing.wall_s.toFixed(0)} s on {json.timing.runner}.
          </p>
        </div>
      )}
    </section>
  );
}
