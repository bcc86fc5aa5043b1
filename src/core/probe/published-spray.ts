/**
 * Published measurements of a liquid-nitrogen open spray on skin, and the scene
 * that reproduces each experiment. The spray's film-boiling heat-transfer
 * coefficient (probe/spray.ts) is fitted to the 'fit' row; the others are held out.
 * scripts/validation.ts writes them into docs/validation.md and
 * test/verification/spray-published.test.ts checks them.
 *
 * Depth and lateral spread: no measured depth or spread of a spray's ice against
 * freeze time was found (docs/validation.md says where we looked); the only figures
 * are the dermatology texts' ratio of the depth of freeze to the radius of the
 * surface freeze, and a society's depth for -25 °C without a time, which the
 * spot-freeze rows compare at 10 and 30 s.
 */
import type { Scene, SprayProbe } from '../model.js';
import { simulate } from '../solver/simulate.js';
import { sensorStencil, readSensor } from '../outcome/sensors.js';
import { TISSUE_LIBRARY } from '../tissue/library.js';
import { buildGrid } from '../grid/build.js';
import { LN2_BOILING_C, LN2_SPRAY_H_W_M2K } from './spray.js';

export interface SprayMeasurement {
  id: string;
  source: { short: string; citation: string; url: string };
  what: string;
  /** Seconds of spray, then a passive thaw (Erdmann) or the time of the reading (spot freeze). */
  spray_s: number;
  /**
   * 'surface-at-end-of-spray', 'thaw-to-0c': the ex vivo Erdmann scene; 'depth-over-surface-radius',
   * 'depth-of-minus-25c': the clinical spot freeze in vivo (depth of the 0 °C isotherm under the
   * spot's centre over the radius of the frozen surface from that centre; depth of -25 °C, mm).
   */
  observe: 'surface-at-end-of-spray' | 'thaw-to-0c' | 'depth-over-surface-radius' | 'depth-of-minus-25c';
  value: number;
  unit: 'degC' | 's' | 'mm' | '';
  /** The measurement's own spread as the source gives it. */
  spread?: string;
  tolerance: number;
  tolerance_basis: string;
  role: 'fit' | 'held-out';
  assumptions: string[];
}

const ERDMANN = {
  short: 'Erdmann & Wokes 2023',
  citation:
    'Erdmann SAB, Wokes J. Skin thermal recovery following cryotherapy: a comparison of liquid nitrogen and liquid nitrous oxide. Clin Exp Dermatol 2023;48(11):1255-1257. doi:10.1093/ced/llad224 (abstract read)',
  url: 'https://ouci.dntb.gov.ua/en/works/7qj8Bz14',
};
const ERDMANN_ASSUMPTIONS = [
  'porcine skin ex vivo "maintained at normal skin temperature": 2 mm of skin over fat, no perfusion, 33 °C throughout and at the far boundaries (estimate)',
  'spot 10 mm across and spray time 5 s: the abstract gives neither the spot nor how long the spray lasted, only the reading "after 5 s of application"',
  'the thermal camera reads the spot’s centre at the surface (a virtual thermocouple at [0, 0, 0]); air at 22 °C, 10 W/m²/K elsewhere',
];

const DEPTH_RULE = {
  short: 'Jester 1997; dermatology chapter (rules of thumb)',
  citation:
    'Jester DM. Office procedures: cryotherapy of dermal abnormalities. Prim Care 1997;24:269-280, as quoted by a dermatology text: "When cryogen is applied, an ice ball forms in the skin for which the depth of freezing is equal to the radius of the surface freeze" (http://www.skin-disease-care.com/31865207.php); figure legend of the chapter "Cryobiology and Thermodynamics" (Dermatological Cryosurgery and Cryotherapy, Springer 2016, citing its ref. 5): "R lateral propagation of \'ice ball,\' and D depth of \'ice ball.\' In cryoprobe: D = 1.3 × R; in cryospray: D = 0.5 × R" (https://plasticsurgerykey.com/cryobiology-and-thermodynamics/); Torre D (abstract, https://scilit.com/publications/931352b73af3a6d64a4c594a06f8b96c): the ratio of depth to lateral spread is predictable with the "cone-spray" technique only if "the treated surfaces" are sprayed "evenly". Second-hand rules of thumb, without data, spot size or time',
  url: 'http://www.skin-disease-care.com/31865207.php',
};
const SPOT_ASSUMPTIONS = [
  "a timed spot freeze in vivo: a 10 mm spot (the Erdmann fit's) sprayed evenly (Torre's condition) with the fitted film-boiling coefficient; the sources give no spot size",
  '2 mm of perfused skin over fat, body at 37 °C, the starting field steady with the air at 22 °C (10 W/m²/K) on the skin',
  "R read as the radius of the frozen surface from the spot's centre (Jester's wording; the chapter's R read the same way, ours) and D as the depth of the 0 °C isotherm under the centre",
  'compared at 10 s and 30 s, the usual freeze times for a benign lesion (a sustained 10 s freeze: Connolly et al., Br J Dermatol 2001;145:554) and for a malignant one (at least 30 s: Graham 2001, Clin Dermatol 19:321)',
];

