/** The `cryoplan` command line: main.ts loads it once Ctrl-C is handled. */
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { fail } from './fail.js';
import { registerCommands } from './commands/index.js';

const program = new Command()
  .name('cryoplan')
  .description('Simulate and plan cryotherapy: 3D bioheat with freezing around cryoprobes.')
  .version(VERSION)
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', `\n${EXIT_HELP}`)
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(EXIT.ok);
    process.exit(EXIT.invalid);
  });

registerCommands(program, process.argv.slice(2))
  .then(() => program.parseAsync(process.argv))
  .catch((e) => fail(EXIT.simulation, `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
