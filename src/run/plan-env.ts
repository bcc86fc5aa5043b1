import type { Scene } from '../core/model.js';
import type { Config, PlanSpec, Sample } from '../core/plan/types.js';
import type { PlanEnv } from '../core/plan/search.js';
import type { Histories } from '../core/plan/statistics.js';
import { applyConfig, applySample, probeSpread } from '../core/plan/perturb.js';
import { sceneHash } from '../case/load.js';
import type { Runner } from './types.js';

export interface PlanProgress {
  /** Simulations finished (computed or from the cache) and known so far. */
  done: number;
  planned: number;
  cached: number;
  wall_s: number;
  /** Seconds left at the pace so far (null until a simulation has finished). */
  eta_s: number | null;
}

export interface PlanRunStats {
  computed: number;
  cached: number;
  planned: number;
  /** Sum of the simulations' own wall times, s. */
  busy_s: number;
  /** Sum of the simulated (protocol) time of the runs computed, s. */
  simulated_s: number;
}

const isNominal = (s: Sample) => Object.values(s).every((v) => v === 0);

/** The scene the planner means by a configuration, duration and sample (nominal: no uncertainty applied at all). */
export function planScene(base: Map<string | null, Scene>, spec: PlanSpec, config: Config, freeze_s: number, sample: Sample): Scene {
  const scene = base.get(config.probe) ?? base.get(null);
  if (!scene) throw new Error(`internal error: no scene for probe ${config.probe}`);
  const chosen = applyConfig(scene, spec, config, freeze_s);
  return isNominal(sample) ? chosen : applySample(chosen, spec, sample, probeSpread(spec, config.probe));
}

/**
 * The planner's link to a runner: jobs by resolved scene hash, progress with an ETA from
 * the pace so far (simulations still to run, at the observed seconds per simulation,
 * spread over the runner's concurrency).
 */
export function runnerPlanEnv(
  scenes: Map<string | null, Scene>,
  spec: PlanSpec,
  runner: Runner,
  opts: { signal?: AbortSignal; onProgress?: (p: PlanProgress) => void } = {},
): PlanEnv & { stats: PlanRunStats } {
  const t0 = performance.now();
  const stats: PlanRunStats = { computed: 0, cached: 0, planned: 0, busy_s: 0, simulated_s: 0 };
  const report = () => {
    const wall_s = (performance.now() - t0) / 1000;
    const done = stats.computed + stats.cached;
    const left = Math.max(0, stats.planned - done);
    const pace = stats.computed > 0 ? wall_s / stats.computed : null;
    opts.onProgress?.({ done, planned: stats.planned, cached: stats.cached, wall_s, eta_s: pace === null ? null : left * pace });
  };
  return {
    stats,
    get concurrency() {
      return runner.concurrency;
    },
    scene: (c, t, s) => planScene(scenes, spec, c, t, s),
    planned(more) {
      stats.planned += more;
      report();
    },
    cancelled: () => opts.signal?.aborted ?? false,
    async run(list: Scene[]): Promise<Histories[]> {
      return Promise.all(
        list.map(async (scene) => {
          const r = await runner.submit(
            { hash: sceneHash(scene), scene, label: scene.name, want: { histories: true, summary: false } },
            { signal: opts.signal },
          );
          if (r.cached) stats.cached++;
          else {
            stats.computed++;
            stats.busy_s += r.wall_s;
            stats.simulated_s += scene.protocol.reduce((a, p) => a + p.duration_s, 0);
          }
          report();
          if (!r.histories) throw new Error(`internal error: the runner returned no histories for ${r.hash}`);
          return r.histories;
        }),
      );
    },
  };
}
