import { z } from 'zod';
import { CONDITION_NAMES } from './conditions/names.js';
import { AblationInput, CathetersInput, EllipsoidInput, SensorsInput, TemplateInput } from './schema-cryosurgery.js';
import { PlanInput } from './plan-schema.js';
import { LesionInput, sprayFields } from './schema-dermatology.js';

/**
 * The case file: one plan, in YAML or JSON. Every quantity carries its unit in
 * its name (depth_mm, freeze_s, temperature_c, h_w_m2k, ...); objects are strict,
 * so a misspelt or unit-less field is an error rather than silently ignored.
 *
 * Constraints are zod's own checks (not refinements) wherever possible, so that
 * they reach the published JSON Schema and an editor flags them as you type.
 * Everything that needs more than one field (a probe inside the domain, a
 * solidus below its liquidus, ...) is checked in resolve.ts.
 */

// z.number() rejects NaN and ±Infinity in zod 4.
const num = z.number();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const vec3 = z.tuple([num, num, num]);
const vec2 = z.tuple([num, num]);
const point3 = vec3.describe('[x, y, z] in mm; z is the depth below the skin');

export const TissueInput = z
  .strictObject({
    base: z.string().optional().describe('Built-in tissue whose values the other fields override (a key naming a built-in tissue implies it)'),
    label: z.string().optional(),
    source: z.string().optional().describe('Where the values come from'),
    // As the solver uses them: volumetric, SI.
    k_unfrozen_w_mk: positive.optional().describe('Thermal conductivity above the liquidus, W/(m K)'),
    k_frozen_w_mk: positive.optional().describe('Thermal conductivity below the solidus, W/(m K)'),
    c_unfrozen_j_m3k: positive.optional().describe('Volumetric heat capacity above the liquidus, J/(m^3 K)'),
    c_frozen_j_m3k: positive.optional().describe('Volumetric heat capacity below the solidus, J/(m^3 K)'),
    latent_j_m3: nonNegative.optional().describe('Latent heat released on freezing, J/m^3'),
    solidus_c: num.optional().describe('Fully frozen below this temperature'),
    liquidus_c: num.optional().describe('Freezing begins below this temperature'),
    perfusion_w_m3k: nonNegative.optional().describe('Pennes coefficient w_b rho_b c_b, W/(m^3 K)'),
    metabolic_w_m3: nonNegative.optional().describe('Metabolic heat, W/m^3'),
    // As tissue databases (IT'IS) give them: per kilogram, converted with density_kg_m3.
    density_kg_m3: positive.optional().describe('Density; needed for the per-kilogram fields of a new tissue'),
    c_unfrozen_j_kgk: positive.optional().describe('Specific heat above the liquidus, J/(kg K)'),
    c_frozen_j_kgk: positive.optional().describe('Specific heat below the solidus, J/(kg K)'),
    perfusion_ml_min_kg: nonNegative.optional().describe('Blood flow, mL/min per kg of tissue'),
    metabolic_w_kg: nonNegative.optional().describe('Metabolic heat, W/kg'),
    water_fraction: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Mass fraction of freezable water; sets the latent heat and, for a new tissue, the frozen properties (mixture rule)'),
  })
  .describe('A custom tissue, or an override of a built-in one');

const AtRisk = z
  .union(
    [
      z.literal(false),
      z.strictObject({
        complication: z
          .enum(['pneumothorax', 'peritoneal-injury', 'vessel-injury', 'nerve-injury', 'bone-injury', 'tissue-injury'])
          .describe('What the cold risks here: pneumothorax (pleura, lung), peritoneal-injury (peritoneum, bowel), vessel-injury, nerve-injury, bone-injury'),
        note: z.string().optional().describe('Why it is at risk, or what the plan accepts (shown in the report)'),
      }),
    ],
    { error: 'must be {complication: pneumothorax|peritoneal-injury|vessel-injury|nerve-injury|bone-injury|tissue-injury} or false' },
  )
  .optional()
  .describe(
    'An organ the plan must spare: its coldest temperature, whether it froze and the complication are reported (default: at risk for vessels and for nerves with target: false; false turns that off)',
  );

