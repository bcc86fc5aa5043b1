import { z } from 'zod';
import { caseJsonSchema } from '../case/schema.js';
import { summaryJsonSchema } from '../io/summary-schema.js';
import { planJsonSchema } from '../io/plan/schema.js';
import { VERSION } from '../version.js';

/** The API's own shapes, in zod like the case and the summary, so that the document and the code share one definition. */
const Issue = z.object({ path: z.string().describe('field path, e.g. probes[0].tip_mm; empty for the whole case'), message: z.string() });
export const ErrorSchema = z.object({ error: z.object({ status: z.number().int(), message: z.string(), issues: z.array(Issue) }) });
const Progress = z.object({ time_s: z.number(), total_s: z.number(), step: z.number().int(), phase: z.string(), fraction: z.number().min(0).max(1) });
export const RunSchema = z.object({
  id: z.string().describe('22 URL-safe characters, 128 random bits'),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']),
  name: z.string(),
  hash: z.string(),
  cells: z.number().int(),
  format: z.enum(['json', 'yaml']),
  created_at: z.string(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  reason: z.string().optional().describe('why a run failed, was cancelled or interrupted'),
  progress: Progress.optional(),
  files: z.array(z.string()).optional().describe('the result folder, once done'),
});
const PlanProgress = z.object({
  done: z.number().int().describe('simulations finished (computed or from the cache)'),
  planned: z.number().int().describe('simulations known so far (the search adds more as it goes)'),
  cached: z.number().int(),
  wall_s: z.number(),
  eta_s: z.number().nullable().describe('seconds left at the pace so far; null before the first simulation'),
  fraction: z.number().min(0).max(1),
});
export const PlanSchema = z.object({
  id: z.string().describe('22 URL-safe characters, 128 random bits'),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']),
  name: z.string(),
  hash: z.string().describe("hash of the case as given (plan.json's case.hash)"),
  cells: z.number().int().describe('cells of the largest scene the plan may run'),
  format: z.enum(['json', 'yaml']),
  condition: z.string().optional(),
  created_at: z.string(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  reason: z.string().optional().describe('why a plan failed, was cancelled or interrupted'),
  progress: PlanProgress.optional(),
  files: z.array(z.string()).optional().describe('plan.json, plan.html and (when a plan meets the limits) plan.yaml, once done'),
  verdict: z.string().optional().describe("plan.json's verdict, once done"),
});
export const ValidateSchema = z.object({
  valid: z.boolean(),
  name: z.string().optional(),
  hash: z.string().optional(),
  cells: z.number().int().optional(),
  message: z.string().optional(),
  issues: z.array(Issue),
});

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const caseBody = {
  required: true,
  description: 'A case file: JSON, or YAML as `cryoplan run` reads it',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } }, 'application/yaml': { schema: { type: 'string' } } },
};
const err = (description: string) => ({ description, content: json('Error') });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } };
const planCaseBody = {
  required: false,
  description:
    'A case with a `plan:` section (what may vary, the limits, the uncertainty, the confidence; every field has a default), JSON or YAML as `cryoplan plan` reads it. With ?condition=NAME the case is laid over that preset, and may be empty.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } }, 'application/yaml': { schema: { type: 'string' } } },
};
const planIdParam = { ...idParam, description: 'a plan id' };
const PLAN_FILES = { 'plan.json': 'application/json', 'plan.html': 'text/html', 'plan.yaml': 'application/yaml' };
const RESULT_FILES = { 'summary.json': 'application/json', 'report.html': 'text/html', 'series.csv': 'text/csv', 'fields.vtr': 'application/xml' };

