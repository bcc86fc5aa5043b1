/**
 * Published ice-ball measurements for probes like those in the catalogue, and the
 * scenes that reproduce each experiment. scripts/calibrate-probes.ts fits the
 * catalogue's heat-transfer coefficients to the measurements marked 'fit';
 * scripts/validation.ts and test/verification/ice-balls.test.ts compare every
 * measurement with the simulation (docs/calibration.md, docs/validation.md).
 *
 * Every number here was read in the source named beside it (most of them in an
 * abstract: the full texts were not available), quoted second-hand, or derived
 * from such numbers; `provenance` says which. Where a paper leaves out something
 * the scene needs (an active length, a probe's size), the scene states the
 * assumption it makes, and docs/calibration.md gives how much it matters.
 */
import type { Scene, Tissue, Cooling, Vec3 } from '../model.js';
import type { RunResult } from '../result.js';
import { TISSUE_LIBRARY, STEEL } from '../tissue/library.js';
import { PROBE_CATALOGUE } from './catalogue.js';
import { gradedEdgesThrough } from '../grid/graded.js';

export type Provenance = 'read' | 'second-hand' | 'derived';

export interface PublishedSource {
  /** Short name for tables: first author and year where known. */
  short: string;
  /** Authors, year, title, journal as far as the source shows them. */
  citation: string;
  /** Where the figure was read. */
  url: string;
  /** 'read': in the source itself (its abstract unless said otherwise); 'second-hand': quoted by another text; 'derived': computed from read figures. */
  provenance: Provenance;
  note?: string;
}

/** The experiment as a scene: probe, cryogen, medium and the times at which it is observed. */
export interface IceBallScenario {
  id: string;
  /** Catalogue entry whose cooling (heat-transfer coefficient) the scene uses. */
  probe_id: string;
  probe: { kind: 'needle'; diameter_mm: number; active_length_mm: number; tip_depth_mm: number } | { kind: 'contact'; diameter_mm: number };
  /** Cryogen temperature behind the heat-transfer coefficient: physics, not a fitted number. */
  cryogen_temperature_c: number;
  cryogen_basis: string;
  medium: {
    label: string;
    tissue: Tissue;
    /** Starting (and far-field) temperature, deg C. */
    temperature_c: number;
    /** The exposed surface: 'adiabatic' for a probe deep in a phantom, 'air' for tissue open to the room. */
    surface: 'adiabatic' | 'air';
    /** 'steady' lets perfusion and the air set the starting field; 'uniform' suits an unperfused phantom. */
    initial: 'uniform' | 'steady';
    /** Layers from the surface down (the last runs to the domain's depth); absent: `tissue` throughout. */
    layers?: Array<{ tissue: Tissue; thickness_mm: number }>;
  };
  /** Times at which something is observed, s (the freeze runs to the last). */
  observe_s: number[];
  domain: { half_width_mm: number; depth_mm: number };
  /** What the scene supplies that the source does not state. */
  assumptions: string[];
  /**
   * `auto` grid refinements: `calibrate` for the fit and docs/validation.md, `finer`
   * for the fit's grid-convergence check, `test` the coarsest that stayed within a
   * few per cent of the finer ones (docs/calibration.md gives the figures).
   */
  refinement: { calibrate: number; finer: number; test: number };
}

export type Observable =
  /** Largest extent of the region below the threshold across the needle's axis, mm. */
  | { kind: 'diameter'; threshold_c: number }
  /** Largest extent of the region below the threshold along the needle's axis, mm. */
  | { kind: 'length'; threshold_c: number }
  /** Half of that, mm (sources that report a radius of the frozen region). */
  | { kind: 'radius'; threshold_c: number }
  /** Mean temperature of the needle's active segment, deg C. */
  | { kind: 'probe-temperature' }
  /** Contact probe: how far the isotherm reaches along the surface beyond the probe's edge, mm. */
  | { kind: 'lateral-spread'; threshold_c: number }
  /** Contact probe: temperature at the surface this far beyond the probe's edge, deg C. */
  | { kind: 'temperature-beyond-edge'; distance_mm: number }
  /** Contact probe: depth of the isotherm below the surface over its lateral spread. */
  | { kind: 'depth-over-spread'; threshold_c: number };

export interface PublishedMeasurement {
  id: string;
  scenario: string;
  source: PublishedSource;
  /** The probe, medium and time in the source's words. */
  probe: string;
  medium: string;
  time: string;
  /** What was measured, in the source's words. */
  quantity: string;
  observable: Observable;
  at_s: number;
  value: number;
  unit: 'mm' | 'degC' | '';
  /** The measurement's own spread as the source gives it. */
  spread: string;
  /** Half-width of the band within which the simulation agrees, in the value's unit, and why. */
  tolerance: { abs: number; why: string };
  /** 'fit': used to calibrate the probe's cooling; 'held-out': compared only. */
  role: 'fit' | 'held-out';
  /**
   * Set when the simulation is known to disagree beyond the tolerance: why, and the
   * band the simulated value stays in (the test holds it there so a change shows).
   */
  known_discrepancy?: { why: string; simulated_band: [number, number] };
}

const GEL: Tissue = { ...TISSUE_LIBRARY.gel };
// Agar and gelatin phantoms are about 98-99 % water; the library's water/gel stands in for them.
const AGAR: Tissue = { ...TISSUE_LIBRARY.gel, id: 'agar', label: 'Agar phantom (as water)' };
// No thermal data for cervical stroma were found; skeletal muscle (IT'IS, perfused, water-rich) stands in.
const CERVIX: Tissue = { ...TISSUE_LIBRARY.muscle, id: 'cervix', label: 'Cervical stroma (as muscle)' };
const SKIN: Tissue = { ...TISSUE_LIBRARY.skin };
const FAT: Tissue = { ...TISSUE_LIBRARY.fat };

