/** What a valid case resolves to: defaults, unit conversions and the alternative spellings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { SOLVER_DEFAULTS } from '../../src/case/resolve.js';
import { TISSUE_LIBRARY, STEEL, tissueFromSpec, perfusionCoefficient } from '../../src/core/tissue/library.js';
import type { NeedleProbe } from '../../src/core/model.js';

const MINIMAL = `name: minimal
domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 20 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 10], direction: [0, 0, 2], diameter_mm: 2, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: -70 }
  phases: [ { freeze_s: 60 } ]
`;

const close = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} != ${b}`);

test('a minimal case gets the documented defaults', () => {
  const { scene } = parseCase(MINIMAL, 'm.yaml');
  assert.equal(scene.body_temperature_c, 37);
  assert.deepEqual(scene.domain.boundaries, {
    x_min: 'body',
    x_max: 'body',
    y_min: 'body',
    y_max: 'body',
    bottom: 'body',
    surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 },
  });
  assert.deepEqual(scene.layers, [{ tissue: 'muscle', thickness_mm: 20, name: 'muscle' }]);
  assert.deepEqual(scene.grid, { kind: 'auto', refinement: 1, accuracy: 0.02 });
  assert.deepEqual(scene.solver, SOLVER_DEFAULTS);
  assert.deepEqual(scene.solver, {
    dt_min_s: 0.02,
    dt_max_s: 30,
    max_change_c: 10,
    tolerance_c: 1e-2,
    max_iterations: 30,
    initial: 'steady',
    integrator: 'bdf2',
    time_error_c: 2,
  });
  assert.deepEqual(scene.outputs, { isotherms_c: [0, -20, -40], series_interval_s: 1, volumes: [] });
  assert.deepEqual(scene.warmers, []);
  assert.deepEqual(scene.tissues, TISSUE_LIBRARY);
  const p = scene.probes[0] as NeedleProbe;
  assert.deepEqual(p.direction, [0, 0, 1], 'direction is normalised');
  assert.equal(p.shaft, 'insulated');
  assert.deepEqual(p.material, STEEL);
  assert.deepEqual(p.cooling, { mode: 'temperature', curve: [[0, -70]] });
  assert.deepEqual(scene.protocol, [{ kind: 'freeze', duration_s: 60 }]);
});

test('every Scene field can be set from a case', () => {
  // Half-millimetre edges: each layer and structure must own cells of its own.
  const edges = (a: number, b: number) => Array.from({ length: 2 * (b - a) + 1 }, (_, i) => a + i / 2);
  const text = `name: full
description: all fields
body_temperature_c: 36.5
domain:
  x_mm: [-10, 10]
  y_mm: [-8, 8]
  depth_mm: 20
  boundaries: { sides: adiabatic, x_max: body, bottom: adiabatic, surface: { convection: { h_w_m2k: 5, air_temperature_c: 20 } } }
anatomy:
  layers: [ { tissue: skin, thickness_mm: 2, name: dermis }, { tissue: muscle, thickness_mm: 18 } ]
  structures:
    - { kind: nerve, name: n, path_mm: [[-10, 0, 8], [10, 0, 8]], diameter_mm: 2 }
    - { kind: vessel, name: v, path_mm: [[-10, 4, 8], [10, 4, 8]], diameter_mm: 1, flow_temperature_c: 36 }
    - { kind: tube, name: t, tissue: tendon, path_mm: [[-10, -4, 8], [10, -4, 8]], diameter_mm: 1 }
    - { kind: box, name: b, tissue: bone, min_mm: [-10, -8, 16], max_mm: [10, 8, 20] }
    - { kind: cylinder, name: c, tissue: fat, start_mm: [0, -8, 12], end_mm: [0, 8, 12], diameter_mm: 1 }
    - { kind: sphere, name: s, tissue: gel, center_mm: [5, 5, 3], diameter_mm: 2 }
probes:
  - kind: needle
    id: a
    tip_mm: [2, 1, 8]
    direction: { angle_to_skin_deg: 0, azimuth_deg: 90 }
    diameter_mm: 1.3
    active_length_mm: 6
    shaft: bare
    material: { k_w_mk: 20, c_j_m3k: 3.5e6 }
    cooling: { cryogen: { temperature_c: -88, h_w_m2k: 1500 } }
  - { kind: contact, id: b, center_mm: [0, 0], diameter_mm: 6, cooling: { power_w: 3 } }
protocol:
  cooling: { curve: [[0, 20], [5, -70]] }
  phases:
    - { freeze_s: 30, probes: [a] }
    - { thaw_s: 10, thaw: active, thaw_temperature_c: 30 }
    - { kind: freeze, duration_s: 20 }
    - { kind: thaw, duration_s: 5 }
  warmers: [ { name: w, center_mm: [5, 0], size_mm: [4, 3], temperature_c: 40 } ]
grid: { x_mm: [${edges(-10, 10)}], y_mm: [${edges(-8, 8)}], z_mm: [${edges(0, 20)}] }
solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 3, tolerance_c: 1e-4, max_iterations: 50, initial: uniform }
outputs: { isotherms_c: [0, -30], series_interval_s: 0.5, volumes: [vti, nrrd] }
`;
  const { scene } = parseCase(text, 'full.yaml');
  assert.equal(scene.description, 'all fields');
  assert.equal(scene.body_temperature_c, 36.5);
  assert.deepEqual(scene.domain.boundaries, {
    x_min: 'adiabatic',
    x_max: 'body',
    y_min: 'adiabatic',
    y_max: 'adiabatic',
    bottom: 'adiabatic',
    surface: { kind: 'convection', h_w_m2k: 5, air_temperature_c: 20 },
  });
  assert.deepEqual(scene.layers, [
    { tissue: 'skin', thickness_mm: 2, name: 'dermis' },
    { tissue: 'muscle', thickness_mm: 18 },
  ]);
  assert.deepEqual(
    scene.structures.map((s) => [s.kind, s.role, s.tissue]),
    [
      ['tube', 'nerve', 'nerve'],
      ['tube', 'vessel', 'blood'],
      ['tube', 'other', 'tendon'],
      ['box', 'other', 'bone'],
      ['cylinder', 'other', 'fat'],
      ['sphere', 'other', 'gel'],
    ],
  );
  assert.equal((scene.structures[1] as { flow_temperature_c?: number }).flow_temperature_c, 36);
  const a = scene.probes[0] as NeedleProbe;
  assert.deepEqual(a.direction, [0, 1, 0]);
  assert.equal(a.shaft, 'bare');
  assert.deepEqual(a.material, { k_w_mk: 20, c_j_m3k: 3.5e6 });
  assert.deepEqual(a.cooling, { mode: 'cryogen', temperature_c: -88, h_w_m2k: 1500 });
  assert.deepEqual(scene.probes[1], { kind: 'contact', id: 'b', center_mm: [0, 0], diameter_mm: 6, cooling: { mode: 'power', watts: 3 } });
  assert.deepEqual(scene.protocol, [
    { kind: 'freeze', duration_s: 30, probes: ['a'] },
    { kind: 'thaw', duration_s: 10, thaw: 'active', thaw_temperature_c: 30 },
    { kind: 'freeze', duration_s: 20 },
    { kind: 'thaw', duration_s: 5, thaw: 'passive' },
  ]);
  assert.deepEqual(scene.warmers, [{ name: 'w', center_mm: [5, 0], size_mm: [4, 3], temperature_c: 40, h_w_m2k: 500 }]);
  assert.deepEqual(scene.grid, { kind: 'edges', x_mm: edges(-10, 10), y_mm: edges(-8, 8), z_mm: edges(0, 20) });
  assert.deepEqual(scene.solver, {
    dt_min_s: 0.01,
    dt_max_s: 1,
    max_change_c: 3,
    tolerance_c: 1e-4,
    max_iterations: 50,
    initial: 'uniform',
    integrator: 'bdf2',
    time_error_c: 2,
  });
  assert.deepEqual(scene.outputs, { isotherms_c: [0, -30], series_interval_s: 0.5, volumes: ['vti', 'nrrd'] });
});

test('insertion angles give the direction: 90° is straight down, 30° heads along the azimuth', () => {
  const dir = (d: string) => (parseCase(MINIMAL.replace('direction: [0, 0, 2]', `direction: ${d}`), 'm.yaml').scene.probes[0] as NeedleProbe).direction;
  assert.deepEqual(dir('{ angle_to_skin_deg: 90 }'), [0, 0, 1]);
  const d = dir('{ angle_to_skin_deg: 30, azimuth_deg: 180 }');
  close(d[0], -Math.cos(Math.PI / 6));
  assert.equal(d[1], 0);
  close(d[2], 0.5);
});

const withTissues = (yaml: string) => parseCase(MINIMAL.replace('probes:', `tissues:\n${yaml}\nprobes:`), 'm.yaml').scene.tissues;

test('a tissue given per kilogram, like a database row, becomes the library model of it', () => {
  const t = withTissues(
    '  liver: { k_unfrozen_w_mk: 0.52, density_kg_m3: 1079, c_unfrozen_j_kgk: 3540, perfusion_ml_min_kg: 860, metabolic_w_kg: 9.9, water_fraction: 0.72 }',
  ).liver;
  const ref = tissueFromSpec({
    id: 'liver',
    label: 'liver',
    k: 0.52,
    rho: 1079,
    c: 3540,
    perfusion_ml_min_kg: 860,
    metabolic_w_kg: 9.9,
    water: 0.72,
    source: '',
  });
  for (const f of ['k_unfrozen_w_mk', 'k_frozen_w_mk', 'c_unfrozen_j_m3k', 'c_frozen_j_m3k', 'latent_j_m3', 'perfusion_w_m3k', 'metabolic_w_m3'] as const)
    close(t[f], ref[f], 1e-9);
  assert.equal(t.solidus_c, -8);
  assert.equal(t.liquidus_c, -1);
  assert.equal(t.source, 'defined in the case');
});

test('overrides of a built-in tissue change only what they name (and what follows from it)', () => {
  const t = withTissues(
    [
      '  muscle: { perfusion_ml_min_kg: 0 }',
      '  m2: { base: muscle, solidus_c: -1.2, liquidus_c: -0.8 }',
      '  fat2: { base: fat, k_unfrozen_w_mk: 0.25 }',
      '  vol: { base: skin, c_unfrozen_j_m3k: 3.5e6, perfusion_w_m3k: 1000, label: Skin (volumetric) }',
    ].join('\n'),
  );
  assert.equal(t.muscle.perfusion_w_m3k, 0);
  assert.deepEqual({ ...t.muscle, perfusion_w_m3k: 0, source: '' }, { ...TISSUE_LIBRARY.muscle, perfusion_w_m3k: 0, source: '' });
  assert.match(t.muscle.source!, /changed in the case: perfusion_ml_min_kg/);
  assert.deepEqual({ ...t.m2, id: 'muscle', label: 'Skeletal muscle', solidus_c: -8, liquidus_c: -1, source: '' }, { ...TISSUE_LIBRARY.muscle, source: '' });
  assert.equal(t.m2.label, 'm2');
  // Fat freezes by the mixture rule: its frozen conductivity follows the unfrozen one.
  close(t.fat2.k_frozen_w_mk - t.fat2.k_unfrozen_w_mk, TISSUE_LIBRARY.fat.k_frozen_w_mk - TISSUE_LIBRARY.fat.k_unfrozen_w_mk, 1e-9);
  assert.equal(t.vol.c_unfrozen_j_m3k, 3.5e6);
  assert.equal(t.vol.perfusion_w_m3k, 1000);
  assert.equal(t.vol.label, 'Skin (volumetric)');
  close(perfusionCoefficient(0, 1000), 0);
});

test('a new tissue given per volume needs no density', () => {
  const t = withTissues('  plastic: { k_unfrozen_w_mk: 0.2, c_unfrozen_j_m3k: 1.5e6, latent_j_m3: 0 }').plastic;
  assert.deepEqual([t.k_frozen_w_mk, t.c_frozen_j_m3k, t.latent_j_m3, t.perfusion_w_m3k, t.metabolic_w_m3], [0.2, 1.5e6, 0, 0, 0]);
});

test('JSON and YAML spellings of a case resolve to the same scene and hash', () => {
  const yaml = parseCase(MINIMAL, 'm.yaml');
  const json = parseCase(
    JSON.stringify({
      name: 'minimal',
      domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 20 },
      probes: [{ kind: 'needle', id: 'p', tip_mm: [0, 0, 10], direction: [0, 0, 2], diameter_mm: 2, active_length_mm: 5 }],
      protocol: { cooling: { temperature_c: -70 }, phases: [{ freeze_s: 60 }] },
    }),
    'm.json',
  );
  assert.deepEqual(json.scene, yaml.scene);
  assert.equal(json.hash, yaml.hash);
  assert.match(yaml.hash, /^[0-9a-f]{16}$/);
});

test('a JSON case may name its schema', () => {
  const { scene } = parseCase(
    JSON.stringify({
      $schema: '../schema/case.schema.json',
      ...JSON.parse(
        JSON.stringify({
          name: 'x',
          domain: { x_mm: [-5, 5], y_mm: [-5, 5], depth_mm: 10 },
          probes: [{ kind: 'contact', id: 'c', center_mm: [0, 0], diameter_mm: 4 }],
          protocol: { cooling: { temperature_c: -196 }, phases: [{ freeze_s: 5 }] },
        }),
      ),
    }),
    'x.json',
  );
  assert.equal(scene.name, 'x');
});

test('a catalogue model fills a probe’s geometry and cooling; the probe’s own fields win', async () => {
  const { PROBE_CATALOGUE } = await import('../../src/core/probe/catalogue.js');
  const m = PROBE_CATALOGUE['n2o-2.0'];
  const text = MINIMAL.replace('diameter_mm: 2, active_length_mm: 5 }', 'model: n2o-2.0 }').replace('  cooling: { temperature_c: -70 }\n', '');
  const p = parseCase(text, 'm.yaml').scene.probes[0] as NeedleProbe;
  assert.equal(p.diameter_mm, m.diameter_mm);
  assert.equal(p.active_length_mm, m.active_length_mm);
  assert.deepEqual(p.cooling, m.cooling);
  const own = parseCase(MINIMAL.replace('diameter_mm: 2,', 'model: n2o-2.0, diameter_mm: 2.5,'), 'm.yaml').scene.probes[0] as NeedleProbe;
  assert.equal(own.diameter_mm, 2.5);
  assert.equal(own.active_length_mm, 5);
  // protocol.cooling is the fallback for probes without any: the model's calibrated cooling comes first.
  assert.deepEqual(own.cooling, m.cooling);
});

test('a multi-tip handpiece becomes one needle per tip, in a row across the needle, named by the case’s id', async () => {
  const { PROBE_CATALOGUE } = await import('../../src/core/probe/catalogue.js');
  const entry = Object.values(PROBE_CATALOGUE).find((e) => (e.tips?.count ?? 1) > 1);
  assert.ok(entry, 'the catalogue has a multi-tip probe');
  const text = MINIMAL.replace('direction: [0, 0, 2], diameter_mm: 2, active_length_mm: 5 }', `direction: [0, 0, 1], model: ${entry.id} }`).replace(
    'phases: [ { freeze_s: 60 } ]',
    'phases: [ { freeze_s: 60, probes: [p] } ]',
  );
  const { scene } = parseCase(text, 'm.yaml');
  const n = entry.tips!.count,
    sp = entry.tips!.spacing_mm;
  assert.equal(scene.probes.length, n);
  const xs = scene.probes.map((p) => (p as NeedleProbe).tip_mm[0]);
  assert.ok(Math.abs(xs[n - 1] - xs[0] - (n - 1) * sp) < 1e-12);
  assert.ok(Math.abs(xs.reduce((a, b) => a + b, 0)) < 1e-12, 'centred on the given tip');
  assert.deepEqual(
    scene.protocol[0].probes,
    scene.probes.map((p) => p.id),
  );
});
