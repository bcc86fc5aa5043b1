/** Organs at risk: which structures are marked by default, and what a run reports for each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../../src/core/outcome/index.js';
import { parseCase } from '../../../src/case/load.js';
import { CaseError } from '../../../src/case/errors.js';
import type { Scene, TubeStructure } from '../../../src/core/model.js';
import { smallLayeredScene, testNeedle } from '../../helpers/scene.js';

const CASE = `name: organs
domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 20 }
anatomy:
  layers:
    - { tissue: muscle, thickness_mm: 12 }
    - { tissue: muscle, thickness_mm: 8, name: peritoneum, at_risk: { complication: peritoneal-injury, note: deep to transversus } }
  structures:
    - { kind: nerve, name: target nerve, path_mm: [[-10, 0, 8], [10, 0, 8]], diameter_mm: 1 }
    - { kind: nerve, name: neighbour, path_mm: [[-10, 6, 8], [10, 6, 8]], diameter_mm: 1, target: false }
    - { kind: nerve, name: spared by choice, path_mm: [[-10, -6, 8], [10, -6, 8]], diameter_mm: 1, target: false, at_risk: false }
    - { kind: vessel, name: artery, path_mm: [[-10, 3, 8], [10, 3, 8]], diameter_mm: 1 }
    - { kind: box, name: rib, tissue: bone, min_mm: [-10, -10, 2], max_mm: [10, -8, 4] }
probes: [{ kind: needle, id: p, tip_mm: [0, 1.5, 8], direction: [1, 0, 0], diameter_mm: 1, active_length_mm: 6 }]
protocol: { cooling: { temperature_c: -70 }, phases: [{ freeze_s: 60 }] }
`;

test('vessels and nerves marked target: false are at risk by default; at_risk: false turns it off; layers carry their mark', () => {
  const { scene } = parseCase(CASE, 'organs.yaml');
  const marked = (name: string) => scene.structures.find((s) => s.name === name)?.at_risk?.complication;
  assert.equal(marked('target nerve'), undefined, 'a target nerve is not an organ at risk');
  assert.equal(marked('neighbour'), 'nerve-injury');
  assert.equal(marked('spared by choice'), undefined);
  assert.equal(marked('artery'), 'vessel-injury');
  assert.equal(marked('rib'), undefined, 'bone is at risk only when the case says so');
  assert.deepEqual(scene.layers[1].at_risk, { complication: 'peritoneal-injury', note: 'deep to transversus' });
  assert.equal((scene.structures.find((s) => s.name === 'neighbour') as TubeStructure).target, false);
});

test('a misspelt complication is refused at its field', () => {
  assert.throws(
    () => parseCase(CASE.replace('peritoneal-injury', 'bowel'), 'organs.yaml'),
    (e: unknown) => e instanceof CaseError && e.issues.some((i) => i.path.startsWith('anatomy.layers[1].at_risk')),
  );
});

function runScene(scene: Scene) {
  const result = simulate(scene);
  return computeOutcomes(scene, result);
}

test('a run reports each organ at risk: frozen next to the probe, clear far from it; a vessel by its wall', () => {
  const near = (name: string, y: number, over: Partial<TubeStructure> = {}): TubeStructure => ({
    kind: 'tube',
    name,
    tissue: 'nerve',
    role: 'nerve',
    path_mm: [
      [-10, y, 10],
      [10, y, 10],
    ],
    diameter_mm: 1,
    ...over,
  });
  const scene = smallLayeredScene({
    probes: [
      testNeedle({ tip_mm: [3, 0, 10], direction: [1, 0, 0], diameter_mm: 1, active_length_mm: 6, cooling: { mode: 'temperature', curve: [[0, -70]] } }),
    ],
    structures: [
      near('target nerve', 1.5),
      near('neighbour nerve', -1.6, { target: false, at_risk: { complication: 'nerve-injury' } }),
      near('artery', 2.6, { tissue: 'blood', role: 'vessel', flow_temperature_c: 37, at_risk: { complication: 'vessel-injury' } }),
      { kind: 'box', name: 'far bone', tissue: 'bone', role: 'other', min_mm: [-10, 8, 2], max_mm: [10, 10, 4], at_risk: { complication: 'bone-injury' } },
    ],
    protocol: [{ kind: 'freeze', duration_s: 90 }],
  });
  const o = runScene(scene);
  const row = (name: string) => o.organs_at_risk.find((a) => a.name === name)!;
  assert.deepEqual(o.organs_at_risk.map((a) => a.name).sort(), ['artery', 'far bone', 'neighbour nerve']);

  // 1.6 mm from a -70 °C needle's axis, inside any published N2O ice ball: frozen through.
  const nb = row('neighbour nerve');
  assert.equal(nb.frozen, true);
  assert.equal(nb.risk, 'high');
  assert.match(nb.complication_label, /unintended block/);
  assert.equal(o.nerves.find((n) => n.name === 'neighbour nerve')?.target, false);

  // The lumen is held at 37 °C by the flow; its wall, 0.6 mm from the ice-filled gap, is not.
  const art = row('artery');
  assert.ok(art.coldest_c !== null && art.coldest_c < 0, `artery wall ${art.coldest_c}`);
  assert.equal(art.time_frozen_s, null);
  assert.equal(art.risk, 'high');

  // 9 mm away in a perfused block: the ice (a few mm across) does not come near.
  const bone = row('far bone');
  assert.equal(bone.frozen, false);
  assert.ok(bone.coldest_c! > 10, `far bone ${bone.coldest_c}`);
  assert.equal(bone.risk, 'low');

  // Numbness is the target's; the neighbour's block is its own row, not "expected numbness".
  const numb = o.side_effects.find((e) => e.id === 'numbness')!;
  assert.doesNotMatch(numb.basis, /neighbour/);
});
