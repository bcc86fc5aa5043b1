import type { Command } from 'commander';
import { loadCase } from '../../case/load.js';
import { CaseError } from '../../case/errors.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';
import { warningLines } from '../digest.js';

async function validate(files: string[]) {
  let bad = 0;
  for (const f of files) {
    try {
      const { scene, hash, warnings } = await loadCase(f);
      process.stderr.write(warningLines(f, warnings));
      process.stdout.write(`${f}: ok (${scene.name}: ${scene.probes.length} probe(s), ${scene.protocol.length} phase(s), hash ${hash})\n`);
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
