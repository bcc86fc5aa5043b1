/**
 * Published measurements of a liquid-nitrogen open spray on skin, and the scene
 * that reproduces each experiment. The spray's film-boiling heat-transfer
 * coefficient (probe/spray.ts) is fitted to the 'fit' row; the others are held out.
 * scripts/validation.ts writes them into docs/validation.md and
 * test/verification/spray-published.test.ts checks them.
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
  /** Seconds of spray, then a passive thaw. */
  spray_s: number;
  observe: 'surface-at-end-of-spray' | 'thaw-to-0c';
  value: number;
  unit: 'degC' | 's';
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
];

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
