import { z } from 'zod';
import { LESION_TYPES } from '../core/outcome/lesion-rules.js';

/**
 * The case-file fields of dermatological cryosurgery: the liquid-nitrogen open spray
 * (a probe kind) and the lesion aim. schema.ts places them in the case.
 */

const num = z.number();
const positive = z.number().positive();

export const SprayPatternInput = z
  .strictObject({
    on_s: positive.describe('Seconds of spraying in each burst'),
    off_s: positive.describe('Seconds between bursts, the spot open to air'),
  })
  .describe('Intermittent spraying within each freeze: on, off, repeated from the freeze’s start (default: continuous)');

/** The spray's probe entry; `model`, `id` and `cooling` are shared with the other probe kinds (schema.ts adds them). */
export const sprayFields = {
  kind: z.literal('spray'),
  center_mm: z.tuple([num, num]).describe('[x, y] of the sprayed spot’s centre on the skin, mm'),
  diameter_mm: positive.optional().describe('Diameter of the sprayed spot, mm (the lesion plus its margin); required without a model'),
  distance_mm: positive
    .max(100)
    .optional()
    .describe(
      'Nozzle-to-skin distance, mm (default 10: 1-1.5 cm is usual); recorded with the plan, the heat-transfer coefficient is the one for that distance',
    ),
  pattern: SprayPatternInput.optional(),
};

export const LesionInput = z
  .strictObject({
    structure: z.string().describe('Name of the structure that is the lesion (a cylinder from the skin down: its diameter and depth)'),
    type: z
      .enum([...LESION_TYPES, 'other'])
      .describe('The lesion: its lethal temperature, margin and halo default from the clinical rule for it (docs/dermatology.md)'),
    class: z
      .enum(['benign', 'premalignant', 'malignant'])
      .optional()
      .describe("Benign, premalignant or malignant (default: the type's; required for type: other)"),
    lethal_c: num.optional().describe('Temperature the lesion and its margin must reach, °C (default: -25 benign, -50 malignant)'),
    margin_mm: z.number().nonnegative().optional().describe('Margin of normal skin around the lesion that must reach lethal_c, mm'),
    halo_mm: z
      .tuple([z.number().nonnegative(), z.number().nonnegative()])
      .optional()
      .describe('The visible frozen rim beyond the lesion’s edge the clinical rule asks for, [min, max] mm'),
  })
  .describe('Dermatological cryosurgery of a skin lesion: what it is, so that the outcome says whether it and its margin die');
