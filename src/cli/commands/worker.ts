import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { RedisUnavailable, startRedisWorker } from '../../run/redis.js';
import { EXIT, EXIT_HELP } from '../exit-codes.js';
import { fail } from '../fail.js';
import { count, positive } from '../options.js';

async function worker(opts: { redis: string; concurrency?: number; lockSeconds?: number; quiet?: boolean }) {
  let w: { close(): Promise<void> };
  const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  try {
    w = await startRedisWorker({ url: opts.redis, concurrency: opts.concurrency ?? availableParallelism(), lockSeconds: opts.lockSeconds, log });
  } catch (e) {
    if (e instanceof RedisUnavailable) fail(EXIT.invalid, e.message);
    throw e;
  }
  log?.(`cryoplan worker: waiting for jobs on ${opts.redis.replace(/\/\/([^@/]*)@/, '//***@')} (Ctrl-C stops)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(EXIT.cancelled);
    stopping = true;
    log?.('cryoplan worker: stopping (a job in progress goes back to the queue)');
    await w.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Adds `cryoplan worker` to the program. */
export function register(program: Command): void {
  program
    .command('worker')
    .description('run simulations from a Redis queue (BullMQ) for `cryoplan plan --redis` on any machine')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--concurrency <n>', 'simulations at once (default: the cores)', count)
    .option('--lock-seconds <s>', 'a job whose worker is silent this long goes to another worker (default 30)', positive('seconds'))
    .option('-q, --quiet', 'no log lines')
    .addHelpText('after', `\nA worker killed mid-job loses nothing: the job runs again on another worker.\n\n${EXIT_HELP}`)
    .action(worker);
}
