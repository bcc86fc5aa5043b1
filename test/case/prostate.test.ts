/**
 * The prostate preset: its anatomy against its sources and its plan's outcome.
 * The run test takes about 8 s of CPU on the preset's own grid (122,012 cells).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONDITIONS } from '../../src/case/conditions/index.js';
import { loadCase } from '../../src/case/load.js';
import { insideStructure } from '../../src/core/anatomy/geometry.js';
import { buildGrid } from '../../src/core/grid/build.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { readSensor, sensorStencil } from '../../src/core/outcome/sensors.js';
import type { EllipsoidStructure, NeedleProbe, Structure, TubeStructure } from '../../src/core/model.js';

const preset = CONDITIONS.prostate;
const load = async () => (await loadCase(undefined, { condition: 'prostate' })).scene;
const named = (s: Structure[], name: string) => s.find((x) => x.name === name) ?? assert.fail(`no structure '${name}'`);

test('prostate preset: every figure has a listed source or is marked an estimate', () => {
  assert.ok(preset.figures.length >= 10 && preset.sources.length >= 4);
  for (const f of preset.figures) {
    if (f.source === 'estimate') continue;
    for (const part of f.source.split('; '))
      assert.ok(
        preset.sources.some((s) => s.startsWith(`${part}: `)),
        `'${part}' (figure '${f.figure}') is not in the sources`,
      );
  }
});

test('prostate preset: the gland is 3-4 x 2-3 x 3-4 cm and 20-30 ml, as the TRUS norms give', async () => {
  const scene = await load();
  const g = named(scene.structures, 'prostate') as EllipsoidStructure;
  assert.equal(g.kind, 'ellipsoid');
  const [w, ap, len] = g.semi_axes_mm.map((a) => 2 * a);
  assert.ok(w >= 30 && w <= 40 && ap >= 20 && ap <= 30 && len >= 30 && len <= 40, `${w} x ${ap} x ${len} mm`);
  const ml = ((4 / 3) * Math.PI * g.semi_axes_mm[0] * g.semi_axes_mm[1] * g.semi_axes_mm[2]) / 1000;
  assert.ok(ml >= 20 && ml <= 30, `${ml} ml`);
});

test('prostate preset: the needles’ active segments lie in the gland, at least 5 mm from the urethra, each one column of cells; the thermocouples lie in what they are named after', async () => {
  const scene = await load();
  const gland = named(scene.structures, 'prostate');
  const urethra = named(scene.structures, 'urethra') as TubeStructure;
  const needles = scene.probes.filter((p): p is NeedleProbe => p.kind === 'needle' && p.purpose !== 'warming');
  assert.ok(needles.length >= 4 && needles.length <= 8, `${needles.length} needles`);
  const grid = buildGrid(scene);
  for (const n of needles) {
    const mid = n.tip_mm.map((v, k) => v - (n.direction[k] * n.active_length_mm) / 2) as [number, number, number];
    assert.ok(insideStructure(gland, mid), `${n.id}: the middle of its active segment in the gland`);
    const d = Math.hypot(n.tip_mm[0] - urethra.path_mm[0][0], n.tip_mm[1] - urethra.path_mm[0][1]) - urethra.diameter_mm / 2 - n.diameter_mm / 2;
    // Favazza et al.: the warmer protects the urethra from needles 5 mm or more from its surface.
    assert.ok(d >= 5, `${n.id}: ${d.toFixed(1)} mm from the urethra`);
    assert.ok(
      [...grid.xc].some((x) => Math.abs(x - n.tip_mm[0]) < 1e-9) && [...grid.yc].some((y) => Math.abs(y - n.tip_mm[1]) < 1e-9),
      `${n.id} on a cell centre`,
    );
  }
  for (const s of scene.sensors ?? []) {
    const st = scene.structures.find((x) => x.name === s.name);
    if (st) assert.ok(insideStructure(st, s.at_mm), `sensor '${s.name}' inside its structure`);
    else assert.ok(insideStructure(named(scene.structures, 'prostate'), s.at_mm), `sensor '${s.name}' (apex) inside the gland`);
  }
});

test('prostate preset, run: energy closes, the second freeze kills more, the -20 °C band reaches most of the gland, the sphincter stays unfrozen; why -40 °C misses the posterior gland (docs/prostate.md)', async () => {
  const scene = await load();
  const r = simulate(scene);
  assert.ok(r.energy.relative_error < 1e-6, `energy: ${r.energy.relative_error}`);
  const o = computeOutcomes(scene, r);
  const a = o.ablation ?? assert.fail('no ablation outcome');
  const [c1, c2, whole] = a.cycles;
  assert.deepEqual(
    a.cycles.map((c) => c.moment),
    ['end of freeze 1', 'end of freeze 2', 'whole procedure'],
  );
  // A second freeze over tissue the first left cold reaches further (Gage & Baust's rationale for two cycles).
  assert.ok(c2.fraction_lethal > c1.fraction_lethal && c2.fraction_partial > c1.fraction_partial, JSON.stringify(a.cycles));
  assert.ok(whole.fraction_partial > 0.5, `-20 °C over ${whole.fraction_partial} of the gland`);
  assert.ok(whole.fraction_lethal > 0.2, `-40 °C over ${whole.fraction_lethal} of the gland`);
  // What was missed and what was killed add up to the gland.
  const missedBySide = Object.values(a.uncovered_by_side_ml).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(missedBySide - a.uncovered_ml) < 1e-9);
  assert.ok(Math.abs(a.uncovered_ml - (1 - whole.fraction_lethal) * a.target_volume_ml) < 1e-6 * a.target_volume_ml);
  const limit = (name: string) => a.limits.find((l) => l.structure === name) ?? assert.fail(`no limit for ${name}`);
  assert.ok(limit('external sphincter').coldest_c! > 0, 'the sphincter does not freeze');
  for (const l of a.limits) assert.ok(l.coldest_c !== null && Number.isFinite(l.coldest_c), `${l.structure} has a coldest temperature`);
  const sensor = (name: string) => r.sensors!.find((s) => s.name === name) ?? assert.fail(`no sensor ${name}`);
  assert.ok(
    sensor("Denonvilliers' fascia").min_temperature_c < sensor('external sphincter').min_temperature_c,
    'the fascia, beside the gland, is colder than the sphincter below it',
  );
  assert.equal(sensor('apex').at_moments.length, 2, 'a reading at the end of each freeze');

  // Why the aim (-40 °C throughout the gland, BTG) is not reached without freezing the rectal wall.
  // Published: with 17 G needles in gel at body temperature "the -40 °C isotherm is approximately
  // 1 cm inside the leading edge of the ice ball" (PMC4850244); "lethal ice [-30 °C] resides < 1 cm
  // behind the leading edge" (Littrup et al. 2009). Read here along the coldest temperatures each
  // point reached, from the posterior needle E3 straight towards the rectum (-y).
  const e3 = scene.probes.find((p): p is NeedleProbe => p.id === 'E3') ?? assert.fail('no needle E3');
  const z = e3.tip_mm[2] - e3.active_length_mm / 2;
  const grid = buildGrid(scene);
  const coldestAt = (d: number) => readSensor(sensorStencil(grid, [e3.tip_mm[0], e3.tip_mm[1] - d, z]), r.fields.min_c);
  const reach = (t: number) => {
    let d = 0;
    while (coldestAt(d + 0.05) <= t) d += 0.05;
    return d;
  };
  const gap = reach(0) - reach(-40);
  assert.ok(gap >= 5 && gap <= 12, `0 °C lies ${gap.toFixed(1)} mm beyond -40 °C (published: about 1 cm, under 1 cm)`);
  // The rectal wall lies 2 mm behind the posterior capsule (Denonvilliers' fascia), well inside that gap:
  // the ice already reaches it (coldest near its 0 °C limit) while -40 °C has not reached the capsule.
  const gland = named(scene.structures, 'prostate') as EllipsoidStructure;
  const capsuleGap = e3.tip_mm[1] - (gland.center_mm[1] - gland.semi_axes_mm[1] * Math.sqrt(1 - (e3.tip_mm[0] / gland.semi_axes_mm[0]) ** 2));
  assert.ok(reach(-40) < capsuleGap, `-40 °C reached ${reach(-40).toFixed(1)} of the ${capsuleGap.toFixed(1)} mm to the posterior capsule`);
  assert.ok(Math.abs(limit('rectal wall').coldest_c!) < 3, `rectal wall ${limit('rectal wall').coldest_c} °C: the ice reaches it`);
  assert.ok(whole.fraction_lethal < 0.5, `-40 °C over ${whole.fraction_lethal}: if the aim is now reached, update docs/prostate.md`);
  const posterior = a.uncovered_by_side_ml['-y'];
  for (const [side, ml] of Object.entries(a.uncovered_by_side_ml)) assert.ok(ml <= posterior, `the most missed is posterior (${side} ${ml} ml)`);
});
