import { sceneHash } from '../case/load.js';
import type { PlanCase } from '../case/plan.js';
import { searchPlan, type PlanSearchResult } from '../core/plan/search.js';
import { NOMINAL } from '../core/plan/sampling.js';
import { buildPlanJson } from '../io/plan/json.js';
import { renderPlanReport } from '../io/plan/html.js';
import type { PlanJson } from '../io/plan/schema.js';
import { planYaml } from '../io/plan/yaml.js';
import { planScene, runnerPlanEnv, type PlanProgress, type PlanRunStats } from './plan-env.js';
import type { Runner } from './types.js';

export interface RunPlanOptions {
  signal?: AbortSignal;
  onProgress?: (p: PlanProgress) => void;
  /** The runner as plan.json names it (the inner runner, without a cache wrapper's suffix). */
  runnerName: string;
}

export interface PlanRun {
  result: PlanSearchResult;
  json: PlanJson;
  /** plan.json, plan.html and, when a plan meets the limits, plan.yaml: name -> content. */
  files: Record<string, string>;
  /** Files left out and why (plan.html when its rendering failed): the plan itself stands. */
  warnings: string[];
  stats: PlanRunStats;
  wall_s: number;
}

/**
 * One whole plan, as `cryoplan plan` and the server make it: the planner's search on the
 * runner, the chosen (or closest) plan's own nominal run for its report (often already
 * cached from the search), then plan.json, plan.html and plan.yaml in memory. Nothing is
 * written here: the caller writes the files once the whole plan stands, so an interrupted
 * plan leaves nothing half-written.
 */
export async function runPlan(pc: PlanCase, runner: Runner, opts: RunPlanOptions): Promise<PlanRun> {
  const base = pc.scenes.get(null);
  if (!base) throw new Error('internal error: no scene');
  const env = runnerPlanEnv(pc.scenes, pc.spec, runner, { signal: opts.signal, onProgress: opts.onProgress });
  const t0 = performance.now();
  const result = await searchPlan(pc.spec, env);
  let chosenReport: string | undefined;
  const focus = result.chosen ?? result.closest;
  if (focus) {
    const scene = planScene(pc.scenes, pc.spec, focus.config, focus.freeze_s, NOMINAL);
    env.planned?.(1);
    const r = await runner.submit(
      { hash: sceneHash(scene), scene, label: `${pc.file} (plan)`, want: { histories: true, files: true } },
      { signal: opts.signal },
    );
    chosenReport = r.files?.['report.html'];
  }
  const wall_s = (performance.now() - t0) / 1000;
  const json = buildPlanJson(result, pc.spec, {
    name: base.name,
    hash: sceneHash(base),
    file: pc.file,
    wall_s,
    runner: opts.runnerName,
    computed: env.stats.computed,
    cached: env.stats.cached,
  });
  const files: Record<string, string> = { 'plan.json': `${JSON.stringify(json, null, 2)}\n` };
  const warnings: string[] = [];
  try {
    files['plan.html'] = renderPlanReport(result, pc.spec, json, chosenReport);
  } catch (e) {
    warnings.push(`plan.html was not written: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (result.chosen) {
    const scene = planScene(pc.scenes, pc.spec, result.chosen.config, result.chosen.freeze_s, NOMINAL);
    files['plan.yaml'] = planYaml(pc.merged, result.chosen, scene, pc.file);
  }
  return { result, json, files, warnings, stats: env.stats, wall_s };
}