export const SPRAY_MEASUREMENTS: SprayMeasurement[] = [
  {
    id: 'erdmann-surface-5s',
    source: ERDMANN,
    what: 'skin surface temperature under a liquid-nitrogen spray after 5 s',
    spray_s: 5,
    observe: 'surface-at-end-of-spray',
    value: -60,
    unit: 'degC',
    tolerance: 10,
    tolerance_basis:
      'no spread is reported; a smartphone thermal camera (iPhone-mounted) is rated to about ±5 °C near room temperature and is uncalibrated this far below 0 °C: ±10 °C (estimate)',
    role: 'fit',
    assumptions: ERDMANN_ASSUMPTIONS,
  },
  {
    id: 'erdmann-thaw-0c',
    source: ERDMANN,
    what: 'time for the sprayed skin to recover to 0 °C',
    spray_s: 5,
    observe: 'thaw-to-0c',
    value: 70,
    unit: 's',
    tolerance: 20,
    tolerance_basis:
      'no spread is reported; whether the 70 s count from the start or the end of the 5 s spray is not stated (±5 s), and the spot size that sets the thaw is not given: ±20 s (estimate)',
    role: 'held-out',
    assumptions: ERDMANN_ASSUMPTIONS,
  },
  ...[10, 30].map(
    (t): SprayMeasurement => ({
      id: `spray-depth-over-radius-${t}s`,
      source: DEPTH_RULE,
      what: 'depth of freeze over the radius of the surface freeze (spot freeze, in vivo)',
      spray_s: t,
      observe: 'depth-over-surface-radius',
      value: 0.75,
      unit: '',
      spread: 'the sources give 0.5 (cryospray) and 1.0',
      tolerance: 0.45,
      tolerance_basis:
        "the sources' 0.5-1.0 (±0.25) plus judging the surface freeze's edge by eye, 2.00 ± 2.16 mm in vitro (Ferris DG et al. Arch Fam Med 1993;2:269), on a radius of 6-7 mm: about ±0.2 on the ratio",
      role: 'held-out',
      assumptions: SPOT_ASSUMPTIONS,
    }),
  ),
  {
    id: 'bsds-lethal-depth-30s',
    source: {
      short: 'BSDS cryosurgery workshop',
      citation:
        'British Society for Dermatological Surgery, members\' workshop "Cryosurgery": "most cells are killed at -25°C to -30°C. This temperature can be readily achieved at 3-4 mm depth from the skin surface using appropriate Liquid Nitrogen spray techniques" (no freeze time or spot given)',
      url: 'https://bsds.org.uk/members/workshop/cryosurgery/',
    },
    what: 'depth at which a liquid-nitrogen spray readily reaches -25 °C (spot freeze, in vivo)',
    spray_s: 30,
    observe: 'depth-of-minus-25c',
    value: 3.5,
    unit: 'mm',
    spread: 'range 3-4 mm',
    tolerance: 0.5,
    tolerance_basis:
      'half the stated range; the text gives no freeze time, and the comparison is made at 30 s, the least freeze given for a malignant lesion (Graham 2001)',
    role: 'held-out',
    assumptions: SPOT_ASSUMPTIONS.slice(0, 3).concat([
      '"readily achieved" read as reached within a 30 s freeze, the least given for malignant lesions (at least 30 s: Graham 2001, Clin Dermatol 19:321); the depth is that of -25 °C under the spot\'s centre',
    ]),
  },
];

