import { z } from 'zod';

/**
 * The `plan:` section of a case: what `cryoplan plan` may choose, what must not happen,
 * how uncertain the inputs are and how sure the block must be. Read by src/case/plan.ts;
 * `cryoplan run` ignores it.
 */

const num = z.number();
const positive = z.number().positive();

/** A range {min, max} (the planner may take any value in it) or a list of values. */
const choice = (what: string) =>
  z.union([z.array(num), z.strictObject({ min: num, max: num })], { error: `must be a range {min, max} or a list of ${what}` }).superRefine((v, ctx) => {
    if (Array.isArray(v)) {
      if (!v.length) ctx.addIssue({ code: 'custom', message: `is an empty list: give at least one value (or a range {min, max})` });
    } else if (v.min > v.max) ctx.addIssue({ code: 'custom', message: `is an inverted range: min (${v.min}) is above max (${v.max})` });
  });

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item).min(1, `is an empty list: give at least one ${what} or leave the field out`);

export const PlanInput = z
  .strictObject({
    target: z
      .union([z.string().min(1), list(z.string().min(1), 'nerve')])
      .optional()
      .describe('The nerve or nerves to block completely (default: every nerve in the case)'),
    vary: z
      .strictObject({
        freeze_s: choice('durations in s').optional().describe('Duration of each freeze, s (default {min: 30, max: 240})'),
        duration_step_s: positive.optional().describe('Freeze durations are whole multiples of this, s (default 5)'),
        cycles: list(z.int().min(1).max(5), 'number of cycles').optional().describe('Numbers of freeze-thaw cycles to consider (default [1])'),
        thaw_s: list(positive, 'thaw duration').optional().describe("Thaw between freezes, s (default: the case's thaw, or 30)"),
        probe: list(z.string().min(1), 'catalogue probe').optional().describe("Catalogue probe models to consider (default: the case's probes)"),
        offset_along_mm: choice('offsets in mm').optional().describe('Probe offset along the target nerve, mm (default [0])'),
        offset_across_mm: choice('offsets in mm').optional().describe('Probe offset across the nerve, in the plane of the skin, mm (default [0])'),
        offset_depth_mm: choice('offsets in mm').optional().describe('Probe offset in depth (+: deeper), mm (default [0])'),
        angle_to_skin_deg: list(z.number().min(0).max(90), 'angle').optional().describe("Needle angles to the skin to consider, degrees (default: the case's)"),
        warmer: list(z.boolean(), 'true or false').optional().describe('Skin warmer off (false) and/or on (true) (default: as the case has it)'),
      })
      .optional(),
    limits: z
      .strictObject({
        structures: z
          .array(z.strictObject({ name: z.string().min(1), min_c: num.describe('It must stay warmer than this, °C') }))
          .optional()
          .describe(
            'Structures or layers (pleura, another nerve, a vessel) that must not get this cold (default: other nerves not past the axonotmesis threshold)',
          ),
        side_effects: z
          .array(
            z.strictObject({
              side_effect: z
                .string()
                .min(1)
                .describe("A side effect the outcome model rates from temperatures: 'skin-redness', 'blisters', 'burns', 'frostbite' or 'cold-panniculitis'"),
              max: z.enum(['low', 'moderate']).describe('The highest level allowed'),
            }),
          )
          .optional()
          .describe("Side effects that must stay at or below a level, as the run's report rates them (e.g. {side_effect: blisters, max: low})"),
        sensors: z
          .array(
            z.strictObject({
              name: z.string().min(1).describe('A thermocouple under sensors:'),
              min_c: num.describe('Its reading must stay warmer than this, °C'),
            }),
          )
          .optional()
          .describe('Virtual thermocouples (sensors:) that must not read this cold'),
        skin_min_c: num.optional().describe("The skin must stay warmer than this, °C (default: the skin outcome's frozen_c, -1)"),
        max_probability: z.number().min(0).max(1).optional().describe('Largest allowed probability of breaking each limit (default 0.05)'),
      })
      .optional(),
    uncertainty: z
      .strictObject({
        nerve_position_mm: z.number().nonnegative().optional().describe('SD of the nerve position across the nerve, mm (default 1: ultrasound)'),
        nerve_depth_mm: z.number().nonnegative().optional().describe('SD of the nerve depth, mm (default: nerve_position_mm)'),
        placement_mm: z.number().nonnegative().optional().describe('SD of the probe tip position in each direction, mm (default 0.5)'),
        conductivity: z.number().nonnegative().optional().describe('Relative SD of tissue conductivity (default 0.1)'),
        perfusion: z.number().nonnegative().optional().describe('Relative SD of tissue perfusion (default 0.3)'),
        probe: z
          .number()
          .nonnegative()
          .optional()
          .describe(
            "Relative SD of the probe's cooling, h (default: from the catalogue model's calibration band, docs/calibration.md, read as a 95 % interval; 0.2 for a probe without one)",
          ),
        samples: z.int().min(1).max(1024).optional().describe('Uncertainty samples per candidate (default 32)'),
        seed: z.int().nonnegative().optional().describe('Seed of the Latin hypercube (default 1)'),
      })
      .optional(),
    confidence: z.number().gt(0).lt(1).optional().describe('Probability of a complete block the plan must reach (default 0.9)'),
  })
  .describe('What `cryoplan plan` searches: the choices, the limits, the uncertainty and the confidence');

export type PlanParsed = z.output<typeof PlanInput>;
