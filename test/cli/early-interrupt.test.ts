/**
 * A Ctrl-C in the first tenths of a second of `cryoplan run`, while the command line, the case
 * schema and the plotting library are still loading, ends the run like a later one: exit 130,
 * the same message, nothing written. (It used to end the process silently, killed by the signal.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';
import { CLI_BIN, SMALL_CASE_YAML } from '../helpers/small-case-yaml.js';

const bin = CLI_BIN;

const SMALL = SMALL_CASE_YAML;

/**
 * Runs SMALL and sends SIGINT as soon as Node's module tracing (NODE_DEBUG=module) shows
 * `loading` on stderr: a moment that comes before the case is read, whatever the machine's load.
 */
async function interruptWhile(loading: RegExp) {
  const dir = await tempDir('cryoplan-early');
  await writeFile(join(dir, 'small.yaml'), SMALL);
  const child = spawn(process.execPath, [bin, 'run', 'small.yaml', '--out', 'out'], {
    cwd: dir,
    env: { ...process.env, NODE_DEBUG: 'module' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!sent && loading.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  // The module trace is Node's, not cryoplan's: what cryoplan printed is what remains.
  const said = stderr
    .split('\n')
    .filter((l) => !/^MODULE \d+:/.test(l) && !/^\s/.test(l))
    .join('\n');
  return { sent, code, signal, said, files: await readdir(dir) };
}

for (const [when, loading] of [
  ['the command line loads', /commander[/\\]index\.js/],
  ['the case reader loads', /node_modules[/\\]yaml[/\\]/],
] as const) {
  test(`Ctrl-C while ${when} exits 130 with the usual message, writing nothing`, async () => {
    const r = await interruptWhile(loading);
    assert.ok(r.sent, `never saw ${loading} in the module trace`);
    assert.equal(r.signal, null, 'killed by the signal, without a word');
    assert.equal(r.code, 130, r.said);
    assert.match(r.said, /^Interrupted: nothing was written\.$/m);
    assert.doesNotMatch(r.said, /cells: needs about/, 'interrupted before the case was read');
    assert.deepEqual(r.files, ['small.yaml'], 'nothing written');
  });
}
