#!/usr/bin/env node
import { Command } from 'commander';
import { writeFile, rename } from 'node:fs/promises';
import { loadCase } from '../case/load.js';
import { CaseError } from '../case/errors.js';
import { caseJsonSchema } from '../case/schema.js';
import { summaryJsonSchema } from '../io/summary-schema.js';
import { simulateAsync } from '../core/solver/simulate.js';
import { SimulationError } from '../core/solver/errors.js';
import { writeRunOutputs } from '../io/outputs.js';
import { VERSION } from '../version.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { progressView } from './progress.js';
import { digest } from './digest.js';

function fail(code: number, message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(code);
}

async function run(file: string, opts: { out?: string; quiet?: boolean; json?: boolean }) {
  let loaded;
  try {
    loaded = await loadCase(file);
  } catch (e) {
    if (e instanceof CaseError) fail(EXIT.invalid, e.message);
    throw e;
  }
  const { scene, hash } = loaded;
  const outDir = opts.out ?? `results/${scene.name.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
  let cancelled = false;
  const onSigint = () => {
    if (cancelled) process.exit(EXIT.cancelled);
    cancelled = true;
  };
  process.on('SIGINT', onSigint);
  const view = progressView(Boolean(opts.quiet || opts.json));
  const t0 = performance.now();
  let result;
  try {
    result = await simulateAsync(scene, { onProgress: (p) => view.update(p), shouldCancel: () => cancelled });
  } catch (e) {
    view.stop();
    if (e instanceof SimulationError) {
      if (e.code === 'cancelled') fail(EXIT.cancelled, 'Interrupted: nothing was written.');
      fail(EXIT.simulation, `${file}: simulation failed: ${e.message}`);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
  view.stop();
  const wall_s = (performance.now() - t0) / 1000;
  try {
    await writeRunOutputs(outDir, { scene, result, caseInfo: { name: scene.name, hash, file }, wall_s });
  } catch (e) {
    fail(EXIT.output, `could not write the results to ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (opts.json) process.stdout.write(JSON.stringify({ out: outDir, wall_s, energy: result.energy, isotherms: result.isotherms }) + '\n');
  else if (!opts.quiet) process.stdout.write(digest(result, wall_s, outDir) + '\n');
}

async function validate(files: string[]) {
  let bad = 0;
  for (const f of files) {
    try {
      const { scene, hash } = await loadCase(f);
      process.stdout.write(`${f}: ok (${scene.name}, ${scene.probes.length} probe(s), ${scene.protocol.length} phase(s), hash ${hash})\n`);
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      process.stderr.write(e.message + '\n');
      bad++;
    }
  }
  if (bad) process.exit(EXIT.invalid);
}

async function schema(opts: { out?: string; summary?: boolean }) {
  const text = JSON.stringify(opts.summary ? summaryJsonSchema() : caseJsonSchema(), null, 2) + '\n';
  if (!opts.out) {
    process.stdout.write(text);
    return;
  }
  await writeFile(`${opts.out}.tmp`, text);
  await rename(`${opts.out}.tmp`, opts.out);
}

const program = new Command()
  .name('cryoplan')
  .description('Simulate and plan cryotherapy: 3D bioheat with freezing around cryoprobes.')
  .version(VERSION)
  .addHelpText('after', `\n${EXIT_HELP}`)
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(EXIT.ok);
    process.exit(EXIT.invalid);
  });

program
  .command('run')
  .description('simulate one case and write its results folder')
  .argument('<case>', 'case file (YAML or JSON)')
  .option('-o, --out <dir>', 'results folder (default: results/<case name>)')
  .option('-q, --quiet', 'no progress and no digest')
  .option('--json', 'print a one-line JSON digest instead of text')
  .addHelpText('after', `\nWrites summary.json, series.csv and, if the case asks for them, volumes (fields.vtr, *.nrrd).\nThe folder is replaced whole, only once the run has succeeded.\n\n${EXIT_HELP}`)
  .action(run);

program
  .command('validate')
  .description('check case files without running them')
  .argument('<cases...>', 'case files')
  .addHelpText('after', `\n${EXIT_HELP}`)
  .action(validate);

program
  .command('schema')
  .description("print the case file's JSON Schema (for editors)")
  .option('-o, --out <file>', 'write it to a file instead')
  .option('--summary', "the schema of a run's summary.json instead")
  .action(schema);

program.parseAsync(process.argv).catch((e) => fail(EXIT.simulation, `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
