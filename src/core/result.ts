/** What a simulation returns: histories, metrics at key moments, final fields and diagnostics. */
import type { SensorResult } from './outcome/sensors.js';

export interface GridInfo {
  nx: number;
  ny: number;
  nz: number;
  cells: number;
  min_spacing_mm: number;
  max_spacing_mm: number;
  /** Cell edges along each axis, mm (length n + 1). */
  x_edges_mm: Float64Array;
  y_edges_mm: Float64Array;
  z_edges_mm: Float64Array;
}

/** An isotherm's region at one moment. */
export interface IsothermSnapshot {
  /** Why this moment: 'end of freeze 1', 'end'. */
  moment: string;
  time_s: number;
  volume_ml: number;
  /** Extent along the (first) probe's axis, mm. */
  length_mm: number;
  /** Largest extent across the probe's axis, mm. */
  width_mm: number;
}

export interface IsothermResult {
  threshold_c: number;
  snapshots: IsothermSnapshot[];
}

/** The coldest cross-section of a tube (nerve), found from the minimum temperature each point reached. */
export interface CrossSectionResult {
  /** Centre of the section, mm. */
  center_mm: [number, number, number];
  /** Arc length along the tube's path, mm. */
  position_mm: number;
  /** Fraction of the section's area whose minimum temperature fell below each threshold (keys are thresholds in deg C). */
  fraction_below: Record<string, number>;
  /** Length of the tube, mm, over which the whole cross-section fell below each threshold. */
  frozen_length_mm: Record<string, number>;
}

export interface StructureResult {
  name: string;
  /** 'nerve', 'vessel', 'other', or 'layer' for tissue layers (skin, fat, ...). */
  role: string;
  tissue: string;
  min_temperature_c: number;
  /** Time during which some part of the structure was below each threshold, s (keys: thresholds in deg C). */
  time_below_s: Record<string, number>;
  cross_section?: CrossSectionResult;
}

export interface EnergyBalance {
  /** Change of the enthalpy stored in the tissue, J. */
  enthalpy_change_j: number;
  /** Heat added to the tissue by each path (negative: removed), J. */
  probes_j: number;
  perfusion_j: number;
  metabolic_j: number;
  boundaries_j: number;
  vessels_j: number;
  /** enthalpy_change - sum of the paths, J. */
  residual_j: number;
  /** |residual| divided by the largest of the terms. */
  relative_error: number;
}

export interface TimeSeries {
  time_s: number[];
  probes: Array<{ id: string; temperature_c: number[]; heat_w: number[] }>;
  structures: Array<{ name: string; min_c: number[] }>;
  isotherms: Array<{ threshold_c: number; volume_ml: number[] }>;
  /** Virtual thermocouples' readings, deg C. */
  sensors?: Array<{ name: string; temperature_c: number[] }>;
}

export interface SolverDiagnostics {
  steps: number;
  nonlinear_iterations: number;
  linear_iterations: number;
  /** Largest final nonlinear correction over all steps, deg C. */
  max_final_correction_c: number;
  dt_min_s: number;
  dt_max_s: number;
  cell_updates: number;
}

export interface Fields {
  /** Temperatures at the end, deg C, x fastest then y then z (index = i + nx*(j + ny*k)). */
  final_c: Float32Array;
  /** Lowest temperature each cell reached, deg C. */
  min_c: Float32Array;
  /** Material label of each cell; names in label_names. */
  labels: Uint8Array;
  label_names: string[];
}

/** The temperature field at one moment (end of each freeze, and the end). */
export interface FieldSnapshot {
  moment: string;
  time_s: number;
  /** Cell-centred temperatures, deg C, indexed like Fields.final_c. */
  temperature_c: Float32Array;
}

export interface RunResult {
  name: string;
  grid: GridInfo;
  simulated_s: number;
  isotherms: IsothermResult[];
  structures: StructureResult[];
  energy: EnergyBalance;
  series: TimeSeries;
  diagnostics: SolverDiagnostics;
  fields: Fields;
  snapshots: FieldSnapshot[];
  /** Virtual thermocouples (scene.sensors), in the scene's order. */
  sensors?: SensorResult[];
}

export interface Progress {
  time_s: number;
  total_s: number;
  step: number;
  phase: string;
}