export const ICE_BALL_SCENARIOS: Record<string, IceBallScenario> = {
  'ultrafine-gel': {
    id: 'ultrafine-gel',
    probe_id: 'n2o-multi-3x27g',
    probe: { kind: 'needle', diameter_mm: 0.55, active_length_mm: 10, tip_depth_mm: 20 },
    cryogen_temperature_c: -82,
    cryogen_basis: 'HFC-23 boils at -82 °C at 0.1 MPa (stated in the source)',
    medium: { label: 'gelated water at 37 °C', tissue: GEL, temperature_c: 37, surface: 'adiabatic', initial: 'uniform' },
    observe_s: [60],
    domain: { half_width_mm: 10, depth_mm: 30 },
    // The sharp gel front and the 0.55 mm probe make the error model ask for 2.9M cells at refinement 1; on 58k-404k
    // cells (refinement 4-2) the radius moves 2.066 -> 2.042 -> 2.031 mm (order about 2, converged about 2.02 mm).
    refinement: { calibrate: 2.83, finer: 2, test: 4 },
    assumptions: [
      'active (cooled) length 10 mm: not stated in the abstract',
      'the probe is held deep in a large gel block: far boundaries at 37 °C, no heat through the top',
      "the radius of the frozen region is half the ice ball's largest width across the probe",
    ],
  },
  'littrup-2.4': {
    id: 'littrup-2.4',
    probe_id: 'argon-2.4',
    probe: { kind: 'needle', diameter_mm: 2.4, active_length_mm: 30, tip_depth_mm: 65 },
    cryogen_temperature_c: -185,
    cryogen_basis: 'argon Joule-Thomson expansion, about -185 °C (PHYSICS.md)',
    medium: { label: 'agar phantom at 39 °C', tissue: AGAR, temperature_c: 39, surface: 'adiabatic', initial: 'uniform' },
    observe_s: [900],
    domain: { half_width_mm: 35, depth_mm: 100 },
    refinement: { calibrate: 4, finer: 2.83, test: 5 },
    assumptions: [
      'cryogen assumed argon (Joule-Thomson, -185 °C): the abstract names none',
      "the diameters are read as the 39 °C phantom's: the abstract gives them right after its 39 °C results but does not say so explicitly",
      "active length 30 mm (the catalogue's argon-2.4): not stated in the abstract",
      'agar phantom taken as water; probe deep in the phantom, far boundaries at 39 °C',
      'diameters are the largest widths across the probe',
    ],
  },
  'littrup-1.7': {
    id: 'littrup-1.7',
    probe_id: 'argon-1.5',
    probe: { kind: 'needle', diameter_mm: 1.7, active_length_mm: 30, tip_depth_mm: 65 },
    cryogen_temperature_c: -185,
    cryogen_basis: 'argon Joule-Thomson expansion, about -185 °C (PHYSICS.md)',
    medium: { label: 'agar phantom at 39 °C', tissue: AGAR, temperature_c: 39, surface: 'adiabatic', initial: 'uniform' },
    observe_s: [900],
    domain: { half_width_mm: 35, depth_mm: 100 },
    refinement: { calibrate: 4, finer: 2.83, test: 5 },
    assumptions: [
      'as for the 2.4 mm probe (same active length, so the two differ only in diameter)',
      "the 1.7 mm needle uses the catalogue's argon-1.5 cooling (the same heat-transfer coefficient as argon-2.4)",
    ],
  },
  'argon-1.5-gel': {
    id: 'argon-1.5-gel',
    probe_id: 'argon-1.5',
    probe: { kind: 'needle', diameter_mm: 1.47, active_length_mm: 20, tip_depth_mm: 80 },
    cryogen_temperature_c: -185,
    cryogen_basis: 'argon Joule-Thomson expansion, about -185 °C (PHYSICS.md)',
    medium: { label: 'gel at 37 °C', tissue: GEL, temperature_c: 37, surface: 'adiabatic', initial: 'uniform' },
    observe_s: [600],
    domain: { half_width_mm: 30, depth_mm: 110 },
    // 0 °C width / length at 600 s: 17.8 / 28.7 mm at refinement 7 (16,758 cells), 17.8 / 28.6 at 5 (42,891), 18.1 / 28.2 at 4 (80,352).
    refinement: { calibrate: 4, finer: 2.83, test: 7 },
    assumptions: [
      "the catalogue's argon-1.5: 1.47 mm (17 G), 20 mm active segment (an estimate: no 17 G needle's freezing length was found)",
      'gel at body temperature (37 °C), unperfused, far boundaries at 37 °C, no heat through the top: the sources give the medium only as "a phantom prostate model" (Gowardhan) or not at all (the 2 cm ice ball)',
      'one needle freezing for 10 min ("full power for 10 min"; the 2 cm ice ball gives no time, so it is compared at the same 10 min)',
      "the ice ball's size across the needle is its largest width, its size along the needle its largest extent along the axis",
    ],
  },
  'cervix-n2o-flat': {
    id: 'cervix-n2o-flat',
    probe_id: 'n2o-contact-20',
    probe: { kind: 'contact', diameter_mm: 20 },
    cryogen_temperature_c: -88,
    cryogen_basis: 'N2O boils at about -88 °C (PHYSICS.md); N2O cervical probe tips reach -65 to -85 °C (Mayeaux et al. 1998)',
    medium: { label: 'cervix in vivo (perfused, 37 °C)', tissue: CERVIX, temperature_c: 37, surface: 'air', initial: 'steady' },
    observe_s: [180, 390],
    domain: { half_width_mm: 30, depth_mm: 30 },
    refinement: { calibrate: 1.4, finer: 1, test: 2 },
    assumptions: [
      'flat tip 20 mm across: the sources give no size ("small flat cryoprobe"; "the largest cryotip that covers the lesion")',
      'cervical stroma taken as perfused skeletal muscle (no thermal data for the cervix were found)',
      "the rest of the exposed surface loses heat to air at 22 °C through 10 W/m²/K (cryoplan's default skin surface)",
      "the lateral spread is measured along the surface from the probe's edge, averaged over the x and y directions",
      "a quarter of the domain, with symmetry planes through the probe's centre, on a grid graded towards the surface and the probe's rim (cryoplan's `auto` grid leaves 1.5-1.8 mm cells where the rim's ice front runs)",
    ],
  },
  'skin-ln2-contact-5': {
    id: 'skin-ln2-contact-5',
    probe_id: 'ln2-contact-5',
    probe: { kind: 'contact', diameter_mm: 5 },
    cryogen_temperature_c: -196,
    cryogen_basis: 'liquid nitrogen boils at -196 °C (PHYSICS.md; Zimmerman & Crawford 2012: -195.6 °C)',
    medium: {
      label: 'skin in vivo (2 mm of perfused skin over fat, 37 °C deep)',
      tissue: SKIN,
      temperature_c: 37,
      surface: 'air',
      initial: 'steady',
      layers: [
        { tissue: SKIN, thickness_mm: 2 },
        { tissue: FAT, thickness_mm: 13 },
      ],
    },
    observe_s: [20, 30, 40],
    domain: { half_width_mm: 15, depth_mm: 15 },
    refinement: { calibrate: 1, finer: 0.7, test: 2 },
    assumptions: [
      'a 5 mm flat face (the catalogue\'s ln2-contact-5): the source names no applicator size, only that it "should almost cover the lesion"',
      "skin 2 mm thick over fat, perfused, body at 37 °C, open to air at 22 °C through 10 W/m²/K elsewhere (the Erdmann spray scene's layers, in vivo): the site is not stated",
      'the face held at one temperature behind h, in full contact from the first second (no pre-cooling, no frost layer)',
      "the lateral spread is measured along the surface from the face's edge, averaged over the x and y directions; a quarter of the domain with symmetry planes through the probe's centre",
    ],
  },
  'n2o-2.0-muscle': {
    id: 'n2o-2.0-muscle',
    probe_id: 'n2o-2.0',
    probe: { kind: 'needle', diameter_mm: 2.0, active_length_mm: 10, tip_depth_mm: 20 },
    cryogen_temperature_c: -88,
    cryogen_basis: 'N2O boils at about -88 °C (PHYSICS.md)',
    medium: { label: 'perfused muscle at 37 °C', tissue: { ...TISSUE_LIBRARY.muscle }, temperature_c: 37, surface: 'air', initial: 'steady' },
    observe_s: [60],
    domain: { half_width_mm: 15, depth_mm: 35 },
    refinement: { calibrate: 1, finer: 0.7, test: 1.5 },
    assumptions: [
      "the quoted tip temperature is the tip's own reading during a clinical freeze of a nerve in soft tissue: here the mean temperature of the active segment after 1 min in perfused skeletal muscle",
      "the 2.0 mm probe with the catalogue's 10 mm active segment (not stated in the sources), inserted straight down to 20 mm",
    ],
  },
};

