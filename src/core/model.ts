/**
 * The resolved problem that the numerical core solves ("scene").
 *
 * A case file (src/case) is validated and resolved into a Scene: names are
 * looked up, defaults filled in and units made uniform. The core never sees a
 * case file. Conventions used throughout the core:
 *  - geometry in millimetres, in the anatomy frame: x and y run along the skin,
 *    z is depth below the skin surface (z = 0 is the skin, z grows into the body);
 *  - time in seconds, temperature in degrees Celsius;
 *  - material properties in SI units, heat capacities per unit volume.
 */

import type { OutcomeSettings } from './outcome/settings.js';

export type Vec3 = [number, number, number];

/** Thermal properties of one tissue (or any material), frozen and unfrozen. */
export interface Tissue {
  id: string;
  label: string;
  /** Thermal conductivity above the liquidus, W/(m K). */
  k_unfrozen_w_mk: number;
  /** Thermal conductivity below the solidus, W/(m K). */
  k_frozen_w_mk: number;
  /** Volumetric heat capacity above the liquidus, J/(m^3 K). */
  c_unfrozen_j_m3k: number;
  /** Volumetric heat capacity below the solidus, J/(m^3 K). */
  c_frozen_j_m3k: number;
  /** Latent heat released between liquidus and solidus, J/m^3. */
  latent_j_m3: number;
  solidus_c: number;
  liquidus_c: number;
  /** Pennes perfusion term w_b rho_b c_b, W/(m^3 K); stops where frozen. */
  perfusion_w_m3k: number;
  /** Metabolic heat, W/m^3; stops where frozen. */
  metabolic_w_m3: number;
  /** Where the values come from. */
  source?: string;
}

/** What can go wrong when the cold reaches an organ that is not the target. */
export type Complication = 'pneumothorax' | 'peritoneal-injury' | 'vessel-injury' | 'nerve-injury' | 'bone-injury' | 'tissue-injury';

/** An organ the plan must spare: its coldest temperature and whether it froze are reported with the complication. */
export interface AtRisk {
  complication: Complication;
  /** Why, or what the case's author knows about it (shown in the report). */
  note?: string;
}

/** A planar layer below the skin; layers stack from z = 0 downwards. */
export interface Layer {
  tissue: string;
  thickness_mm: number;
  /** Name used in results (defaults to the tissue id). */
  name?: string;
  /** An organ the plan must spare (pleura, peritoneum, ...). */
  at_risk?: AtRisk;
}

export type StructureRole = 'nerve' | 'vessel' | 'other';

interface StructureBase {
  name: string;
  tissue: string;
  role: StructureRole;
  /** An organ the plan must spare; vessels and nerves that are not a target have one by default. */
  at_risk?: AtRisk;
}

/** A tube of constant diameter along a polyline (nerves, vessels). */
export interface TubeStructure extends StructureBase {
  kind: 'tube';
  path_mm: Vec3[];
  diameter_mm: number;
  /** Vessels only: the blood in the lumen is held at this temperature (flow). */
  flow_temperature_c?: number;
  /** Nerves only: distance along the nerve from the treated site to its target (end organ, skin), mm; regrowing axons must cover it. */
  target_distance_mm?: number;
  /** Nerves only: the skin area the nerve supplies, in plain words (what goes numb). */
  territory?: string;
  /** Nerves only: false for a nerve near the target that the plan must spare (default true). */
  target?: boolean;
}

export interface BoxStructure extends StructureBase {
  kind: 'box';
  min_mm: Vec3;
  max_mm: Vec3;
}

export interface CylinderStructure extends StructureBase {
  kind: 'cylinder';
  start_mm: Vec3;
  end_mm: Vec3;
  diameter_mm: number;
}

export interface SphereStructure extends StructureBase {
  kind: 'sphere';
  center_mm: Vec3;
  diameter_mm: number;
}

