import type { Command } from 'commander';
import { listConditions, conditionsMarkdown } from '../conditions.js';

/** Adds `cryoplan conditions` to the program. */
export function register(program: Command): void {
  program
    .command('conditions')
    .description('list the condition presets (use a name as condition: in a case file, or with run --condition)')
    .option('--json', 'the presets with their figures and sources, as JSON')
    .option('--markdown', 'the figures and their sources as Markdown tables (docs/conditions.md)')
    .action((opts: { json?: boolean; markdown?: boolean }) => {
      process.stdout.write(opts.markdown ? conditionsMarkdown() : `${listConditions(Boolean(opts.json))}\n`);
    });
}
