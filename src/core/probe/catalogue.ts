import type { CatalogueProbe } from './catalogue-types.js';

/**
 * Generic probes representative of the field (no vendor's product). First entries
 * with estimated cooling (cryogen temperature from PHYSICS.md behind an estimated
 * heat-transfer coefficient); the calibration to published ice balls replaces the
 * estimates (docs/calibration.md).
 */
export const PROBE_CATALOGUE: Record<string, CatalogueProbe> = {
  'n2o-multi-3x27g': {
    id: 'n2o-multi-3x27g', label: 'N2O handpiece, three 27 G tips', kind: 'needle',
    use: 'superficial sensory nerves (a few mm under the skin), percutaneous without a skin incision',
    cryogen: 'N2O', diameter_mm: 0.41, active_length_mm: 6.9, tips: { count: 3, spacing_mm: 2 }, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 3000 },
    sources: ['27 G outer diameter 0.41 mm (needle gauge tables)', 'N2O boiling point -88 °C (PHYSICS.md)', 'tip count, length and spacing: estimate'],
  },
  'n2o-1.3': {
    id: 'n2o-1.3', label: 'N2O needle probe, 1.3 mm (18 G)', kind: 'needle',
    use: 'cryoneurolysis of peripheral nerves under ultrasound, through an introducer',
    cryogen: 'N2O', diameter_mm: 1.3, active_length_mm: 8, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 1500 },
    sources: ['N2O tips about -60 to -80 °C (PHYSICS.md)', 'active length: estimate'],
  },
  'n2o-2.0': {
    id: 'n2o-2.0', label: 'N2O needle probe, 2.0 mm', kind: 'needle',
    use: 'deeper nerves (intercostal, cluneal) where a larger ice ball is needed',
    cryogen: 'N2O', diameter_mm: 2.0, active_length_mm: 10, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 1500 },
    sources: ['N2O tips about -60 to -80 °C (PHYSICS.md)', 'active length: estimate'],
  },
  'co2-2.0': {
    id: 'co2-2.0', label: 'CO2 needle probe, 2.0 mm', kind: 'needle',
    use: 'older cryoanalgesia systems; the same nerves as N2O probes, a smaller ice ball',
    cryogen: 'CO2', diameter_mm: 2.0, active_length_mm: 10, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -78, h_w_m2k: 1500 },
    sources: ['CO2 about -78 °C (PHYSICS.md)', 'active length: estimate'],
  },
  'argon-1.5': {
    id: 'argon-1.5', label: 'Argon cryoablation needle, 1.5 mm (17 G)', kind: 'needle',
    use: 'cryosurgery of tumours (prostate, kidney), several needles together',
    cryogen: 'argon', diameter_mm: 1.47, active_length_mm: 20, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -185, h_w_m2k: 2000 },
    sources: ['argon Joule-Thomson about -185 °C (PHYSICS.md)', '17 G outer diameter 1.47 mm (needle gauge tables)', 'active length: estimate'],
  },
  'argon-2.4': {
    id: 'argon-2.4', label: 'Argon cryoablation needle, 2.4 mm', kind: 'needle',
    use: 'cryosurgery of larger tumours',
    cryogen: 'argon', diameter_mm: 2.4, active_length_mm: 30, shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -185, h_w_m2k: 2000 },
    sources: ['argon Joule-Thomson about -185 °C (PHYSICS.md)', 'active length: estimate'],
  },
  'ln2-contact-5': {
    id: 'ln2-contact-5', label: 'Liquid-nitrogen contact probe, 5 mm face', kind: 'contact',
    use: 'dermatology: freezing of benign and malignant skin lesions',
    cryogen: 'LN2', diameter_mm: 5,
    cooling: { mode: 'cryogen', temperature_c: -196, h_w_m2k: 2000 },
    sources: ['liquid nitrogen -196 °C (PHYSICS.md)', 'h: estimate'],
  },
};
