import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { planCaseFrom } from '../../src/case/plan.js';
import { CaseError } from '../../src/case/errors.js';
import { parseCase } from '../../src/case/load.js';
import { PlanJsonSchema } from '../../src/io/plan/schema.js';
import { freePort } from '../helpers/redis-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { smallCase } from '../helpers/small-plan-case.js';
import { cli } from '../helpers/cryoplan-process.js';

const problems = (plan: Record<string, unknown>) => {
  try {
    planCaseFrom(smallCase(plan), 'case.yaml');
  } catch (e) {
    if (e instanceof CaseError) return e.message;
    throw e;
  }
  return '';
};

test('bad plan inputs each get their own message at their field path', () => {
  assert.match(problems({ vary: { offset_across_mm: [] } }), /plan\.vary\.offset_across_mm: is an empty list/);
  assert.match(problems({ vary: { freeze_s: { min: 90, max: 30 } } }), /plan\.vary\.freeze_s: is an inverted range: min \(90\) is above max \(30\)/);
  assert.match(problems({ target: 'nerv' }), /plan\.target: no nerve named 'nerv' in the case \(did you mean 'nerve'\?\)/);
  assert.match(problems({ target: ['skin'] }), /plan\.target\[0\]: no nerve named 'skin' in the case \('skin' is a structure but not a nerve\)/);
  assert.match(
    problems({ limits: { structures: [{ name: 'pleura', min_c: 0 }] } }),
    /plan\.limits\.structures\[0\]\.name: no structure or layer named 'pleura'/,
  );
  assert.match(problems({ confidence: 1.5 }), /plan\.confidence/);
  const effect = (side_effect: string, max = 'low') => problems({ limits: { side_effects: [{ side_effect, max }] } });
  assert.match(effect('blistrs'), /plan\.limits\.side_effects\[0\]\.side_effect: no side effect named 'blistrs' \(did you mean 'blisters'\?\)/);
  assert.match(effect('pain'), /plan\.limits\.side_effects\[0\]\.side_effect: 'pain' is not computed from temperature/);
  assert.match(effect('numbness'), /plan\.limits\.side_effects\[0\]\.side_effect: 'numbness' follows the target's block/);
  assert.match(effect('blisters', 'high'), /plan\.limits\.side_effects\[0\]\.max/);
  assert.equal(effect('blisters', 'moderate'), '');
  assert.match(
    problems({ limits: { sensors: [{ name: 'pleura-tc', min_c: 0 }] } }),
    /plan\.limits\.sensors\[0\]\.name: no sensor named 'pleura-tc': the case has no sensors/,
  );
  assert.equal(problems({}), '');
});

// The 5 s bound itself is checked on the runner (test/run/redis.test.ts); here node's start and the case's loading come first.
test('cryoplan plan --redis with no Redis there fails naming the URL', async () => {
  const dir = await tempDir('plan-redis');
  await writeFile(join(dir, 'case.yaml'), stringify(smallCase({})));
  const url = `redis://127.0.0.1:${await freePort()}`;
  const r = await cli(['plan', 'case.yaml', '--redis', url, '--quiet'], dir);
  assert.equal(r.code, 2, r.stderr);
  assert.ok(r.stderr.includes(url), r.stderr);
});

test('cryoplan plan: a duration-only plan, its files, plan.yaml that cryoplan run accepts; an impossible limit is a result; Ctrl-C writes nothing', async () => {
  const dir = await tempDir('plan-cli');
  const plan = { vary: { freeze_s: { min: 5, max: 90 } }, uncertainty: { samples: 4, nerve_position_mm: 0.3, nerve_depth_mm: 0 }, confidence: 0.5 };
  await writeFile(join(dir, 'case.yaml'), stringify(smallCase(plan)));
  const r = await cli(['plan', 'case.yaml', '--out', 'out', '--threads', '2', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const json = PlanJsonSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'plan.json'), 'utf8')));
  assert.ok(json.chosen, json.verdict);
  // Duration only: one simulation per sample, plus the chosen plan's own run for its report.
  assert.equal(json.simulations.robust, 4);
  assert.equal(json.simulations.screening + json.simulations.cycles, 0);
  assert.ok(json.simulations.computed <= 5);
  const html = await readFile(join(dir, 'out', 'plan.html'), 'utf8');
  assert.match(html, /<svg/);
  assert.ok(!/<script|src="http/.test(html.replace(/srcdoc="[^"]*"/, '')), 'self-contained');
  const yamlText = await readFile(join(dir, 'out', 'plan.yaml'), 'utf8');
  const chosen = parseCase(yamlText, 'plan.yaml');
  const freeze = chosen.scene.protocol.filter((p) => p.kind === 'freeze');
  assert.equal(freeze.length, 1);
  assert.equal(freeze[0].duration_s, json.chosen.freeze_s);

  // A rerun is answered from the cache.
  const again = await cli(['plan', 'case.yaml', '--out', 'out', '--json'], dir);
  assert.equal(again.code, 0, again.stderr);
  const j2 = JSON.parse(again.stdout);
  assert.equal(j2.simulations.computed, 0);
  assert.equal(j2.chosen.freeze_s, json.chosen.freeze_s, 'the same plan');

  // The skin may not cool below 40 °C: nothing can meet that, and the plan says so (exit 0, no plan.yaml).
  await writeFile(join(dir, 'impossible.yaml'), stringify(smallCase({ ...plan, limits: { skin_min_c: 40 } })));
  const imp = await cli(['plan', 'impossible.yaml', '--out', 'imp', '--json'], dir);
  assert.equal(imp.code, 0, imp.stderr);
  const ij = JSON.parse(await readFile(join(dir, 'imp', 'plan.json'), 'utf8'));
  assert.equal(ij.chosen, null);
  assert.match(ij.verdict, /No plan meets the limits.*skin colder than 40 °C/);
  await assert.rejects(stat(join(dir, 'imp', 'plan.yaml')));

  // Ctrl-C once the first simulations are under way, over the first plan's folder: exit 130, that folder as it was, no temporary one left.
  await writeFile(join(dir, 'slow.yaml'), stringify(smallCase({ ...plan, uncertainty: { samples: 6, seed: 9 } })));
  const before = await readFile(join(dir, 'out', 'plan.json'), 'utf8');
  let sent = false;
  const c = await cli(['plan', 'slow.yaml', '--out', 'out', '--no-cache'], dir, (s, kill) => {
    if (!sent && /plan: \d+\/\d+ simulations/.test(s)) {
      sent = true;
      kill();
    }
  });
  assert.equal(c.code, 130, c.stderr);
  assert.match(c.stderr, /the pool is stopped and nothing was written/);
  assert.equal(await readFile(join(dir, 'out', 'plan.json'), 'utf8'), before);
  assert.deepEqual(
    (await readdir(dir)).filter((f) => f.startsWith('.out')),
    [],
  );
});

test('cryoplan plan: a simulation that throws ends the plan with a clear error (exit 1) and writes nothing', async () => {
  const dir = await tempDir('plan-throws');
  // Steps of 20 s with one nonlinear iteration to a 1e-12 tolerance: the solver cannot converge, in every run.
  const bad = {
    ...smallCase({ vary: { freeze_s: { min: 20, max: 60 } }, uncertainty: { samples: 2 } }),
    solver: { dt_min_s: 20, dt_max_s: 20, max_change_c: 10, tolerance_c: 1e-12, max_iterations: 1, initial: 'uniform' },
  };
  await writeFile(join(dir, 'bad.yaml'), stringify(bad));
  const r = await cli(['plan', 'bad.yaml', '--out', 'out', '--threads', '1', '--no-cache', '--quiet'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /bad\.yaml: the plan failed: .*did not converge/);
  await assert.rejects(stat(join(dir, 'out')), 'no plan folder');
});
