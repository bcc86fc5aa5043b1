import type { Scene } from '../../src/core/model.js';
import { smallLayeredScene, testNeedle } from './scene.js';

/** A needle laid flat in the fat 3.5 mm under the skin (1.5 mm thick), so that the skin freezes within a minute; a thermocouple 1 mm under the skin above it. */
export function shallowScene(freeze_s: number): Scene {
  return smallLayeredScene({
    name: 'shallow needle',
    probes: [testNeedle({ tip_mm: [3, 0, 3.5], direction: [1, 0, 0], diameter_mm: 1.2 })],
    sensors: [{ name: 'tc', at_mm: [0, 0, 1] }],
    protocol: [{ kind: 'freeze', duration_s: freeze_s }],
  });
}
