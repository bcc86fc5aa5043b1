/**
 * Malformed cases: each must be refused with its own message naming the field and
 * the reason. Cases are small text edits of a valid base case, so that each row
 * breaks exactly one thing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';

const BASE = `name: base
domain: { x_mm: [-20, 20], y_mm: [-20, 20], depth_mm: 40 }
anatomy:
  layers:
    - { tissue: skin, thickness_mm: 2 }
    - { tissue: fat, thickness_mm: 6 }
    - { tissue: muscle, thickness_mm: 24 }
    - { tissue: bone, thickness_mm: 8 }
  structures:
    - { kind: nerve, name: n1, path_mm: [[-20, 0, 12], [20, 0, 12]], diameter_mm: 3 }
probes:
  - { kind: needle, id: p1, tip_mm: [0, 3, 12], direction: [1, 0, 0], diameter_mm: 1.3, active_length_mm: 8 }
protocol:
  cooling: { temperature_c: -70 }
  phases:
    - { freeze_s: 90 }
grid: { spacing_mm: 1 }
`;

const edit = (from: string, to: string, base = BASE) => {
  assert.ok(base.includes(from), `fixture edit '${from}' not found`);
  return base.replace(from, to);
};
const addTissue = (yaml: string) => edit('grid:', `tissues:\n  ${yaml}\ngrid:`);
const addStructure = (yaml: string) => edit('  structures:\n', `  structures:\n    - ${yaml}\n`);
const addPhase = (yaml: string) => edit('    - { freeze_s: 90 }\n', `    - { freeze_s: 90 }\n    - ${yaml}\n`);
const setProbe = (yaml: string) => edit(/ {2}- \{ kind: needle.*\n/.exec(BASE)![0], `  - ${yaml}\n`);

/** [what, case text, field path, message fragment] */
const cases: Array<[string, string, string, RegExp]> = [
  // Missing or misnamed fields
  ['missing name', edit('name: base\n', ''), 'name', /is required/],
  ['missing domain', edit('domain: { x_mm: [-20, 20], y_mm: [-20, 20], depth_mm: 40 }\n', ''), 'domain', /is required/],
  ['missing probes', edit(/probes:\n.*\n/.exec(BASE)![0], ''), 'probes', /no probe: list at least one here, or place needles with template/],
  ['empty name', edit('name: base', "name: ''"), 'name', /must not be empty/],
  ['unit-less field', edit('depth_mm: 40', 'depth: 40'), 'domain', /unknown field 'depth' \(did you mean 'depth_mm'\? units are part of the names\)/],
  ['wrong unit in a name', edit('depth_mm: 40', 'depth_cm: 4'), 'domain', /unknown field 'depth_cm' \(did you mean 'depth_mm'\?/],
  ['misspelt field', edit('diameter_mm: 1.3', 'diamter_mm: 1.3'), 'probes[0]', /unknown field 'diamter_mm' \(did you mean 'diameter_mm'\?\)/],
  ['misspelt top-level section', edit('protocol:', 'protocl:'), '', /unknown field 'protocl' \(did you mean 'protocol'\?\)/],
  [
    'phase without its unit',
    edit('{ freeze_s: 90 }', '{ freeze: 90 }'),
    'protocol.phases[0]',
    /must be \{freeze_s\}.*unknown field 'freeze' \(did you mean 'freeze_s'\?/,
  ],
  [
    'long-form phase with a unit-less duration',
    edit('{ freeze_s: 90 }', '{ kind: freeze, duration: 90 }'),
    'protocol.phases[0]',
    /unknown field 'duration' \(did you mean 'duration_s'\?/,
  ],
  [
    'unknown phase kind',
    edit('{ freeze_s: 90 }', '{ kind: freez, duration_s: 90 }'),
    'protocol.phases[0].kind',
    /must be one of 'freeze', 'thaw' \(got 'freez'; did you mean 'freeze'\?\)/,
  ],
  [
    'unknown cooling form',
    edit('cooling: { temperature_c: -70 }', 'cooling: { temp_c: -70 }'),
    'protocol.cooling',
    /must be one of \{temperature_c\}.*unknown field 'temp_c' \(did you mean 'temperature_c'\?\)/,
  ],
  [
    'unknown grid form',
    edit('grid: { spacing_mm: 1 }', 'grid: { spacing: 1 }'),
    'grid',
    /must be 'auto'.*unknown field 'spacing' \(did you mean 'spacing_mm'\?/,
  ],
  ['grid as an unknown word', edit('grid: { spacing_mm: 1 }', 'grid: automatic'), 'grid', /must be 'auto'.*\(got 'automatic'\)/],
  ['unknown structure kind', edit('kind: nerve,', 'kind: nerv,'), 'anatomy.structures[0].kind', /must be one of 'nerve', 'vessel'.*did you mean 'nerve'/],
  [
    'unknown enum value',
    edit('diameter_mm: 1.3,', 'diameter_mm: 1.3, shaft: insulted,'),
    'probes[0].shaft',
    /must be 'insulated' or 'bare' \(got 'insulted'; did you mean 'insulated'\?\)/,
  ],
  // Wrong types and non-numbers
  ['a number given as text', edit('depth_mm: 40', "depth_mm: '40 mm'"), 'domain.depth_mm', /must be a number \(got '40 mm'\)/],
  ['NaN', edit('freeze_s: 90', 'freeze_s: .nan'), 'protocol.phases[0].freeze_s', /must be a finite number \(got NaN\)/],
  ['infinity', edit('name: base\n', 'name: base\nbody_temperature_c: .inf\n'), 'body_temperature_c', /finite number \(got Infinity\)/],
  ['a mapping where a list belongs', edit('phases:\n    - { freeze_s: 90 }', 'phases: { freeze_s: 90 }'), 'protocol.phases', /must be a list/],
  ['direction with two numbers', edit('direction: [1, 0, 0]', 'direction: [1, 0]'), 'probes[0].direction', /must be \[x, y, z\].*\(got \[1, 0\]\)/],
  ['tip with four numbers', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, 12, 1]'), 'probes[0].tip_mm', /list of 3 numbers \(got 4\)/],
  ['fractional max_cells', edit('grid: { spacing_mm: 1 }', 'grid: { spacing_mm: 1, max_cells: 1.5 }'), 'grid.max_cells', /whole number \(got 1.5\)/],
  // Out of range
  ['negative layer thickness', edit('thickness_mm: 6', 'thickness_mm: -6'), 'anatomy.layers[1].thickness_mm', /must be > 0 \(got -6\)/],
  ['negative conductivity', addTissue('gel2: { base: gel, k_unfrozen_w_mk: -0.2 }'), 'tissues.gel2.k_unfrozen_w_mk', /must be > 0 \(got -0.2\)/],
  ['water fraction above 1', addTissue('wet: { base: muscle, water_fraction: 1.2 }'), 'tissues.wet.water_fraction', /must be ≤ 1 \(got 1.2\)/],
  ['negative freeze time', edit('freeze_s: 90', 'freeze_s: -90'), 'protocol.phases[0].freeze_s', /must be > 0 \(got -90\)/],
  [
    'insertion angle beyond 90°',
    edit('direction: [1, 0, 0]', 'direction: { angle_to_skin_deg: 120 }'),
    'probes[0].direction.angle_to_skin_deg',
    /must be ≤ 90 \(got 120\)/,
  ],
  ['empty protocol', edit('  phases:\n    - { freeze_s: 90 }\n', '  phases: []\n'), 'protocol.phases', /must contain at least one phase/],
  ['no probes', edit(/probes:\n.*\n/.exec(BASE)![0], 'probes: []\n'), 'probes', /no probe: list at least one here, or place needles with template/],
  // Tissues
  [
    'unknown tissue with a suggestion',
    edit('tissue: muscle,', 'tissue: mucsle,'),
    'anatomy.layers[2].tissue',
    /unknown tissue 'mucsle' \(did you mean 'muscle'\?\)/,
  ],
  ['unknown base tissue', addTissue("x: { base: 'skn' }"), 'tissues.x.base', /unknown tissue 'skn' \(did you mean 'skin'\?\)/],
  [
    'outcome thresholds out of order',
    edit('grid:', 'outcome: { nerve: { axonotmesis_c: 20 } }\ngrid:'),
    'outcome.nerve.axonotmesis_c',
    /must be colder than neurapraxia_c/,
  ],
  [
    'outcome regrowth rate not positive',
    edit('grid:', 'outcome: { nerve: { regrowth_mm_day: [0, 2] } }\ngrid:'),
    'outcome.nerve.regrowth_mm_day[0]',
    /greater than 0|positive|> ?0/,
  ],
  ['unknown outcome threshold', edit('grid:', 'outcome: { skin: { blister_c: -2 } }\ngrid:'), 'outcome.skin', /blister_c/],
  [
    'unknown probe model',
    edit('diameter_mm: 1.3, active_length_mm: 8 }', 'model: n2o-1.2 }'),
    'probes[0].model',
    /unknown probe model 'n2o-1.2' \(did you mean 'n2o-1.3'/,
  ],
  [
    'contact model on a needle',
    edit('diameter_mm: 1.3, active_length_mm: 8 }', 'model: ln2-contact-5 }'),
    'probes[0].model',
    /is a contact probe, but this probe is kind: needle/,
  ],
  ['needle without diameter or model', edit('diameter_mm: 1.3, ', ''), 'probes[0].diameter_mm', /is required \(or name a catalogue model/],
  [
    'solidus above liquidus',
    addTissue('odd: { base: muscle, solidus_c: 2, liquidus_c: -1 }'),
    'tissues.odd.solidus_c',
    /solidus \(2 °C\) must lie below the liquidus \(-1 °C\)/,
  ],
  ['new tissue without its properties', addTissue('mystery: { k_unfrozen_w_mk: 0.4 }'), 'tissues.mystery', /needs c_unfrozen_j_m3k .* latent heat/],
  [
    'per-kilogram values without a density',
    addTissue('t: { k_unfrozen_w_mk: 0.4, c_unfrozen_j_kgk: 3500, water_fraction: 0.7 }'),
    'tissues.t.density_kg_m3',
    /needed to convert c_unfrozen_j_kgk, water_fraction/,
  ],
  [
    'the same quantity given twice',
    addTissue('t: { base: muscle, perfusion_w_m3k: 2000, perfusion_ml_min_kg: 30 }'),
    'tissues.t.perfusion_ml_min_kg',
    /either perfusion_w_m3k or perfusion_ml_min_kg/,
  ],
  [
    'mixture rule with a negative frozen heat capacity',
    addTissue('t: { k_unfrozen_w_mk: 0.4, density_kg_m3: 1000, c_unfrozen_j_kgk: 1000, water_fraction: 0.9 }'),
    'tissues.t',
    /frozen heat capacity of -8.72e\+5/,
  ],
  // Geometry
  ['domain with min above max', edit('x_mm: [-20, 20]', 'x_mm: [20, -20]'), 'domain.x_mm', /min < max \(got \[20, -20\]\)/],
  ['probe beyond the domain in x', edit('tip_mm: [0, 3, 12]', 'tip_mm: [45, 3, 12]'), 'probes[0].tip_mm', /lies outside the domain \(x ≤ 20\)/],
  ['probe tip above the skin', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, -2]'), 'probes[0].tip_mm', /above the skin/],
  ['probe tip below the domain', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, 41]'), 'probes[0].tip_mm', /below the domain \(z ≤ 40\)/],
  ['probe tip in a bone layer', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, 36]'), 'probes[0].tip_mm', /inside bone/],
  [
    'probe tip in a bone structure',
    addStructure('{ kind: sphere, name: rib, tissue: bone, center_mm: [2, 3, 12], diameter_mm: 4 }'),
    'probes[0].tip_mm',
    /inside bone \('rib'\)/,
  ],
  [
    'active segment out through the skin',
    setProbe('{ kind: needle, id: p1, tip_mm: [0, 3, 4], direction: [0, 0, 1], diameter_mm: 1.3, active_length_mm: 8 }'),
    'probes[0].active_length_mm',
    /reach 4.0 mm above the skin/,
  ],
  ['active segment out of the domain', edit('tip_mm: [0, 3, 12]', 'tip_mm: [-15, 3, 12]'), 'probes[0].active_length_mm', /leaves the domain .*x ≥ -20/],
  ['zero direction', edit('direction: [1, 0, 0]', 'direction: [0, 0, 0]'), 'probes[0].direction', /zero vector/],
  ['needle pointing up out of the body', edit('direction: [1, 0, 0]', 'direction: [0, 0, -1]'), 'probes[0].direction', /points up towards the skin/],
  [
    'contact probe off the skin',
    setProbe('{ kind: contact, id: c1, center_mm: [30, 0], diameter_mm: 10 }'),
    'probes[0].center_mm',
    /outside the domain's skin/,
  ],
  [
    'contact probe over the edge',
    setProbe('{ kind: contact, id: c1, center_mm: [18, 0], diameter_mm: 10 }'),
    'probes[0].diameter_mm',
    /reaches past the domain's edge/,
  ],
  [
    'nerve outside the domain',
    edit('path_mm: [[-20, 0, 12], [20, 0, 12]]', 'path_mm: [[-20, 50, 12], [20, 50, 12]]'),
    'anatomy.structures[0].path_mm',
    /nerve 'n1' lies entirely outside the domain/,
  ],
  [
    'nerve running up out of the skin',
    edit('path_mm: [[-20, 0, 12], [20, 0, 12]]', 'path_mm: [[-20, 0, 12], [20, 0, -3]]'),
    'anatomy.structures[0].path_mm[1]',
    /nerve 'n1' lies above the skin \(z is the depth below the skin and must be ≥ 0; got -3\)/,
  ],
  [
    'active segment through a bone structure',
    addStructure('{ kind: sphere, name: rib, tissue: bone, center_mm: [-4, 3, 12], diameter_mm: 3 }'),
    'probes[0].tip_mm',
    /the active segment passes through bone \('rib'\)/,
  ],
  // Condition presets
  ['unknown condition', 'condition: intercostl\n', 'condition', /unknown condition 'intercostl' \(did you mean 'intercostal'\?\)/],
  ['condition that is not a name', 'condition: [intercostal]\n', 'condition', /must name a condition preset: one of intercostal, cluneal/],
  [
    "file's probe placed in the preset's rib",
    'condition: intercostal\nprobes:\n  - { kind: needle, id: p, model: n2o-2.0, tip_mm: [0, 10, 30], direction: [0, 0, 1] }\n',
    'probes[0].tip_mm',
    /^lies inside bone \('rib above'\)$/,
  ],
  [
    "preset's probe left outside the file's narrower domain",
    'condition: cluneal\ndomain: { x_mm: [-1, 1] }\n',
    'probes[0].tip_mm',
    /lies outside the domain \(x ≤ 1\) \(set by condition 'cluneal'\)/,
  ],
  [
    "preset's nerve left outside the file's domain",
    'condition: interdigital\ndomain: { x_mm: [10, 20] }\nprobes:\n  - { kind: needle, id: p, model: n2o-1.3, tip_mm: [15, 0, 14], direction: [0, 0, 1] }\n',
    'anatomy.structures[2].path_mm',
    /lies entirely outside the domain \(set by condition 'interdigital'\)/,
  ],
  ['nerve of no length', edit('path_mm: [[-20, 0, 12], [20, 0, 12]]', 'path_mm: [[0, 0, 12], [0, 0, 12]]'), 'anatomy.structures[0].path_mm', /no length/],
  [
    'box inside out',
    addStructure('{ kind: box, name: b, tissue: bone, min_mm: [0, 0, 30], max_mm: [5, -5, 35] }'),
    'anatomy.structures[0].max_mm',
    /must exceed min_mm in y/,
  ],
  [
    'cylinder of no length',
    addStructure('{ kind: cylinder, name: c, tissue: bone, start_mm: [0, 5, 30], end_mm: [0, 5, 30], diameter_mm: 2 }'),
    'anatomy.structures[0].end_mm',
    /no length/,
  ],
  [
    'sphere outside the domain',
    addStructure('{ kind: sphere, name: s, tissue: fat, center_mm: [0, 0, 60], diameter_mm: 4 }'),
    'anatomy.structures[0]',
    /sphere 's' lies entirely outside the domain/,
  ],
  // Probes and protocol
  [
    'duplicate probe ids',
    edit('probes:\n', 'probes:\n  - { kind: needle, id: p1, tip_mm: [0, -3, 12], direction: [1, 0, 0], diameter_mm: 1.3, active_length_mm: 8 }\n'),
    'probes[1].id',
    /duplicate probe id 'p1'/,
  ],
  [
    'phase names an unknown probe',
    edit('{ freeze_s: 90 }', '{ freeze_s: 90, probes: [p2] }'),
    'protocol.phases[0].probes',
    /unknown probe 'p2' \(did you mean 'p1'\?\)/,
  ],
  ['active thaw without temperature', addPhase('{ thaw_s: 20, thaw: active }'), 'protocol.phases[1].thaw_temperature_c', /active thaw needs the temperature/],
  ['passive thaw with a temperature', addPhase('{ thaw_s: 20, thaw_temperature_c: 20 }'), 'protocol.phases[1].thaw_temperature_c', /only to an active thaw/],
  ['no cooling anywhere', edit('  cooling: { temperature_c: -70 }\n', ''), 'probes[0].cooling', /no cooling given/],
  [
    'cooling curve going back in time',
    edit('cooling: { temperature_c: -70 }', 'cooling: { curve: [[0, 20], [10, -70], [5, -80]] }'),
    'protocol.cooling.curve[2]',
    /times must not decrease \(5 s after 10 s\)/,
  ],
  [
    'a string in a cooling curve',
    edit('cooling: { temperature_c: -70 }', 'cooling: { curve: [[0, 20], [10, cold]] }'),
    'protocol.cooling.curve[1][1]',
    /must be a number \(got 'cold'\)/,
  ],
  [
    'warmer off the skin',
    edit('  phases:', '  warmers: [{ name: w, center_mm: [0, 40], size_mm: [10, 10], temperature_c: 40 }]\n  phases:'),
    'protocol.warmers[0].center_mm',
    /outside the domain's skin/,
  ],
  // Grid and solver
  ['huge grid', edit('grid: { spacing_mm: 1 }', 'grid: { spacing_mm: 0.05 }'), 'grid', /would have 512,000,000 cells, more than the limit of 4,000,000/],
  ['grid larger than the domain', edit('grid: { spacing_mm: 1 }', 'grid: { spacing_mm: 50 }'), 'grid.spacing_mm', /larger than the domain/],
  [
    'grid edges not increasing',
    edit('grid: { spacing_mm: 1 }', 'grid: { x_mm: [-20, 0, -1, 20], y_mm: [-20, 20], z_mm: [0, 40] }'),
    'grid.x_mm[2]',
    /edges must increase \(-1 after 0\)/,
  ],
  [
    'grid edges not spanning the domain',
    edit('grid: { spacing_mm: 1 }', 'grid: { x_mm: [-20, 20], y_mm: [-20, 20], z_mm: [0, 30] }'),
    'grid.z_mm',
    /must run from 0 to 40/,
  ],
  [
    'auto grid with h_min above h_max',
    edit('grid: { spacing_mm: 1 }', 'grid: { auto: { h_min_mm: 3, h_max_mm: 1 } }'),
    'grid.auto.h_min_mm',
    /must not exceed h_max_mm/,
  ],
  ['auto grid accuracy of zero', edit('grid: { spacing_mm: 1 }', 'grid: { auto: { accuracy: 0 } }'), 'grid.auto.accuracy', /must be ≥ 0\.001 \(got 0\)/],
  [
    'auto grid accuracy given as a percentage',
    edit('grid: { spacing_mm: 1 }', 'grid: { auto: { accuracy: 2 } }'),
    'grid.auto.accuracy',
    /must be ≤ 0\.2 \(got 2\)/,
  ],
  [
    'layer thinner than the grid cells',
    edit('    - { tissue: fat, thickness_mm: 6 }\n', '    - { tissue: fat, thickness_mm: 6 }\n    - { tissue: muscle, name: fascia, thickness_mm: 0.3 }\n'),
    'anatomy.layers[2]',
    /'fascia' is 0\.3 mm thick and no cell centre falls inside it \(cells there are 1 mm deep\): refine grid\.spacing_mm/,
  ],
  [
    'layer below the domain',
    edit('    - { tissue: bone, thickness_mm: 8 }\n', '    - { tissue: bone, thickness_mm: 8 }\n    - { tissue: fat, thickness_mm: 5 }\n'),
    'anatomy.layers[4]',
    /starts at depth 40 mm, below the domain/,
  ],
  [
    'structure smaller than the grid cells',
    addStructure('{ kind: sphere, name: grain, tissue: fat, center_mm: [5, 5, 20], diameter_mm: 0.3 }'),
    'anatomy.structures[0]',
    /'grain' is too small for the grid: no cell centre falls inside it \(cells near it are up to 1 mm\)/,
  ],
  ['solver with dt_min above dt_max', edit('grid:', 'solver: { dt_min_s: 50 }\ngrid:'), 'solver.dt_min_s', /must not exceed dt_max_s \(50 > 30\)/],
];

test('at least 20 malformed cases are covered', () => assert.ok(cases.length >= 20));

for (const [what, text, path, reason] of cases) {
  test(`bad input: ${what}`, () => {
    assert.throws(
      () => parseCase(text, 'bad.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof CaseError, `expected a CaseError, got ${e}`);
        const hit = e.issues.find((i) => i.path === path && reason.test(i.message));
        assert.ok(hit, `no issue at '${path}' matching ${reason}; got:\n${e.message}`);
        // The printed form is FILE: field.path: reason, one problem a line.
        assert.ok(e.message.split('\n').includes(`bad.yaml: ${path ? `${path}: ` : ''}${hit.message}`), e.message);
        return true;
      },
    );
  });
}

test('bad input: YAML syntax error gives line and column', () => {
  const text = edit('  phases:\n', '  phases: [\n');
  assert.throws(
    () => parseCase(text, 'bad.yaml'),
    (e: unknown) => e instanceof CaseError && /^bad\.yaml: line 1[3-9], column \d+: syntax error/.test(e.message),
  );
});

test('bad input: duplicate YAML keys are refused, not silently merged', () => {
  assert.throws(
    () => parseCase(edit('name: base\n', 'name: base\nname: other\n'), 'bad.yaml'),
    (e: unknown) => e instanceof CaseError && /line 2, column 1: syntax error: Map keys must be unique/.test(e.message),
  );
});

test('bad input: JSON syntax error gives line and column', () => {
  const json = '{\n  "name": "x",\n  "domain": {,}\n}\n';
  assert.throws(
    () => parseCase(json, 'bad.json'),
    (e: unknown) => e instanceof CaseError && /^bad\.json: line 3, column 14: JSON syntax error/.test(e.message),
  );
});

test('bad input: a document that is not a mapping', () => {
  for (const text of ['', '- a\n- b\n', '42\n']) {
    assert.throws(
      () => parseCase(text, 'bad.yaml'),
      (e: unknown) => e instanceof CaseError && /must be a mapping/.test(e.message),
    );
  }
});

test('every structural problem is reported, not just the first', () => {
  const text = edit('thickness_mm: 6', 'thickness_mm: -6').replace('diameter_mm: 1.3', "diameter_mm: 'thin'").replace('freeze_s: 90', 'freeze_s: 0');
  assert.throws(
    () => parseCase(text, 'bad.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof CaseError);
      assert.deepEqual(e.issues.map((i) => i.path).sort(), ['anatomy.layers[1].thickness_mm', 'probes[0].diameter_mm', 'protocol.phases[0].freeze_s']);
      return true;
    },
  );
});

test('every cross-field problem is reported, not just the first', () => {
  const text = edit('tissue: muscle,', 'tissue: mucsle,')
    .replace('direction: [1, 0, 0]', 'direction: [0, 0, 0]')
    .replace('[[-20, 0, 12], [20, 0, 12]]', '[[-20, 50, 12], [20, 50, 12]]');
  assert.throws(
    () => parseCase(text, 'bad.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof CaseError);
      assert.deepEqual(e.issues.map((i) => i.path).sort(), ['anatomy.layers[2].tissue', 'anatomy.structures[0].path_mm', 'probes[0].direction']);
      assert.equal(e.message.split('\n').length, 3);
      return true;
    },
  );
});

test('the valid base case resolves', () => {
  const { scene } = parseCase(BASE, 'base.yaml');
  assert.equal(scene.probes.length, 1);
  assert.equal(scene.tissues.muscle.k_unfrozen_w_mk, 0.49);
});
