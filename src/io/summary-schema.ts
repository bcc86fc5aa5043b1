import { z } from 'zod';

const num = z.number();
const thresholds = z.record(z.string(), num);

/** The published shape of summary.json (exported as schema/summary.schema.json). */
const risk = z.enum(['low', 'moderate', 'high', 'not_modelled']);

const NerveOutcome = z.object({
  name: z.string(),
  target: z.boolean().describe('false for a nerve the plan must spare (also listed in organs_at_risk)'),
  injury: z.enum(['none', 'neurapraxia', 'axonotmesis', 'neurotmesis-risk']),
  injury_label: z.string(),
  coldest_c: num.nullable().describe('null when no grid cell lies inside the nerve'),
  section_center_mm: z.tuple([num, num, num]),
  section_position_mm: num,
  fraction_past_threshold: num.describe('Fraction of the coldest cross-section at or below the axonotmesis threshold'),
  blocked_length_mm: num.describe('Length of nerve frozen through to the axonotmesis threshold'),
  time_below_threshold_s: num,
  block: z.enum(['none', 'partial', 'complete']),
  onset: z.string(),
  onset_s: num.nullable(),
  duration_days: z.tuple([num, num]).nullable().describe('Expected block duration [short, long], days'),
  regrowth_distance_mm: num.nullable(),
  territory: z.string().nullable(),
  basis: z.string(),
});

const SideEffect = z.object({
  id: z.enum(['numbness', 'skin-redness', 'pain', 'blisters', 'infection', 'burns', 'frostbite', 'cold-panniculitis', 'vital-signs']),
  label: z.string(),
  risk,
  basis: z.string().describe('The figure and threshold behind the risk level'),
  factors: z.array(z.string()),
  advice: z.string(),
});

const OrganAtRisk = z.object({
  name: z.string(),
  kind: z.enum(['layer', 'nerve', 'vessel', 'other']),
  complication: z.enum(['pneumothorax', 'peritoneal-injury', 'vessel-injury', 'nerve-injury', 'bone-injury', 'tissue-injury']),
  complication_label: z.string(),
  coldest_c: num.nullable().describe('Coldest temperature reached (a vessel: at its wall), °C; null when no grid cell lies in it'),
  frozen: z.boolean().describe('Whether ice reached it (coldest at or below outcome.organ.frozen_c)'),
  time_frozen_s: num.nullable().describe("Time it spent frozen, s; null where not tracked (a vessel's wall)"),
  risk,
  basis: z.string().describe('The figure and threshold behind the risk level'),
  advice: z.string(),
  note: z.string().nullable().describe("The case's note on it"),
});

const sides = z.object({ '-x': num, '+x': num, '-y': num, '+y': num, '-z': num, '+z': num });

const SensorSummary = z.object({
  name: z.string(),
  at_mm: z.tuple([num, num, num]),
  min_temperature_c: num,
  at_moments: z.array(z.object({ moment: z.string(), time_s: num, temperature_c: num })).describe('Reading at the end of each freeze'),
  time_below_s: thresholds,
});

const AblationSummary = z.object({
  target: z.string(),
  target_volume_ml: num,
  lethal_c: num,
  partial_c: num,
  cycles: z
    .array(z.object({ moment: z.string(), time_s: num, fraction_lethal: num, fraction_partial: num }))
    .describe('Fraction of the target at or below the lethal and partial isotherms by the end of each freeze, then over the whole procedure'),
  uncovered_ml: num,
  uncovered_by_side_ml: sides.describe('By the side of the target centre the missed volume lies on (axis and sign of its largest scaled offset)'),
  uncovered_centroid_mm: z.tuple([num, num, num]).nullable(),
  beyond_capsule_mm: z.record(z.string(), sides).nullable().describe("Largest distance beyond the target's surface each isotherm reached, per side"),
  limits: z.array(z.object({ structure: z.string(), complication: z.string(), limit_c: num, coldest_c: num.nullable(), risk, basis: z.string() })),
  side_names: z.record(z.string(), z.string()).optional(),
  basis: z.string(),
});