const Layer = z.strictObject({
  tissue: z.string(),
  thickness_mm: positive,
  name: z.string().optional().describe('Name in the results (default: the tissue)'),
  at_risk: AtRisk,
});

const tubeFields = {
  name: z.string(),
  path_mm: z.array(vec3).min(2).describe('Polyline of the centre line, [x, y, z] points in mm'),
  diameter_mm: positive,
  at_risk: AtRisk,
};
const Structure = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('nerve'),
      ...tubeFields,
      tissue: z.string().default('nerve'),
      target_distance_mm: positive
        .optional()
        .describe(
          'Distance along the nerve from the treated site to its target (skin, end organ), mm: regrowing axons must cover it, so it sets how long a block lasts',
        ),
      territory: z.string().optional().describe('The skin the nerve supplies, in words: what goes numb'),
      target: z
        .boolean()
        .optional()
        .describe('false: a nerve near the target that the plan must spare (reported as an organ at risk: unintended block); default true'),
    })
    .describe('A nerve: its temperatures and cross-sections are reported'),
  z
    .strictObject({
      kind: z.literal('vessel'),
      ...tubeFields,
      tissue: z.string().default('blood'),
      flow_temperature_c: num.optional().describe('Blood in the lumen stays at this temperature (default: body temperature)'),
    })
    .describe('A vessel whose flowing blood warms its surroundings'),
  z.strictObject({ kind: z.literal('tube'), ...tubeFields, tissue: z.string() }),
  z.strictObject({ kind: z.literal('box'), name: z.string(), tissue: z.string(), min_mm: point3, max_mm: point3, at_risk: AtRisk }),
  z.strictObject({
    kind: z.literal('cylinder'),
    name: z.string(),
    tissue: z.string(),
    start_mm: point3,
    end_mm: point3,
    diameter_mm: positive,
    at_risk: AtRisk,
  }),
  z.strictObject({ kind: z.literal('sphere'), name: z.string(), tissue: z.string(), center_mm: point3, diameter_mm: positive, at_risk: AtRisk }),
  EllipsoidInput,
]);

const LabelInput = z
  .union(
    [
      z.string().describe('A tissue (built in, or under tissues:): the voxels are that tissue, reported by its name like a layer'),
      z
        .strictObject({
          kind: z
            .literal('nerve')
            .optional()
            .describe(
              'nerve: the voxels are a nerve, with the outcome of a nerve written under anatomy.structures (block, injury, duration), read on the tube they fill',
            ),
          name: z.string().min(1).optional().describe('Name in the results and for ablation.target (default: the tissue)'),
          tissue: z.string().describe('The tissue of its voxels'),
          at_risk: AtRisk,
          target_distance_mm: positive.optional().describe('A nerve: distance from the treated site to its target, mm (sets how long a block lasts)'),
          territory: z.string().optional().describe('A nerve: the skin it supplies, in words'),
          target: z.boolean().optional().describe('A nerve: false for one the plan must spare (default true, or false when at_risk is given)'),
        })
        .describe('A named structure: its coldest temperature is reported, it may be the ablation target, an organ at risk, a plan limit'),
    ],
    { error: 'must be a tissue name, or {tissue, name, kind, at_risk} for a named structure' },
  )
  .describe('What one label value of the labelmap is');

