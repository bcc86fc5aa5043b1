import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parseCaseText, readCaseLabelmap } from '../../case/load.js';
import { showCase } from '../../case/show.js';
import { CaseError, didYouMean } from '../../case/errors.js';
import type { CaseOverrides } from '../../case/compose.js';
import { CONDITION_NAMES, isConditionName } from '../../case/conditions/index.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';
import { count, positive } from '../options.js';

interface ShowOptions {
  condition?: string;
  freeze?: number;
  thaw?: number;
  cycles?: number;
  probe?: string;
}

async function show(caseFile: string | undefined, opts: ShowOptions) {
  if (caseFile === undefined && opts.condition === undefined)
    fail(EXIT.invalid, 'show needs a case file, --condition NAME, or both (cryoplan conditions lists the names)');
  if (opts.condition !== undefined && !isConditionName(opts.condition))
    fail(EXIT.invalid, `--condition: unknown condition '${opts.condition}'${didYouMean(opts.condition, [...CONDITION_NAMES])}`);
  const overrides: CaseOverrides = { condition: opts.condition, freeze_s: opts.freeze, thaw_s: opts.thaw, cycles: opts.cycles, probe: opts.probe };
  const label = caseFile ?? `condition '${opts.condition}'`;
  try {
    let obj: unknown = {};
    if (caseFile !== undefined) {
      let text: string;
      try {
        text = await readFile(caseFile, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CaseError(caseFile, [{ path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})` }]);
      }
      obj = parseCaseText(text, caseFile);
      const labelmap = await readCaseLabelmap(obj, caseFile);
      if (labelmap) overrides.labelmap = labelmap;
    }
    const origin = caseFile !== undefined && opts.condition !== undefined ? `${caseFile} over condition '${opts.condition}'` : label;
    process.stdout.write(showCase(obj, label, overrides, origin));
  } catch (e) {
    if (e instanceof CaseError) fail(EXIT.invalid, e.message);
    throw e;
  }
}

/** Adds `cryoplan show` to the program. */
export function register(program: Command): void {
  program
    .command('show')
    .description('print the case as it would run (preset, file and flags merged, defaults written out), as YAML that run accepts')
    .argument('[case]', 'case file (YAML or JSON); optional with --condition')
    .option('-c, --condition <name>', 'start from a condition preset (cryoplan conditions lists them); a case file then overrides it')
    .option('--freeze <seconds>', 'length of each freeze', positive('seconds'))
    .option('--thaw <seconds>', 'length of each thaw between freezes', positive('seconds'))
    .option('--cycles <n>', 'number of freezes (freeze, thaw, freeze, ...)', count)
    .option('--probe <model>', "every probe's catalogue model (cryoplan probes lists them)")
    .addHelpText('after', `\nTo change a preset: cryoplan show --condition intercostal > mine.yaml, edit mine.yaml, cryoplan run mine.yaml.\n\n${EXIT_HELP}`)
    .action(show);
}
