import type { Command } from 'commander';
import { join } from 'node:path';
import { CaseError, didYouMean } from '../../case/errors.js';
import { CONDITION_NAMES, isConditionName } from '../../case/conditions/index.js';
import { loadPlanCase, type PlanCase } from '../../case/plan.js';
import { cellBudgetNote } from '../../core/grid/budget.js';
import { createLocalRunner, RunCancelled } from '../../run/local-pool.js';
import { createRedisRunner, RedisUnavailable } from '../../run/redis.js';
import { cachedRunner, createDiskCache } from '../../run/cache.js';
import type { Runner } from '../../run/types.js';
import type { PlanProgress } from '../../run/plan-env.js';
import { runPlan, type PlanRun } from '../../run/run-plan.js';
import { PlanCancelled } from '../../core/plan/search.js';
import { planOutProblem, writePlanFolder } from '../../io/plan/write.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';
import { count } from '../options.js';

interface PlanOptions {
  condition?: string;
  redis?: string;
  out?: string;
  threads?: number;
  cache?: string | false;
  quiet?: boolean;
  json?: boolean;
}

const folderName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'case';
const clock = (s: number) => (s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** One status line: simulations done / known so far, wall time and the ETA at the pace so far. */
function progressLine(quiet: boolean): { update(p: PlanProgress): void; stop(): void } {
  if (quiet) return { update() {}, stop() {} };
  const tty = process.stderr.isTTY;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (!tty && now - last < 5000 && p.done < p.planned) return;
      last = now;
      const eta = p.eta_s === null ? 'ETA: after the first simulation' : `ETA ${clock(p.eta_s)} for the simulations known so far`;
      const line = `plan: ${p.done}/${p.planned} simulations${p.cached ? ` (${p.cached} cached)` : ''} | ${clock(p.wall_s)} | ${eta}`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        shown = true;
      } else process.stderr.write(`${line}\n`);
    },
    stop() {
      if (shown) process.stderr.write('\n');
    },
  };
}

async function plan(caseFile: string | undefined, opts: PlanOptions) {
  if (caseFile === undefined && opts.condition === undefined) fail(EXIT.invalid, 'plan needs a case file, --condition NAME, or both');
  if (opts.condition !== undefined && !isConditionName(opts.condition))
    fail(EXIT.invalid, `--condition: unknown condition '${opts.condition}'${didYouMean(opts.condition, [...CONDITION_NAMES])}`);
  let pc: PlanCase;
  try {
    pc = await loadPlanCase(caseFile, { condition: opts.condition });
  } catch (e) {
    if (e instanceof CaseError) fail(EXIT.invalid, e.message);
    throw e;
  }
  const base = pc.scenes.get(null);
  if (!base) throw new Error('internal error: no scene');
  const budget = cellBudgetNote(base.grid);
  if (budget) process.stderr.write(`${caseFile ?? `condition '${opts.condition}'`}: warning: grid.auto.cell_budget: ${budget}\n`);
  const outDir = opts.out ?? join('results', `${folderName(base.name)}-plan`);
  const problem = await planOutProblem(outDir);
  if (problem) fail(EXIT.output, `cannot write the plan: ${problem}`);

  let inner: Runner;
  try {
    inner = opts.redis ? await createRedisRunner({ url: opts.redis }) : createLocalRunner({ threads: opts.threads });
  } catch (e) {
    if (e instanceof RedisUnavailable) fail(EXIT.invalid, `--redis: ${e.message}`);
    throw e;
  }
  const runner = opts.cache === false ? inner : cachedRunner(inner, createDiskCache(opts.cache ?? join('.cryoplan', 'cache')));
  const stop = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(EXIT.cancelled);
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  const view = progressLine(Boolean(opts.quiet || opts.json));
  let run: PlanRun;
  try {
    run = await runPlan(pc, runner, { signal: stop.signal, onProgress: (p) => view.update(p), runnerName: inner.name });
  } catch (e) {
    view.stop();
    await runner.close().catch(() => {});
    if (e instanceof PlanCancelled || e instanceof RunCancelled || stop.signal.aborted)
      fail(EXIT.cancelled, 'Interrupted: the pool is stopped and nothing was written.');
    if (e instanceof RedisUnavailable) fail(EXIT.simulation, e.message);
    fail(EXIT.simulation, `${pc.file}: the plan failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  view.stop();
  await runner.close();
  for (const w of run.warnings) process.stderr.write(`warning: ${w}\n`);
  const { json, wall_s } = run;
  let written: string[];
  try {
    written = await writePlanFolder(outDir, run.files);
  } catch (e) {
    fail(EXIT.output, `could not write the plan to ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ out: outDir, files: written, verdict: json.verdict, chosen: json.chosen, simulations: json.simulations, wall_s })}\n`,
    );
  } else if (!opts.quiet) {
    const s = json.simulations;
    process.stdout.write(
      `${json.verdict}\n${s.computed} simulations run, ${s.cached} from the cache (a grid search over the same choices: ${s.naive_grid}); ${clock(wall_s)} on ${inner.name}.\nWritten: ${written.join(', ')}\n`,
    );
  }
}

/** Adds `cryoplan plan` to the program. */
export function register(program: Command): void {
  program
    .command('plan')
    .description('search the shortest protocol and placement that block the nerve with the confidence asked, within the limits')
    .argument('[case]', 'case file with a plan: section (optional with --condition; defaults fill what it leaves out)')
    .option('-c, --condition <name>', 'start from a condition preset')
    .option('-o, --out <dir>', 'plan folder (default: results/<case name>-plan)')
    .option('--redis <url>', 'run the simulations on BullMQ workers (`cryoplan worker --redis URL`) instead of this machine')
    .option(
      '--threads <n>',
      'worker threads of the local pool, all used at once (default: up to the cores, as many at once as pays on this machine now)',
      count,
    )
    .option('--cache <dir>', 'results cache, by case hash (default: .cryoplan/cache)')
    .option('--no-cache', 'run every simulation, keep nothing')
    .option('-q, --quiet', 'no progress and no digest')
    .option('--json', 'print a one-line JSON digest on stdout')
    .addHelpText(
      'after',
      `\nWrites plan.json, plan.html and, when a plan meets the limits, plan.yaml (a case for cryoplan run).\n` +
        `When no plan meets them, plan.json and plan.html say so and show the closest: that is a result (exit 0).\n` +
        `Ctrl-C stops the simulations and writes nothing.\n\nExamples:\n  cryoplan plan --condition intercostal\n  cryoplan plan cases/intercostal-plan.yaml --redis redis://localhost:6379\n\n${EXIT_HELP}`,
    )
    .action(plan);
}
