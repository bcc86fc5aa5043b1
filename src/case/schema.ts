import { z } from 'zod';

/**
 * The case file: one plan, in YAML or JSON. Every quantity carries its unit in
 * its name (depth_mm, duration_s, temperature_c, h_w_m2k, ...); objects are
 * strict, so a misspelt or unit-less field is an error rather than ignored.
 */
const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const positive = finite.refine((v) => v > 0, { message: 'must be > 0' });
const nonNegative = finite.refine((v) => v >= 0, { message: 'must be ≥ 0' });
const vec3 = z.tuple([finite, finite, finite]);
const vec2 = z.tuple([finite, finite]);
const range = z.tuple([finite, finite]);

export const TissueInput = z.strictObject({
  base: z.string().optional().describe('Built-in tissue whose values the others override'),
  label: z.string().optional(),
  k_unfrozen_w_mk: positive.optional(),
  k_frozen_w_mk: positive.optional(),
  c_unfrozen_j_m3k: positive.optional().describe('Volumetric heat capacity above the liquidus'),
  c_frozen_j_m3k: positive.optional(),
  latent_j_m3: nonNegative.optional(),
  solidus_c: finite.optional(),
  liquidus_c: finite.optional(),
  perfusion_w_m3k: nonNegative.optional().describe('Pennes coefficient w_b rho_b c_b'),
  perfusion_ml_min_kg: nonNegative.optional().describe('Blood flow; converted to the Pennes coefficient'),
  density_kg_m3: positive.optional().describe('Used only to convert perfusion_ml_min_kg (default 1050)'),
  metabolic_w_m3: nonNegative.optional(),
  source: z.string().optional(),
});

const Layer = z.strictObject({ tissue: z.string(), thickness_mm: positive, name: z.string().optional() });

const tubeFields = { name: z.string(), path_mm: z.array(vec3).min(2, 'needs at least two points'), diameter_mm: positive };
const Structure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('nerve'), ...tubeFields, tissue: z.string().default('nerve') }),
  z.strictObject({ kind: z.literal('vessel'), ...tubeFields, tissue: z.string().default('blood'), flow_temperature_c: finite.optional() }),
  z.strictObject({ kind: z.literal('tube'), ...tubeFields, tissue: z.string() }),
  z.strictObject({ kind: z.literal('box'), name: z.string(), tissue: z.string(), min_mm: vec3, max_mm: vec3 }),
  z.strictObject({ kind: z.literal('cylinder'), name: z.string(), tissue: z.string(), start_mm: vec3, end_mm: vec3, diameter_mm: positive }),
  z.strictObject({ kind: z.literal('sphere'), name: z.string(), tissue: z.string(), center_mm: vec3, diameter_mm: positive }),
]);

export const CoolingInput = z.union([
  z.strictObject({ temperature_c: finite }).describe('Probe held at a constant temperature'),
  z.strictObject({ curve: z.array(z.tuple([nonNegative, finite])).min(1) }).describe('[time_s, temperature_c] pairs from the start of each freeze'),
  z.strictObject({ power_w: positive }).describe('Fixed heat extraction, W'),
  z.strictObject({ cryogen: z.strictObject({ temperature_c: finite, h_w_m2k: positive }) }).describe('Cryogen behind a heat-transfer coefficient'),
]);

const Needle = z.strictObject({
  kind: z.literal('needle'),
  id: z.string(),
  tip_mm: vec3,
  direction: vec3.describe('From the handle towards the tip; normalised'),
  diameter_mm: positive,
  active_length_mm: positive,
  shaft: z.enum(['insulated', 'bare']).default('insulated'),
  material: z.strictObject({ k_w_mk: positive, c_j_m3k: positive }).optional(),
  cooling: CoolingInput.optional(),
});
const Contact = z.strictObject({
  kind: z.literal('contact'),
  id: z.string(),
  center_mm: vec2,
  diameter_mm: positive,
  cooling: CoolingInput.optional(),
});

const Phase = z.union([
  z.strictObject({ freeze_s: positive, probes: z.array(z.string()).optional() }),
  z.strictObject({ thaw_s: positive, thaw: z.enum(['passive', 'active']).default('passive'), thaw_temperature_c: finite.optional(), probes: z.array(z.string()).optional() }),
]);

const Warmer = z.strictObject({
  name: z.string(),
  center_mm: vec2,
  size_mm: z.tuple([positive, positive]),
  temperature_c: finite,
  h_w_m2k: positive.default(500),
});

const Side = z.enum(['body', 'adiabatic']);
const Surface = z.union([
  z.literal('adiabatic'),
  z.strictObject({ convection: z.strictObject({ h_w_m2k: nonNegative.default(10), air_temperature_c: finite.default(22) }) }),
]);

const Grid = z.union([
  z.literal('auto'),
  z.strictObject({
    auto: z.strictObject({
      refinement: positive.default(1),
      h_min_mm: positive.optional(),
      h_front_mm: positive.optional(),
      h_max_mm: positive.optional(),
      growth: finite.refine((v) => v >= 1 && v <= 2, 'must be between 1 and 2').optional(),
    }),
    max_cells: positive.optional(),
  }),
  z.strictObject({ spacing_mm: positive, max_cells: positive.optional() }),
  z.strictObject({ x_mm: z.array(finite).min(2), y_mm: z.array(finite).min(2), z_mm: z.array(finite).min(2), max_cells: positive.optional() }),
]);

export const CaseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  body_temperature_c: finite.default(37),
  domain: z.strictObject({
    x_mm: range,
    y_mm: range,
    depth_mm: positive,
    boundaries: z
      .strictObject({
        sides: Side.optional(),
        x_min: Side.optional(), x_max: Side.optional(), y_min: Side.optional(), y_max: Side.optional(),
        bottom: Side.optional(),
        surface: Surface.optional(),
      })
      .optional(),
  }),
  tissues: z.record(z.string(), TissueInput).optional(),
  anatomy: z.strictObject({
    layers: z.array(Layer).default([]),
    structures: z.array(Structure).default([]),
  }).optional(),
  probes: z.array(z.discriminatedUnion('kind', [Needle, Contact])).default([]),
  protocol: z.strictObject({
    cooling: CoolingInput.optional(),
    phases: z.array(Phase).min(1, 'must contain at least one phase'),
    warmers: z.array(Warmer).default([]),
  }),
  grid: Grid.default('auto'),
  solver: z
    .strictObject({
      dt_min_s: positive.optional(),
      dt_max_s: positive.optional(),
      max_change_c: positive.optional(),
      tolerance_c: positive.optional(),
      max_iterations: positive.optional(),
      initial: z.enum(['steady', 'uniform']).optional(),
    })
    .optional(),
  outputs: z
    .strictObject({
      isotherms_c: z.array(finite).min(1).optional(),
      series_interval_s: positive.optional(),
      volumes: z.array(z.enum(['vti', 'nrrd'])).optional(),
    })
    .optional(),
});

export type CaseInput = z.input<typeof CaseSchema>;
export type CaseParsed = z.output<typeof CaseSchema>;

/** JSON Schema of the case file, for editors (YAML language servers, VS Code). */
export function caseJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CaseSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