export const CoolingInput = z
  .union(
    [
      z.strictObject({ temperature_c: num }).describe('Active surface held at a constant temperature'),
      z
        .strictObject({ curve: z.array(z.tuple([nonNegative, num])).min(1) })
        .describe('[time_s, temperature_c] pairs from the start of each freeze; linear between, held after the last'),
      z.strictObject({ power_w: positive }).describe('Fixed heat extraction, W'),
      z
        .strictObject({ cryogen: z.strictObject({ temperature_c: num, h_w_m2k: positive }) })
        .describe('Cryogen at a temperature behind a heat-transfer coefficient on the active surface (a real probe cannot hold its nominal temperature)'),
    ],
    { error: 'must be one of {temperature_c}, {curve: [[time_s, temperature_c], ...]}, {power_w} or {cryogen: {temperature_c, h_w_m2k}}' },
  )
  .describe('How a probe removes heat while it freezes');

const Direction = z.union(
  [
    vec3.describe('Vector from the handle towards the tip (normalised)'),
    z
      .strictObject({
        angle_to_skin_deg: z.number().min(0).max(90).describe('90: perpendicular to the skin (straight down); 0: parallel to it'),
        azimuth_deg: num.default(0).describe('Heading along the skin, from +x towards +y'),
      })
      .describe('Insertion angles'),
  ],
  { error: 'must be [x, y, z] (towards the tip) or {angle_to_skin_deg, azimuth_deg}' },
);

const model = z
  .string()
  .min(1)
  .optional()
  .describe('A probe from the catalogue (`cryoplan probes` lists them): fills the kind, and the geometry and calibrated cooling that this probe does not give');
const Needle = z.strictObject({
  kind: z.literal('needle'),
  id: z.string().min(1),
  model,
  tip_mm: point3,
  direction: Direction,
  diameter_mm: positive.optional().describe('Outer diameter (14 G is about 2.1 mm, 18 G 1.3 mm, 22 G 0.7 mm); required without a model'),
  active_length_mm: positive.optional().describe('Length of the cooled segment that ends at the tip; required without a model'),
  shaft: z.enum(['insulated', 'bare']).optional().describe('Shaft from the active segment back to the skin (default: insulated)'),
  material: z.strictObject({ k_w_mk: positive, c_j_m3k: positive }).optional().describe('Probe wall material (default: stainless steel)'),
  cooling: CoolingInput.optional().describe("This probe's cooling (default: protocol.cooling)"),
});
const Contact = z.strictObject({
  kind: z.literal('contact'),
  id: z.string().min(1),
  model,
  center_mm: vec2.describe('[x, y] on the skin, mm'),
  diameter_mm: positive.optional().describe('Face diameter, mm; required without a model'),
  cooling: CoolingInput.optional().describe("This probe's cooling (default: protocol.cooling)"),
});

const Spray = z
  .strictObject({
    id: z.string().min(1),
    model,
    ...sprayFields,
    cooling: CoolingInput.optional().describe(
      'Default: boiling liquid nitrogen (-196 °C) behind its film-boiling heat-transfer coefficient (src/core/probe/spray.ts); protocol.cooling does not apply to a spray',
    ),
  })
  .describe('A liquid-nitrogen open spray on a spot of skin');

const probeIds = z.array(z.string()).optional().describe('Probes that act in this phase (default: all)');
const thawFields = {
  thaw: z.enum(['passive', 'active']).default('passive').describe('passive: cooling stops; active: the probe is warmed to thaw_temperature_c'),
  thaw_temperature_c: num.optional(),
  probes: probeIds,
};
const Phase = z.union(
  [
    z.strictObject({ freeze_s: positive, probes: probeIds }),
    z.strictObject({ thaw_s: positive, ...thawFields }),
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('freeze'), duration_s: positive, probes: probeIds }),
      z.strictObject({ kind: z.literal('thaw'), duration_s: positive, ...thawFields }),
    ]),
  ],
  { error: 'must be {freeze_s}, {thaw_s, thaw: passive|active} or {kind: freeze|thaw, duration_s}' },
);

const Warmer = z.strictObject({
  name: z.string(),
  center_mm: vec2.describe('[x, y] on the skin, mm'),
  size_mm: z.tuple([positive, positive]).describe('[width along x, height along y], mm'),
  temperature_c: num,
  h_w_m2k: positive.default(500).describe('Contact conductance, W/(m^2 K)'),
});

