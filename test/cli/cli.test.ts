/** The cryoplan command as a user runs it: exit codes, messages, and result folders left intact on failure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFile, readFile, readdir, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VERSION } from '../../src/version.js';
import { tempDir } from '../helpers/temp-dir.js';
import { CLI_BIN, SMALL_CASE_YAML } from '../helpers/small-case-yaml.js';

const root = process.cwd();
const bin = CLI_BIN;
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const SMALL = `${SMALL_CASE_YAML}outputs: { volumes: [vti, nrrd] }
`;

/** A results folder from an earlier run (marked as cryoplan's), and a check that it is byte for byte as it was. */
async function previousResults(dir: string) {
  const out = join(dir, 'out');
  await mkdir(out);
  await writeFile(join(out, 'summary.json'), '{"previous": true}\n');
  await writeFile(join(out, 'series.csv'), 'time_s\n0\n');
  const manifest = '{"format": "cryoplan-results", "case": {"name": "earlier", "hash": "0000000000000000"}, "files": ["series.csv", "summary.json"]}\n';
  await writeFile(join(out, '.cryoplan-results.json'), manifest);
  return {
    out,
    async assertUntouched() {
      assert.deepEqual((await readdir(out)).sort(), ['.cryoplan-results.json', 'series.csv', 'summary.json']);
      assert.equal(await readFile(join(out, '.cryoplan-results.json'), 'utf8'), manifest);
      assert.equal(await readFile(join(out, 'summary.json'), 'utf8'), '{"previous": true}\n');
      assert.equal(await readFile(join(out, 'series.csv'), 'utf8'), 'time_s\n0\n');
      assert.deepEqual(
        (await readdir(dir)).filter((f) => f.startsWith('.')),
        [],
        'no temporary folders left behind',
      );
    },
  };
}

test('run writes the results folder and prints where, with a digest', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'small.yaml'), SMALL);
  const out = join(dir, 'out');
  const r = cli('run', join(dir, 'small.yaml'), '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^Results: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.match(r.stdout, /^Ice ball at its largest \(end of freeze 1\): 0 °C \d+\.\d\d ml/m);
  assert.match(r.stdout, /^Energy balance error \d\.\de-\d+/m);
  assert.ok(r.stdout.trim().split('\n').length <= 6, r.stdout);
  // Not a terminal: plain progress lines, about every 10 %.
  const progress = r.stderr.split('\n').filter((l) => l.startsWith('progress '));
  assert.ok(progress.length >= 5 && progress.length <= 12, r.stderr);
  assert.match(progress[progress.length - 1], /^progress 100%/);
  const files = (await readdir(out)).sort();
  assert.deepEqual(files, [
    '.cryoplan-results.json',
    'fields.vtr',
    'final_temperature.nrrd',
    'isotherms.nrrd',
    'labels.nrrd',
    'min_temperature.nrrd',
    'report.html',
    'series.csv',
    'summary.json',
  ]);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.case.name, 'small');
  assert.match(summary.case.hash, /^[0-9a-f]{16}$/);
  assert.ok(summary.energy.relative_error < 1e-6);
});

test('run --json prints one JSON line and nothing on stderr', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'small.yaml'), SMALL.replace('outputs: { volumes: [vti, nrrd] }\n', ''));
  const r = cli('run', join(dir, 'small.yaml'), '--out', join(dir, 'o'), '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const j = JSON.parse(lines[0]);
  assert.equal(j.case.name, 'small');
  assert.deepEqual(j.files.map((f: string) => f.split(/[\\/]/).pop()).sort(), ['report.html', 'series.csv', 'summary.json']);
  assert.ok(j.isotherms.length === 3 && j.energy.relative_error < 1e-6);
});

test('an invalid case exits 2 with every problem named, and leaves an existing folder untouched', async () => {
  const dir = await tempDir('cryoplan-cli');
  const prev = await previousResults(dir);
  await writeFile(join(dir, 'bad.yaml'), SMALL.replace('tip_mm: [0, 0, 10]', 'tip_mm: [0, 30, 10]').replace('freeze_s: 10', 'freeze_s: 10, probes: [q]'));
  const r = cli('run', join(dir, 'bad.yaml'), '--out', prev.out);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml: probes\[0\]\.tip_mm: lies outside the domain \(y ≤ 8\)/);
  assert.match(r.stderr, /bad\.yaml: protocol\.phases\[0\]\.probes: unknown probe 'q'/);
  assert.equal(r.stdout, '');
  await prev.assertUntouched();
});