const CLINICAL_TIP: PublishedSource = {
  short: 'Rizk & Balasubramanian; StatPearls',
  citation:
    'Rizk NN, Balasubramanian H. Cryoneurolysis of peripheral nerves (procedures atlas, ch. 62): "1.0-1.5 min freeze at -60 to -80 °C"; StatPearls "Cryoanalgesia" (updated 14 Feb 2024): tissue "approximately -70 °C"',
  url: 'https://teachmeorthopedics.info/cryoneurolysis-of-peripheral-nerves/ ; https://dev.statpearls.com/point-of-care/20146',
  provenance: 'read',
  note: 'A clinical operating figure for N2O cryoneurolysis probes, not a bench measurement with a reported spread; docs/outcome-sources.md quotes both.',
};

const OKAJIMA: PublishedSource = {
  short: 'MNHMT2013 paper V001T13A001 (authors not shown)',
  citation:
    'Abstract of paper V001T13A001, Proc. ASME 2013 4th Int. Conf. on Micro/Nanoscale Heat and Mass Transfer (MNHMT2013); authors and title are not shown on the stored abstract page',
  url: 'https://nuclearengineering.asmedigitalcollection.asme.org/MNHT/proceedings-abstract/MNHMT2013/36154/V001T13A001/273986',
  provenance: 'read',
  note: 'A paper on an ultrafine cryoprobe by Okajima, Komiya & Maruyama (Tohoku University), J Flow Control Meas Vis 2014, doi:10.4236/jfcmv.2014.22008, was found but not read; whether it is the same probe is not confirmed.',
};
const LITTRUP: PublishedSource = {
  short: 'Littrup et al. 2009',
  citation:
    'Littrup PJ, Jallad B, Vorugu V, Littrup G, Currier B, George M, Herring D. Lethal isotherms of cryoablation in a phantom study: effects of heat load, probe size and number. J Vasc Interv Radiol 2009;20(10):1343-1351. doi:10.1016/j.jvir.2009.05.038',
  url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2762356',
  provenance: 'read',
};
const FERRIS_1994: PublishedSource = {
  short: 'Ferris 1994',
  citation: 'Ferris DG. Lethal tissue temperature during cervical cryotherapy with a small flat cryoprobe. J Fam Pract 1994;38(2):153-156',
  url: 'https://augusta.pure.elsevier.com/en/publications/lethal-tissue-temperature-during-cervical-cryotherapy-with-a-smal',
  provenance: 'read',
};
/** The measuring method's own error, used for the Ferris tolerances. */
const FERRIS_1993 =
  "Ferris DG, Crawley GR, Baxley EG, Line R, Ellis K, Wagner P. Cryotherapy precision: clinician's estimate of cryosurgical iceball lateral spread of freeze. Arch Fam Med 1993;2(3):269-274 (abstract, https://augusta.pure.elsevier.com/en/publications/cryotherapy-precision-clinicians-estimate-of-cryosurgical-iceball)";

const FAMILY_MEDICINE_APPLICATOR: PublishedSource = {
  short: 'family-medicine text (practice guidance)',
  citation:
    'Family-medicine textbook chapter on cryosurgery, section "Equipment and Technique" (book not named on the page read; it cites Gibbs & Harvey 2006 and the Cry-Ac Tracker): "For superficial benign skin lesions, the cryotherapy applicator should almost cover the lesion and should be applied for 20 to 40 seconds to create an ice ball edge 2 to 3 mm be[yond]" (the stored page breaks off there)',
  url: 'https://www.mitchmedical.us/family-medicine/equipment-and-technique.html',
  provenance: 'second-hand',
  note: "A practice text's expectation (what the clinician should see), not a reported measurement; the kind of applicator and the lesion's size are not stated.",
};

const GOWARDHAN: PublishedSource = {
  short: 'Gowardhan et al. 2007',
  citation:
    'Gowardhan et al. (first author as the Cancer Network review cites it; the others not read). Cryotherapy for the prostate: an in vitro and clinical study of two new developments; advanced cryoneedles and a temperature monitoring system. BJU Int 2007;100(2):295-302. doi:10.1111/j.1464-410X.2007.06983.x: "IceRods (Oncura; 17 G cryoneedles with an advanced heat exchanger which produces a precise ice-ball comparable in size to those with larger diameter cryoneedles) ... were also capable of forming ice-balls with a maximum diameter of >6 cm after freezing at full power for 10 min" (in "a phantom prostate model", "in several different configurations")',
  url: 'http://www.pubmed.gov/17511766/',
  provenance: 'read',
  note: "Read as the abstract. Whether the >6 cm is one needle's ice ball or a configuration's, and the phantom's temperature, are not stated; a review reads it as one needle's length along its axis (\"these probes can be used in prostates measuring > 3.5 cm in sagittal length, obviating the need for a pull-back technique\": cancernetwork.com, Cancer Network review of third-generation prostate cryoablation).",
};
const SEEDNET: PublishedSource = {
  short: 'Urology Times review (SeedNet 17 G)',
  citation:
    '"Cryotherapy for localized PCa: indications and technique", Urology Times (authors not read): "The SeedNet system (Oncura) uses pressurized argon gas as the cryogen, and up to 25 cryoneedles can be used ... The iceball created by the Oncura system is approximately 2 cm in diameter"',
  url: 'https://www.urologytimes.com/view/cryotherapy-localized-pca-indications-and-technique',
  provenance: 'second-hand',
  note: "A clinical review's figure for the conventional 17 G argon cryoneedle (before the IceRod): no time, medium or isotherm is given; read as the 0 °C ice ball of one needle.",
};

