import type { Command } from 'commander';
import { loadCase, type LoadedCase } from '../../case/load.js';
import { CaseError, didYouMean } from '../../case/errors.js';
import type { CaseOverrides } from '../../case/compose.js';
import { CONDITION_NAMES, isConditionName } from '../../case/conditions/index.js';
import { SimulationError } from '../../core/solver/errors.js';
import { describeProtocol } from '../../core/protocol/describe.js';
import { ResultsFolderError, writeRunOutputs } from '../../io/outputs.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { progressView } from '../progress.js';
import { digest, warningLines } from '../digest.js';
import { defaultOutDir, outDirProblem } from '../out-dir.js';
import { spawnSimThread, takeSimThread, type SimThread, type Stage, type ThreadResult } from '../sim-thread.js';
import { INTERRUPTED } from '../interrupt.js';
import { describeEstimate, estimateRun, formatBytes, freeMemory, memoryLimit } from '../estimate.js';
import { fail } from '../fail.js';
import { count, positive } from '../options.js';
import type { Scene } from '../../core/model.js';
import { refinedGridSpec } from '../../core/grid/refine.js';
import { compareGrids, describeGridCheck, type GridCheck } from '../../core/grid/verify.js';
import { DEFAULT_ACCURACY } from '../../core/grid/error-model.js';

interface RunOptions extends Omit<CaseOverrides, 'freeze_s' | 'thaw_s'> {
  out?: string;
  quiet?: boolean;
  json?: boolean;
  force?: boolean;
  freeze?: number;
  thaw?: number;
  verifyGrid?: boolean;
}

/** --verify-grid divides every spacing by this (about 3.4x the cells). */
const VERIFY_FACTOR = 1.5;