test('a YAML syntax error exits 2 naming the line and column', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'syntax.yaml'), SMALL.replace('phases: [ { freeze_s: 10 } ]', 'phases: [ { freeze_s: 10 }'));
  const r = cli('validate', join(dir, 'syntax.yaml'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /syntax\.yaml: line \d+, column \d+: syntax error/);
});

test('a simulation that fails exits 1 and leaves an existing folder untouched', async () => {
  const dir = await tempDir('cryoplan-cli');
  const prev = await previousResults(dir);
  // One iteration at a fixed 1 s step cannot converge through the phase change.
  await writeFile(join(dir, 'diverge.yaml'), `${SMALL}solver: { dt_min_s: 1, dt_max_s: 1, max_iterations: 1, tolerance_c: 1e-12 }\n`);
  const r = cli('run', join(dir, 'diverge.yaml'), '--out', prev.out, '--quiet');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /diverge\.yaml: the simulation failed \(diverged\)/);
  await prev.assertUntouched();
});

test('results that cannot be written exit 3 before simulating', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'small.yaml'), SMALL);
  await writeFile(join(dir, 'taken'), 'a file, not a folder');
  const r = cli('run', join(dir, 'small.yaml'), '--out', join(dir, 'taken'));
  assert.equal(r.status, 3);
  assert.match(r.stderr, /exists and is not a folder/);
  assert.doesNotMatch(r.stderr, /progress/);
  assert.equal(await readFile(join(dir, 'taken'), 'utf8'), 'a file, not a folder');
});

test('Ctrl-C cancels the run: exit 130, nothing written, an existing folder untouched', async () => {
  const dir = await tempDir('cryoplan-cli');
  const prev = await previousResults(dir);
  await writeFile(join(dir, 'long.yaml'), `${SMALL.replace('freeze_s: 10', 'freeze_s: 3000')}solver: { dt_max_s: 0.05 }\n`);
  const child = spawn(process.execPath, [bin, 'run', join(dir, 'long.yaml'), '--out', prev.out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!sent && /progress/.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /Interrupted: nothing was written/);
  await prev.assertUntouched();
});

test('validate checks several files, reports each, and exits 2 if any is invalid', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'good.yaml'), SMALL);
  await writeFile(join(dir, 'bad.yaml'), SMALL.replace('depth_mm: 16', 'depth: 16'));
  const r = cli('validate', join(dir, 'good.yaml'), join(dir, 'bad.yaml'));
  assert.equal(r.status, 2);
  assert.match(r.stdout, /good\.yaml: ok \(small: 1 probe\(s\), 1 phase\(s\), hash [0-9a-f]{16}\)/);
  assert.match(r.stderr, /bad\.yaml: domain: unknown field 'depth' \(did you mean 'depth_mm'\?/);
  assert.match(r.stderr, /1 of 2 case file\(s\) invalid/);
  const missing = cli('validate', join(dir, 'nope.yaml'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.yaml: no such file/);
  assert.equal(cli('validate', join(dir, 'good.yaml')).status, 0);
});

test('schema prints the committed JSON Schema; schema --out writes it', async () => {
  const s = cli('schema');
  assert.equal(s.status, 0);
  const committed = await readFile(join(root, 'schema', 'case.schema.json'), 'utf8');
  assert.deepEqual(JSON.parse(s.stdout), JSON.parse(committed), 'regenerate with: npm run schema');
  assert.equal(s.stdout, committed);
  const dir = await tempDir('cryoplan-cli');
  const w = cli('schema', '--out', join(dir, 's.json'));
  assert.equal(w.status, 0);
  assert.equal(await readFile(join(dir, 's.json'), 'utf8'), committed);
});