export const PUBLISHED_ICE_BALLS: PublishedMeasurement[] = [
  {
    id: 'seednet-17g-iceball',
    scenario: 'argon-1.5-gel',
    source: SEEDNET,
    probe: 'conventional 17 G argon cryoneedle (SeedNet, Oncura)',
    medium: 'not stated (clinical: prostate under ultrasound)',
    time: 'not stated (compared at 10 min, the freeze practised)',
    quantity: 'ice-ball diameter, "approximately 2 cm"',
    observable: { kind: 'diameter', threshold_c: 0 },
    at_s: 600,
    value: 20,
    unit: 'mm',
    spread: 'not reported; "approximately 2 cm"',
    tolerance: {
      abs: 5,
      why: 'given to whole centimetres ("approximately 2 cm": 15-25 mm), without a time or a medium; in perfused tissue the same needle\'s ice ball is smaller than in gel',
    },
    role: 'held-out',
  },
  {
    id: 'gowardhan-icerod-length-10min',
    scenario: 'argon-1.5-gel',
    source: GOWARDHAN,
    probe: '17 G argon cryoneedle with an advanced heat exchanger (IceRod, Oncura)',
    medium: 'phantom prostate model (material and temperature not stated)',
    time: '10 min at full power',
    quantity: 'maximum ice-ball diameter, ">6 cm" (read as the extent along the needle)',
    observable: { kind: 'length', threshold_c: 0 },
    at_s: 600,
    value: 60,
    unit: 'mm',
    spread: 'a lower bound (">6 cm"); not reported',
    tolerance: { abs: 5, why: 'a lower bound given to whole centimetres: 60 mm or more, compared with 60 mm and half a centimetre of rounding' },
    role: 'held-out',
    known_discrepancy: {
      why: "the catalogue's argon-1.5 is a conventional 17 G needle with an estimated 20 mm active segment: its ice reaches only 4-5 mm beyond each end of it (0 °C length 28-30 mm at 10 min in gel), about half the IceRod's >6 cm. No heat-transfer coefficient closes the gap (with h = 2000 W/m²/K and a 40 mm active segment the length is 53 mm): an IceRod-class needle freezes along about 5 cm, which no source found states. Whether the >6 cm is one needle's is not stated. Not resolved: the prostate preset keeps the conventional needle (docs/prostate.md)",
      simulated_band: [25, 34],
    },
  },

  {
    id: 'n2o-tip-60s',
    scenario: 'n2o-2.0-muscle',
    source: CLINICAL_TIP,
    probe: 'N2O cryoneurolysis probe (Joule-Thomson, closed tip), size not stated',
    medium: 'soft tissue beside a peripheral nerve, in vivo',
    time: 'during a 1.0-1.5 min freeze',
    quantity: 'probe (tip) temperature during the freeze',
    observable: { kind: 'probe-temperature' },
    at_s: 60,
    value: -70,
    unit: 'degC',
    spread: 'the sources give -60 to -80 °C',
    tolerance: { abs: 10, why: "the quoted operating range, -60 to -80 °C, is the spread: tips vary with the gas supply and with the tissue's heat load" },
    role: 'fit',
  },
  {
    id: 'ultrafine-radius-60s',
    scenario: 'ultrafine-gel',
    source: OKAJIMA,
    probe: 'ultrafine cryoprobe, 0.55 mm outer diameter, two stainless micro-tubes, HFC-23 throttled through a 70 µm inner tube',
    medium: 'gelated water kept at 37 °C',
    time: '1 min',
    quantity: 'radius of the frozen region',
    observable: { kind: 'radius', threshold_c: 0 },
    at_s: 60,
    value: 2,
    unit: 'mm',
    spread: 'not reported; given to whole millimetres',
    tolerance: {
      abs: 0.5,
      why: 'no spread is reported and the radius is given to the nearest millimetre, so the measurement itself places it between 1.5 and 2.5 mm',
    },
    role: 'fit',
  },
  {
    id: 'ultrafine-surface-60s',
    scenario: 'ultrafine-gel',
    source: OKAJIMA,
    probe: 'as above',
    medium: 'gelated water kept at 37 °C',
    time: '1 min',
    quantity: 'surface temperature of the probe',
    observable: { kind: 'probe-temperature' },
    at_s: 60,
    value: -35,
    unit: 'degC',
    spread: 'not reported',
    tolerance: {
      abs: 7,
      why: "no spread is reported, so the prediction's own uncertainty sets it: the radius it is fitted to is rounded to whole millimetres, a uniform ±0.5 mm error with a standard deviation of 0.29 mm; through the fit (radius 1.5-2.5 mm gives h 1560-4930 W/m²/K and a surface temperature of -20 to -46 °C, docs/calibration.md) one standard deviation is 6-8 °C",
    },
    role: 'held-out',
  },
  {
    id: 'littrup-2.4-lethal-15min',
    scenario: 'littrup-2.4',
    source: LITTRUP,
    probe: 'single 2.4 mm cryoprobe',
    medium: 'agar phantom at about 39 °C ("high heat load")',
    time: '15 min',
    quantity: 'average diameter of the -30 °C ("lethal") isotherm',
    observable: { kind: 'diameter', threshold_c: -30 },
    at_s: 900,
    value: 12,
    unit: 'mm',
    spread: 'not reported; an average, given as 1.2 cm',
    tolerance: {
      abs: 1.5,
      why: 'no spread is reported; the value is given to 1 mm (±0.5 mm) and the isotherm was placed by interpolating between thermocouples 5 mm apart, which we take as a further ±1 mm on the diameter',
    },
    role: 'fit',
  },
  {
    id: 'littrup-1.7-lethal-15min',
    scenario: 'littrup-1.7',
    source: {
      ...LITTRUP,
      provenance: 'derived',
      note: "Derived: the abstract gives the 1.7 mm probes' lethal diameters as 84 % of the 2.4 mm probes' (averaged over one to four probes); 0.84 x 12 mm = 10.1 mm.",
    },
    probe: 'single 1.7 mm cryoprobe',
    medium: 'agar phantom at about 39 °C',
    time: '15 min',
    quantity: "diameter of the -30 °C isotherm (84 % of the 2.4 mm probe's)",
    observable: { kind: 'diameter', threshold_c: -30 },
    at_s: 900,
    value: 10.1,
    unit: 'mm',
    spread: 'not reported; the 84 % is an average over configurations of one to four probes',
    tolerance: {
      abs: 1.5,
      why: "the same ±1.5 mm as the 2.4 mm diameter it is scaled from; the ratio's own spread across configurations is not reported",
    },
    role: 'held-out',
  },
  {
    id: 'littrup-2.4-iceball-15min',
    scenario: 'littrup-2.4',
    source: {
      ...LITTRUP,
      provenance: 'derived',
      note: "Derived: the single 2.4 mm probe's lethal ice is 13 % of the ice ball's surface area; reading the areas as cross-sections across the probe, the ice ball's diameter is 12 mm / sqrt(0.13) = 33 mm.",
    },
    probe: 'single 2.4 mm cryoprobe',
    medium: 'agar phantom at about 39 °C',
    time: '15 min',
    quantity: 'ice-ball (0 °C) diameter, from the lethal diameter and the lethal share of the area',
    observable: { kind: 'diameter', threshold_c: 0 },
    at_s: 900,
    value: 33.3,
    unit: 'mm',
    spread: 'not reported',
    tolerance: {
      abs: 3,
      why: "propagating the lethal diameter's ±1.5 mm and the percentage's rounding (13 ± 0.5 %) through d = 12 / sqrt(0.13) gives about ±3 mm",
    },
    role: 'held-out',
    known_discrepancy: {
      why: 'the simulation puts the -30 °C isotherm at about 45 % of the ice ball\'s diameter where the paper\'s figures give 36 %: with the lethal diameter fitted, the simulated ice ball is 6-7 mm smaller (no h fits both: an ice ball of 32 mm needs h ≈ 1800 W/m²/K, which makes the lethal diameter 17 mm). The reading of "surface area" as a cross-section is ours; if the paper meant something else the derived diameter does not hold. Not resolved.',
      simulated_band: [25, 31],
    },
  },
  {
    id: 'ferris-spread-6.5min',
    scenario: 'cervix-n2o-flat',
    source: FERRIS_1994,
    probe: 'small flat N2O cryoprobe on the cervix',
    medium: 'human cervix in vivo',
    time: '6.5 min (termination of the freeze)',
    quantity: 'maximum lateral spread of freeze, measured with a cryosurgical ice-ball gauge',
    observable: { kind: 'lateral-spread', threshold_c: 0 },
    at_s: 390,
    value: 6.2,
    unit: 'mm',
    spread: "not reported; the gauge's own error is 1.28 ± 0.87 mm (Ferris et al. 1993)",
    tolerance: {
      abs: 2.2,
      why: `the ice-ball gauge used misjudges the lateral spread by 1.28 ± 0.87 mm (mean ± SD) in vitro: ${FERRIS_1993}; mean + 1 SD ≈ 2.2 mm`,
    },
    role: 'fit',
  },
  {
    id: 'ferris-thermocouple-6.5min',
    scenario: 'cervix-n2o-flat',
    source: FERRIS_1994,
    probe: 'small flat N2O cryoprobe on the cervix',
    medium: 'human cervix in vivo',
    time: '6.5 min',
    quantity: "minimum temperature of a thermocouple placed 5 mm from the probe's margin",
    observable: { kind: 'temperature-beyond-edge', distance_mm: 5 },
    at_s: 390,
    value: -2,
    unit: 'degC',
    spread: 'not reported; one reading',
    tolerance: {
      abs: 6,
      why: 'a thermocouple placed by hand 5 mm from the margin is uncertain by about 1 mm, and near the ice edge the simulated temperature changes by 5-6 °C per mm; its depth is not stated (compared at the surface)',
    },
    role: 'held-out',
  },
  {
    id: 'iarc-spread-3min',
    scenario: 'cervix-n2o-flat',
    source: {
      short: 'IARC Atlas of Colposcopy',
      citation:
        'IARC. Atlas of Colposcopy: Principles and Practice, "Treatment by cryotherapy - Steps" (also in IARC\'s online guide on HPV tests); the gas is not named in the passage read (cervical cryotherapy uses N2O or CO2)',
      url: 'https://screening.iarc.fr/atlascolpodetail.php?Index=062',
      provenance: 'read',
      note: "A practice manual's expectation (what the clinician should see), not a reported measurement.",
    },
    probe: 'cervical cryotherapy probe tip (N2O or CO2), size not stated',
    medium: 'cervix in vivo',
    time: '3 min',
    quantity: 'ice ball extending 4-5 mm beyond the edge of the tip',
    observable: { kind: 'lateral-spread', threshold_c: 0 },
    at_s: 180,
    value: 4.5,
    unit: 'mm',
    spread: 'range 4-5 mm',
    tolerance: {
      abs: 2.5,
      why: `half the stated range (0.5 mm) plus the error of judging the spread by eye, 2.00 ± 2.16 mm in vitro (${FERRIS_1993}): ±2.5 mm`,
    },
    role: 'held-out',
  },
  {
    id: 'cervix-depth-equals-spread',
    scenario: 'cervix-n2o-flat',
    source: {
      short: 'procedure texts (rule of thumb)',
      citation:
        'Clinical rule: "The depth of freeze approximates the lateral spread of the freeze" (cervical cryotherapy procedure text, https://doctor123.org/Procedures/11078-Cervical-Cryotherapy, source book not named on the page); "an ice ball 7-mm thick around the probe will yield a depth of freezing equal to 7 mm" (Turenne-Kolpan L, Cervical Cryotherapy, Springer, doi:10.1007/978-0-387-76604-1_23, citing Pfenninger & Fowler, Procedures for Primary Care, 2003); "in cryoprobe: D = 1.3 x R" (figure legend, chapter "Cryobiology and Thermodynamics", https://plasticsurgerykey.com/cryobiology-and-thermodynamics/, citing its ref. 5)',
      url: 'https://doctor123.org/Procedures/11078-Cervical-Cryotherapy',
      provenance: 'second-hand',
      note: 'A rule of thumb quoted in procedure texts, without data, probe size or time.',
    },
    probe: 'contact cryoprobe (cervical; dermatological for the 1.3 ratio)',
    medium: 'tissue in vivo',
    time: 'not stated (compared at the standard 3-min freeze)',
    quantity: 'depth of freeze over lateral spread of freeze',
    observable: { kind: 'depth-over-spread', threshold_c: 0 },
    at_s: 180,
    value: 1.15,
    unit: '',
    spread: 'the sources give 1.0 and 1.3',
    tolerance: { abs: 0.45, why: "the two sources' 1.0-1.3 (±0.15) plus a 1.3 mm gauge error on a 4-5 mm spread (about ±0.3)" },
    role: 'held-out',
    known_discrepancy: {
      why: 'under a 20 mm flat probe the simulated ice goes about twice as deep as it spreads beyond the edge: beneath the face the freeze is planar (Neumann-like, it matches the planar verification), while at the rim the ice grows around a corner into warm, perfused tissue and along a surface cooled by air. The rule may hold for small tips (it is also quoted for dermatological probes): under the 5 mm LN2 probe on skin the simulated ratio is 1.65, within it (`cryoprobe-depth-over-spread-30s`); the size of the probe behind the cervical rule is not stated. Not resolved.',
      simulated_band: [1.6, 2.6],
    },
  },
  {
    id: 'fm-applicator-spread-30s',
    scenario: 'skin-ln2-contact-5',
    source: FAMILY_MEDICINE_APPLICATOR,
    probe: 'liquid-nitrogen cryotherapy applicator that "should almost cover the lesion" (cotton-tipped or probe: not stated)',
    medium: 'skin in vivo (superficial benign lesions)',
    time: '"20 to 40 seconds" (compared at 30 s)',
    quantity: 'ice-ball edge beyond the lesion: "2 to 3 mm"',
    observable: { kind: 'lateral-spread', threshold_c: 0 },
    at_s: 30,
    value: 2.5,
    unit: 'mm',
    spread: 'range 2-3 mm over 20-40 s',
    tolerance: {
      abs: 2.5,
      why: `half the stated range (0.5 mm) plus the error of judging the spread by eye, 2.00 ± 2.16 mm in vitro (${FERRIS_1993}): ±2.5 mm, as for the IARC manual's figure`,
    },
    role: 'fit',
  },
  {
    id: 'cryoprobe-depth-over-spread-30s',
    scenario: 'skin-ln2-contact-5',
    source: {
      short: 'dermatology texts (rule of thumb)',
      citation:
        'Figure legend: "R lateral propagation of \'ice ball,\' and D depth of \'ice ball.\' In cryoprobe: D = 1.3 × R; in cryospray: D = 0.5 × R" (chapter "Cryobiology and Thermodynamics", Dermatological Cryosurgery and Cryotherapy, Springer 2016, citing its ref. 5); "The predictable relationship between lateral spread of freeze and depth of freeze is a keystone concept in the clinical evaluation of \'depth dose\'" (Torre D, scilit.com abstract, https://scilit.com/publications/931352b73af3a6d64a4c594a06f8b96c); the cervical texts\' "depth of freeze approximates the lateral spread" (row cervix-depth-equals-spread)',
      url: 'https://plasticsurgerykey.com/cryobiology-and-thermodynamics/',
      provenance: 'second-hand',
      note: 'A rule of thumb without data, probe size or time; the ratio 1.3 is the only figure given for a dermatological cryoprobe.',
    },
    probe: 'dermatological cryoprobe, size not stated',
    medium: 'skin in vivo',
    time: "not stated (compared at 30 s, the middle of the applicator's 20-40 s)",
    quantity: 'depth of freeze over lateral spread of freeze',
    observable: { kind: 'depth-over-spread', threshold_c: 0 },
    at_s: 30,
    value: 1.15,
    unit: '',
    spread: 'the sources give 1.0 and 1.3',
    tolerance: {
      abs: 0.65,
      why: "the sources' 1.0-1.3 (±0.15) plus a 1.3 mm gauge-like error in reading a spread of about 3 mm (±0.5 on the ratio)",
    },
    role: 'held-out',
  },
];

