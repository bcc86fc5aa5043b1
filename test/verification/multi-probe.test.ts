/**
 * Several probes together: the cold of neighbouring needles adds up, so the
 * combined ice ball is larger than the union of each needle's own (and contains
 * it: more cooling makes every point colder); energy still closes. A warming
 * catheter's heat enters the balance like any probe's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCase } from '../../src/case/load.js';
import { simulate } from '../../src/core/solver/simulate.js';
import type { NeedleProbe, Scene } from '../../src/core/model.js';
import { smallLayeredScene, testNeedle } from '../helpers/scene.js';

/**
 * Each needle alone and all together on the same grid: the combined ice ball exceeds the
 * union of the single-needle ones by 5 % and contains it; energy closes in every run; the
 * sensor between the needles is colder with all of them.
 */
async function combinedExceedsUnion(file: string, ids: string[]): Promise<void> {
  const { scene } = await loadCase(join(process.cwd(), 'cases', file));
  assert.deepEqual(
    scene.probes.map((p) => p.id),
    ids,
  );
  const run = (s: Scene) => {
    const r = simulate(s);
    assert.ok(r.energy.relative_error < 1e-6, `energy: relative error ${r.energy.relative_error}`);
    return r;
  };
  const both = run(scene);
  const alone = scene.probes.map((p) => run({ ...scene, probes: [p] }));
  const g = both.grid;
  // Tissue in every run: not a probe part in the combined one.
  const probeLabels = new Set(both.fields.label_names.flatMap((n, i) => (scene.probes.some((p) => n === p.id || n === `${p.id} shaft`) ? [i] : [])));
  const vol = (i: number, j: number, k: number) =>
    (g.x_edges_mm[i + 1] - g.x_edges_mm[i]) * (g.y_edges_mm[j + 1] - g.y_edges_mm[j]) * (g.z_edges_mm[k + 1] - g.z_edges_mm[k]) * 1e-3;
  for (const iso of [0, -20, -40]) {
    let union = 0;
    let combined = 0;
    let missing = 0;
    for (let k = 0; k < g.nz; k++)
      for (let j = 0; j < g.ny; j++)
        for (let i = 0; i < g.nx; i++) {
          const c = i + g.nx * (j + g.ny * k);
          if (probeLabels.has(both.fields.labels[c])) continue;
          const inUnion = alone.some((r) => r.fields.min_c[c] <= iso);
          const inBoth = both.fields.min_c[c] <= iso;
          if (inUnion) union += vol(i, j, k);
          if (inBoth) combined += vol(i, j, k);
          if (inUnion && !inBoth) missing += vol(i, j, k);
        }
    assert.ok(union > 0, `${file} ${iso} °C: each needle alone freezes something`);
    assert.ok(combined > 1.05 * union, `${file} ${iso} °C: combined ${combined.toFixed(3)} ml vs union ${union.toFixed(3)} ml`);
    assert.equal(missing, 0, `${file} ${iso} °C: every cell one needle freezes, all of them freeze`);
  }
  const mid = both.sensors!.find((s) => s.name === 'midway')!;
  const midAlone = Math.min(...alone.map((r) => r.sensors!.find((s) => s.name === 'midway')!.min_temperature_c));
  assert.ok(mid.min_temperature_c < midAlone - 5, `${file} midway: ${mid.min_temperature_c} with all, ${midAlone} with one at best`);
}

test('two argon needles (cases/two-needles.yaml): the combined ice ball exceeds the union of the single-needle ice balls and contains it; energy closes', async () => {
  await combinedExceedsUnion('two-needles.yaml', ['A1', 'C1']);
});

test('three argon needles (cases/three-needles.yaml): the same, with the cold of three adding up', async () => {
  await combinedExceedsUnion('three-needles.yaml', ['A1', 'C1', 'B3']);
});

const catheter = (over: Partial<NeedleProbe> = {}): NeedleProbe => ({
  kind: 'needle',
  id: 'warmer',
  tip_mm: [0, 5, 20],
  direction: [0, 0, 1],
  diameter_mm: 3,
  active_length_mm: 20,
  shaft: 'insulated',
  material: { k_w_mk: 0.6, c_j_m3k: 4.18e6 },
  cooling: { mode: 'cryogen', temperature_c: 42, h_w_m2k: 400 },
  purpose: 'warming',
  ...over,
});

test('a warming catheter: on in every phase (freeze and passive thaw), its heat in the energy balance, the tissue beside it warmer', () => {
  const protocol: Scene['protocol'] = [
    { kind: 'freeze', duration_s: 20 },
    { kind: 'thaw', duration_s: 20, thaw: 'passive' },
  ];
  const needle = testNeedle({ tip_mm: [0, 0, 12] });
  const warm = simulate(smallLayeredScene({ probes: [needle, catheter()], protocol, sensors: [{ name: 'between', at_mm: [0.5, 2.5, 10.5] }] }));
  const cold = simulate(smallLayeredScene({ probes: [needle], protocol, sensors: [{ name: 'between', at_mm: [0.5, 2.5, 10.5] }] }));
  assert.ok(warm.energy.relative_error < 1e-6, `relative error ${warm.energy.relative_error}`);
  const heat = warm.series.probes.find((p) => p.id === 'warmer')!.heat_w;
  const t = warm.series.time_s;
  // heat_w is the heat a probe draws out: negative for a warmer, in the freeze and in the thaw.
  const during = (a: number, b: number) => heat.filter((_, i) => t[i] > a && t[i] <= b);
  assert.ok(
    during(1, 20).every((h) => h < 0),
    'warms during the freeze',
  );
  assert.ok(
    during(21, 40).every((h) => h < 0),
    'and during the passive thaw, when the needle is off',
  );
  assert.ok(warm.energy.probes_j > cold.energy.probes_j, 'the catheter adds heat to what the probes exchange');
  // The catheter gives about 0.4 W through its 400 W/m²/K wall: in 20 s its warmth reaches
  // about a diffusion length (1.6 mm), so between the two the tissue is warmer by tenths of a degree.
  const [w, c] = [warm.sensors![0].min_temperature_c, cold.sensors![0].min_temperature_c];
  assert.ok(w > c + 0.3, `between needle and catheter it stays warmer (${w.toFixed(2)} vs ${c.toFixed(2)} °C)`);
});