test('--help lists the exit codes, --version the version; usage errors exit 2', () => {
  for (const args of [['--help'], ['run', '--help'], ['validate', '--help'], ['schema', '--help']]) {
    const h = cli(...args);
    assert.equal(h.status, 0, args.join(' '));
    assert.match(h.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}130 /, args.join(' '));
  }
  const v = cli('--version');
  assert.equal(v.status, 0);
  assert.equal(v.stdout.trim(), VERSION);
  assert.equal(cli('frobnicate').status, 2);
  assert.equal(cli('run').status, 2, 'missing case argument');
  assert.equal(cli('run', 'x.yaml', '--fast').status, 2, 'unknown option');
});

test('the default results folder is results/<case name>', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'small.yaml'), SMALL.replace('name: small', 'name: my plan/1'));
  const r = spawnSync(process.execPath, [bin, 'run', join(dir, 'small.yaml'), '--quiet'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok((await stat(join(dir, 'results', 'my-plan-1', 'summary.json'))).isFile());
});

test('cryoplan probes lists every catalogue entry; --json gives them whole', async () => {
  const { PROBE_CATALOGUE } = await import('../../src/core/probe/catalogue.js');
  const r = cli('probes');
  assert.equal(r.status, 0, r.stderr);
  for (const id of Object.keys(PROBE_CATALOGUE)) assert.match(r.stdout, new RegExp(`^${id.replace(/\./g, '\\.')}$`, 'm'));
  const j = cli('probes', '--json');
  assert.deepEqual(
    JSON.parse(j.stdout).map((p: { id: string }) => p.id),
    Object.keys(PROBE_CATALOGUE),
  );
});

test('cryoplan conditions lists the six presets; --json gives each with its nerve, probe, protocol and sources', () => {
  const six = ['intercostal', 'cluneal', 'ilioinguinal', 'iliohypogastric', 'lateral-femoral-cutaneous', 'interdigital'];
  const r = cli('conditions');
  assert.equal(r.status, 0, r.stderr);
  for (const n of six) assert.match(r.stdout, new RegExp(`^${n}$`, 'm'));
  const j = cli('conditions', '--json');
  assert.equal(j.status, 0, j.stderr);
  const list = JSON.parse(j.stdout) as Array<{ name: string; nerve_depth_mm: number; probe: string; protocol: string; sources: string[] }>;
  // And the cryoablation preset after the six, then the dermatology ones.
  assert.deepEqual(
    list.map((c) => c.name),
    [...six, 'prostate', 'common-wart', 'actinic-keratosis', 'seborrheic-keratosis', 'superficial-bcc', 'skin-tag'],
  );
  for (const c of list) {
    assert.ok(c.nerve_depth_mm > 0 && c.probe && /freeze/.test(c.protocol) && c.sources.length > 0, JSON.stringify(c));
  }
});

test('run --condition NAME FILE --freeze --cycles: the preset, a file with only a coarse grid over it, the flags over both', async () => {
  const dir = await tempDir('cryoplan-cli');
  await writeFile(join(dir, 'coarse.yaml'), 'grid: { auto: { refinement: 2.5 } }\n');
  const out = join(dir, 'out');
  const r = cli('run', '--condition', 'interdigital', join(dir, 'coarse.yaml'), '--freeze', '30', '--cycles', '1', '--out', out, '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.case.name, 'interdigital');
  assert.equal(summary.timing.simulated_s, 30, 'one 30 s freeze');
  const nerve = summary.nerves.find((n: { name: string }) => n.name === 'interdigital nerve (Morton neuroma)');
  assert.ok(nerve && nerve.injury !== 'none', 'a probe inside the neuroma cools it');
  assert.equal(nerve.territory, 'adjacent sides of the third and fourth toes');
});

test('run --condition refuses an unknown name with a suggestion, and needs a case or a condition', () => {
  const r = cli('run', '--condition', 'intercostl');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--condition: unknown condition 'intercostl' \(did you mean 'intercostal'\?\)/);
  const none = cli('run');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /needs a case file, --condition NAME, or both/);
  assert.equal(cli('run', '--condition', 'cluneal', '--cycles', '0').status, 2, 'cycles must be at least 1');
  assert.match(cli('run', '--help').stdout, /--condition <name>[\s\S]*--freeze <seconds>[\s\S]*--thaw <seconds>[\s\S]*--cycles <n>[\s\S]*--probe <model>/);
});
