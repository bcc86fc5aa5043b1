import type { CatalogueProbe } from './catalogue-types.js';

/**
 * Generic probes representative of the field (no vendor's product). Each cools
 * through its cryogen at the temperature physics gives it (PHYSICS.md) behind a
 * heat-transfer coefficient h on its active surface. Where a published ice ball
 * exists for a kind of probe, h is fitted to it (`calibration`; the fit, its data
 * and residuals are in docs/calibration.md, produced by `npm run calibrate`);
 * elsewhere h is an estimate and the entry says so (`not_calibrated`).
 */

const CALIBRATE =
  'npm run calibrate (scripts/calibrate-probes.ts): bracketed regula falsi on ln h with the 3D solver on the scene of the measurement (src/core/probe/published-ice-balls.ts); docs/calibration.md';

export const PROBE_CATALOGUE: Record<string, CatalogueProbe> = {
  'n2o-multi-3x27g': {
    id: 'n2o-multi-3x27g',
    label: 'N2O handpiece, three 27 G tips',
    kind: 'needle',
    use: 'superficial sensory nerves (a few mm under the skin), percutaneous without a skin incision',
    cryogen: 'N2O',
    diameter_mm: 0.41,
    active_length_mm: 6.9,
    tips: { count: 3, spacing_mm: 2 },
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 2320 },
    sources: [
      '27 G outer diameter 0.41 mm (needle gauge tables)',
      'N2O boiling point -88 °C (PHYSICS.md)',
      'tip count, length and spacing: estimate',
      'h: fitted to a 0.55 mm HFC-23 research cryoprobe in 37 °C gel (frozen radius 2 mm after 1 min; MNHMT2013 paper V001T13A001)',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [1380, 5050],
      measurements: ['ultrafine-radius-60s'],
      held_out: ['ultrafine-surface-60s'],
      rms_relative_error: 0.0009,
      method: `${CALIBRATE}. Fitted with the research probe's own refrigerant at -82 °C and carried over to N2O at -88 °C: both are a refrigerant boiling in a sub-millimetre closed tube, the only such tip with a published ice ball. The radius's rounding to whole millimetres allows h = 1380-5050 W/m²/K`,
    },
  },
  'n2o-1.3': {
    id: 'n2o-1.3',
    label: 'N2O needle probe, 1.3 mm (18 G)',
    kind: 'needle',
    use: 'cryoneurolysis of peripheral nerves under ultrasound, through an introducer',
    cryogen: 'N2O',
    diameter_mm: 1.3,
    active_length_mm: 8,
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 5950 },
    sources: ['N2O tips about -60 to -80 °C (PHYSICS.md)', 'active length: estimate', 'h: that of n2o-2.0 (fitted to the clinical tip temperature)'],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [3380, 16180],
      measurements: ['n2o-tip-60s'],
      rms_relative_error: 0.0015,
      transferred_from: 'n2o-2.0',
      method: `${CALIBRATE}. The coefficient fitted for n2o-2.0 to the clinical tip temperature, carried over to this probe of the same construction; its ice ball is not validated`,
    },
  },
  'n2o-2.0': {
    id: 'n2o-2.0',
    label: 'N2O needle probe, 2.0 mm',
    kind: 'needle',
    use: 'deeper nerves (intercostal, cluneal) where a larger ice ball is needed',
    cryogen: 'N2O',
    diameter_mm: 2.0,
    active_length_mm: 10,
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 5950 },
    sources: [
      'N2O tips about -60 to -80 °C (PHYSICS.md)',
      'active length: estimate',
      'h: fitted to the clinical tip temperature of N2O cryoneurolysis probes, -60 to -80 °C (Rizk & Balasubramanian; StatPearls)',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [3380, 16180],
      measurements: ['n2o-tip-60s'],
      rms_relative_error: 0.0015,
      method: `${CALIBRATE}. Fitted to the tip temperature clinical texts give for N2O cryoneurolysis probes (-60 to -80 °C; -70 °C after 1 min in perfused muscle), not to an ice ball: no ice-ball size of such a probe was found`,
    },
  },
  'co2-2.0': {
    id: 'co2-2.0',
    label: 'CO2 needle probe, 2.0 mm',
    kind: 'needle',
    use: 'older cryoanalgesia systems; the same nerves as N2O probes, a smaller ice ball',
    cryogen: 'CO2',
    diameter_mm: 2.0,
    active_length_mm: 10,
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -78, h_w_m2k: 5950 },
    sources: [
      'CO2 about -78 °C (PHYSICS.md)',
      'active length: estimate',
      'h: that of n2o-2.0 (fitted to the N2O clinical tip temperature), with CO2 at -78 °C behind it',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [3380, 16180],
      measurements: ['n2o-tip-60s'],
      rms_relative_error: 0.0015,
      transferred_from: 'n2o-2.0',
      method: `${CALIBRATE}. The coefficient fitted for n2o-2.0 to the clinical tip temperature, carried over to this probe of the same construction; its ice ball is not validated`,
    },
  },
  'argon-1.5': {
    id: 'argon-1.5',
    label: 'Argon cryoablation needle, 1.5 mm (17 G)',
    kind: 'needle',
    use: 'cryosurgery of tumours (prostate, kidney), several needles together',
    cryogen: 'argon',
    diameter_mm: 1.47,
    active_length_mm: 20,
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -185, h_w_m2k: 810 },
    sources: [
      'argon Joule-Thomson about -185 °C (PHYSICS.md)',
      '17 G outer diameter 1.47 mm (needle gauge tables)',
      'active length: estimate',
      'h: that of argon-2.4 (Littrup et al. 2009, phantom at 39 °C); checked against their 1.7 mm probes',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [640, 1010],
      measurements: ['littrup-2.4-lethal-15min'],
      held_out: ['littrup-1.7-lethal-15min'],
      rms_relative_error: 0.0029,
      transferred_from: 'argon-2.4',
      method: `${CALIBRATE}. The coefficient per unit of active surface fitted for argon-2.4, carried over to this thinner needle of the same construction; the 1.7 mm probes' lethal diameter (held out) checks the carry-over`,
    },
  },
  'argon-2.4': {
    id: 'argon-2.4',
    label: 'Argon cryoablation needle, 2.4 mm',
    kind: 'needle',
    use: 'cryosurgery of larger tumours',
    cryogen: 'argon',
    diameter_mm: 2.4,
    active_length_mm: 30,
    shaft: 'insulated',
    cooling: { mode: 'cryogen', temperature_c: -185, h_w_m2k: 810 },
    sources: [
      'argon Joule-Thomson about -185 °C (PHYSICS.md)',
      'active length: estimate',
      'h: fitted to the -30 °C isotherm of a single 2.4 mm cryoprobe after 15 min in a 39 °C agar phantom (Littrup et al. 2009, J Vasc Interv Radiol 20:1343)',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [640, 1010],
      measurements: ['littrup-2.4-lethal-15min'],
      held_out: ['littrup-2.4-iceball-15min'],
      rms_relative_error: 0.0029,
      method: `${CALIBRATE}. The measurement allows h = 640-1010 W/m²/K; the probe's active length, not published, moves the fit by -10 % to +22 % (40 and 20 mm)`,
    },
  },
  'n2o-contact-20': {
    id: 'n2o-contact-20',
    label: 'N2O flat contact probe, 20 mm face',
    kind: 'contact',
    use: 'gynaecological cryotherapy of the cervix and other flat surfaces: freezes the tissue under and around a flat tip',
    cryogen: 'N2O',
    diameter_mm: 20,
    cooling: { mode: 'cryogen', temperature_c: -88, h_w_m2k: 1780 },
    sources: [
      'N2O boiling point about -88 °C (PHYSICS.md); N2O cervical tips reach -65 to -85 °C (Mayeaux et al., J Fam Pract 1998;47:99)',
      'face 20 mm: estimate (a "small flat" cervical tip; the sources give no size)',
      'h: fitted to the lateral spread of freeze under a small flat N2O probe on the cervix in vivo (Ferris, J Fam Pract 1994;38:153)',
    ],
    calibration: {
      parameters: ['h_w_m2k'],
      h_band_w_m2k: [610, null],
      measurements: ['ferris-spread-6.5min'],
      held_out: ['ferris-thermocouple-6.5min', 'iarc-spread-3min', 'cervix-depth-equals-spread'],
      rms_relative_error: 0.0017,
      method: `${CALIBRATE}. Holds for the 20 mm face assumed: the measured probe's size is not published, and with a 15 or 25 mm face the same spread needs h of about 3e4 or 110 W/m²/K. The gauge's error bounds h only from below (610 W/m²/K)`,
    },
  },
  'ln2-contact-5': {
    id: 'ln2-contact-5',
    label: 'Liquid-nitrogen contact probe, 5 mm face',
    kind: 'contact',
    use: 'dermatology: freezing of benign and malignant skin lesions',
    cryogen: 'LN2',
    diameter_mm: 5,
    cooling: { mode: 'cryogen', temperature_c: -196, h_w_m2k: 2000 },
    sources: ['liquid nitrogen -196 °C (PHYSICS.md)', 'h: estimate'],
    not_calibrated:
      'not calibrated: no published ice-ball size for a liquid-nitrogen contact probe was found (dermatology texts give freeze times and margins, not measured sizes); h is an estimate',
  },
};
