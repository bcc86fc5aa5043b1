/** What the outputs say about the protocol is what ran: --freeze/--thaw/--cycles change every text that describes it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';
import { CONDITIONS } from '../../src/case/conditions/index.js';

const bin = process.env.CRYOPLAN_BIN ?? join(process.cwd(), 'build', 'src', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const text = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

test('after --freeze 90 --thaw 20 --cycles 2, the report header, the patient sheet and the digest describe 2 × 90 s with a 20 s thaw', async () => {
  const dir = await tempDir('cryoplan-protocol');
  // Only a coarse grid over the preset, so that the run takes seconds.
  await writeFile(join(dir, 'coarse.yaml'), 'grid: { auto: { refinement: 2.5 } }\n');
  const out = join(dir, 'out');
  const r = cli('run', '--condition', 'interdigital', join(dir, 'coarse.yaml'), '--freeze', '90', '--thaw', '20', '--cycles', '2', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Protocol as run: 2 × 90 s freeze, 20 s passive thaw between/);

  const html = await readFile(join(out, 'report.html'), 'utf8');
  const header = text(/<header>[\s\S]*?<\/header>/.exec(html)![0]);
  assert.match(header, /Protocol as run: 2 × 90 s freeze, 20 s passive thaw between/);
  // The preset's own protocol (60 s freezes, 30 s thaw) appears nowhere in what the report says about the plan.
  const all = text(html);
  assert.doesNotMatch(all, /60 s freeze/, 'no text from the preset describes its own protocol');
  assert.doesNotMatch(all, /30 s thaw/);
  const sheet = text(/<section class="patient"[\s\S]*?<\/section>/.exec(html)![0]);
  assert.match(sheet, /The probe freezes twice, for 90 seconds each time\. In between, it warms up for 20 seconds\./);
});

test("no preset's description describes a protocol (a flag could make it wrong): the protocol is told from the resolved phases", () => {
  for (const [name, p] of Object.entries(CONDITIONS)) {
    const d = p.case.description ?? '';
    assert.doesNotMatch(d, /\d+\s*(s|sec|seconds?|min|minutes?)\b|\d+-minute|freeze, |thaw/i, `condition '${name}': "${d}"`);
  }
});