/** An axis-aligned ellipsoid (a gland such as the prostate): |(p - center) / semi_axes| <= 1. */
export interface EllipsoidStructure extends StructureBase {
  kind: 'ellipsoid';
  center_mm: Vec3;
  /** Half-widths along x, y and z, mm. */
  semi_axes_mm: Vec3;
}

/**
 * A structure drawn by a labelled image (anatomy.labelmap): the voxels of one label
 * value. Its shape is the image's (scene.labelmap); bounds_mm is the box in the case
 * frame that holds its voxels.
 */
export interface LabelStructure extends StructureBase {
  kind: 'label';
  value: number;
  bounds_mm: [Vec3, Vec3];
  /** A labelled nerve (role 'nerve'): the tube its voxels fill, whose cross-sections the nerve outcome reads. */
  nerve?: LabelNerve;
}

/** The centre line and diameter a labelled nerve's voxels give, and what the case says of the nerve. */
export interface LabelNerve {
  path_mm: Vec3[];
  diameter_mm: number;
  target_distance_mm?: number;
  territory?: string;
  target?: boolean;
}

export type Structure = TubeStructure | BoxStructure | CylinderStructure | SphereStructure | EllipsoidStructure | LabelStructure;

/** A labelled image's voxel lattice in its own physical space, as its file states it (NRRD: its `space`; NIfTI: scanner RAS). */
export interface ImageSpace {
  /** Voxels along the index axes i, j, k (i varies fastest in the data). */
  size: [number, number, number];
  /** Centre of voxel (0, 0, 0), mm. */
  origin_mm: Vec3;
  /** Distance between voxel centres along i, j, k, mm. */
  spacing_mm: Vec3;
  /** Unit vector of each index axis in physical space: direction[0] is i's. */
  direction: [Vec3, Vec3, Vec3];
  /** The physical space's name as the file gives it (NRRD `space`: left-posterior-superior, ...), written back on the outputs. */
  space?: string;
}

/** One label value of a labelmap that the case names: a tissue (role 'layer') or a structure. */
export interface LabelRegion {
  value: number;
  name: string;
  tissue: string;
  /** Index into scene.structures when the label is a named structure. */
  structure?: number;
}

/**
 * Anatomy from a labelled image. The case frame is the image's physical frame moved so
 * that the image point offset_mm sits at the case's [0, 0, 0] (axes unchanged). Where a
 * voxel's value is named, it replaces the layers; analytic structures and probes are
 * drawn over it.
 */
export interface LabelMap {
  space: ImageSpace;
  /** A case point p lies at image point p + offset_mm. */
  offset_mm: Vec3;
  /**
   * Voxel values in file order (i fastest), run-length encoded as [value, count, value,
   * count, ...]: plain numbers, so that a scene stays JSON (hashing, Redis jobs) and a
   * segmentation's long runs cost little.
   */
  runs: number[];
  labels: LabelRegion[];
  /** Where the image came from (its path, as the case wrote it): shown, never read by the core. */
  file?: string;
}

export type SideBoundary = 'body' | 'adiabatic';

export type SurfaceBoundary = { kind: 'convection'; h_w_m2k: number; air_temperature_c: number } | { kind: 'adiabatic' };

/** The simulated box. Structures later in the list overwrite earlier ones. */
export interface Domain {
  x_mm: [number, number];
  y_mm: [number, number];
  depth_mm: number;
  boundaries: {
    x_min: SideBoundary;
    x_max: SideBoundary;
    y_min: SideBoundary;
    y_max: SideBoundary;
    bottom: SideBoundary;
    surface: SurfaceBoundary;
  };
}

/** How a probe removes heat while it freezes. */
export type Cooling =
  /** The active surface follows a temperature curve; times from the start of each freeze phase. */
  | { mode: 'temperature'; curve: Array<[number, number]> }
  /** A fixed rate of heat extraction, W (total over the active segment or contact face). */
  | { mode: 'power'; watts: number }
  /** Boiling/expanding cryogen at a temperature behind a heat-transfer coefficient (W/m^2/K) on the active surface. */
  | { mode: 'cryogen'; temperature_c: number; h_w_m2k: number };