export interface SceneOptions {
  /** Multiplies the `auto` grid's spacings (1: cryoplan's default). */
  refinement?: number;
  /** Overrides the catalogue's heat-transfer coefficient (calibration). */
  h_w_m2k?: number;
}

/** The heat-transfer coefficient a scenario uses: the catalogue's unless overridden. */
export function scenarioH(s: IceBallScenario, opts: SceneOptions = {}): number {
  if (opts.h_w_m2k !== undefined) return opts.h_w_m2k;
  const c = PROBE_CATALOGUE[s.probe_id]?.cooling;
  if (c?.mode !== 'cryogen') throw new Error(`catalogue probe '${s.probe_id}' has no cryogen cooling`);
  return c.h_w_m2k;
}

/** Lateral spacing band around a contact probe's rim, and the depth graded finely below the surface, mm (before refinement). */
const CONTACT_GRID = { rim_mm: 0.25, inside_mm: 2, outside_mm: 11, surface_mm: 0.05, depth_mm: 0.3, frozen_depth_mm: 16, coarse_mm: 2, growth: 0.25 };

/**
 * Edges for a contact probe's quarter domain: fine across the band the rim's ice
 * front sweeps and towards the surface, graded coarser elsewhere.
 */
function contactEdges(radius: number, half: number, depth: number, ref: number): { xy: number[]; z: number[] } {
  const G = CONTACT_GRID;
  const lo = radius - G.inside_mm,
    hi = radius + G.outside_mm;
  const lateral = (x: number) => {
    const d = x < lo ? lo - x : x > hi ? x - hi : 0;
    return ref * Math.min(G.coarse_mm, G.rim_mm + G.growth * d);
  };
  const vertical = (z: number) =>
    ref * Math.min(G.coarse_mm, G.surface_mm + G.growth * z, z < G.frozen_depth_mm ? G.depth_mm : G.depth_mm + G.growth * (z - G.frozen_depth_mm));
  return { xy: Array.from(gradedEdgesThrough(0, half, lateral, [radius])), z: Array.from(gradedEdgesThrough(0, depth, vertical, [])) };
}

