import type { Cooling } from '../model.js';

/** How well a catalogue probe's cooling model is tied to measurements. */
export interface ProbeCalibration {
  /** The fitted parameter(s), e.g. 'h_w_m2k'. */
  parameters: string[];
  /** Ids of the published measurements (see published ice balls) the fit used. */
  measurements: string[];
  /** Root-mean-square relative error of the fitted sizes against those measurements. */
  rms_relative_error: number;
  /** How it was fitted, in one sentence (script and command that reproduce it). */
  method: string;
  /** Published measurements compared with the calibrated probe but not used in the fit. */
  held_out?: string[];
  /** Set when the coefficient was fitted for another catalogue probe of the same construction and carried over. */
  transferred_from?: string;
  /**
   * The h the fitted measurement's tolerance allows, W/m²/K (docs/calibration.md, "corresponds to h
   * from ... to ..."); a carried-over coefficient carries its source's band. null upper end: above the
   * lower end the measured size saturates, so no h reaches the tolerance's far side.
   */
  h_band_w_m2k: [number, number | null];
}

/** A generic probe representative of a family of devices (not any one vendor's product). */
export interface CatalogueProbe {
  id: string;
  label: string;
  kind: 'needle' | 'contact';
  /** What it is used for, in a clinician's words. */
  use: string;
  cryogen: 'N2O' | 'CO2' | 'argon' | 'LN2';
  diameter_mm: number;
  /** Needles only: length of the cooled segment ending at the tip. */
  active_length_mm?: number;
  /** Needles only: tips in a row (multi-needle handpieces), their spacing in mm. */
  tips?: { count: number; spacing_mm: number };
  shaft?: 'insulated' | 'bare';
  cooling: Cooling;
  /** Sources for the geometry and the cooling figures. */
  sources: string[];
  /** Present when the cooling is fitted to published ice balls (docs/calibration.md). */
  calibration?: ProbeCalibration;
  /** Present instead of `calibration` when no published ice ball ties the cooling down: 'not calibrated: <why>'. */
  not_calibrated?: string;
}
