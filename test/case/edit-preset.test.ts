/** Editing a preset (issue 7, item 7): a catalogue model fills kind, id and direction; errors come in one pass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';
import { CONDITIONS } from '../../src/case/conditions/index.js';
import { caseJsonSchema } from '../../src/case/schema.js';

test('a probe given as {model, tip_mm} over a preset runs: the model gives the kind, the preset the id and direction', () => {
  const { scene } = parseCase('condition: intercostal\nprobes: [{model: n2o-1.3, tip_mm: [2, 0, 36]}]\n', 'mine.yaml');
  const preset = CONDITIONS.intercostal.case.probes![0] as { id: string };
  assert.equal(scene.probes.length, 1);
  const p = scene.probes[0];
  assert.equal(p.kind, 'needle');
  assert.equal(p.id, preset.id);
  assert.deepEqual(p.kind === 'needle' && p.tip_mm, [2, 0, 36]);
  // The intercostal preset's needle lies along the rib (+x), parallel to the skin.
  assert.deepEqual(p.kind === 'needle' && p.direction, [1, 0, 0]);
  assert.equal(p.kind === 'needle' && p.diameter_mm, 1.3);
});

test('without a preset a needle defaults to straight down and id "probe"', () => {
  const { scene } = parseCase(
    'name: x\ndomain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 30 }\nprobes: [{model: n2o-1.3, tip_mm: [0, 0, 15]}]\nprotocol: { phases: [ { freeze_s: 60 } ] }\ngrid: { spacing_mm: 1 }\n',
    'x.yaml',
  );
  const p = scene.probes[0];
  assert.equal(p.id, 'probe');
  assert.deepEqual(p.kind === 'needle' && p.direction, [0, 0, 1]);
});

test('every structural problem of a file is reported in one pass, a missing kind among them', () => {
  const text = 'condition: intercostal\nprobes: [{tip_mm: [2, 0, 36], diameter_mm: -1, active_length_mm: 5}]\nprotocol: { phases: [ { freeze_s: -1 } ] }\n';
  try {
    parseCase(text, 'bad.yaml');
    assert.fail('should be refused');
  } catch (e) {
    assert.ok(e instanceof CaseError);
    const paths = e.issues.map((i) => i.path);
    assert.deepEqual(paths.sort(), ['probes[0].diameter_mm', 'probes[0].kind', 'protocol.phases[0].freeze_s'], e.message);
  }
});

test('a misspelt model is named once, with a suggestion, instead of asking for the kind it would have given', () => {
  try {
    parseCase('condition: intercostal\nprobes: [{model: n2o-13, tip_mm: [2, 0, 36]}]\n', 'mine.yaml');
    assert.fail('should be refused');
  } catch (e) {
    assert.ok(e instanceof CaseError);
    const model = e.issues.filter((i) => i.path === 'probes[0].model');
    assert.equal(model.length, 1, e.message);
    assert.match(model[0].message, /unknown probe model 'n2o-13' \(did you mean 'n2o-1\.3'/);
    assert.ok(!e.issues.some((i) => i.path === 'probes[0].kind'), e.message);
  }
});

test("the editors' JSON Schema asks a probe for a kind or a model, and not for the id and direction that have defaults", () => {
  const s = caseJsonSchema() as { properties: { probes: { items: { oneOf: Array<{ required: string[]; anyOf: unknown }> } } } };
  const [needle, contact] = s.properties.probes.items.oneOf;
  assert.deepEqual(needle.required, ['tip_mm']);
  assert.deepEqual(contact.required, ['center_mm']);
  for (const b of [needle, contact]) assert.deepEqual(b.anyOf, [{ required: ['kind'] }, { required: ['model'] }]);
});
