import { z } from 'zod';

const num = z.number();
const thresholds = z.record(z.string(), num);

/** The published shape of summary.json (exported as schema/summary.schema.json). */
export const SummarySchema = z.object({
  schema_version: z.literal(1),
  generator: z.object({ name: z.literal('cryoplan'), version: z.string() }),
  case: z.object({ name: z.string(), hash: z.string(), file: z.string().optional() }),
  grid: z.object({ nx: z.int(), ny: z.int(), nz: z.int(), cells: z.int(), min_spacing_mm: num, max_spacing_mm: num }),
  timing: z.object({ simulated_s: num, wall_s: num, steps: z.int() }),
  isotherms: z.array(z.object({
    threshold_c: num,
    snapshots: z.array(z.object({ moment: z.string(), time_s: num, volume_ml: num, length_mm: num, width_mm: num })),
  })),
  structures: z.array(z.object({
    name: z.string(),
    role: z.string(),
    tissue: z.string(),
    min_temperature_c: num,
    time_below_s: thresholds,
    cross_section: z.object({
      center_mm: z.tuple([num, num, num]),
      position_mm: num,
      fraction_below: thresholds,
      frozen_length_mm: thresholds,
    }).optional(),
  })),
  energy: z.object({
    enthalpy_change_j: num, probes_j: num, perfusion_j: num, metabolic_j: num, boundaries_j: num, vessels_j: num,
    residual_j: num, relative_error: num,
  }),
  solver: z.object({
    steps: z.int(), nonlinear_iterations: z.int(), linear_iterations: z.int(), max_final_correction_c: num,
    dt_min_s: num, dt_max_s: num, cell_updates: num,
  }),
  files: z.array(z.string()),
});

export type Summary = z.infer<typeof SummarySchema>;

/** JSON Schema of summary.json (published as schema/summary.schema.json). */
export function summaryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SummarySchema) as Record<string, unknown>;
}