/** The OpenAPI 3.1 document served at /api/openapi.json. */
export function openApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12' });
  const { $schema: _a, ...caseSchema } = caseJsonSchema();
  const { $schema: _b, ...summarySchema } = summaryJsonSchema();
  const { $schema: _c, ...planJson } = planJsonSchema();
  const planFileRoutes = Object.fromEntries(
    Object.entries(PLAN_FILES).map(([name, type]) => [
      `/api/plans/{id}/${name}`,
      {
        get: {
          summary:
            name === 'plan.yaml'
              ? 'the chosen plan as a case that `cryoplan run` (and POST /api/runs) accepts'
              : name === 'plan.json'
                ? 'the plan: verdict, candidates, probabilities (schema PlanJson)'
                : 'the plan as a report for a person',
          parameters: [planIdParam],
          responses: {
            200: { description: name, content: { [type]: name === 'plan.json' ? { schema: { $ref: '#/components/schemas/PlanJson' } } : {} } },
            404: err(name === 'plan.yaml' ? 'no such plan, not finished, or no plan met the limits' : 'no such plan, or not finished'),
          },
        },
      },
    ]),
  );
  const fileRoutes = Object.fromEntries(
    Object.entries(RESULT_FILES).map(([name, type]) => [
      `/api/runs/{id}/${name}`,
      {
        get: {
          summary: `${name} of a finished run`,
          parameters: [idParam],
          responses: { 200: { description: name, content: { [type]: {} } }, 404: err('no such run, not finished, or the case wrote no such file') },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'cryoplan API', version: VERSION, description: 'Simulate cryotherapy cases. Errors carry the field path and reason as the CLI gives them.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the server was started with --token' } },
      schemas: {
        Case: caseSchema,
        Summary: summarySchema,
        Run: schema(RunSchema),
        Plan: schema(PlanSchema),
        PlanJson: planJson,
        Validation: schema(ValidateSchema),
        Error: schema(ErrorSchema),
      },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/validate': {
        post: {
          summary: 'check a case as `cryoplan validate` does',
          requestBody: caseBody,
          responses: {
            200: { description: 'valid, or the problems by field path', content: json('Validation') },
            413: err('body too large'),
            415: err('not JSON or YAML'),
          },
        },
      },
      '/api/runs': {
        get: {
          summary: 'every run this server keeps',
          responses: {
            200: {
              description: 'runs, newest first',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Run' } } } },
            },
          },
        },
        post: {
          summary: 'submit a case to run',
          parameters: [
            {
              name: 'fields',
              in: 'query',
              required: false,
              description: 'vtr: write fields.vtr (the temperature fields) whatever volumes the case asks for, as the browser app does for its 3D view',
              schema: { type: 'string', enum: ['vtr'] },
            },
          ],
          requestBody: caseBody,
          responses: {
            202: { description: 'accepted; follow /api/runs/{id}/events', content: json('Run') },
            413: err('body too large'),
            415: err('not JSON or YAML'),
            422: err('the case is invalid (issues by field path) or over the cell limit'),
            429: err('too many runs waiting; see Retry-After'),
          },
        },
      },
      '/api/runs/{id}': {
        get: {
          summary: 'status and progress',
          parameters: [idParam],
          responses: { 200: { description: 'the run', content: json('Run') }, 404: err('no such run') },
        },
        delete: {
          summary: 'cancel a queued or running run',
          parameters: [idParam],
          responses: { 200: { description: 'cancelled', content: json('Run') }, 404: err('no such run'), 409: err('already ended') },
        },
      },
      '/api/runs/{id}/events': {
        get: {
          summary: 'server-sent events: `progress` while it runs, then `status` with the final run',
          parameters: [idParam],
          responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': {} } }, 404: err('no such run') },
        },
      },
      '/api/runs/{id}/case': {
        get: { summary: 'the case as submitted', parameters: [idParam], responses: { 200: { description: 'JSON or YAML' }, 404: err('no such run') } },
      },
      ...fileRoutes,
      '/api/plans': {
        get: {
          summary: 'every plan this server keeps',
          responses: {
            200: {
              description: 'plans, newest first',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Plan' } } } },
            },
          },
        },
        post: {
          summary: 'search the shortest safe protocol for a case, as `cryoplan plan` does',
          parameters: [
            { name: 'condition', in: 'query', required: false, schema: { type: 'string' }, description: 'a condition preset, as `cryoplan plan --condition`' },
          ],
          requestBody: planCaseBody,
          responses: {
            202: { description: 'accepted; follow /api/plans/{id}/events', content: json('Plan') },
            413: err('body too large'),
            415: err('not JSON or YAML'),
            422: err('the case or its plan: section is invalid (issues by field path, e.g. plan.vary.freeze_s), or over the cell limit'),
            429: err('too many plans searching; see Retry-After'),
          },
        },
      },
      '/api/plans/{id}': {
        get: {
          summary: 'status and progress (simulations done / known so far, ETA)',
          parameters: [planIdParam],
          responses: { 200: { description: 'the plan', content: json('Plan') }, 404: err('no such plan') },
        },
        delete: {
          summary: 'cancel a plan that is still searching (its simulations are stopped)',
          parameters: [planIdParam],
          responses: { 200: { description: 'cancelled', content: json('Plan') }, 404: err('no such plan'), 409: err('already ended') },
        },
      },
      '/api/plans/{id}/events': {
        get: {
          summary: 'server-sent events: `progress` while it searches, then `status` with the final plan',
          parameters: [planIdParam],
          responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': {} } }, 404: err('no such plan') },
        },
      },
      '/api/plans/{id}/case': {
        get: { summary: 'the case as submitted', parameters: [planIdParam], responses: { 200: { description: 'JSON or YAML' }, 404: err('no such plan') } },
      },
      ...planFileRoutes,
      '/api/conditions': { get: { summary: 'the condition presets, with their figures, sources and case', responses: { 200: { description: 'presets' } } } },
      '/api/probes': { get: { summary: 'the probe catalogue', responses: { 200: { description: 'probes' } } } },
    },
  };
}

export const RESULT_FILE_TYPES: Record<string, string> = RESULT_FILES;
