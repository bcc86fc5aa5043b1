import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, createReadStream } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { conditionList } from '../case/conditions/index.js';
import { summarise } from '../case/conditions/summary.js';
import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import { ApiError, errorBody } from './errors.js';
import { caseFormat, checkCase } from './case-input.js';
import { isRunId } from './ids.js';
import { openApiDocument, RESULT_FILE_TYPES } from './openapi.js';
import type { RunEvent, RunManager } from './runs.js';
import type { PlanEvent, PlanManager } from './plans.js';
import { checkPlan } from './plan-input.js';
import { FINISHED, type RunStatus } from './store.js';

export interface AppOptions {
  runs: RunManager;
  plans: PlanManager;
  /** Bearer token every /api request must carry; none on loopback by default. */
  token?: string;
  /** Largest request body, bytes. */
  maxBodyBytes: number;
  /** Largest grid a submitted case may have, cells. */
  maxCells: number;
  /** The built app (dist/web); absent: / says how to build it. */
  webRoot?: string;
  logger?: boolean;
}

const CASE_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** The app's pages may use only what they were served with: no other origin, no inline script. */
const APP_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
/** report.html is a document, not an app: no scripts at all. */
const REPORT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function runId(req: FastifyRequest, what = 'run'): string {
  const id = (req.params as { id: string }).id;
  // Anything but an id's shape (a '../', a slash, an encoded dot) is no run: it never reaches a path.
  if (!isRunId(id)) throw new ApiError(404, `no ${what} with id ${JSON.stringify(id.slice(0, 64))}`);
  return id;
}

const PLAN_FILE_TYPES: Record<string, string> = { 'plan.json': 'application/json', 'plan.html': 'text/html', 'plan.yaml': 'application/yaml' };