export interface ProbeMaterial {
  k_w_mk: number;
  c_j_m3k: number;
}

/** A needle probe: an active (cooled) segment ending at the tip and an insulated shaft back to the skin. */
export interface NeedleProbe {
  kind: 'needle';
  id: string;
  tip_mm: Vec3;
  /** Unit vector from the handle towards the tip. */
  direction: Vec3;
  diameter_mm: number;
  active_length_mm: number;
  /** Whether the shaft between the active segment and the skin is insulated (vacuum jacket) or bare metal. */
  shaft: 'insulated' | 'bare';
  material: ProbeMaterial;
  cooling: Cooling;
  /**
   * 'warming': a catheter held warm by a circulating fluid (its `cooling` is that fluid
   * behind a contact conductance), acting in every phase rather than freezing.
   */
  purpose?: 'warming';
}

/** A flat circular probe pressed on the skin surface. */
export interface ContactProbe {
  kind: 'contact';
  id: string;
  center_mm: [number, number];
  diameter_mm: number;
  cooling: Cooling;
}

/**
 * A liquid-nitrogen open spray: a spot on the skin sprayed from a nozzle held at a
 * distance. The boiling cryogen draws heat through the spot's skin faces behind a
 * heat-transfer coefficient (its `cooling`, a cryogen: src/core/probe/spray.ts says
 * which boiling regime limits it); while it does not spray, the spot is open to air.
 */
export interface SprayProbe {
  kind: 'spray';
  id: string;
  center_mm: [number, number];
  /** Diameter of the sprayed spot on the skin, mm. */
  diameter_mm: number;
  /** Nozzle-to-skin distance, mm (recorded with the plan; the heat-transfer coefficient is the one for the usual 10-15 mm). */
  distance_mm: number;
  /** Intermittent spraying within each freeze: on for on_s, then off for off_s, repeated from the freeze's start; absent: continuous. */
  pattern?: { on_s: number; off_s: number };
  cooling: Cooling;
}

export type Probe = NeedleProbe | ContactProbe | SprayProbe;

export interface Phase {
  kind: 'freeze' | 'thaw';
  duration_s: number;
  /** Thaw only: 'passive' stops cooling; 'active' warms the probe to thaw_temperature_c. */
  thaw?: 'passive' | 'active';
  thaw_temperature_c?: number;
  /** Probe ids that freeze in this phase; all probes when absent. */
  probes?: string[];
}

/** A skin warmer: a patch on the skin held at a temperature through a contact conductance. */
export interface Warmer {
  name: string;
  center_mm: [number, number];
  size_mm: [number, number];
  temperature_c: number;
  /** Contact conductance, W/(m^2 K); Infinity holds the skin at the warmer's temperature. */
  h_w_m2k: number;
}

export type GridSpec =
  | {
      kind: 'auto';
      /** Multiplies every target spacing (0.5 halves the cells' size). */
      refinement: number;
      /** Relative accuracy of the isotherm volumes the grid is sized for (grid/error-model.ts; default 0.02). */
      accuracy?: number;
      /**
       * The accuracy the case asked for, when the cell budget (grid/budget.ts) made the
       * grid coarser: `accuracy` is then the one the grid was sized for.
       */
      requested_accuracy?: number;
      /** Most cells the error model may ask for before the accuracy is loosened (grid/budget.ts; default 1,000,000). */
      cell_budget?: number;
      /** Finest spacing near probes, mm; derived from the probes when absent. */
      h_min_mm?: number;
      /** Spacing within the region the ice front sweeps, mm (before refinement). */
      h_front_mm?: number;
      /** Coarsest spacing far from everything, mm. */
      h_max_mm?: number;
      /** Maximum ratio of neighbouring cell sizes. */
      growth?: number;
    }
  | { kind: 'uniform'; spacing_mm: number }
  | { kind: 'edges'; x_mm: number[]; y_mm: number[]; z_mm: number[] };

