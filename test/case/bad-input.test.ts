/**
 * Malformed cases: each must be refused with its own message naming the field and
 * the reason. Cases are written as YAML text edits of a valid base case.
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

const edit = (from: string, to: string) => {
  assert.ok(BASE.includes(from), `fixture edit '${from}' not found`);
  return BASE.replace(from, to);
};

const cases: Array<[string, string, string, RegExp]> = [
  ['missing name', edit('name: base\n', ''), 'name', /expected string|Required|received undefined/i],
  ['missing domain', edit('domain: { x_mm: [-20, 20], y_mm: [-20, 20], depth_mm: 40 }\n', ''), 'domain', /object|undefined/i],
  ['unit-less field', edit('depth_mm: 40', 'depth: 40'), 'domain', /unknown field 'depth'.*depth_mm/],
  ['depth in a string', edit('depth_mm: 40', "depth_mm: '40 mm'"), 'domain.depth_mm', /number/],
  ['negative layer thickness', edit('thickness_mm: 6', 'thickness_mm: -6'), 'anatomy.layers[1].thickness_mm', /> 0/],
  ['unknown tissue with a suggestion', edit('tissue: muscle,', 'tissue: mucsle,'), 'anatomy.layers[2].tissue', /unknown tissue 'mucsle'.*muscle/],
  ['probe beyond the domain in x', edit('tip_mm: [0, 3, 12]', 'tip_mm: [45, 3, 12]'), 'probes[0].tip_mm', /outside the domain \(x ≤ 20\)/],
  ['probe above the skin', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, -2]'), 'probes[0].tip_mm', /above the skin/],
  ['probe tip in bone', edit('tip_mm: [0, 3, 12]', 'tip_mm: [0, 3, 36]'), 'probes[0].tip_mm', /inside bone/],
  ['zero direction', edit('direction: [1, 0, 0]', 'direction: [0, 0, 0]'), 'probes[0].direction', /zero vector/],
  ['direction with two numbers', edit('direction: [1, 0, 0]', 'direction: [1, 0]'), 'probes[0].direction', /./],
  ['negative conductivity', edit('grid:', 'tissues:\n  gel2: { base: gel, k_unfrozen_w_mk: -0.2 }\ngrid:'), 'tissues.gel2.k_unfrozen_w_mk', /> 0/],
  ['solidus above liquidus', edit('grid:', 'tissues:\n  odd: { base: muscle, solidus_c: 2, liquidus_c: -1 }\ngrid:'), 'tissues.odd.solidus_c', /below the liquidus/],
  ['new tissue without its properties', edit('grid:', 'tissues:\n  mystery: { latent_j_m3: 1e8 }\ngrid:'), 'tissues.mystery', /needs k_unfrozen_w_mk and c_unfrozen_j_m3k/],
  ['empty protocol', edit('  phases:\n    - { freeze_s: 90 }\n', '  phases: []\n'), 'protocol.phases', /at least one phase/],
  ['negative freeze time', edit('freeze_s: 90', 'freeze_s: -90'), 'protocol.phases[0].freeze_s', /> 0/],
  ['phase names an unknown probe', edit('{ freeze_s: 90 }', '{ freeze_s: 90, probes: [p2] }'), 'protocol.phases[0].probes', /unknown probe 'p2'.*p1/],
  ['active thaw without temperature', edit('    - { freeze_s: 90 }\n', '    - { freeze_s: 90 }\n    - { thaw_s: 20, thaw: active }\n'), 'protocol.phases[1].thaw_temperature_c', /active thaw/],
  ['no cooling anywhere', edit('  cooling: { temperature_c: -70 }\n', ''), 'probes[0].cooling', /no cooling/],
  ['cooling curve going back in time', edit('cooling: { temperature_c: -70 }', 'cooling: { curve: [[0, 20], [10, -70], [5, -80]] }'), 'protocol.cooling.curve', /must not decrease/],
  ['nerve outside the domain', edit('path_mm: [[-20, 0, 12], [20, 0, 12]]', 'path_mm: [[-20, 50, 12], [20, 50, 12]]'), 'anatomy.structures[0].path_mm', /entirely outside the domain/],
  ['huge grid', edit('grid: { spacing_mm: 1 }', 'grid: { spacing_mm: 0.05 }'), 'grid', /cells, more than the limit/],
  ['duplicate probe ids', edit('probes:\n', 'probes:\n  - { kind: needle, id: p1, tip_mm: [0, -3, 12], direction: [1, 0, 0], diameter_mm: 1.3, active_length_mm: 8 }\n'), 'probes[1].id', /duplicate probe id/],
  ['unknown structure kind', edit('kind: nerve,', 'kind: artery,'), 'anatomy.structures[0].kind', /./],
  ['domain with min above max', edit('x_mm: [-20, 20]', 'x_mm: [20, -20]'), 'domain.x_mm', /min < max/],
  ['contact probe off the skin', edit('probes:\n', 'probes:\n  - { kind: contact, id: c1, center_mm: [30, 0], diameter_mm: 10 }\n'), 'probes[0].center_mm', /outside the domain's skin/],
];

test('at least 20 malformed cases are covered', () => assert.ok(cases.length >= 20));

for (const [what, text, path, reason] of cases) {
  test(`bad input: ${what}`, () => {
    assert.throws(
      () => parseCase(text, 'bad.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof CaseError, `expected a CaseError, got ${e}`);
        const hit = e.issues.find((i) => i.path === path);
        assert.ok(hit, `no issue at '${path}'; got:\n${e.message}`);
        assert.match(hit.message, reason);
        assert.ok(e.message.startsWith('bad.yaml: '), 'the message names the file');
        return true;
      },
    );
  });
}

test('bad input: YAML syntax error gives line and column', () => {
  assert.throws(() => parseCase(edit('  phases:\n', '  phases: [\n'), 'bad.yaml'), (e: unknown) => e instanceof CaseError && /line \d+, column \d+: syntax error/.test(e.message));
});

test('several problems are reported together', () => {
  const text = edit('thickness_mm: 6', 'thickness_mm: -6').replace('direction: [1, 0, 0]', 'direction: [0, 0, 0]');
  try {
    parseCase(text, 'bad.yaml');
    assert.fail('accepted');
  } catch (e) {
    assert.ok(e instanceof CaseError);
    // Structural problems come first; the semantic ones once the structure is sound.
    assert.ok(e.issues.length >= 1);
  }
});

test('the valid base case resolves', () => {
  const { scene } = parseCase(BASE, 'base.yaml');
  assert.equal(scene.probes.length, 1);
  assert.deepEqual(scene.tissues.muscle.k_unfrozen_w_mk, 0.49);
});
