import { z } from 'zod';

/** The published shape of plan.json (exported as schema/plan.schema.json: `cryoplan schema --plan`). */
const num = z.number();
const Proportion = z
  .object({
    p: num.describe('Fraction of the uncertainty samples'),
    lo: num,
    hi: num.describe('[lo, hi]: 95 % Wilson score interval'),
    error: num.describe('The sampling error reported: the wider half of that interval'),
    n: z.int(),
  })
  .describe('A probability estimated from the samples');

const Config = z.object({
  probe: z.string().nullable().describe("Catalogue model; null: the case's own"),
  along_mm: num,
  across_mm: num,
  depth_mm: num.describe('Probe offset from the case: along the nerve, across it along the skin, deeper'),
  angle_to_skin_deg: num.nullable(),
  warmer: z.boolean().nullable(),
  cycles: z.int(),
  thaw_s: num,
});

const Candidate = z.object({
  config: Config,
  freeze_s: num.describe('Each freeze, s'),
  procedure_s: num.describe('Freezes and thaws between them, s'),
  meets: z.boolean(),
  p_block: Proportion,
  limits: z.array(z.object({ structure: z.string(), min_c: num.nullable().describe('null: a side-effect limit'), p_broken: Proportion })),
  margin_c: num.nullable().describe('10th percentile over samples of the smallest distance to a limit, °C'),
  fails: z.array(z.string()),
  simulations: z.int(),
  curve: z.array(z.object({ freeze_s: num, p_block: Proportion, p_limits: z.array(num) })),
  tornado: z.array(z.object({ id: z.string(), label: z.string(), seconds_per_sd: num })),
});

export const PlanJsonSchema = z.object({
  schema_version: z.literal(1),
  generator: z.object({ name: z.literal('cryoplan'), version: z.string() }),
  case: z.object({ name: z.string(), hash: z.string(), file: z.string() }),
  question: z.object({
    targets: z.array(z.string()),
    confidence: num,
    max_limit_probability: num,
    limits: z.array(
      z.object({
        structure: z.string().describe('A structure or layer, a thermocouple (sensor), or a side effect (its label)'),
        min_c: num.nullable().describe('It must stay warmer than this, °C; null for a side effect'),
        kind: z.enum(['structure', 'skin', 'sensor', 'side_effect']),
        side_effect: z
          .object({ id: z.string(), max: z.enum(['low', 'moderate']) })
          .optional()
          .describe("A side effect's limit: its id and the highest level allowed"),
      }),
    ),
    uncertainty: z.record(z.string(), num).describe("Standard deviations (probe: of the case's own probe's cooling, relative)"),
    probe_uncertainty: z
      .object({
        by_model: z.record(z.string(), num).describe('Relative SD of the cooling of each catalogue model considered'),
        basis: z.array(z.string()).describe('Where each probe figure comes from (a calibration band, as given, or an estimate)'),
      })
      .optional(),
    vary: z.record(z.string(), z.unknown()),
  }),
  verdict: z.string().describe('The answer in plain words'),
  chosen: Candidate.nullable(),
  closest: Candidate.nullable().describe('When no plan meets the limits: the nearest, and what it breaks'),
  candidates: z.array(Candidate).describe('Evaluated under the uncertainty, best first'),
  screened: z.array(z.object({ config: Config, nominal_block_s: num.nullable(), feasible: z.boolean() })),
  simulations: z.object({
    screening: z.int(),
    robust: z.int(),
    cycles: z.int(),
    computed: z.int().describe('Run by this plan'),
    cached: z.int().describe('Answered from the cache'),
    naive_grid: z.int().describe('What a grid search over the same choices, one run per duration and sample, would take'),
  }),
  timing: z.object({ wall_s: num, runner: z.string() }),
  notes: z.array(z.string()),
  disclaimer: z.string(),
});

export type PlanJson = z.infer<typeof PlanJsonSchema>;

export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanJsonSchema) as Record<string, unknown>;
}
