import type { Command } from 'commander';
import { listProbes } from '../probes.js';

/** Adds `cryoplan probes` to the program. */
export function register(program: Command): void {
  program
    .command('probes')
    .description("list the probe catalogue (use an id as a probe's model: in a case file)")
    .option('--json', 'the full entries as JSON')
    .action((opts: { json?: boolean }) => {
      process.stdout.write(`${listProbes(Boolean(opts.json))}\n`);
    });
}