/** Whether a measurement observes the clinical spot freeze (the others observe the Erdmann scene). */
export function isSpotFreeze(m: SprayMeasurement): boolean {
  return m.observe === 'depth-over-surface-radius' || m.observe === 'depth-of-minus-25c';
}

/** The simulated counterpart of a spot-freeze measurement, from the reading at its time. */
export function spotValue(m: SprayMeasurement, r: SpotFreezeReading): number {
  return m.observe === 'depth-of-minus-25c' ? r.depth25_mm : r.depth0_mm / r.radius0_mm;
}

/** The ex vivo porcine skin experiment: a 10 mm spot sprayed for `spray_s`, then left to thaw. */
export function erdmannScene(spray_s: number, h_w_m2k = LN2_SPRAY_H_W_M2K, refinement = 1): Scene {
  const dead = { perfusion_w_m3k: 0, metabolic_w_m3: 0 };
  const spray: SprayProbe = {
    kind: 'spray',
    id: 'ln2-spray',
    center_mm: [0, 0],
    diameter_mm: 10,
    distance_mm: 10,
    cooling: { mode: 'cryogen', temperature_c: LN2_BOILING_C, h_w_m2k },
  };
  const side = 'body' as const;
  return {
    name: 'erdmann-porcine-skin',
    body_temperature_c: 33,
    tissues: { ...TISSUE_LIBRARY, skin: { ...TISSUE_LIBRARY.skin, ...dead }, fat: { ...TISSUE_LIBRARY.fat, ...dead } },
    layers: [
      { tissue: 'skin', thickness_mm: 2 },
      { tissue: 'fat', thickness_mm: 8 },
    ],
    structures: [],
    domain: {
      x_mm: [-15, 15],
      y_mm: [-15, 15],
      depth_mm: 10,
      boundaries: { x_min: side, x_max: side, y_min: side, y_max: side, bottom: side, surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 } },
    },
    probes: [spray],
    protocol: [
      { kind: 'freeze', duration_s: spray_s },
      { kind: 'thaw', duration_s: 115, thaw: 'passive' },
    ],
    warmers: [],
    grid: { kind: 'auto', refinement },
    solver: { dt_min_s: 0.02, dt_max_s: 2, max_change_c: 10, tolerance_c: 0.01, max_iterations: 30, initial: 'uniform' },
    outputs: { isotherms_c: [0, -20, -40], series_interval_s: 1, volumes: [] },
    sensors: [{ name: 'surface', at_mm: [0, 0, 0] }],
  };
}

/** The surface reading at the spot's centre at the end of the spray, and when it first returns to 0 °C after it (null: not within the run). */
export function runErdmann(spray_s: number, h_w_m2k = LN2_SPRAY_H_W_M2K, refinement = 1): { surface_c: number; thaw_s: number | null; cells: number } {
  const scene = erdmannScene(spray_s, h_w_m2k, refinement);
  // The grid is a function of the scene: the same one the simulation builds.
  const stencil = sensorStencil(buildGrid(scene), [0, 0, 0]);
  let last: [number, number] | null = null;
  let thaw: number | null = null;
  const r = simulate(scene, {
    onStep: (t, T, pad) => {
      const v = readSensor(stencil, T, pad);
      if (last && thaw === null && t > spray_s && last[1] < 0 && v >= 0) thaw = last[0] + ((0 - last[1]) * (t - last[0])) / (v - last[1]) - spray_s;
      last = [t, v];
    },
  });
  const end = r.sensors?.[0].at_moments[0].temperature_c ?? Number.NaN;
  return { surface_c: end, thaw_s: thaw, cells: r.grid.cells };
}

/** Freeze times, s, at which docs/validation.md tabulates the depth and spread of a spot freeze. */
export const SPOT_FREEZE_TIMES_S = [5, 10, 20, 30, 60];