const LesionSummary = z.object({
  structure: z.string(),
  type: z.string(),
  class: z.enum(['benign', 'premalignant', 'malignant']),
  diameter_mm: num,
  depth_mm: num,
  lethal_c: num,
  margin_mm: num.describe('Margin of normal skin the rule asks to reach lethal_c'),
  halo_rule_mm: z.tuple([num, num]),
  cycles: z
    .array(z.object({ moment: z.string(), time_s: num, fraction_lethal: num, fraction_partial: num }))
    .describe('Fraction of the lesion at or below lethal_c (and frozen, 0 °C) by the end of each freeze, then over the whole procedure'),
  fraction_lethal_with_margin: num,
  lethal_margin_mm: num.describe("How far past the lesion's edge lethal_c reached: least over its depth and directions (negative: short of the edge)"),
  lethal_depth_mm: num,
  halo_mm: z.tuple([num, num]).describe('The 0 °C ice edge at the skin beyond the lesion edge at its largest, [least, greatest] over directions'),
  halo_verdict: z.enum(['short', 'within', 'beyond']),
  pigment_loss_beyond_edge_mm: num,
  thaws: z
    .array(z.object({ freeze: z.string(), thaw_s: num.nullable(), window_s: num }))
    .describe('Seconds from the end of each freeze until the whole lesion is above 0 °C'),
  aim_met: z.boolean(),
  verdict: z.string(),
  effects: z.array(
    z.object({ id: z.enum(['blister', 'hypopigmentation', 'scarring', 'nerve-injury']), label: z.string(), risk, basis: z.string(), advice: z.string() }),
  ),
  basis: z.string(),
});

export const SummarySchema = z.object({
  schema_version: z.literal(3).describe('3: organs_at_risk[] and nerves[].target added; vital-signs no longer reads organ temperatures'),
  generator: z.object({ name: z.literal('cryoplan'), version: z.string() }),
  case: z.object({ name: z.string(), hash: z.string(), file: z.string().optional() }),
  warnings: z
    .array(z.object({ path: z.string().describe('Field of the case, e.g. probes[0].cooling'), message: z.string() }))
    .describe('Inputs that are legal but almost surely wrong (a cooling probe warmer than the body, ...); the run went ahead'),
  grid: z.object({ nx: z.int(), ny: z.int(), nz: z.int(), cells: z.int(), min_spacing_mm: num, max_spacing_mm: num }),
  grid_check: z
    .object({
      factor: num.describe('The refined grid divides every spacing by this'),
      cells: z.int(),
      refined_cells: z.int(),
      accuracy: num.nullable().describe('The accuracy the grid was sized for; null for a grid given by spacing or edges'),
      isotherms: z.array(z.object({ threshold_c: num, volume_ml: num, refined_volume_ml: num, relative_difference: num })),
      nerves: z.array(
        z.object({
          name: z.string(),
          injury: z.string(),
          refined_injury: z.string(),
          block: z.string(),
          refined_block: z.string(),
          fraction_past_threshold: num,
          refined_fraction_past_threshold: num,
          coldest_c: num,
          refined_coldest_c: num,
          same_outcome: z.boolean(),
        }),
      ),
      largest_difference: num.describe('Largest |relative difference| of the final isotherm volumes'),
      passed: z.boolean().describe('Every volume within the accuracy (2 % without one) and every nerve with the same outcome'),
    })
    .optional()
    .describe('cryoplan run --verify-grid: the same case on a refined grid, and how far the answers moved'),
  timing: z.object({ simulated_s: num, wall_s: num, steps: z.int() }),
  isotherms: z.array(
    z.object({
      threshold_c: num,
      snapshots: z.array(z.object({ moment: z.string(), time_s: num, volume_ml: num, length_mm: num, width_mm: num })),
    }),
  ),
  structures: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      tissue: z.string(),
      min_temperature_c: num,
      time_below_s: thresholds,
      cross_section: z
        .object({
          center_mm: z.tuple([num, num, num]),
          position_mm: num,
          fraction_below: thresholds,
          frozen_length_mm: thresholds,
        })
        .optional(),
    }),
  ),
  energy: z.object({
    enthalpy_change_j: num,
    probes_j: num,
    perfusion_j: num,
    metabolic_j: num,
    boundaries_j: num,
    vessels_j: num,
    residual_j: num,
    relative_error: num,
  }),
  solver: z.object({
    steps: z.int(),
    nonlinear_iterations: z.int(),
    linear_iterations: z.int(),
    max_final_correction_c: num,
    dt_min_s: num,
    dt_max_s: num,
    cell_updates: num,
  }),
  nerves: z.array(NerveOutcome),
  side_effects: z.array(SideEffect),
  organs_at_risk: z.array(OrganAtRisk).describe('Layers and structures the plan must spare (pleura, peritoneum, vessels, nerves that are not a target, bone)'),
  sensors: z.array(SensorSummary).optional().describe('Virtual thermocouples'),
  ablation: AblationSummary.optional().describe('Cryoablation of a target: coverage, what was missed, organs at risk'),
  lesion: LesionSummary.optional().describe(
    'Dermatological cryosurgery of a skin lesion: lethal coverage with its margin, halo, thaw times, skin side effects',
  ),
  disclaimer: z.string(),
  files: z.array(z.string()),
});

export type Summary = z.infer<typeof SummarySchema>;

/** JSON Schema of summary.json (published as schema/summary.schema.json). */
export function summaryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SummarySchema) as Record<string, unknown>;
}