const Side = z.enum(['body', 'adiabatic']).describe('body: held at body temperature; adiabatic: no heat flow (a symmetry plane)');
const Surface = z.union(
  [z.literal('adiabatic'), z.strictObject({ convection: z.strictObject({ h_w_m2k: nonNegative.default(10), air_temperature_c: num.default(22) }) })],
  { error: "must be 'adiabatic' or {convection: {h_w_m2k, air_temperature_c}}" },
);

const maxCells = z.int().positive().optional().describe('Refuse grids with more cells than this (default 4,000,000)');
const Grid = z
  .union(
    [
      z.literal('auto'),
      z.strictObject({
        auto: z.strictObject({
          accuracy: z
            .number()
            .min(0.001)
            .max(0.2)
            .default(0.02)
            .describe('Relative error of the isotherm volumes the grid is sized for, a fraction (0.02: 2 %; 0.005 is tighter and costs more cells)'),
          refinement: positive.default(1).describe('Multiplies every target spacing (0.5 halves the cells)'),
          cell_budget: z
            .int()
            .positive()
            .optional()
            .describe(
              'Most cells the accuracy may ask for (default 1,000,000); past it the grid is sized for the tightest accuracy that fits, and the run warns with the accuracy it got',
            ),
          h_min_mm: positive.optional().describe('Finest spacing, at the probes (default: from the probe diameter)'),
          h_front_mm: positive.optional().describe('Spacing where the ice front passes'),
          h_max_mm: positive.optional().describe('Coarsest spacing, far away'),
          growth: z.number().min(1).max(2).optional().describe('Largest ratio of neighbouring cell sizes'),
        }),
        max_cells: maxCells,
      }),
      z.strictObject({ spacing_mm: positive, max_cells: maxCells }),
      z.strictObject({
        x_mm: z.array(num).min(2).describe('Cell edges along x, increasing, from the domain x_mm[0] to x_mm[1]'),
        y_mm: z.array(num).min(2),
        z_mm: z.array(num).min(2).describe('Cell edges in depth, from 0 to depth_mm'),
        max_cells: maxCells,
      }),
    ],
    { error: "must be 'auto', {auto: {refinement, ...}}, {spacing_mm} or {x_mm, y_mm, z_mm} (cell edges)" },
  )
  .describe('auto: graded towards probes, nerves and skin, fine where the ice fronts travel, sized for 2 % on the isotherm volumes');

const Outcome = z
  .strictObject({
    nerve: z
      .strictObject({
        neurapraxia_c: num.optional().describe('Coldest nerve temperature for a reversible block (default 10)'),
        axonotmesis_c: num.optional().describe('Temperature the whole cross-section must reach for a lasting block (default -20)'),
        neurotmesis_c: num.optional().describe('Below this, risk of lasting injury (default -140)'),
        reliable_length_mm: positive.optional().describe('Frozen-through length that reliably stops conduction (default 4)'),
        regrowth_mm_day: z.tuple([positive, positive]).optional().describe('Axon regrowth rate [slow, fast], mm/day (default [1, 2])'),
      })
      .optional(),
    skin: z
      .strictObject({
        redness_c: num.optional().describe('default 15'),
        frozen_c: num.optional().describe('default -1'),
        blister_s: nonNegative.optional().describe('Frozen this long, the skin blisters (default 10)'),
        burn_c: num.optional().describe('default -20'),
        pigment_c: num.optional().describe('default -5'),
        heat_burn_c: num.optional().describe('default 44'),
      })
      .optional(),
    fat: z
      .strictObject({
        panniculitis_c: num.optional().describe('default 10'),
        moderate_s: nonNegative.optional().describe('Exposure below panniculitis_c for a moderate risk (default 600)'),
        high_s: nonNegative.optional().describe('Exposure below panniculitis_c for a high risk (default 1800)'),
      })
      .optional(),
    organ: z
      .strictObject({
        frozen_c: num.optional().describe('An organ at risk colder than this froze (default -1)'),
        margin_c: num.optional().describe('Colder than this, the ice edge came close to an organ at risk (default 10)'),
      })
      .optional(),
  })
  .describe('Thresholds of the nerve and side-effect models (defaults and sources: docs/outcome-sources.md)');