async function run(caseFile: string | undefined, opts: RunOptions) {
  if (caseFile === undefined && opts.condition === undefined)
    fail(EXIT.invalid, 'run needs a case file, --condition NAME, or both (cryoplan conditions lists the names)');
  if (opts.condition !== undefined && !isConditionName(opts.condition)) {
    fail(EXIT.invalid, `--condition: unknown condition '${opts.condition}'${didYouMean(opts.condition, [...CONDITION_NAMES])}`);
  }
  // The solver's thread (started by main.ts) loads its modules while this one reads the case.
  let early: SimThread | undefined = takeSimThread();
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
  const talk = !(opts.quiet || opts.json);
  process.stderr.write(warningLines(file, loaded.warnings));
  const estimate = estimateRun(scene);
  if (talk) process.stderr.write(`${file}: ${describeEstimate(estimate)}\n`);
  let limit: ReturnType<typeof memoryLimit>;
  try {
    limit = memoryLimit();
  } catch (e) {
    fail(EXIT.invalid, e instanceof Error ? e.message : String(e));
  }
  if (estimate.bytes > limit.bytes) {
    fail(
      EXIT.invalid,
      `${file}: the grid's ${estimate.cells.toLocaleString('en-US')} cells need about ${formatBytes(estimate.bytes)} of memory, more than ${limit.source} (${formatBytes(limit.bytes)}); ` +
        'coarsen the grid (grid.auto.refinement below 1, a larger spacing) or shrink the domain. Nothing was run.',
    );
  }
  if (talk && estimate.bytes > freeMemory())
    process.stderr.write(`warning: about ${formatBytes(estimate.bytes)} needed, ${formatBytes(freeMemory())} free now: the run may be slow or fail\n`);
  const refined: Scene | undefined = opts.verifyGrid ? { ...scene, grid: refinedGridSpec(scene.grid, VERIFY_FACTOR) } : undefined;
  if (refined) {
    const more = estimateRun(refined);
    if (talk) process.stderr.write(`${file}: --verify-grid: then the same on a grid refined ${VERIFY_FACTOR}x: ${describeEstimate(more)}\n`);
    if (more.bytes > limit.bytes) {
      fail(
        EXIT.invalid,
        `${file}: --verify-grid: the refined grid's ${more.cells.toLocaleString('en-US')} cells need about ${formatBytes(more.bytes)} of memory, more than ${limit.source} (${formatBytes(limit.bytes)}). Nothing was run.`,
      );
    }
  }
  const outDir = opts.out ?? defaultOutDir(scene.name, { freeze_s: opts.freeze, thaw_s: opts.thaw, cycles: opts.cycles, probe: opts.probe });
  const problem = await outDirProblem(outDir, { hash, sameCaseOnly: opts.out === undefined, force: Boolean(opts.force) });
  if (problem) fail(problem.code, problem.message);

  const caseInfo = { name: scene.name, hash, file, warnings: loaded.warnings };
  // Loaded here while the simulation runs on its thread (the plotting library and the
  // server-side DOM take a few tenths of a second), not on that thread before it.
  const renderer = import('../../io/report/index.js').then(
    (m) => m.renderReport,
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );
  const STAGES: Record<Stage, string> = {
    build: 'building the grid and the anatomy',
    steady: 'finding the steady starting temperatures',
    solve: 'solve',
  };
  const solveOn = async (sc: Scene, what: string): Promise<ThreadResult> => {
    const view = await progressView(!talk, { phases: sc.protocol.map((p) => p.duration_s), rule: sc.solver });
    const thread = (early ?? spawnSimThread()).start({ scene: sc }, { stage: (s) => view.stage(`${what}${STAGES[s]}`), progress: (p) => view.update(p) });
    early = undefined;
    // The simulation runs on its own thread: Ctrl-C stops it at once, whatever it is doing.
    onInterrupt = () => {
      view.stop();
      void thread.cancel();
      fail(EXIT.cancelled, 'Interrupted: nothing was written.');
    };
    try {
      return await thread.done;
    } catch (e) {
      view.stop();
      if (e instanceof SimulationError) {
        if (e.code === 'cancelled') fail(EXIT.cancelled, INTERRUPTED);
        fail(EXIT.simulation, `${file}: the ${what}simulation failed (${e.code}): ${e.message}`);
      }
      // The thread died (out of memory, or a fault in the code): still nothing was written.
      fail(EXIT.simulation, `${file}: the ${what}simulation stopped: ${e instanceof Error ? e.message : String(e)}; nothing was written`);
    } finally {
      view.stop();
      onInterrupt = nothingWritten;
    }
  };
  // One Ctrl-C handler for the whole run, its action swapped as the run moves on: with a
  // handler removed and the next not yet added, a Ctrl-C would fall between the two.
  const nothingWritten = () => fail(EXIT.cancelled, INTERRUPTED);
  let onInterrupt: () => void = nothingWritten;
  const sigint = () => onInterrupt();
  process.on('SIGINT', sigint);
  const done = await solveOn(scene, '');
  let gridCheck: GridCheck | undefined;
  if (refined) {
    const fine = await solveOn(refined, 'refined grid: ');
    gridCheck = compareGrids(done, fine, VERIFY_FACTOR, scene.grid.kind === 'auto' ? (scene.grid.accuracy ?? DEFAULT_ACCURACY) : null);
  }
  const { result, outcomes, wall_s } = done;
  const extra: Record<string, string> = {};
  // Nothing is written yet: Ctrl-C while the report is drawn still leaves everything as it was
  // (onInterrupt is still nothingWritten).
  // A fault in the report must not lose the run: the other files are still written.
  try {
    const render = await renderer;
    if (render instanceof Error) throw render;
    extra['report.html'] = render({ scene, result, outcomes, caseInfo, wall_s });
  } catch (e) {
    process.stderr.write(`warning: report.html was not written: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  // Drawing holds this thread: a Ctrl-C pressed meanwhile waits in the event loop's poll
  // phase, which comes between two turns of setImmediate (one turn would run before it).
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  // Once writing has begun a first Ctrl-C lets it finish (the folder swap is quick, and a
  // half-done swap is worse than a finished one); a second one exits at once.
  let interrupted = false;
  onInterrupt = () => {
    if (interrupted) process.exit(EXIT.cancelled);
    interrupted = true;
    process.stderr.write('finishing writing the results (Ctrl-C again to stop now)\n');
  };
  let files: string[];
  try {
    files = await writeRunOutputs(outDir, { scene, result, caseInfo, wall_s, outcomes, gridCheck }, extra);
  } catch (e) {
    if (e instanceof ResultsFolderError) fail(EXIT.invalid, `refusing to write the results to ${outDir}: ${e.message}`);
    fail(EXIT.output, `could not write the results to ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Written: a Ctrl-C from here on (the digest) just stops, and the early handler of main.ts,
  // which says that nothing was written, stays out of the way while this listener is there.
  onInterrupt = () => process.exit(EXIT.cancelled);
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
      organs_at_risk: outcomes.organs_at_risk.map((a) => ({
        name: a.name,
        complication: a.complication,
        coldest_c: a.coldest_c,
        frozen: a.frozen,
        risk: a.risk,
      })),
      protocol: describeProtocol(scene.protocol),
      energy: result.energy,
      ...(gridCheck ? { grid_check: gridCheck } : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else if (!opts.quiet) {
    process.stdout.write(`${digest(result, wall_s, outDir, outcomes, scene.protocol)}\n`);
    if (gridCheck) process.stdout.write(`${describeGridCheck(gridCheck).join('\n')}\n`);
  }
}

/** Adds `cryoplan run` to the program. */
export function register(program: Command): void {
  program
    .command('run')
    .description('simulate one case and write its results folder')
    .argument('[case]', 'case file (YAML or JSON); optional with --condition')
    .option('-o, --out <dir>', 'results folder (default: results/<case name>, plus the flags that changed it)')
    .option('--force', 'replace the default results folder even if it holds the results of a different case')
    .option('-q, --quiet', 'no progress and no digest')
    .option('--json', 'print a one-line JSON digest on stdout instead of text')
    .option('-c, --condition <name>', 'start from a condition preset (cryoplan conditions lists them); a case file then overrides it')
    .option('--freeze <seconds>', 'length of each freeze', positive('seconds'))
    .option('--thaw <seconds>', 'length of each thaw between freezes', positive('seconds'))
    .option('--cycles <n>', 'number of freezes (freeze, thaw, freeze, ...)', count)
    .option('--probe <model>', "every probe's catalogue model (cryoplan probes lists them)")
    .option(
      '--verify-grid',
      `also run the case on a grid ${VERIFY_FACTOR}x finer and report how far the isotherm volumes and the nerve outcome move (summary.json grid_check)`,
    )
    .addHelpText(
      'after',
      `\nWrites summary.json, report.html, series.csv and, if the case asks for them, volumes (fields.vtr, *.nrrd).\n` +
        `The folder is replaced whole, and only once the run has succeeded: a failed or interrupted\nrun leaves an existing folder as it was. Ctrl-C stops the run at once. cryoplan writes only\nto a new or empty folder or to one it wrote (marked by .cryoplan-results.json, with nothing\nadded): any other folder is refused before the run, and no file it did not write is deleted.\n\n` +
        `A case is a preset, a file, or both: the file's fields override the preset's (mappings merge\nfield by field, lists are replaced whole) and the flags override both. --freeze, --thaw and\n--cycles rebuild the phases from the case's first freeze and thaw.\n\n` +
        `Examples:\n  cryoplan run cases/default.yaml\n  cryoplan run --condition interdigital --freeze 90 --cycles 2\n  cryoplan run --condition intercostal my-patient.yaml --probe n2o-1.3\n\n${EXIT_HELP}`,
    )
    .action(run);
}
