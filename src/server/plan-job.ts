import { sceneHash } from '../case/load.js';
import type { PlanCase } from '../case/plan.js';
import { searchPlan } from '../core/plan/search.js';
import { NOMINAL } from '../core/plan/sampling.js';
import { planScene, runnerPlanEnv, type PlanProgress } from '../run/plan-env.js';
import type { Runner } from '../run/types.js';
import { buildPlanJson } from '../io/plan/json.js';
import { renderPlanReport } from '../io/plan/html.js';
import { planYaml } from '../io/plan/yaml.js';

/**
 * One plan on the server: the planner's search over the server's runner, then the
 * chosen (or closest) plan's own run for its report, and the three files
 * `cryoplan plan` writes. The same steps as the CLI's `plan` command, in the same
 * order, so that a plan made here and one made there agree.
 */
export async function executePlan(
  pc: PlanCase,
  runner: Runner,
  opts: { signal: AbortSignal; onProgress: (p: PlanProgress) => void; runnerName: string },
): Promise<Record<string, string>> {
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
  const json = buildPlanJson(result, pc.spec, {
    name: base.name,
    hash: sceneHash(base),
    file: pc.file,
    wall_s: (performance.now() - t0) / 1000,
    runner: opts.runnerName,
    computed: env.stats.computed,
    cached: env.stats.cached,
  });
  const files: Record<string, string> = { 'plan.json': `${JSON.stringify(json, null, 2)}\n` };
  files['plan.html'] = renderPlanReport(result, pc.spec, json, chosenReport);
  if (result.chosen) {
    const scene = planScene(pc.scenes, pc.spec, result.chosen.config, result.chosen.freeze_s, NOMINAL);
    files['plan.yaml'] = planYaml(pc.merged, result.chosen, scene, pc.file);
  }
  return files;
}