/** The scene that reproduces an experiment. */
export function scenarioScene(s: IceBallScenario, opts: SceneOptions = {}): Scene {
  const cooling: Cooling = { mode: 'cryogen', temperature_c: s.cryogen_temperature_c, h_w_m2k: scenarioH(s, opts) };
  const m = s.medium;
  const p = s.probe;
  const W = s.domain.half_width_mm;
  const ref = opts.refinement ?? 1;
  const thresholds = new Set<number>([0, -20, -40]);
  for (const q of PUBLISHED_ICE_BALLS) if (q.scenario === s.id && 'threshold_c' in q.observable) thresholds.add(q.observable.threshold_c);
  const times = [...s.observe_s].sort((a, b) => a - b);
  // A contact probe's flux is set per face, so a quarter domain with symmetry planes through
  // its centre is exact; a needle's cryogen conductance is spread over its whole active
  // segment, so needles keep the whole domain.
  const quarter = p.kind === 'contact';
  const edges = p.kind === 'contact' ? contactEdges(p.diameter_mm / 2, W, s.domain.depth_mm, ref) : null;
  return {
    name: `ice-ball ${s.id}`,
    body_temperature_c: m.temperature_c,
    tissues: Object.fromEntries([m.tissue, ...(m.layers ?? []).map((l) => l.tissue)].map((t) => [t.id, t])),
    layers: m.layers
      ? m.layers.map((l, i, all) => ({
          tissue: l.tissue.id,
          thickness_mm: i === all.length - 1 ? s.domain.depth_mm - all.slice(0, -1).reduce((a, x) => a + x.thickness_mm, 0) : l.thickness_mm,
        }))
      : [{ tissue: m.tissue.id, thickness_mm: s.domain.depth_mm }],
    structures: [],
    domain: {
      x_mm: [quarter ? 0 : -W, W],
      y_mm: [quarter ? 0 : -W, W],
      depth_mm: s.domain.depth_mm,
      boundaries: {
        x_min: quarter ? 'adiabatic' : 'body',
        x_max: 'body',
        y_min: quarter ? 'adiabatic' : 'body',
        y_max: 'body',
        bottom: 'body',
        surface: m.surface === 'air' ? { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 } : { kind: 'adiabatic' },
      },
    },
    probes:
      p.kind === 'needle'
        ? [
            {
              kind: 'needle',
              id: 'probe',
              tip_mm: [0, 0, p.tip_depth_mm],
              direction: [0, 0, 1],
              diameter_mm: p.diameter_mm,
              active_length_mm: p.active_length_mm,
              shaft: 'insulated',
              material: { ...STEEL },
              cooling,
            },
          ]
        : [{ kind: 'contact', id: 'probe', center_mm: [0, 0], diameter_mm: p.diameter_mm, cooling }],
    // One freeze split at each observation time: the solver snapshots the field at the end of every freeze phase.
    protocol: times.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? times[i - 1] : 0) })),
    warmers: [],
    grid: edges ? { kind: 'edges', x_mm: edges.xy, y_mm: edges.xy, z_mm: edges.z } : { kind: 'auto', refinement: ref },
    // Steps up to 5 s: late in a 15-minute freeze the front moves slowly; on the argon scene a 6 s cap changed the sizes by < 0.3 % against 2 s.
    solver: { dt_min_s: 0.02, dt_max_s: 5, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 30, initial: m.initial },
    outputs: { isotherms_c: [...thresholds].sort((a, b) => b - a), series_interval_s: 1, volumes: [] },
  };
}

