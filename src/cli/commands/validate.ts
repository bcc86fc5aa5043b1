import type { Command } from 'commander';
import { loadCase } from '../../case/load.js';
import { CaseError } from '../../case/errors.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';
import { describeEstimate, estimateRun, formatBytes, memoryLimit } from '../estimate.js';
import { warningLines } from '../digest.js';

async function validate(files: string[]) {
  let bad = 0;
  let limit: ReturnType<typeof memoryLimit>;
  try {
    limit = memoryLimit();
  } catch (e) {
    fail(EXIT.invalid, e instanceof Error ? e.message : String(e));
  }
  for (const f of files) {
    try {
      const { scene, hash, warnings } = await loadCase(f);
      process.stderr.write(warningLines(f, warnings));
      process.stdout.write(`${f}: ok (${scene.name}: ${scene.probes.length} probe(s), ${scene.protocol.length} phase(s), hash ${hash})\n`);
      const e = estimateRun(scene);
      process.stdout.write(`  ${describeEstimate(e)}\n`);
      if (e.bytes > limit.bytes)
        process.stderr.write(
          `${f}: warning: needs about ${formatBytes(e.bytes)} of memory, more than ${limit.source} (${formatBytes(limit.bytes)}): run will refuse it here\n`,
        );
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      process.stderr.write(`${e.message}\n`);
      bad++;
    }
  }
  if (bad) fail(EXIT.invalid, `${bad} of ${files.length} case file(s) invalid`);
}

/** Adds `cryoplan validate` to the program. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check case files without running them; every problem is listed as FILE: field.path: reason')
    .argument('<cases...>', 'case files')
    .addHelpText('after', `\n${EXIT_HELP}`)
    .action(validate);
}