export const CaseSchema = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors'),
  condition: z
    .enum(CONDITION_NAMES)
    .optional()
    .describe(
      'A condition preset (`cryoplan conditions` lists them): its anatomy, probe and protocol, which the rest of this file overrides field by field (lists are replaced whole). With it, name, domain, probes and protocol are optional',
    ),
  name: z.string().min(1).describe('Names the results folder'),
  description: z.string().optional(),
  body_temperature_c: num.default(37).describe('Core and arterial blood temperature'),
  domain: z.strictObject({
    x_mm: vec2.describe('[min, max] along the skin'),
    y_mm: vec2.describe('[min, max] along the skin'),
    depth_mm: positive.describe('Depth below the skin (z runs from 0 at the skin to depth_mm)'),
    boundaries: z
      .strictObject({
        sides: Side.optional().describe('Default for the four sides (default: body)'),
        x_min: Side.optional(),
        x_max: Side.optional(),
        y_min: Side.optional(),
        y_max: Side.optional(),
        bottom: Side.optional().describe('default: body'),
        surface: Surface.optional().describe('The skin (default: convection to air at 22 °C, h 10 W/(m^2 K))'),
      })
      .optional(),
  }),
  tissues: z.record(z.string(), TissueInput).optional().describe('Custom tissues and overrides; built in: skin, fat, muscle, nerve, bone, tendon, blood, gel'),
  anatomy: z
    .strictObject({
      layers: z.array(Layer).default([]).describe('Planar layers from the skin down; the last extends to the bottom (default: muscle)'),
      structures: z.array(Structure).default([]).describe('Drawn over the layers and the labelmap, later ones over earlier ones'),
      labelmap: z
        .string()
        .min(1)
        .optional()
        .describe(
          'A labelled volume (.nrrd, .nii, .nii.gz: a segmentation from 3D Slicer or ITK-SNAP), its path relative to this file: its named labels replace the layers where they lie (docs/imaging.md)',
        ),
      labels: z
        .record(z.string().regex(/^[0-9]+$/, 'a label value must be a whole number'), LabelInput)
        .optional()
        .describe(
          'What each label value of the labelmap is: {1: fat, 2: {name: prostate, tissue: prostate}, ...}; values not named (0, the background) keep the layers',
        ),
      origin_in_image_mm: vec3
        .optional()
        .describe(
          "Where the case's [0, 0, 0] lies in the image's own space (mm, as its header gives coordinates): the case frame is the image's, moved (default [0, 0, 0])",
        ),
    })
    .optional(),
  probes: z
    .array(z.discriminatedUnion('kind', [Needle, Contact, Spray]))
    .default([])
    .describe('Probes; with a template, its needles are added to these (at least one probe in all)'),
  template: TemplateInput.optional(),
  sensors: SensorsInput.optional(),
  ablation: AblationInput.optional(),
  lesion: LesionInput.optional(),
  protocol: z.strictObject({
    cooling: CoolingInput.optional().describe("Every probe's cooling unless a probe has its own"),
    phases: z.array(Phase).min(1, 'must contain at least one phase').describe('Freeze and thaw phases, in order'),
    warmers: z.array(Warmer).default([]).describe('Skin warmers, on throughout'),
    catheters: CathetersInput.optional(),
  }),
  grid: Grid.default('auto'),
  solver: z
    .strictObject({
      dt_min_s: positive.optional().describe('default 0.02'),
      dt_max_s: positive.optional().describe('default 30'),
      max_change_c: positive
        .optional()
        .describe(
          'Target largest temperature change of a cell per step with the euler integrator; bdf2 redoes a step that changes a cell by ten times this (default 10)',
        ),
      integrator: z
        .enum(['bdf2', 'euler'])
        .optional()
        .describe('bdf2 (default): second order, steps sized by their estimated error (time_error_c); euler: backward Euler, steps sized by max_change_c'),
      time_error_c: positive
        .optional()
        .describe("bdf2's tolerance on a step's estimated local error, °C (volume-weighted RMS over the cells the step changes; default 2)"),
      tolerance_c: positive
        .optional()
        .describe(
          'Nonlinear iterations stop when the last correction, or the error it leaves estimated from the convergence rate, is below this, °C (default 0.01)',
        ),
      max_iterations: z.int().positive().optional().describe('default 30'),
      initial: z
        .enum(['steady', 'uniform'])
        .optional()
        .describe('steady (default): start from the steady state without cooling; uniform: all at body temperature'),
    })
    .optional(),
  outcome: Outcome.optional(),
  outputs: z
    .strictObject({
      isotherms_c: z.array(num).min(1).optional().describe('default [0, -20, -40]'),
      series_interval_s: positive.optional().describe('default 1'),
      volumes: z
        .array(z.enum(['vti', 'nrrd']))
        .optional()
        .describe('vti: VTK rectilinear grid (ParaView); nrrd: 3D Slicer volumes'),
    })
    .optional(),
  plan: PlanInput.optional(),
});

