import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseDocument } from 'yaml';
import { parseCase } from '../../src/case/load.js';
import { CaseError, type CaseIssue } from '../../src/case/errors.js';
import { caseJsonSchema } from '../../src/case/schema.js';
import type { Scene, Vec3 } from '../../src/core/model.js';
import type { Progress } from '../../src/core/result.js';
import type { ConditionName } from '../../src/case/conditions/index.js';
import { BUNDLED, CONDITION_CHOICES, presetText } from './cases.js';
import { Field, type SchemaNode } from './form.js';
import { Section } from './section.js';
import { Results, Compare, verdict } from './results.js';
import { Planner } from './planner.js';
import { defaultPlanes, firstNerve, probeCentre, type Slice } from './planes.js';
import { loadPlans, newPlanId, savePlans, type Plan } from './store.js';
import { ApiFailure, cancelRun, followRun, runFile, runReport, runSummary, setToken, submitRun } from './api.js';
import type { ServerExtras, WorkerIn, WorkerOut } from './messages.js';

const SCHEMA = caseJsonSchema() as SchemaNode;

type Checked = { scene: Scene; issues: [] } | { scene: null; issues: CaseIssue[] };

/** The case checked as the CLI checks it (the same code, the same messages). */
function check(text: string): Checked {
  try {
    return { scene: parseCase(text, 'plan.yaml').scene, issues: [] };
  } catch (e) {
    if (e instanceof CaseError) return { scene: null, issues: e.issues };
    return { scene: null, issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
  }
}

/** Changes one field of the case text, keeping its comments and layout. */
function editText(text: string, path: (string | number)[], value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, doc.createNode(value, { flow: Array.isArray(value) && value.every((v) => typeof v === 'number') }));
  return doc.toString();
}

const round = (v: number) => Math.round(v * 100) / 100;

interface RunState {
  where: 'browser' | 'server';
  progress?: Progress & { fraction?: number };
  across?: Slice;
  along?: Slice;
  error?: string;
  stop: () => void;
}

/** A server run's charts and lattice, drawn in a worker (the chart code and the case parser live there). */
function serverExtras(msg: WorkerIn): Promise<ServerExtras> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      worker.terminate();
      const m = e.data;
      if (m.type === 'extras') {
        const { type: _t, ...extras } = m;
        resolve(extras);
      } else reject(new Error(m.type === 'invalid' || m.type === 'error' ? m.message : 'unexpected answer'));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage(msg);
  });
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Distance between the probe's surface and the nerve's, in the cross-section through the probe's centre, mm. */
function probeNerveGap(scene: Scene): number | null {
  const nerve = firstNerve(scene);
  const p = scene.probes[0];
  const c = probeCentre(scene);
  if (!nerve || !p || !c || p.kind !== 'needle') return null;
  const a = nerve.path_mm[0];
  const b = nerve.path_mm[nerve.path_mm.length - 1];
  const ab: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const len2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  const t = Math.max(0, Math.min(1, ((c[0] - a[0]) * ab[0] + (c[1] - a[1]) * ab[1] + (c[2] - a[2]) * ab[2]) / len2));
  const q = [a[0] + ab[0] * t, a[1] + ab[1] * t, a[2] + ab[2] * t];
  const d = Math.hypot(c[0] - q[0], c[1] - q[1], c[2] - q[2]);
  return d - nerve.diameter_mm / 2 - p.diameter_mm / 2;
}

