import type { Command } from 'commander';
import { loadCase, type LoadedCase } from '../../case/load.js';
import { CaseError, didYouMean } from '../../case/errors.js';
import type { CaseOverrides } from '../../case/compose.js';
import { CONDITION_NAMES, isConditionName } from '../../case/conditions/index.js';
import { simulateAsync } from '../../core/solver/simulate.js';
import { SimulationError } from '../../core/solver/errors.js';
import type { RunResult } from '../../core/result.js';
import { writeRunOutputs } from '../../io/outputs.js';
import { renderReport } from '../../io/report/index.js';
import { computeOutcomes } from '../../core/outcome/index.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { progressView } from '../progress.js';
import { digest, warningLines } from '../digest.js';
import { outDirProblem } from '../out-dir.js';
import { fail } from '../fail.js';
import { count, positive } from '../options.js';

/** A folder name from the case's name (which is free text). */
const folderName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'case';

interface RunOptions extends Omit<CaseOverrides, 'freeze_s' | 'thaw_s'> {
  out?: string;
  quiet?: boolean;
  json?: boolean;
  freeze?: number;
  thaw?: number;
}

async function run(caseFile: string | undefined, opts: RunOptions) {
  if (caseFile === undefined && opts.condition === undefined)
    fail(EXIT.invalid, 'run needs a case file, --condition NAME, or both (cryoplan conditions lists the names)');
  if (opts.condition !== undefined && !isConditionName(opts.condition)) {
    fail(EXIT.invalid, `--condition: unknown condition '${opts.condition}'${didYouMean(opts.condition, [...CONDITION_NAMES])}`);
  }
  const file = caseFile ?? `condition '${opts.condition}'`;
  const overrides: CaseOverrides = { condition: opts.condition, freeze_s: opts.freeze, thaw_s: opts.thaw, cycles: opts.cycles, probe: opts.probe };
  let loaded: LoadedCase;
  try {
    loaded = await loadCase(caseFile, overrides);
  } catch (e) {
    if (e instanceof CaseError) fail(EXIT.invalid, e.message);
    throw e;
  }
  const { scene, hash } = loaded;
  process.stderr.write(warningLines(file, loaded.warnings));
  const outDir = opts.out ?? `results/${folderName(scene.name)}`;
  const problem = await outDirProblem(outDir);
  if (problem) fail(EXIT.output, `cannot write the results: ${problem}`);

  // The first Ctrl-C asks the solver to stop at its next step (nothing is written);
  // a second one, for a solver stuck in a long step, exits at once.
  let cancelled = false;
  const onSigint = () => {
    if (cancelled) process.exit(EXIT.cancelled);
    cancelled = true;
  };
  process.on('SIGINT', onSigint);
  const view = progressView(Boolean(opts.quiet || opts.json));
  const t0 = performance.now();
  let result: RunResult;
  try {
    result = await simulateAsync(scene, { onProgress: (p) => view.update(p), shouldCancel: () => cancelled });
  } catch (e) {
    view.stop();
    if (e instanceof SimulationError) {
      if (e.code === 'cancelled') fail(EXIT.cancelled, 'Interrupted: nothing was written.');
      fail(EXIT.simulation, `${file}: the simulation failed (${e.code}): ${e.message}`);
    }
    throw e;
  }
  view.stop();
  const wall_s = (performance.now() - t0) / 1000;
  const outcomes = computeOutcomes(scene, result);
  const caseInfo = { name: scene.name, hash, file, warnings: loaded.warnings };
  // A fault in the report must not lose the run: the other files are still written.
  const extra: Record<string, string> = {};
  try {
    extra['report.html'] = renderReport({ scene, result, outcomes, caseInfo, wall_s });
  } catch (e) {
    process.stderr.write(`warning: report.html was not written: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  let files: string[];
  try {
    // Still holding SIGINT: the folder swap is quick, and a half-done swap is worse than a finished one.
    files = await writeRunOutputs(outDir, { scene, result, caseInfo, wall_s, outcomes }, extra);
  } catch (e) {
    fail(EXIT.output, `could not write the results to ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (opts.json) {
    const out = {
      out: outDir,
      files,
      case: { name: scene.name, hash, file },
      warnings: loaded.warnings,
      wall_s,
      isotherms: result.isotherms,
      structures: result.structures.map((s) => ({ name: s.name, role: s.role, min_temperature_c: s.min_temperature_c })),
      nerves: outcomes.nerves.map((n) => ({ name: n.name, injury: n.injury, block: n.block, duration_days: n.duration_days })),
      side_effects: outcomes.side_effects.map((e) => ({ id: e.id, risk: e.risk })),
      energy: result.energy,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else if (!opts.quiet) process.stdout.write(`${digest(result, wall_s, outDir, outcomes)}\n`);
}

/** Adds `cryoplan run` to the program. */
export function register(program: Command): void {
  program
    .command('run')
    .description('simulate one case and write its results folder')
    .argument('[case]', 'case file (YAML or JSON); optional with --condition')
    .option('-o, --out <dir>', 'results folder (default: results/<case name>)')
    .option('-q, --quiet', 'no progress and no digest')
    .option('--json', 'print a one-line JSON digest on stdout instead of text')
    .option('-c, --condition <name>', 'start from a condition preset (cryoplan conditions lists them); a case file then overrides it')
    .option('--freeze <seconds>', 'length of each freeze', positive('seconds'))
    .option('--thaw <seconds>', 'length of each thaw between freezes', positive('seconds'))
    .option('--cycles <n>', 'number of freezes (freeze, thaw, freeze, ...)', count)
    .option('--probe <model>', "every probe's catalogue model (cryoplan probes lists them)")
    .addHelpText(
      'after',
      `\nWrites summary.json, report.html, series.csv and, if the case asks for them, volumes (fields.vtr, *.nrrd).\n` +
        `The folder is replaced whole, and only once the run has succeeded: a failed or interrupted\nrun leaves an existing folder as it was. Ctrl-C stops the run cleanly.\n\n` +
        `A case is a preset, a file, or both: the file's fields override the preset's (mappings merge\nfield by field, lists are replaced whole) and the flags override both. --freeze, --thaw and\n--cycles rebuild the phases from the case's first freeze and thaw.\n\n` +
        `Examples:\n  cryoplan run cases/default.yaml\n  cryoplan run --condition interdigital --freeze 90 --cycles 2\n  cryoplan run --condition intercostal my-patient.yaml --probe n2o-1.3\n\n${EXIT_HELP}`,
    )
    .action(run);
}
