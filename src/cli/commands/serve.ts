import { type Command, InvalidArgumentError } from 'commander';
import { count } from '../options.js';
import { EXIT } from '../exit-codes.js';
import { fail } from '../fail.js';
import { SERVE_DEFAULTS, startServer } from '../../server/index.js';
import { createRedisRunner } from '../../run/redis.js';

interface ServeCliOptions {
  port: number;
  host: string;
  data: string;
  redis?: string;
  token?: string;
  maxBody: number;
  maxCells: number;
  maxRuns: number;
  maxWall: number;
  maxPlans: number;
  maxPlanWall: number;
}

const port = (v: string) => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 0 && n < 65536)) throw new InvalidArgumentError('must be a port number (0 to 65535; 0 picks a free one).');
  return n;
};

async function serve(opts: ServeCliOptions) {
  const token = opts.token ?? process.env.CRYOPLAN_TOKEN;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // With --redis the runs go to BullMQ, run by `cryoplan worker` processes on any machine.
    const runner = opts.redis ? await createRedisRunner({ url: opts.redis }) : undefined;
    server = await startServer({
      runner,
      port: opts.port,
      host: opts.host,
      dataDir: opts.data,
      token,
      maxBodyBytes: opts.maxBody,
      maxCells: opts.maxCells,
      maxActive: opts.maxRuns,
      maxWallS: opts.maxWall,
      maxPlans: opts.maxPlans,
      maxPlanWallS: opts.maxPlanWall,
    });
  } catch (e) {
    fail(EXIT.invalid, `serve: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.stdout.write(
    `cryoplan is serving the app and the API at ${server.url}/ (runs kept in ${opts.data}; runner: ${server.runs.runner.name}, ${server.runs.runner.concurrency} at once)\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(EXIT.cancelled);
    stopping = true;
    process.stdout.write('stopping: runs in progress are recorded as interrupted\n');
    void server.close().then(() => process.exit(EXIT.ok));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Adds `cryoplan serve` to the program. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the browser app and the HTTP API (runs kept on disk)')
    .option('-p, --port <port>', 'port to listen on', port, 8080)
    .option('--host <host>', 'address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--data <dir>', 'folder for the runs (result folders as cryoplan run writes them)', 'cryoplan-data')
    .option('--redis <url>', 'run on BullMQ workers (cryoplan worker --redis URL, on any machine) through this Redis')
    .option('--token <token>', 'bearer token every API request must carry (or CRYOPLAN_TOKEN)')
    .option('--max-body <bytes>', 'largest request body', count, SERVE_DEFAULTS.maxBodyBytes)
    .option('--max-cells <n>', 'largest grid a submitted case may have', count, SERVE_DEFAULTS.maxCells)
    .option('--max-runs <n>', 'runs waiting or running at once (more get 429)', count, SERVE_DEFAULTS.maxActive)
    .option('--max-wall <seconds>', 'wall time a run may take', count, SERVE_DEFAULTS.maxWallS)
    .option('--max-plans <n>', 'plans searching at once (more get 429)', count, SERVE_DEFAULTS.maxPlans)
    .option('--max-plan-wall <seconds>', 'wall time a plan may take', count, SERVE_DEFAULTS.maxPlanWallS)
    .addHelpText(
      'after',
      '\nThe app is at http://127.0.0.1:8080/ and the API under /api: runs (/api/runs) and plans (/api/plans, as cryoplan plan);\nits OpenAPI document at /api/openapi.json. A run or plan still going when the server stops is recorded as interrupted.\n\nExamples:\n  cryoplan serve\n  cryoplan serve --port 9000 --data /srv/cryoplan\n  CRYOPLAN_TOKEN=s3cret cryoplan serve --host 0.0.0.0',
    );
  program.commands.at(-1)!.action(serve);
}