/** The temperature at a point from cell-centred values, by trilinear interpolation between centres. */
function temperatureAt(r: RunResult, field: Float32Array, at: Vec3): number {
  const g = r.grid;
  const axes = [g.x_edges_mm, g.y_edges_mm, g.z_edges_mm];
  const n = [g.nx, g.ny, g.nz];
  const idx: Array<[number, number, number]> = axes.map((e, a) => {
    const c = (i: number) => 0.5 * (e[i] + e[i + 1]);
    if (at[a] <= c(0)) return [0, 0, 0];
    if (at[a] >= c(n[a] - 1)) return [n[a] - 1, n[a] - 1, 0];
    let i = 0;
    while (c(i + 1) < at[a]) i++;
    return [i, i + 1, (at[a] - c(i)) / (c(i + 1) - c(i))];
  });
  let s = 0;
  for (let dz = 0; dz < 2; dz++)
    for (let dy = 0; dy < 2; dy++)
      for (let dx = 0; dx < 2; dx++) {
        const w = (dx ? idx[0][2] : 1 - idx[0][2]) * (dy ? idx[1][2] : 1 - idx[1][2]) * (dz ? idx[2][2] : 1 - idx[2][2]);
        if (w === 0) continue;
        const i = idx[0][dx],
          j = idx[1][dy],
          k = idx[2][dz];
        s += w * field[i + g.nx * (j + g.ny * k)];
      }
  return s;
}

/**
 * Where the surface row of cells (the first layer below z = 0) warms past the
 * threshold going outwards from the probe's centre along one direction, mm from
 * the centre; NaN if it never does.
 */
function surfaceFront(r: RunResult, field: Float32Array, threshold: number, dir: [number, number]): number {
  const g = r.grid;
  const z = 0.5 * (g.z_edges_mm[0] + g.z_edges_mm[1]);
  const extent = dir[0] > 0 ? g.x_edges_mm[g.nx] : dir[0] < 0 ? -g.x_edges_mm[0] : dir[1] > 0 ? g.y_edges_mm[g.ny] : -g.y_edges_mm[0];
  // Steps finer than the finest cell: the interpolated profile is piecewise linear between centres.
  const step = 0.01;
  let prev = temperatureAt(r, field, [0, 0, z]);
  for (let d = step; d <= extent; d += step) {
    const t = temperatureAt(r, field, [dir[0] * d, dir[1] * d, z]);
    if (prev <= threshold && t > threshold) return d - step + (step * (threshold - prev)) / (t - prev);
    prev = t;
  }
  return NaN;
}

function snapshotAt<T extends { time_s: number }>(list: T[], t: number, what: string): T {
  const s = list.find((x) => Math.abs(x.time_s - t) < 1e-6);
  if (!s) throw new Error(`no ${what} at t = ${t} s`);
  return s;
}