/** The HTTP API and the app, over a RunManager. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { runs, plans } = opts;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.maxBodyBytes, forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(CASE_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((e: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (e instanceof ApiError)
      return reply
        .code(e.status)
        .headers(e.headers)
        .send(errorBody(e.status, e.message, e.issues));
    const status = e.statusCode ?? 500;
    let message = e.message;
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      message = `the request body is larger than this server's limit of ${opts.maxBodyBytes.toLocaleString('en-US')} bytes`;
    else if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') message = 'send the case as application/json or application/yaml';
    else if (status >= 500) {
      reply.log.error(e);
      message = 'internal error (see the server log)';
    }
    return reply.code(status).send(errorBody(status, message));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(404, `no such resource: ${req.method} ${req.url.split('?')[0].slice(0, 200)}`)));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // Cross-origin isolation lets the app's solver use shared memory (two-thread kernels).
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-embedder-policy', 'require-corp');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!req.url.startsWith('/api/')) {
      reply.header('content-security-policy', APP_CSP);
      return;
    }
    // No CORS: a page from another origin gets no answer it can read, and may not change anything.
    const origin = req.headers.origin;
    if (origin && req.method !== 'GET' && req.method !== 'HEAD') {
      let host = '';
      try {
        host = new URL(origin).host;
      } catch {}
      if (host !== req.headers.host) throw new ApiError(403, `requests from another origin (${origin.slice(0, 100)}) are not allowed`);
    }
    if (opts.token !== undefined) {
      const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1], opts.token)) {
        reply.header('www-authenticate', 'Bearer');
        throw new ApiError(401, 'this server needs its token: send the header Authorization: Bearer <token>');
      }
    }
  });

  app.get('/api/openapi.json', async () => openApiDocument());

  app.post('/api/validate', async (req) => {
    const format = caseFormat(req.headers['content-type']);
    try {
      const c = checkCase(String(req.body ?? ''), format, opts.maxCells);
      return { valid: true, name: c.scene.name, hash: c.hash, cells: c.cells, issues: [] };
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) return { valid: false, message: e.message, issues: e.issues };
      throw e;
    }
  });

  app.get('/api/runs', async () => Promise.all(runs.list().map((r) => runs.view(r.id))));

  app.post('/api/runs', async (req, reply) => {
    const format = caseFormat(req.headers['content-type']);
    const c = checkCase(String(req.body ?? ''), format, opts.maxCells);
    const rec = await runs.submit(c, { fields: (req.query as { fields?: string }).fields === 'vtr' });
    return reply
      .code(202)
      .header('location', `/api/runs/${rec.id}`)
      .send(await runs.view(rec.id));
  });

  app.get('/api/runs/:id', async (req) => runs.view(runId(req)));

  app.delete('/api/runs/:id', async (req) => runs.cancel(runId(req)));

  app.get('/api/runs/:id/case', async (req, reply) => {
    const rec = runs.record(runId(req));
    if (!rec) throw new ApiError(404, 'no such run');
    return reply.type(rec.format === 'json' ? 'application/json' : 'application/yaml; charset=utf-8').send(rec.source);
  });

  app.get('/api/runs/:id/:file', async (req, reply) => {
    const id = runId(req);
    const file = (req.params as { file: string }).file;
    const type = RESULT_FILE_TYPES[file];
    if (!type) throw new ApiError(404, `no such result file '${file.slice(0, 64)}': one of ${Object.keys(RESULT_FILE_TYPES).join(', ')}`);
    const rec = runs.record(id);
    if (!rec) throw new ApiError(404, `no run with id ${id}`);
    if (rec.status !== 'done') throw new ApiError(404, `the run has no results (${rec.status}${rec.reason ? `: ${rec.reason}` : ''})`);
    const path = await runs.store.resultFile(id, file);
    if (!path)
      throw new ApiError(404, file === 'fields.vtr' ? 'this case wrote no volumes: ask for them with outputs.volumes: [vti]' : `the run wrote no ${file}`);
    if (file === 'report.html') reply.header('content-security-policy', REPORT_CSP);
    return reply.type(type.startsWith('text/') ? `${type}; charset=utf-8` : type).send(createReadStream(path));
  });

  app.get('/api/runs/:id/events', async (req, reply) => events(runs, runId(req), req, reply));

  app.get('/api/plans', async () => Promise.all(plans.list().map((r) => plans.view(r.id))));

  app.post('/api/plans', async (req, reply) => {
    const format = caseFormat(req.headers['content-type']);
    const condition = (req.query as { condition?: string }).condition;
    const c = checkPlan(String(req.body ?? ''), format, opts.maxCells, condition);
    const rec = await plans.submit(c);
    return reply
      .code(202)
      .header('location', `/api/plans/${rec.id}`)
      .send(await plans.view(rec.id));
  });

  app.get('/api/plans/:id', async (req) => plans.view(runId(req, 'plan')));

  app.delete('/api/plans/:id', async (req) => plans.cancel(runId(req, 'plan')));

  app.get('/api/plans/:id/case', async (req, reply) => {
    const rec = plans.record(runId(req, 'plan'));
    if (!rec) throw new ApiError(404, 'no such plan');
    return reply.type(rec.format === 'json' ? 'application/json' : 'application/yaml; charset=utf-8').send(rec.source);
  });

  app.get('/api/plans/:id/events', async (req, reply) => events(plans, runId(req, 'plan'), req, reply));

  app.get('/api/plans/:id/:file', async (req, reply) => {
    const id = runId(req, 'plan');
    const file = (req.params as { file: string }).file;
    const type = PLAN_FILE_TYPES[file];
    if (!type) throw new ApiError(404, `no such plan file '${file.slice(0, 64)}': one of ${Object.keys(PLAN_FILE_TYPES).join(', ')}`);
    const rec = plans.record(id);
    if (!rec) throw new ApiError(404, `no plan with id ${id}`);
    if (rec.status !== 'done') throw new ApiError(404, `the plan has no results (${rec.status}${rec.reason ? `: ${rec.reason}` : ''})`);
    const path = await plans.store.resultFile(id, file);
    if (!path)
      throw new ApiError(
        404,
        file === 'plan.yaml' ? 'no plan met the limits, so there is no plan.yaml: plan.json and plan.html say why' : `the plan wrote no ${file}`,
      );
    if (file === 'plan.html') reply.header('content-security-policy', REPORT_CSP);
    return reply.type(type === 'application/json' ? type : `${type}; charset=utf-8`).send(createReadStream(path));
  });

  app.get('/api/conditions', async () => conditionList().map((p) => ({ ...summarise(p), figures: p.figures, sources: p.sources, case: p.case })));
  app.get('/api/probes', async () => Object.values(PROBE_CATALOGUE));

  if (opts.webRoot && existsSync(opts.webRoot)) {
    await app.register(fastifyStatic, { root: opts.webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('cryoplan API is running; the browser app is not built here (npm run build builds it into dist/web).\n'),
    );
  }
  return app;
}

type AnyEvent = RunEvent | PlanEvent;

/** What /events follows: a run or a plan, by id. */
interface Followed {
  on(id: string, l: (ev: AnyEvent) => void): unknown;
  off(id: string, l: (ev: AnyEvent) => void): unknown;
  view(id: string): Promise<{ status: RunStatus; progress?: unknown }>;
}

/** Server-sent events: the run's (or plan's) state now, each progress, then its final state; the stream then ends. */
async function events(runs: Followed, id: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Listen before reading the state, so that an end between the two is not missed.
  const early: AnyEvent[] = [];
  let onEvent: (ev: AnyEvent) => void = (ev) => early.push(ev);
  const listener = (ev: AnyEvent) => onEvent(ev);
  runs.on(id, listener);
  let first: { status: RunStatus; progress?: unknown };
  try {
    first = await runs.view(id);
  } catch (e) {
    runs.off(id, listener);
    throw e;
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  const send = (ev: AnyEvent) => res.write(`event: ${ev.type}\ndata: ${JSON.stringify(ev.type === 'progress' ? ev.progress : ev.run)}\n\n`);
  let ping: NodeJS.Timeout | undefined;
  const close = () => {
    clearInterval(ping);
    runs.off(id, listener);
    res.end();
  };
  send({ type: 'status', run: first } as AnyEvent);
  if (FINISHED.includes(first.status)) return close();
  // A client that connects after the run reported progress gets that progress at once, not at the next report.
  if (first.progress && !early.some((ev) => ev.type === 'progress')) send({ type: 'progress', progress: first.progress } as AnyEvent);
  onEvent = (ev) => {
    send(ev);
    if (ev.type === 'status') close();
  };
  for (const ev of early) onEvent(ev);
  ping = setInterval(() => res.write(': keep-alive\n\n'), 15000);
  req.raw.on('close', close);
}
