import type { Command } from 'commander';
import { writeFile, rename } from 'node:fs/promises';
import { caseJsonSchema } from '../../case/schema.js';
import { summaryJsonSchema } from '../../io/summary-schema.js';
import { planJsonSchema } from '../../io/plan/schema.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';

async function schema(opts: { out?: string; summary?: boolean; plan?: boolean }) {
  const text = `${JSON.stringify(opts.plan ? planJsonSchema() : opts.summary ? summaryJsonSchema() : caseJsonSchema(), null, 2)}\n`;
  if (!opts.out) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(`${opts.out}.tmp`, text);
    await rename(`${opts.out}.tmp`, opts.out);
  } catch (e) {
    fail(EXIT.output, `could not write ${opts.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Adds `cryoplan schema` to the program. */
export function register(program: Command): void {
  program
    .command('schema')
    .description("print the case file's JSON Schema (for editors)")
    .option('-o, --out <file>', 'write it to a file instead')
    .option('--summary', "the schema of a run's summary.json instead")
    .option('--plan', "the schema of a plan's plan.json instead")
    .addHelpText('after', `\n${EXIT_HELP}`)
    .action(schema);
}
