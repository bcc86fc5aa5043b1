import { z } from 'zod';

/**
 * The case-file fields of cryosurgery (tumour ablation) and monitoring: virtual
 * thermocouples, a brachytherapy-style template for parallel needles, warming
 * catheters and the ablation aim. schema.ts places them in the case.
 */

const num = z.number();
const positive = z.number().positive();
const point3 = z.tuple([num, num, num]).describe('[x, y, z] in mm; z is the depth below the skin');

export const EllipsoidInput = z
  .strictObject({
    kind: z.literal('ellipsoid'),
    name: z.string(),
    tissue: z.string(),
    center_mm: point3,
    semi_axes_mm: z.tuple([positive, positive, positive]).describe('Half-widths along x, y and z, mm (volume = 4/3 π a b c)'),
  })
  .describe('An axis-aligned ellipsoid: a gland such as the prostate');

export const SensorsInput = z
  .array(z.strictObject({ name: z.string().min(1), at_mm: point3.describe('Where the thermocouple reads, [x, y, z] mm') }))
  .describe('Virtual thermocouples: the temperature at each point over time (series.csv, summary.json, report)');

export const HOLE_PATTERN = /^([A-Z])(\d+)$/;

const HoleInput = z.union(
  [
    z.string().regex(HOLE_PATTERN, 'must be a column letter and a row number, like C3'),
    z.strictObject({
      hole: z.string().regex(HOLE_PATTERN, 'must be a column letter and a row number, like C3'),
      tip_depth_mm: positive.optional().describe("This needle's tip depth (default: the template's)"),
      pullback_mm: positive
        .optional()
        .describe("Pull-back: a second position this much shallower, a probe of its own named '<hole>-back' that phases may name"),
    }),
  ],
  { error: "must be a hole like 'C3' or {hole: 'C3', tip_depth_mm, pullback_mm}" },
);

export const TemplateInput = z
  .strictObject({
    model: z.string().default('argon-1.5').describe('Catalogue needle placed in every hole (default argon-1.5, 17 G)'),
    spacing_mm: positive.default(5).describe('Distance between neighbouring holes, mm'),
    origin_mm: z.tuple([num, num]).describe('[x, y] of hole A1 on the skin, mm; columns A, B, ... run along +x, rows 1, 2, ... along +y'),
    columns: z.int().min(1).max(26).default(13).describe('Number of lettered columns (13: A to M)'),
    rows: z.int().min(1).default(13).describe('Number of numbered rows'),
    tip_depth_mm: positive.describe('Depth of the needle tips below the skin, mm'),
    holes: z.array(HoleInput).min(1).describe('Holes that carry a needle; each needle runs parallel to the template axis (straight into the body, +z)'),
  })
  .describe('A brachytherapy-style template on the skin (the perineum) guiding parallel needles');

export const CathetersInput = z
  .array(
    z.strictObject({
      name: z.string().min(1),
      start_mm: point3.describe('One end of the warmed segment'),
      end_mm: point3.describe('The other end'),
      diameter_mm: positive.describe('Outer diameter, mm (22 Fr is 7.3 mm)'),
      temperature_c: num.default(42).describe('Temperature of the circulating fluid (default 42 °C)'),
      h_w_m2k: positive
        .default(400)
        .describe('Contact conductance from the fluid through the catheter wall to the tissue, W/(m^2 K) (default 400, an estimate: a 0.5 mm silicone wall)'),
    }),
  )
  .describe('Warming catheters inside tissue (a urethral warmer): a warm fluid behind a contact conductance, on throughout the procedure');

export const AblationInput = z
  .strictObject({
    target: z.string().describe('Name of the structure to destroy'),
    lethal_c: num.default(-40).describe('Lethal isotherm, °C (default -40)'),
    partial_c: num.default(-20).describe('Partial-kill isotherm, °C (default -20)'),
    limits: z
      .array(
        z.strictObject({
          structure: z.string(),
          complication: z.string().describe('What a colder structure risks, in words'),
          limit_c: num.describe('Its coldest temperature must stay above this, °C'),
          basis: z.string().default('estimate').describe('Where the limit comes from'),
        }),
      )
      .default([])
      .describe('Organs at risk'),
    side_names: z
      .partialRecord(z.enum(['-x', '+x', '-y', '+y', '-z', '+z']), z.string())
      .optional()
      .describe("The target's sides in words, for the report: {'-y': posterior, '-z': apex, ...}"),
  })
  .describe('A cryoablation aim: the target, the lethal temperature and the organs at risk with their limits');