/** A timed spot freeze on skin in vivo: an evenly sprayed spot of `spot_mm`, for `times_s` (the last is the end of the freeze). */
export function spotFreezeScene(spot_mm: number, times_s: number[], h_w_m2k = LN2_SPRAY_H_W_M2K, refinement = 1): Scene {
  const marks = [...new Set(times_s)].sort((a, b) => a - b);
  const side = 'body' as const;
  return {
    name: `spot-freeze-${spot_mm}mm`,
    body_temperature_c: 37,
    tissues: { ...TISSUE_LIBRARY },
    layers: [
      { tissue: 'skin', thickness_mm: 2 },
      { tissue: 'fat', thickness_mm: 13 },
    ],
    structures: [],
    domain: {
      x_mm: [-20, 20],
      y_mm: [-20, 20],
      depth_mm: 15,
      boundaries: { x_min: side, x_max: side, y_min: side, y_max: side, bottom: side, surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 } },
    },
    probes: [
      {
        kind: 'spray',
        id: 'ln2-spray',
        center_mm: [0, 0],
        diameter_mm: spot_mm,
        distance_mm: 10,
        cooling: { mode: 'cryogen', temperature_c: LN2_BOILING_C, h_w_m2k },
      },
    ],
    // One freeze split at each reading, so that a step ends on it (the spray runs on through the splits).
    protocol: marks.map((t, i) => ({ kind: 'freeze' as const, duration_s: t - (i ? marks[i - 1] : 0) })),
    warmers: [],
    grid: { kind: 'auto', refinement },
    solver: { dt_min_s: 0.02, dt_max_s: 1, max_change_c: 10, tolerance_c: 0.01, max_iterations: 30, initial: 'steady' },
    outputs: { isotherms_c: [0, -20], series_interval_s: 1, volumes: [] },
    sensors: [],
  };
}

export interface SpotFreezeReading {
  time_s: number;
  /** Depth of the 0 °C and -20 °C isotherms under the spot's centre, mm. */
  depth0_mm: number;
  depth20_mm: number;
  /** Depth of -25 °C, the lethal temperature of benign lesions (lesion rules), mm. */
  depth25_mm: number;
  /** Radius of the frozen (0 °C) and -20 °C surface from the spot's centre, mm. */
  radius0_mm: number;
  radius20_mm: number;
  /** How far the 0 °C surface freeze reaches past the spot's edge (the halo), mm. */
  halo0_mm: number;
}

/** Where a profile sampled at `pos` first rises past `thr` (linear between samples); NaN if it never does, 0 if it starts above. */
function crossing(values: number[], pos: number[], thr: number): number {
  if (values[0] > thr) return 0;
  for (let i = 1; i < values.length; i++)
    if (values[i] > thr) return pos[i - 1] + ((pos[i] - pos[i - 1]) * (thr - values[i - 1])) / (values[i] - values[i - 1]);
  return Number.NaN;
}

/** Runs a spot freeze and reads the ice's depth and surface spread at each of `times_s`. */
export function runSpotFreeze(
  spot_mm: number,
  times_s: number[],
  h_w_m2k = LN2_SPRAY_H_W_M2K,
  refinement = 1,
): { readings: SpotFreezeReading[]; cells: number } {
  const scene = spotFreezeScene(spot_mm, times_s, h_w_m2k, refinement);
  const g = buildGrid(scene);
  // Profiles from cell-centred values: down the spot's axis, and along the first row of cells below the surface.
  const z0 = g.zc[0];
  const zs = Array.from({ length: 301 }, (_, i) => i * 0.04);
  const xs = Array.from({ length: 376 }, (_, i) => i * 0.04);
  const down = zs.map((z) => sensorStencil(g, [0, 0, Math.max(z, z0)]));
  const along = xs.map((x) => sensorStencil(g, [x, 0, z0]));
  const marks = [...new Set(times_s)].sort((a, b) => a - b);
  const readings: SpotFreezeReading[] = [];
  const r = simulate(scene, {
    onStep: (t, T, pad) => {
      const k = marks.findIndex((m) => Math.abs(m - t) < 1e-6);
      if (k < 0 || readings.some((x) => x.time_s === marks[k])) return;
      const col = down.map((s) => readSensor(s, T, pad));
      const row = along.map((s) => readSensor(s, T, pad));
      const radius0 = crossing(row, xs, 0);
      readings.push({
        time_s: marks[k],
        depth0_mm: crossing(col, zs, 0),
        depth20_mm: crossing(col, zs, -20),
        depth25_mm: crossing(col, zs, -25),
        radius0_mm: radius0,
        radius20_mm: crossing(row, xs, -20),
        halo0_mm: radius0 - spot_mm / 2,
      });
    },
  });
  if (readings.length !== marks.length) throw new Error(`spot freeze: read ${readings.length} of ${marks.length} times`);
  return { readings, cells: r.grid.cells };
}
