import type { Scene } from '../../src/core/model.js';
import { smallLayeredScene, testNeedle } from './scene.js';
import { sceneHash } from '../../src/case/load.js';
import type { RunJob } from '../../src/run/types.js';

/** A small, quick scene for the runners' tests: a needle 2 mm beside a 1 mm nerve in muscle, on a 1 mm grid. */
export function nerveScene(freeze_s = 40, over: Partial<Scene> = {}): Scene {
  return smallLayeredScene({
    name: 'nerve beside a needle',
    probes: [testNeedle()],
    structures: [
      {
        kind: 'tube',
        name: 'nerve',
        role: 'nerve',
        tissue: 'nerve',
        path_mm: [
          [-6, 2, 8.5],
          [6, 2, 8.5],
        ],
        diameter_mm: 1,
      },
    ],
    protocol: [{ kind: 'freeze', duration_s: freeze_s }],
    ...over,
  });
}

export function jobOf(scene: Scene, want: RunJob['want'] = { histories: true }): RunJob {
  return { hash: sceneHash(scene), scene, want };
}
