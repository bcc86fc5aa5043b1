/**
 * Conservation of energy: in every configuration, the enthalpy stored in the
 * tissue at the end minus at the start must equal the heat that entered it by
 * every path (probes, perfusion, metabolism, boundaries, vessels), to 1e-6 of the
 * largest term. Each case switches on a different path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/core/solver/simulate.js';
import type { Scene } from '../../src/core/model.js';
import { smallLayeredScene, testNeedle } from '../helpers/scene.js';

const small = smallLayeredScene;

const needle = testNeedle;

const cases: Array<[string, Scene]> = [
  [
    'needle held on a curve, freeze-thaw-freeze with passive thaw',
    small({
      probes: [needle()],
      protocol: [
        { kind: 'freeze', duration_s: 20 },
        { kind: 'thaw', duration_s: 10, thaw: 'passive' },
        { kind: 'freeze', duration_s: 20 },
      ],
    }),
  ],
  [
    'needle cooled by a cryogen behind a heat-transfer coefficient, active thaw',
    small({
      probes: [needle({ cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 3000 } })],
      protocol: [
        { kind: 'freeze', duration_s: 20 },
        { kind: 'thaw', duration_s: 10, thaw: 'active', thaw_temperature_c: 30 },
      ],
    }),
  ],
  [
    'needle at fixed power, oblique',
    small({
      probes: [needle({ direction: [0.6, 0, 0.8], tip_mm: [3, 0, 10], cooling: { mode: 'power', watts: 4 } })],
      protocol: [{ kind: 'freeze', duration_s: 30 }],
    }),
  ],
  [
    'contact probe on the skin with a warmer beside it',
    small({
      probes: [{ kind: 'contact', id: 'c1', center_mm: [0, 0], diameter_mm: 8, cooling: { mode: 'temperature', curve: [[0, -150]] } }],
      warmers: [{ name: 'w', center_mm: [6, 6], size_mm: [6, 6], temperature_c: 40, h_w_m2k: 200 }],
      protocol: [
        { kind: 'freeze', duration_s: 15 },
        { kind: 'thaw', duration_s: 15, thaw: 'passive' },
      ],
    }),
  ],
  [
    'nerve and a vessel held at blood temperature near two probes',
    small({
      structures: [
        {
          kind: 'tube',
          name: 'nerve',
          tissue: 'nerve',
          role: 'nerve',
          path_mm: [
            [-10, 2, 8],
            [10, 2, 8],
          ],
          diameter_mm: 2,
        },
        {
          kind: 'tube',
          name: 'artery',
          tissue: 'blood',
          role: 'vessel',
          path_mm: [
            [-10, -4, 12],
            [10, -4, 12],
          ],
          diameter_mm: 2,
          flow_temperature_c: 37,
        },
        { kind: 'sphere', name: 'cyst', tissue: 'gel', role: 'other', center_mm: [4, 4, 14], diameter_mm: 3 },
      ],
      probes: [needle(), needle({ id: 'n2', tip_mm: [-4, 0, 10], cooling: { mode: 'cryogen', temperature_c: -80, h_w_m2k: 2000 } })],
      protocol: [{ kind: 'freeze', duration_s: 25 }],
    }),
  ],
];

for (const [name, scene] of cases) {
  test(`energy balance closes to 1e-6: ${name}`, () => {
    const r = simulate(scene);
    const e = r.energy;
    assert.ok(e.relative_error < 1e-6, `relative error ${e.relative_error.toExponential(2)} (residual ${e.residual_j} J)`);
    // The probes really removed heat and the tissue really cooled: the balance is not trivially 0 = 0.
    assert.ok(e.probes_j < -1, `probes ${e.probes_j} J`);
    assert.ok(e.enthalpy_change_j < 0, `enthalpy change ${e.enthalpy_change_j} J`);
  });
}

test('energy balance: perfusion and metabolism bring heat in while tissue is cold', () => {
  const r = simulate(small({ probes: [needle()], protocol: [{ kind: 'freeze', duration_s: 30 }] }));
  assert.ok(r.energy.perfusion_j > 0, `perfusion ${r.energy.perfusion_j}`);
  assert.ok(r.energy.metabolic_j > 0, `metabolic ${r.energy.metabolic_j}`);
});