export interface SolverSettings {
  dt_min_s: number;
  dt_max_s: number;
  /** Target largest temperature change of a cell in one step, deg C (step-size control). */
  max_change_c: number;
  /** Nonlinear iteration stops when the largest correction is below this, deg C. */
  tolerance_c: number;
  max_iterations: number;
  /** Time integrator: 'bdf2' (default), second order with its step sized by its local error; 'euler', backward Euler sized by max_change_c. */
  integrator?: 'bdf2' | 'euler';
  /** BDF2's tolerance on the local error of a step, deg C (volume-weighted RMS over the cells that change; default 0.05). */
  time_error_c?: number;
  /** 'steady': start from the steady state without cooling; 'uniform': everything at body temperature. */
  initial: 'steady' | 'uniform';
}

export interface OutputSettings {
  /** Isotherms reported, deg C. */
  isotherms_c: number[];
  /** Interval between rows of the time series, s. */
  series_interval_s: number;
  volumes: Array<'vti' | 'nrrd'>;
}

/** A virtual thermocouple: the temperature at a point, interpolated from the cells around it. */
export interface Sensor {
  name: string;
  at_mm: Vec3;
}

/** A structure that must stay above a temperature, and the complication if it does not. */
export interface AblationLimit {
  structure: string;
  /** The complication risked below the limit, in words. */
  complication: string;
  /** The structure's coldest temperature must stay above this, deg C. */
  limit_c: number;
  /** Where the limit comes from (a source, or 'estimate'). */
  basis: string;
}

/** What an ablation aims at: a target structure killed below a lethal temperature, with organs at risk spared. */
export interface AblationSpec {
  target: string;
  /** The lethal isotherm, deg C (default -40). */
  lethal_c: number;
  /** The isotherm of the partial-kill band, deg C (default -20). */
  partial_c: number;
  limits: AblationLimit[];
  /** Names of the target's sides in words (keys '-x', '+x', '-y', '+y', '-z', '+z'), e.g. '-y': 'posterior'. */
  side_names?: Record<string, string>;
}

export interface Scene {
  name: string;
  description?: string;
  body_temperature_c: number;
  tissues: Record<string, Tissue>;
  layers: Layer[];
  structures: Structure[];
  domain: Domain;
  probes: Probe[];
  protocol: Phase[];
  warmers: Warmer[];
  grid: GridSpec;
  solver: SolverSettings;
  outputs: OutputSettings;
  /** Thresholds of the outcome models (defaults: DEFAULT_OUTCOME_SETTINGS). */
  outcome?: OutcomeSettings;
  /** Virtual thermocouples. */
  sensors?: Sensor[];
  /** Ablation aim (target and organs at risk), for cryosurgery of tumours. */
  ablation?: AblationSpec;
  /** Anatomy from a labelled image, between the layers and the analytic structures. */
  labelmap?: LabelMap;
  /** Dermatological cryosurgery of a skin lesion: its kind, lethal temperature and margins. */
  lesion?: LesionSpec;
}

/** Whether a skin lesion is benign, premalignant or malignant: it sets the lethal temperature and the margin. */
export type LesionClass = 'benign' | 'premalignant' | 'malignant';

/** The aim of freezing a skin lesion (a structure of the scene). */
export interface LesionSpec {
  /** Name of the structure that is the lesion. */
  structure: string;
  /** What the lesion is ('common wart', 'superficial basal cell carcinoma', ...). */
  type: string;
  class: LesionClass;
  /** The whole lesion and its margin must reach this, deg C. */
  lethal_c: number;
  /** Margin of normal skin around the lesion that must reach lethal_c, mm (the clinical rule for the lesion). */
  margin_mm: number;
  /** The visible frozen rim beyond the lesion's edge the clinical rule asks for, [min, max] mm. */
  halo_mm: [number, number];
  /** Where the rule's figures come from. */
  basis: string;
}
