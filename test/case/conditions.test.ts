/** Condition presets: their anatomy against their sources, and how a case file and the command line override them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONDITIONS, CONDITION_NAMES } from '../../src/case/conditions/index.js';
import { loadCase, parseCase } from '../../src/case/load.js';
import { resolveCase } from '../../src/case/resolve.js';
import { CaseError } from '../../src/case/errors.js';
import { deepMerge, parsePath, presentDepth } from '../../src/case/merge.js';
import { caseJsonSchema } from '../../src/case/schema.js';
import { PROBE_CATALOGUE } from '../../src/core/probe/catalogue.js';
import { conditionsMarkdown } from '../../src/cli/conditions.js';
import type { TubeStructure, NeedleProbe } from '../../src/core/model.js';

// The six conditions the product treats, written out rather than taken from the code under test.
const SIX = ['intercostal', 'cluneal', 'ilioinguinal', 'iliohypogastric', 'lateral-femoral-cutaneous', 'interdigital'];

const nerveOf = (scene: { structures: { name: string }[] }, name: string) => scene.structures.find((s) => s.name === name) as TubeStructure;

// Cryoablation presets (their own tests: test/case/prostate.test.ts).
const ABLATION = ['prostate'];
// Dermatology presets (their own tests: test/case/dermatology.test.ts).
const DERMATOLOGY = ['common-wart', 'actinic-keratosis', 'seborrheic-keratosis', 'superficial-bcc', 'skin-tag'];

test('there is a preset for each of the six conditions, the cryoablation and the dermatology ones, and no other', () => {
  assert.deepEqual([...CONDITION_NAMES].sort(), [...SIX, ...ABLATION, ...DERMATOLOGY].sort());
  assert.deepEqual(Object.keys(CONDITIONS).sort(), [...SIX, ...ABLATION, ...DERMATOLOGY].sort());
});

for (const name of SIX) {
  test(`preset ${name}: resolves on its own, with its target nerve's distance and territory`, async () => {
    const { scene } = await loadCase(undefined, { condition: name });
    const preset = CONDITIONS[name as keyof typeof CONDITIONS];
    const nerve = nerveOf(scene, preset.nerve);
    assert.ok(nerve && nerve.role === 'nerve', `no nerve '${preset.nerve}'`);
    assert.ok(nerve.target_distance_mm! > 0, 'target_distance_mm reaches the scene');
    assert.ok(nerve.territory && nerve.territory.length > 5, 'territory reaches the scene');
    for (const p of preset.case.probes ?? []) assert.ok(p.model && PROBE_CATALOGUE[p.model], `probe model '${p.model}' is in the catalogue`);
  });

  test(`preset ${name}: the nerve lies inside the layer its source names, and inside the domain`, () => {
    const preset = CONDITIONS[name as keyof typeof CONDITIONS];
    const layers = preset.case.anatomy!.layers!;
    const nerve = preset.case.anatomy!.structures!.find((s) => s.kind === 'nerve' && s.name === preset.nerve);
    assert.ok(nerve && nerve.kind === 'nerve');
    const r = nerve.diameter_mm / 2;
    let top = 0;
    const bounds = new Map<string, [number, number]>();
    for (const l of layers) {
      bounds.set(l.name ?? l.tissue, [top, top + l.thickness_mm]);
      top += l.thickness_mm;
    }
    const [lo, hi] = bounds.get(preset.nerve_layer) ?? assert.fail(`no layer named '${preset.nerve_layer}'`);
    const d = preset.case.domain!;
    assert.ok(top >= d.depth_mm, 'the layers fill the domain');
    for (const [x, y, z] of nerve.path_mm) {
      assert.ok(z - r >= lo - 1e-9 && z + r <= hi + 1e-9, `nerve at ${z - r}-${z + r} mm, layer '${preset.nerve_layer}' at ${lo}-${hi} mm`);
      assert.ok(x >= d.x_mm[0] && x <= d.x_mm[1] && y >= d.y_mm[0] && y <= d.y_mm[1] && z <= d.depth_mm, `nerve point [${x}, ${y}, ${z}] outside the domain`);
    }
  });

  test(`preset ${name}: every figure has a source, every cited source is listed, and the depth figure is the nerve's depth`, () => {
    const preset = CONDITIONS[name as keyof typeof CONDITIONS];
    assert.ok(preset.figures.length >= 8 && preset.sources.length >= 2);
    const listed = (cite: string) => preset.sources.some((s) => s.startsWith(`${cite}: `));
    for (const f of preset.figures) {
      if (f.source === 'estimate') continue;
      if (f.source.startsWith('derived from ')) {
        assert.ok(/layers above/.test(f.source) || preset.sources.some((s) => f.source.includes(s.slice(0, 20))), `figure '${f.figure}': derived from what?`);
        continue;
      }
      for (const part of f.source.split('; ')) assert.ok(listed(part), `'${part}' (figure '${f.figure}') is not in the preset's sources`);
    }
    const depth = preset.figures.find((f) => /depth \(centre\)/.test(f.figure));
    assert.ok(depth, 'a nerve depth figure');
    const nerve = preset.case.anatomy!.structures!.find((s) => s.kind === 'nerve' && s.name === preset.nerve)!;
    assert.ok(nerve.kind === 'nerve');
    assert.equal(parseFloat(depth.value), nerve.path_mm[0][2]);
  });
}

test('anatomy against its sources: intercostal depths add up to the measured skin-to-rib and skin-to-pleura distances', () => {
  const layers = CONDITIONS.intercostal.case.anatomy!.layers!;
  const depthOf = (name: string) => {
    let z = 0;
    for (const l of layers) {
      if ((l.name ?? l.tissue) === name) return z;
      z += l.thickness_mm;
    }
    return NaN;
  };
  assert.equal(depthOf('intercostal muscles'), 27, 'skin to rib 2.7 cm (Wada et al. 2025)');
  assert.equal(depthOf('pleura and lung (as muscle)'), 37, 'skin to pleura 3.7 cm (Kim et al. 2002)');
});

test('anatomy against its sources: LFCN 6 mm deep, inguinal nerves 10.4 mm apart and the ilioinguinal 6.0 mm from bone', async () => {
  const lfcn = (await loadCase(undefined, { condition: 'lateral-femoral-cutaneous' })).scene;
  assert.equal(nerveOf(lfcn, 'lateral femoral cutaneous nerve').path_mm[0][2], 6);
  const { scene } = await loadCase(undefined, { condition: 'ilioinguinal' });
  const ii = nerveOf(scene, 'ilioinguinal nerve');
  const ih = nerveOf(scene, 'iliohypogastric nerve');
  assert.ok(Math.abs(ih.path_mm[0][1] - ii.path_mm[0][1] - 10.4) < 1e-9);
  const crest = scene.structures.find((s) => s.name === 'iliac crest');
  assert.ok(crest?.kind === 'box');
  assert.ok(Math.abs(ii.path_mm[0][1] - ii.diameter_mm / 2 - crest.max_mm[1] - 6.0) < 1e-9);
});

test('merging: mappings merge key by key, the later value wins, lists are replaced whole', () => {
  const base = { a: { b: 1, c: [1, 2, 3] }, d: 'x', list: [{ p: 1 }, { p: 2 }] };
  const over = { a: { c: [9] }, d: 'y', list: [{ q: 3 }] };
  assert.deepEqual(deepMerge(base, over), { a: { b: 1, c: [9] }, d: 'y', list: [{ q: 3 }] });
  assert.deepEqual(base, { a: { b: 1, c: [1, 2, 3] }, d: 'x', list: [{ p: 1 }, { p: 2 }] }, 'the preset itself is left alone');
  assert.deepEqual(parsePath('probes[0].tip_mm'), ['probes', 0, 'tip_mm']);
  assert.equal(presentDepth({ probes: [{ id: 'p' }] }, ['probes', 0, 'tip_mm']), 2);
});

test("a case file overrides its preset: its fields win, the rest of a mapping stays, its lists replace the preset's", () => {
  const text = `condition: interdigital
name: mine
domain: { depth_mm: 28 }
probes:
  - { kind: needle, id: a, model: n2o-1.3, tip_mm: [0, 0, 14], direction: [0, 0, 1] }
  - { kind: needle, id: b, model: n2o-1.3, tip_mm: [4, 0, 14], direction: [0, 0, 1] }
protocol: { phases: [ { freeze_s: 45 } ] }
`;
  const { scene } = parseCase(text, 'mine.yaml');
  assert.equal(scene.name, 'mine');
  assert.equal(scene.domain.depth_mm, 28);
  assert.deepEqual(scene.domain.x_mm, [-15, 15], "the preset's x_mm stays");
  assert.deepEqual(
    scene.probes.map((p) => p.id),
    ['a', 'b'],
    "the file's probes replace the preset's",
  );
  assert.deepEqual(scene.protocol, [{ kind: 'freeze', duration_s: 45 }]);
  assert.ok(nerveOf(scene, 'interdigital nerve (Morton neuroma)'), "the preset's anatomy stays");
});

test('an unknown condition is refused at the field, with a suggestion', () => {
  assert.throws(
    () => parseCase('condition: intercostl\n', 'c.yaml'),
    (e: unknown) =>
      e instanceof CaseError && e.issues[0].path === 'condition' && /unknown condition 'intercostl' \(did you mean 'intercostal'\?\)/.test(e.message),
  );
  assert.throws(
    () => resolveCase({}, 'x', { condition: 'mortons' }),
    (e: unknown) => e instanceof CaseError && /unknown condition 'mortons' \(known: intercostal, cluneal/.test(e.message),
  );
});

test("errors of a merged case name the author's path, and say when the value came from the preset or the command line", () => {
  // The file narrows the domain; the preset's probe then falls outside it.
  assert.throws(
    () => parseCase('condition: cluneal\ndomain: { x_mm: [-1, 1] }\n', 'c.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof CaseError);
      assert.equal(e.message, "c.yaml: probes[0].tip_mm: lies outside the domain (x ≤ 1) (set by condition 'cluneal')");
      return true;
    },
  );
  // A mistake in the file's own field is reported as before, with no note.
  assert.throws(
    () => parseCase('condition: intercostal\ndomain: { depth_mm: -5 }\n', 'c.yaml'),
    (e: unknown) => e instanceof CaseError && e.message === 'c.yaml: domain.depth_mm: must be > 0 (got -5)',
  );
  // A contact model given on the command line to the preset's needle.
  assert.throws(
    () => resolveCase({}, "condition 'cluneal'", { condition: 'cluneal', probe: 'ln2-contact-5' }),
    (e: unknown) =>
      e instanceof CaseError &&
      /probes\[0\]\.model: 'ln2-contact-5' is a contact probe, but this probe is kind: needle \(set on the command line\)/.test(e.message),
  );
});

test("--freeze, --thaw and --cycles rebuild the phases from the case's first freeze and thaw; --probe sets every model", () => {
  const phases = (o: object) => resolveCase({}, 'x', { condition: 'cluneal', ...o }).protocol.map((p) => `${p.kind} ${p.duration_s}`);
  assert.deepEqual(phases({}), ['freeze 90', 'thaw 30', 'freeze 90']);
  assert.deepEqual(phases({ freeze_s: 30, cycles: 1 }), ['freeze 30']);
  assert.deepEqual(phases({ cycles: 3, thaw_s: 10 }), ['freeze 90', 'thaw 10', 'freeze 90', 'thaw 10', 'freeze 90']);
  assert.deepEqual(phases({ freeze_s: 60 }), ['freeze 60', 'thaw 30', 'freeze 60']);
  const single = resolveCase({}, 'x', { condition: 'intercostal', cycles: 2 }).protocol;
  assert.deepEqual(
    single.map((p) => p.kind),
    ['freeze', 'thaw', 'freeze'],
    'a one-freeze protocol gets a passive thaw between',
  );
  const probe = resolveCase({}, 'x', { condition: 'cluneal', probe: 'n2o-1.3' }).probes[0] as NeedleProbe;
  assert.equal(probe.diameter_mm, PROBE_CATALOGUE['n2o-1.3'].diameter_mm);
});

test('flags override the file, which overrides the preset', () => {
  const file = { condition: 'interdigital', protocol: { phases: [{ freeze_s: 40 }, { thaw_s: 20 }, { freeze_s: 40 }] } };
  assert.deepEqual(
    resolveCase(file, 'f').protocol.map((p) => p.duration_s),
    [40, 20, 40],
  );
  assert.deepEqual(
    resolveCase(file, 'f', { freeze_s: 25 }).protocol.map((p) => p.duration_s),
    [25, 20, 25],
  );
  assert.equal(resolveCase(file, 'f', { condition: 'cluneal' }).name, 'cluneal', 'the flag names the preset over the file');
});

test('the published schema lets a file that names a condition leave out what the preset gives', () => {
  const s = caseJsonSchema() as { required?: string[]; if: unknown; else: { required: string[] }; properties: Record<string, { enum?: string[] }> };
  assert.ok(!(s.required ?? []).includes('domain') && !(s.required ?? []).includes('probes'));
  assert.deepEqual(s.if, { required: ['condition'] });
  // probes may be empty when a template places the needles.
  assert.deepEqual([...s.else.required].sort(), ['domain', 'name', 'protocol']);
  assert.deepEqual(s.properties.condition.enum, [...SIX, ...ABLATION, ...DERMATOLOGY]);
});

test('docs/conditions.md holds the tables the presets generate (regenerate with: cryoplan conditions --markdown)', async () => {
  const doc = await readFile(join(process.cwd(), 'docs', 'conditions.md'), 'utf8');
  const m = /<!-- tables:start -->\n([\s\S]*?)<!-- tables:end -->/.exec(doc);
  assert.ok(m, 'docs/conditions.md has the tables:start/end markers');
  assert.equal(m[1], conditionsMarkdown());
});