export type CaseInput = z.input<typeof CaseSchema>;
export type CaseParsed = z.output<typeof CaseSchema>;
export type TissueParsed = z.output<typeof TissueInput>;
export type CoolingParsed = z.output<typeof CoolingInput>;
export type StructureParsed = z.output<typeof Structure>;
export type PhaseParsed = z.output<typeof Phase>;
export type GridParsed = z.output<typeof Grid>;
export type LabelParsed = z.output<typeof LabelInput>;

/** Top-level fields every condition preset supplies. */
const PRESET_GIVES = ['name', 'domain', 'probes', 'protocol'];

/**
 * JSON Schema of the case file, for editors. Draft 7, the draft that VS Code's and
 * the YAML language server's validators support fully (2020-12's prefixItems for
 * [x, y, z] tuples is not understood by all of them).
 */
export function caseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  // A file that names a condition may leave to the preset what the preset gives: the
  // schema the solver checks (after the merge) requires them, the one editors see
  // requires them only without a condition.
  const required = (schema.required as string[] | undefined) ?? [];
  const out: Record<string, unknown> = {
    $schema: schema.$schema,
    title: 'cryoplan case file',
    ...schema,
    required: required.filter((k) => !PRESET_GIVES.includes(k)),
    if: { required: ['condition'] },
    else: { required: required.filter((k) => PRESET_GIVES.includes(k)) },
  };
  // Draft 7 allows an empty list, but some editors' validators do not.
  if (!(out.required as string[]).length) delete out.required;
  probesFromModels(out);
  return out;
}

/**
 * A probe's kind may come from its catalogue model, and its id and a needle's
 * direction have defaults (compose.ts): the editor's schema asks for a kind or a
 * model, and no longer for an id or a direction.
 */
function probesFromModels(schema: Record<string, unknown>): void {
  const items = ((schema.properties as Record<string, { items?: { oneOf?: Array<Record<string, unknown>> } }> | undefined)?.probes?.items?.oneOf ?? []).filter(
    (b) => Array.isArray(b.required),
  );
  for (const branch of items) {
    branch.required = (branch.required as string[]).filter((k) => k !== 'kind' && k !== 'id' && k !== 'direction');
    branch.anyOf = [{ required: ['kind'] }, { required: ['model'] }];
  }
}
