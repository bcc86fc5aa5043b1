/**
 * Every bundled preset is a plan a clinician would accept: its target nerve blocked
 * completely, no side effect at high risk, no organ at risk frozen, unless the preset
 * lists the risk it knowingly takes with a source. One run per preset, of its file in
 * cases/ (the preset under a coarser grid), so that the case files are checked too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCase } from '../../src/case/load.js';
import { CONDITIONS } from '../../src/case/conditions/index.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';

const SIX = ['intercostal', 'cluneal', 'ilioinguinal', 'iliohypogastric', 'lateral-femoral-cutaneous', 'interdigital'] as const;

for (const name of SIX) {
  test(`preset ${name} (cases/${name}.yaml): complete block of its target, no high-risk side effect, no organ at risk frozen`, async () => {
    const preset = CONDITIONS[name];
    const { scene } = await loadCase(join(process.cwd(), 'cases', `${name}.yaml`));
    assert.equal(scene.name, name);
    const result = simulate(scene);
    const o = computeOutcomes(scene, result);
    const accepted = new Set((preset.accepted_risks ?? []).map((a) => a.risk));
    for (const a of preset.accepted_risks ?? [])
      assert.ok(a.why && a.source && a.source !== 'estimate', `accepted risk '${a.risk}' needs a reason and a source`);

    const target = o.nerves.find((n) => n.name === preset.nerve);
    assert.ok(target?.target, `the target nerve '${preset.nerve}' is reported as a target`);
    assert.equal(target.block, 'complete', `${target.name}: ${target.basis}`);
    assert.ok(target.blocked_length_mm >= 4, `frozen through over ${target.blocked_length_mm} mm (4 mm stops conduction reliably)`);

    // Numbness is the treatment's aim: a complete block makes it 'high' by design.
    for (const e of o.side_effects.filter((x) => x.id !== 'numbness'))
      assert.ok(e.risk !== 'high' || accepted.has(e.id), `side effect ${e.id} is high: ${e.basis}`);
    for (const a of o.organs_at_risk) {
      if (accepted.has(a.name)) continue;
      assert.equal(a.frozen, false, `${a.name} froze: ${a.basis}`);
      assert.notEqual(a.risk, 'high', `${a.name}: ${a.basis}`);
    }
  });
}

test('the presets mark the organs a clinician must spare: pleura (intercostal), peritoneum and the neighbouring nerve (groin)', async () => {
  const organs = async (name: string) =>
    (await loadCase(undefined, { condition: name })).scene.layers.filter((l) => l.at_risk).map((l) => l.at_risk!.complication);
  assert.deepEqual(await organs('intercostal'), ['pneumothorax']);
  assert.deepEqual(await organs('ilioinguinal'), ['peritoneal-injury']);
  const { scene } = await loadCase(undefined, { condition: 'ilioinguinal' });
  const ih = scene.structures.find((s) => s.name === 'iliohypogastric nerve');
  assert.equal(ih?.at_risk?.complication, 'nerve-injury', 'the neighbouring nerve is one to spare');
  const artery = (await loadCase(undefined, { condition: 'intercostal' })).scene.structures.find((s) => s.name === 'intercostal artery');
  assert.equal(artery?.at_risk?.complication, 'vessel-injury', 'vessels are at risk by default');
  // The metatarsal heads beside a Morton neuroma freeze with it: marked, and accepted with the series that reports it.
  const heads = (await loadCase(undefined, { condition: 'interdigital' })).scene.structures.filter((s) => s.at_risk?.complication === 'bone-injury');
  assert.deepEqual(
    heads.map((s) => s.name),
    ['third metatarsal head', 'fourth metatarsal head'],
  );
  assert.deepEqual(
    CONDITIONS.interdigital.accepted_risks?.map((a) => a.risk),
    ['third metatarsal head', 'fourth metatarsal head'],
  );
});
