/** `cryoplan show` (issue 7, item 7): the resolved case as YAML, which resolves to the very scene it shows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCase, loadCase, parseCaseText } from '../../src/case/load.js';
import { showCase } from '../../src/case/show.js';
import { CONDITION_NAMES } from '../../src/case/conditions/index.js';

test('show prints YAML that resolves to the same scene (hash) as the case it shows, for every preset and with flags', async () => {
  const cases: Array<[string, unknown, Parameters<typeof showCase>[2]]> = [
    ...CONDITION_NAMES.map((condition): [string, unknown, Parameters<typeof showCase>[2]] => [`condition '${condition}'`, {}, { condition }]),
    ["condition 'intercostal' with flags", {}, { condition: 'intercostal', freeze_s: 90, thaw_s: 20, cycles: 2, probe: 'n2o-1.3' }],
    ['mine.yaml', parseCaseText('condition: interdigital\nprobes: [{model: n2o-1.3, tip_mm: [1, 0, 13]}]\n', 'mine.yaml'), {}],
    ...readdirSync('cases')
      .filter((f) => f.endsWith('.yaml'))
      .map((f): [string, unknown, Parameters<typeof showCase>[2]] => [`cases/${f}`, parseCaseText(readFileSync(join('cases', f), 'utf8'), f), {}]),
  ];
  for (const [label, obj, overrides] of cases) {
    const original = obj && Object.keys(obj).length ? parseCase(JSON.stringify(obj), 'mine.json', overrides) : await loadCase(undefined, overrides);
    const shown = showCase(obj, label, overrides);
    const again = parseCase(shown, 'shown.yaml');
    assert.equal(again.hash, original.hash, `${label}:\n${shown}`);
  }
});