function App() {
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [run, setRun] = useState<RunState | null>(null);
  const [condition, setCondition] = useState<string>('intercostal');
  const [bundled, setBundled] = useState<string>(BUNDLED[0]?.name ?? '');
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<'simulate' | 'plan'>('simulate');
  const textArea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void loadPlans().then((p) => {
      setPlans(p);
      setCurrentId(p[0]?.id ?? null);
    });
  }, []);
  useEffect(() => {
    if (plans) void savePlans(plans);
  }, [plans]);

  const plan = plans?.find((p) => p.id === currentId) ?? null;
  const checked = useMemo(() => (plan ? check(plan.text) : null), [plan?.text]);
  const scene = checked?.scene ?? null;
  const planes = useMemo(() => (scene ? defaultPlanes(scene) : null), [scene]);
  // The scene the result was computed from (the case may have been edited since).
  const resultText = (plan?.result as { text?: string } | undefined)?.text;
  const resultScene = useMemo(() => (resultText === undefined ? scene : check(resultText).scene), [resultText, scene]);

  const update = (id: string, f: (p: Plan) => Plan) => setPlans((all) => (all ?? []).map((p) => (p.id === id ? f(p) : p)));
  const setText = (text: string) => plan && update(plan.id, (p) => ({ ...p, text }));

  const addPlan = (title: string, text: string, origin: string) => {
    const taken = new Set((plans ?? []).map((p) => p.title));
    let t = title;
    for (let i = 2; taken.has(t); i++) t = `${title} (${i})`;
    const p: Plan = { id: newPlanId(), title: t, text, origin, created: Date.now() };
    setPlans((all) => [...(all ?? []), p]);
    setCurrentId(p.id);
    setNotice(`New plan: ${t}`);
  };

  // Each move is computed from the plan's latest text, so quick key presses or drags all count.
  const editPlan = (f: (text: string, scene: Scene) => string | null) => {
    if (!plan) return;
    update(plan.id, (p) => {
      const c = check(p.text);
      const next = c.scene ? f(p.text, c.scene) : null;
      return next === null ? p : { ...p, text: next };
    });
  };
  const moveProbe = (d: Vec3) =>
    editPlan((text, sc) => {
      const p = sc.probes[0];
      if (p.kind === 'needle')
        return editText(
          text,
          ['probes', 0, 'tip_mm'],
          p.tip_mm.map((v, i) => round(v + d[i])),
        );
      return editText(text, ['probes', 0, 'center_mm'], [round(p.center_mm[0] + d[0]), round(p.center_mm[1] + d[1])]);
    });
  const moveNerve = (d: Vec3) =>
    editPlan((text) => {
      const obj = parseDocument(text).toJS() as { anatomy?: { structures?: { kind: string; path_mm?: number[][] }[] } };
      const list = obj.anatomy?.structures;
      const i = list?.findIndex((s) => s.kind === 'nerve') ?? -1;
      if (!list || i < 0) {
        setNotice('This case takes its nerve from a preset; start from the preset (which writes the anatomy out) to move it.');
        return null;
      }
      return editText(
        text,
        ['anatomy', 'structures', i, 'path_mm'],
        list[i].path_mm!.map((q) => q.map((v, k) => round(v + d[k]))),
      );
    });

  const runInBrowser = () => {
    if (!plan || !scene) return;
    const id = plan.id;
    const text = plan.text;
    const worker = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      setRun(null);
      setNotice('Run stopped.');
    };
    setRun({ where: 'browser', stop });
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      const m = e.data;
      if (m.type === 'progress') setRun({ where: 'browser', progress: m.progress, across: m.across, along: m.along, stop });
      else if (m.type === 'done') {
        worker.terminate();
        const { type: _t, ...out } = m;
        update(id, (p) => ({ ...p, result: { ...out, where: 'browser', text } }));
        setRun(null);
        setNotice(`Run finished: ${verdict(m.summary).text}`);
      } else if (m.type === 'invalid' || m.type === 'error') {
        worker.terminate();
        setRun({ where: 'browser', error: m.message, stop: () => setRun(null) });
      }
    };
    worker.onerror = (e) => setRun({ where: 'browser', error: e.message || 'the solver worker failed', stop: () => setRun(null) });
    worker.postMessage({ type: 'run', text, file: `${plan.title}.yaml` });
  };

  const runOnServer = async () => {
    if (!plan) return;
    const id = plan.id;
    const text = plan.text;
    const ctl = new AbortController();
    let runId = '';
    const stop = () => {
      ctl.abort();
      if (runId) void cancelRun(runId).catch(() => {});
      setRun(null);
      setNotice('Run stopped.');
    };
    setRun({ where: 'server', stop });
    try {
      const r = await submitRun(text);
      runId = r.id;
      const end = await followRun(r.id, (progress) => setRun({ where: 'server', progress, stop }), ctl.signal);
      if (end.status !== 'done') throw new ApiFailure(0, `the run ${end.status}${end.reason ? `: ${end.reason}` : ''}`);
      const summary = await runSummary(r.id);
      const report = await runReport(r.id);
      const csv = await runFile(r.id, 'series.csv');
      const vtr = end.files?.includes('fields.vtr') ? await runFile(r.id, 'fields.vtr') : undefined;
      // The charts and the 3D lattice are drawn from the run's files by the same code as a browser run's.
      const extras = await serverExtras({ type: 'server', text, file: `${plan.title}.yaml`, summary, csv, vtr }).catch(() => null);
      update(id, (p) => ({
        ...p,
        result: {
          summary,
          files: { 'report.html': report, 'series.csv': csv },
          ...(extras ?? {}),
          wall_s: summary.timing.wall_s,
          where: 'server',
          runId: r.id,
          text,
        },
      }));
      setRun(null);
      setNotice(`Run finished on the server: ${verdict(summary).text}`);
    } catch (e) {
      if (ctl.signal.aborted) return;
      const err = e as ApiFailure;
      if (err.status === 401) {
        const t = prompt('This server needs its access token:');
        if (t) setToken(t);
      }
      setRun({
        where: 'server',
        error: `${err.message}${err.issues?.length ? `\n${err.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}` : ''}`,
        stop: () => setRun(null),
      });
    }
  };

  if (!plans) return <p class="loading">Loading your plans…</p>;
  const gap = scene ? probeNerveGap(scene) : null;
  const stale = plan?.result && (plan.result as { text?: string }).text !== undefined && (plan.result as { text?: string }).text !== plan.text;
  const obj = plan
    ? (() => {
        try {
          return parseDocument(plan.text).toJS() as Record<string, unknown>;
        } catch {
          return null;
        }
      })()
    : null;

  return (
    <>
      <header class="top">
        <h1>cryoplan</h1>
        <nav aria-label="plans" class="plan-tabs">
          {plans.map((p) => (
            <button
              key={p.id}
              type="button"
              class={p.id === currentId ? 'tab current' : 'tab'}
              aria-current={p.id === currentId ? 'page' : undefined}
              onClick={() => setCurrentId(p.id)}
            >
              {p.title}
              {p.result ? ` · ${p.result.summary.nerves[0]?.block ?? 'run'}` : ''}
            </button>
          ))}
        </nav>
        <div role="tablist" aria-label="what to do with the plan" class="mode-tabs">
          <button type="button" role="tab" id="tab-simulate" aria-selected={tab === 'simulate'} aria-controls="main" onClick={() => setTab('simulate')}>
            Simulate
          </button>
          <button type="button" role="tab" id="tab-plan" aria-selected={tab === 'plan'} aria-controls="main" onClick={() => setTab('plan')}>
            Plan
          </button>
        </div>
      </header>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <main class="layout" id="main">
        <section class="start" aria-labelledby="start-h">
          <h2 id="start-h">Start a plan</h2>
          <div class="row">
            <label for="condition">Condition preset</label>
            <select id="condition" value={condition} onChange={(e) => setCondition((e.target as HTMLSelectElement).value)}>
              {CONDITION_CHOICES.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}: {c.label}
                </option>
              ))}
            </select>
            <button type="button" id="from-preset" onClick={() => addPlan(condition, presetText(condition as ConditionName), `preset ${condition}`)}>
              New plan from preset
            </button>
          </div>
          <div class="row">
            <label for="bundled">Bundled case</label>
            <select id="bundled" value={bundled} onChange={(e) => setBundled((e.target as HTMLSelectElement).value)}>
              {BUNDLED.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
            <button
              type="button"
              id="from-bundled"
              onClick={() => addPlan(bundled.replace(/\.ya?ml$/, ''), BUNDLED.find((b) => b.name === bundled)!.text, `cases/${bundled}`)}
            >
              New plan from file
            </button>
          </div>
          <div class="row">
            <label for="upload">Upload a case file</label>
            <input
              id="upload"
              type="file"
              accept=".yaml,.yml,.json"
              onChange={async (e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (f) addPlan(f.name.replace(/\.(ya?ml|json)$/, ''), await f.text(), `upload ${f.name}`);
              }}
            />
          </div>
          {plan && (
            <div class="row">
              <label for="title">Plan name</label>
              <input
                id="title"
                value={plan.title}
                onChange={(e) => update(plan.id, (p) => ({ ...p, title: (e.target as HTMLInputElement).value || p.title }))}
              />
              <button type="button" id="copy-plan" onClick={() => addPlan(`${plan.title} copy`, plan.text, `copy of ${plan.title}`)}>
                Copy plan
              </button>
              <button
                type="button"
                onClick={() => {
                  setPlans(plans.filter((p) => p.id !== plan.id));
                  setCurrentId(plans.find((p) => p.id !== plan.id)?.id ?? null);
                }}
              >
                Delete plan
              </button>
            </div>
          )}
        </section>

        {!plan && <p class="empty">Start from a condition preset, a bundled case or your own case file.</p>}

        {plan && tab === 'plan' && (
          <Planner
            plan={plan}
            schema={SCHEMA.properties!.plan}
            value={obj?.plan}
            onEdit={(p, v) => setText(editText(plan.text, p, v))}
            onSearch={(search) => update(plan.id, (p) => ({ ...p, search }))}
            onOpenCase={(title, text, origin) => {
              addPlan(title, text, origin);
              setTab('simulate');
            }}
          />
        )}

        {plan && tab === 'simulate' && (
          <>
            <section class="views" aria-labelledby="views-h">
              <h2 id="views-h">Probe and nerve</h2>
              {checked && checked.issues.length > 0 && (
                <div class="issues" role="alert">
                  <p>The case cannot run yet:</p>
                  <ul>
                    {checked.issues.map((i) => (
                      <li key={i.path + i.message}>
                        <code>{i.path || '(case)'}</code>: {i.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {scene && planes && (
                <>
                  <div class="sections">
                    <Section
                      scene={scene}
                      plane={planes.across}
                      slice={run?.across ?? plan.result?.across}
                      title={planes.across.label}
                      onProbe={run ? undefined : moveProbe}
                      onNerve={run ? undefined : moveNerve}
                    />
                    <Section
                      scene={scene}
                      plane={planes.along}
                      slice={run?.along ?? plan.result?.along}
                      title={planes.along.label}
                      onProbe={run ? undefined : moveProbe}
                      onNerve={run ? undefined : moveNerve}
                    />
                  </div>
                  {scene.probes[0]?.kind === 'needle' && (
                    <div class="row probe-numbers">
                      <span>Probe tip (mm):</span>
                      {(['x', 'y', 'z'] as const).map((ax, i) => (
                        <label key={ax}>
                          {ax}{' '}
                          <input
                            type="number"
                            step="0.1"
                            id={`tip-${ax}`}
                            // A preset's tip is a sum of layer depths: show it without the float's last-digit noise (31.299999…).
                            value={Number((scene.probes[0] as { tip_mm: Vec3 }).tip_mm[i].toFixed(3))}
                            disabled={!!run}
                            onChange={(e) => {
                              const v = Number((e.target as HTMLInputElement).value);
                              const tip = [...(scene.probes[0] as { tip_mm: Vec3 }).tip_mm];
                              tip[i] = v;
                              setText(editText(plan.text, ['probes', 0, 'tip_mm'], tip));
                            }}
                          />
                        </label>
                      ))}
                      {gap !== null && (
                        <span id="gap" class="gap">
                          probe wall to nerve wall: <strong>{gap.toFixed(1)} mm</strong>
                        </span>
                      )}
                    </div>
                  )}
                  <p class="hint">Drag the probe or the nerve, or focus one (Tab) and use the arrow keys: 0.5 mm a press, 0.1 mm with Shift.</p>
                </>
              )}
            </section>

            <section class="run" aria-labelledby="run-h">
              <h2 id="run-h">Run</h2>
              <div class="row">
                <button type="button" id="run-browser" disabled={!scene || !!run} onClick={runInBrowser}>
                  Run in this browser
                </button>
                <button type="button" id="run-server" disabled={!scene || !!run} onClick={() => void runOnServer()}>
                  Run on the server
                </button>
                {run && !run.error && (
                  <button type="button" onClick={run.stop}>
                    Stop
                  </button>
                )}
              </div>
              {run?.progress && (
                <div class="progress">
                  <progress id="progress" max={1} value={run.progress.total_s ? run.progress.time_s / run.progress.total_s : 0} aria-label="simulated time" />
                  <span>
                    {run.progress.phase}: {run.progress.time_s.toFixed(0)} of {run.progress.total_s.toFixed(0)} s simulated ({run.where})
                  </span>
                </div>
              )}
              {run && !run.progress && !run.error && <p>Starting the {run.where === 'browser' ? 'solver in this browser' : 'run on the server'}…</p>}
              {run?.error && (
                <pre class="issues" role="alert">
                  {run.error}
                </pre>
              )}
              {stale && <p class="stale">The case has changed since these results were computed: run it again.</p>}
            </section>

            <Results plan={plan} scene={resultScene} />

            {plan.result && (
              <section class="downloads" aria-labelledby="dl-h">
                <h2 id="dl-h">Download</h2>
                <div class="row">
                  <button type="button" onClick={() => download(`${plan.title}.yaml`, plan.text, 'application/yaml')}>
                    Case (YAML)
                  </button>
                  {plan.result.files['report.html'] && (
                    <button type="button" onClick={() => download('report.html', plan.result!.files['report.html'], 'text/html')}>
                      report.html
                    </button>
                  )}
                  <button type="button" onClick={() => download('summary.json', `${JSON.stringify(plan.result!.summary, null, 2)}\n`, 'application/json')}>
                    summary.json
                  </button>
                  {plan.result.files['series.csv'] && (
                    <button type="button" onClick={() => download('series.csv', plan.result!.files['series.csv'], 'text/csv')}>
                      series.csv
                    </button>
                  )}
                </div>
              </section>
            )}

            <section class="edit" aria-labelledby="edit-h">
              <h2 id="edit-h">Edit the case</h2>
              <details>
                <summary>Every field, from the case schema (units in brackets; hover a name for its description)</summary>
                {obj ? (
                  <form class="schema-form" onSubmit={(e) => e.preventDefault()}>
                    {Object.entries(SCHEMA.properties ?? {})
                      .filter(([k]) => k !== '$schema')
                      .map(([k, s]) => (
                        <Field
                          key={k}
                          schema={s}
                          name={k}
                          path={[k]}
                          value={obj[k]}
                          issues={checked?.issues ?? []}
                          onChange={(p, v) => setText(editText(plan.text, p, v))}
                        />
                      ))}
                  </form>
                ) : (
                  <p>Fix the YAML below first.</p>
                )}
              </details>
              <details>
                <summary>The case file (YAML)</summary>
                <textarea
                  ref={textArea}
                  class="yaml"
                  aria-label="case file (YAML)"
                  spellcheck={false}
                  value={plan.text}
                  onChange={(e) => setText((e.target as HTMLTextAreaElement).value)}
                  rows={24}
                />
              </details>
            </section>
          </>
        )}

        {tab === 'simulate' && (
          <section class="compare-pick" aria-labelledby="cmp-h">
            <h2 id="cmp-h">Compare plans</h2>
            <fieldset>
              <legend>Plans to compare</legend>
              {plans.map((p) => (
                <label key={p.id} class="check">
                  <input
                    type="checkbox"
                    checked={compareIds.includes(p.id)}
                    disabled={!p.result}
                    onChange={(e) => setCompareIds((ids) => ((e.target as HTMLInputElement).checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
                  />{' '}
                  {p.title}
                  {p.result ? '' : ' (not run yet)'}
                </label>
              ))}
            </fieldset>
            <Compare plans={plans.filter((p) => compareIds.includes(p.id))} />
          </section>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
