import { resolve, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Runner } from '../run/types.js';
import { DEFAULT_MAX_CELLS } from '../case/grid.js';
import { buildApp } from './app.js';
import { RunManager } from './runs.js';
import { PlanManager, type PlanRecord } from './plans.js';
import { RunStore } from './store.js';
import { createLocalRunner } from '../run/local-pool.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  token?: string;
  runner?: Runner;
  maxBodyBytes?: number;
  maxCells?: number;
  maxActive?: number;
  maxWallS?: number;
  /** Plans searching at once, and the wall time each may take, s. */
  maxPlans?: number;
  maxPlanWallS?: number;
  webRoot?: string;
  logger?: boolean;
}

export const SERVE_DEFAULTS = { maxBodyBytes: 2 * 1024 * 1024, maxCells: DEFAULT_MAX_CELLS, maxActive: 100, maxWallS: 900, maxPlans: 2, maxPlanWallS: 3600 };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\./.test(host);

/** The built app: dist/web beside dist/server, found from this file whether it runs from dist/ or a dev build. */
export function defaultWebRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return undefined;
}

export interface RunningServer {
  app: FastifyInstance;
  runs: RunManager;
  plans: PlanManager;
  url: string;
  close(): Promise<void>;
}

/** Starts the API and the app. Off loopback it refuses to start without a token. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(o.host) && !o.token)
    throw new Error(`--host ${o.host} opens the server to other machines: give it a --token too (clients send Authorization: Bearer <token>)`);
  const store = new RunStore(resolve(o.dataDir));
  const runs = new RunManager(store, o.runner ?? createLocalRunner(), {
    maxActive: o.maxActive ?? SERVE_DEFAULTS.maxActive,
    maxWallS: o.maxWallS ?? SERVE_DEFAULTS.maxWallS,
  });
  await runs.init();
  // Plans share the runs' runner (the local pool, or BullMQ with --redis): one queue of simulations for the machine.
  const plans = new PlanManager(new RunStore<PlanRecord>(resolve(o.dataDir), { records: 'plan-records', results: 'plans' }), runs.runner, {
    maxActive: o.maxPlans ?? SERVE_DEFAULTS.maxPlans,
    maxWallS: o.maxPlanWallS ?? SERVE_DEFAULTS.maxPlanWallS,
  });
  await plans.init();
  const app = await buildApp({
    runs,
    plans,
    token: o.token,
    maxBodyBytes: o.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
    maxCells: o.maxCells ?? SERVE_DEFAULTS.maxCells,
    webRoot: o.webRoot ?? defaultWebRoot(),
    logger: o.logger,
  });
  await app.listen({ port: o.port, host: o.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    app,
    runs,
    plans,
    url: `http://${host}:${port}`,
    async close() {
      await plans.close();
      await runs.close();
      await app.close();
    },
  };
}
