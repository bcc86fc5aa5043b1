/**
 * Dermatology: each lesion preset reaches its aim (the whole lesion and its margin
 * at the lethal temperature of its kind) with the nerve beside it spared, and bad
 * spray and lesion inputs are refused at their field paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCase, parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';
import { CONDITIONS } from '../../src/case/conditions/index.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { LESION_RULES } from '../../src/core/outcome/lesion-rules.js';

const LESIONS = ['common-wart', 'actinic-keratosis', 'seborrheic-keratosis', 'superficial-bcc', 'skin-tag'] as const;

test('each lesion type has its clinical rule: malignant colder and wider than benign', () => {
  for (const [, r] of Object.entries(LESION_RULES)) assert.ok(r.basis.length > 20);
  assert.equal(LESION_RULES['superficial-bcc'].lethal_c, -50);
  assert.equal(LESION_RULES['common-wart'].lethal_c, -25);
  assert.ok(LESION_RULES['superficial-bcc'].margin_mm > LESION_RULES['common-wart'].margin_mm);
});

for (const name of LESIONS) {
  test(`preset ${name}: every figure sourced or an estimate; the lesion and its margin reach the lethal temperature, the nerve beside it is spared`, async () => {
    const preset = CONDITIONS[name];
    for (const f of preset.figures) {
      if (f.source === 'estimate') continue;
      for (const part of f.source.split('; '))
        assert.ok(
          preset.sources.some((s) => s.startsWith(`${part}: `)),
          `'${part}' (figure '${f.figure}') is not in the sources`,
        );
    }
    // A coarser grid than the preset's own (refinement 1.6): the test's time, the margins still resolved.
    const { scene } = await loadCase(undefined, { condition: name });
    scene.grid = { kind: 'auto', refinement: 1.6 };
    const r = simulate(scene);
    const o = computeOutcomes(scene, r);
    const l = o.lesion;
    assert.ok(l, 'a lesion outcome');
    assert.ok(l.aim_met, l.verdict);
    assert.ok(l.lethal_depth_mm >= l.depth_mm, `lethal depth ${l.lethal_depth_mm} mm under a ${l.depth_mm} mm lesion`);
    assert.notEqual(l.halo_verdict, 'short', `halo ${l.halo_mm.join('-')} mm against ${l.halo_rule_mm.join('-')} mm`);
    // A risk the preset knowingly takes is listed with why and a source; none may reach a lasting injury.
    const accepted = new Set((preset.accepted_risks ?? []).map((a) => a.risk));
    for (const a of preset.accepted_risks ?? []) assert.ok(a.why && a.source && a.source !== 'estimate');
    for (const a of o.organs_at_risk) {
      assert.ok(!a.frozen || accepted.has(a.name), `${a.name} froze: ${a.basis}`);
      assert.notEqual(a.risk, 'high', `${a.name}: ${a.basis}`);
      assert.ok(a.coldest_c === null || a.coldest_c > -20, `${a.name}: ${a.coldest_c} °C reaches a lasting injury`);
    }
    const scar = l.effects.find((e) => e.id === 'scarring')!;
    if (l.class !== 'malignant' && !accepted.has('scarring')) assert.notEqual(scar.risk, 'high', `a benign lesion should not scar: ${scar.basis}`);
    assert.ok(l.thaws.length >= 1 && l.thaws.every((t) => t.thaw_s === null || t.thaw_s > 0));
    assert.ok(r.energy.relative_error < 1e-6);
  });
}

const BASE = `name: spray-case
domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 8 }
anatomy:
  layers:
    - { tissue: skin, thickness_mm: 1.5 }
    - { tissue: fat, thickness_mm: 6.5 }
  structures:
    - { kind: cylinder, name: lesion, tissue: skin, start_mm: [0, 0, 0], end_mm: [0, 0, 0.5], diameter_mm: 4 }
probes:
  - { kind: spray, id: s1, center_mm: [0, 0], diameter_mm: 6, pattern: { on_s: 2, off_s: 1 } }
lesion: { structure: lesion, type: actinic-keratosis }
protocol:
  phases:
    - { freeze_s: 10 }
    - { thaw_s: 30 }
grid: auto
`;

function refused(text: string): Array<{ path: string; message: string }> {
  try {
    parseCase(text, 'case.yaml');
  } catch (e) {
    assert.ok(e instanceof CaseError, String(e));
    return e.issues;
  }
  assert.fail('the case was accepted');
}

const edit = (from: string, to: string) => {
  assert.ok(BASE.includes(from), `fixture edit '${from}' not found`);
  return BASE.replace(from, to);
};

test('the base spray case is valid, its spray resolved with the LN2 default and its lesion rule', () => {
  const { scene } = parseCase(BASE, 'case.yaml');
  const p = scene.probes[0];
  assert.equal(p.kind, 'spray');
  assert.ok(p.kind === 'spray' && p.cooling.mode === 'cryogen' && p.cooling.temperature_c === -196 && p.distance_mm === 10);
  assert.equal(scene.lesion?.lethal_c, -25);
});

const BAD: Array<[string, string, string, RegExp]> = [
  ['spot off the skin', edit('center_mm: [0, 0], diameter_mm: 6', 'center_mm: [14, 0], diameter_mm: 6'), 'probes[0].center_mm', /outside the domain's skin/],
  ['spot past the edge', edit('center_mm: [0, 0], diameter_mm: 6', 'center_mm: [8, 0], diameter_mm: 6'), 'probes[0].diameter_mm', /spot reaches past/],
  ['negative diameter', edit('diameter_mm: 6', 'diameter_mm: -6'), 'probes[0].diameter_mm', /./],
  ['burst as long as the freeze', edit('pattern: { on_s: 2, off_s: 1 }', 'pattern: { on_s: 10, off_s: 1 }'), 'probes[0].pattern.on_s', /never pauses/],
  ['pattern without off_s', edit('pattern: { on_s: 2, off_s: 1 }', 'pattern: { on_s: 2 }'), 'probes[0].pattern.off_s', /./],
  ['negative off time', edit('off_s: 1', 'off_s: -1'), 'probes[0].pattern.off_s', /./],
  ['a spray with a power', edit('pattern: { on_s: 2, off_s: 1 } }', 'cooling: { power_w: 5 } }'), 'probes[0].cooling', /not a power/],
  ['lesion not a structure', edit('lesion: { structure: lesion,', 'lesion: { structure: lesoin,'), 'lesion.structure', /did you mean 'lesion'/],
  ['lesion a layer', edit('lesion: { structure: lesion,', 'lesion: { structure: skin,'), 'lesion.structure', /is a layer/],
  [
    'lesion not from the skin',
    edit('start_mm: [0, 0, 0], end_mm: [0, 0, 0.5]', 'start_mm: [0, 0, 1], end_mm: [0, 0, 1.5]'),
    'lesion.structure',
    /straight down from the skin/,
  ],
  ['unknown lesion type', edit('type: actinic-keratosis', 'type: wart'), 'lesion.type', /./],
  ['other without a class', edit('type: actinic-keratosis', 'type: other'), 'lesion.class', /required for type: other/],
];

for (const [what, text, path, message] of BAD) {
  test(`refused with its field path: ${what}`, () => {
    const issues = refused(text);
    const hit = issues.find((i) => i.path === path);
    assert.ok(hit, `no issue at ${path}: ${JSON.stringify(issues)}`);
    assert.match(hit.message, message);
  });
}