/** The simulated counterpart of a measurement, from the run of its scenario. */
export function observe(m: PublishedMeasurement, r: RunResult): number {
  const s = ICE_BALL_SCENARIOS[m.scenario];
  const o = m.observable;
  const t = m.at_s;
  const isotherm = (thr: number) => {
    const iso = r.isotherms.find((i) => i.threshold_c === thr);
    if (!iso) throw new Error(`isotherm ${thr} degC was not tracked`);
    return snapshotAt(iso.snapshots, t, `isotherm snapshot`);
  };
  const field = () => snapshotAt(r.snapshots, t, 'field snapshot').temperature_c;
  const edge = s.probe.diameter_mm / 2;
  // Directions from the probe's centre that lie inside the domain (a quarter domain has two).
  const dirs = (
    [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as Array<[number, number]>
  ).filter(([dx, dy]) =>
    dx > 0 ? r.grid.x_edges_mm[r.grid.nx] > 0 : dx < 0 ? r.grid.x_edges_mm[0] < 0 : dy > 0 ? r.grid.y_edges_mm[r.grid.ny] > 0 : r.grid.y_edges_mm[0] < 0,
  );
  const spread = (thr: number) => {
    const f = field();
    const fronts = dirs.map((d) => surfaceFront(r, f, thr, d));
    return fronts.reduce((a, b) => a + b, 0) / fronts.length - edge;
  };
  switch (o.kind) {
    case 'diameter':
      return isotherm(o.threshold_c).width_mm;
    case 'length':
      return isotherm(o.threshold_c).length_mm;
    case 'radius':
      return isotherm(o.threshold_c).width_mm / 2;
    case 'probe-temperature': {
      const k = r.series.time_s.findIndex((x) => Math.abs(x - t) < 1e-6);
      if (k < 0) throw new Error(`no series row at t = ${t} s`);
      return r.series.probes[0].temperature_c[k];
    }
    case 'lateral-spread':
      return spread(o.threshold_c);
    case 'temperature-beyond-edge': {
      const f = field();
      const z = 0.5 * (r.grid.z_edges_mm[0] + r.grid.z_edges_mm[1]);
      const d = edge + o.distance_mm;
      const pts: Vec3[] = dirs.map(([dx, dy]) => [dx * d, dy * d, z]);
      return pts.reduce((a, p) => a + temperatureAt(r, f, p), 0) / pts.length;
    }
    case 'depth-over-spread':
      return isotherm(o.threshold_c).length_mm / spread(o.threshold_c);
  }
}

/** Measurements grouped by the scenario they observe (one run serves them all). */
export function measurementsByScenario(list: PublishedMeasurement[] = PUBLISHED_ICE_BALLS): Map<string, PublishedMeasurement[]> {
  const out = new Map<string, PublishedMeasurement[]>();
  for (const m of list) out.set(m.scenario, [...(out.get(m.scenario) ?? []), m]);
  return out;
}

/** Sources found whose figures could not be turned into a comparison, and why (docs/validation.md lists them). */
export const SOURCES_NOT_COMPARED: Array<{ citation: string; url: string; why: string }> = [
  {
    citation:
      'Said ET, Marsh-Armstrong BP, Fischer SJ, Suresh PJ, Swisher MW, Trescot AM, Prologo JD, Abdullah B, Ilfeld BM. Factors influencing ice-ball size in percutaneous cryoneurolysis (meat, 2-min freezes, 18-14 G probes); journal and year not shown on the page read',
    url: 'https://open.library.emory.edu/profiles/jprolog/',
    why: 'the abstract gives only relative changes ("a change from 18 to 14 [gauge] increased ice ball width, length, and volume by up to 70 %, 113 % and 512 %"), no sizes; the N2O needle probes stay uncalibrated',
  },
  {
    citation:
      'Sprenkle PC, Mirabile G, Durak E, et al. The effect of argon gas pressure on ice ball size and rate of formation. J Endourol, doi:10.1089/end.2009.0587',
    url: 'https://synapse.mskcc.org/synapse/works/5156',
    why: 'gelatin at 25 °C, single needle; the abstract gives no sizes, only that higher tank pressure gave larger ice balls',
  },
  {
    citation:
      'Magalov Z, Shitzer A, Degani D. Experimental and numerical study of one, two, and three embedded needle cryoprobes simultaneously operated by high pressure argon gas. J Heat Transfer 2008;130(3). doi:10.1115/1.2804943',
    url: 'https://ouci.dntb.gov.ua/works/7nJJgAy7',
    why: '1.47 mm argon needles in gel, exactly the argon-1.5 geometry; the abstract gives no sizes or times',
  },
  {
    citation:
      'Shurrab M, Wang H, Kubo N, Fukunaga T, Kurata K, Takamatsu H. The cooling performance of a cryoprobe: establishing guidelines for the safety margins in cryosurgery. Int J Refrig 2016:308-318',
    url: 'https://kyushu-u.elsevierpure.com/en/publications/the-cooling-performance-of-a-cryoprobe-establishing-guidelines-fo',
    why: "a clinical Joule-Thomson cryoprobe's ice-ball growth and cooling power; the abstract gives no figures",
  },
  {
    citation:
      'Hewitt PM, Zhao J, Akhter J, Morris DL. A comparative laboratory study of liquid nitrogen and argon gas cryosurgery systems. Cryobiology (year not shown on the page read)',
    url: 'https://biosci.alljournals.cn/view_abstract.aspx?aid=470637A1604359960F4505EA19E8C742',
    why: '3 mm probes in sheep liver at 20 °C and a 42 °C water bath; the abstract gives comparisons, not diameters; 3 mm LN2 probes are not in the catalogue',
  },
  {
    citation: 'Ice-ball dimensions and isotherm maps of 17G and 10G cryo-needles in gel at body temperature (PMC4850244; authors not read)',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4850244',
    why: '"the -40 °C isotherm is approximately 1 cm inside the leading edge of the ice ball": multi-needle configurations, no time or single-needle size in the abstract',
  },
  {
    citation:
      'Okajima J, Komiya A, Maruyama S. Evaluation of characteristics of phase change heat transfer in ultrafine cryoprobe. J Flow Control Meas Vis 2014. doi:10.4236/jfcmv.2014.22008',
    url: 'https://content.scirp.org/xml/44769.xml',
    why: 'found, but only its title page could be read; its figures were not reached',
  },
  {
    citation:
      'Factors affecting lethal isotherms during cryoablation procedures. Open Biomed Eng J 2016;10:62. doi:10.2174/1874120701610010062 (authors not read)',
    url: 'https://openbiomedicalengineeringjournal.com/VOLUME/10/PAGE/62/FULLTEXT',
    why: '0, -20 and -40 °C isotherm sizes of four cryoprobes from two manufacturers in gelatin, 10-min freezes with a 5-min passive thaw: the part of the page read (abstract, introduction) gives no sizes, probe gauges or gel temperature',
  },
  {
    citation:
      'van den Bosch MAAJ, Josan S, Bouley DM, et al. MRI-guided percutaneous cryoablation of the prostate in an animal model. J Vasc Interv Radiol 2009;20(2):252-258 (PMC6457338)',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6457338',
    why: "17 G cryoprobes in canine prostate in vivo: the abstract gives the cryolesions' (necrosis) mean size, 1.2 cm, not the ice ball's, nor the freeze times per lesion",
  },
  {
    citation: 'Liquid-nitrogen Visica2 cryoablation in porcine liver, kidney and fibro-fatty tissue in vivo (PMC7798152)',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7798152',
    why: 'histological lesion sizes three days later, for an LN2 needle not in the catalogue; not ice-ball sizes',
  },
];
