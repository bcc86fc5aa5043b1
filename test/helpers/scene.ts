import type { Scene, Tissue, Probe, NeedleProbe } from '../../src/core/model.js';
import { TISSUE_LIBRARY, STEEL } from '../../src/core/tissue/library.js';

/** A scene with every field set, for tests that build scenes directly (no case file). */
export function baseScene(over: Partial<Scene> = {}): Scene {
  return {
    name: 'test',
    body_temperature_c: 37,
    tissues: { ...TISSUE_LIBRARY },
    layers: [],
    structures: [],
    domain: {
      x_mm: [-20, 20],
      y_mm: [-20, 20],
      depth_mm: 50,
      boundaries: {
        x_min: 'body',
        x_max: 'body',
        y_min: 'body',
        y_max: 'body',
        bottom: 'body',
        surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 },
      },
    },
    probes: [],
    protocol: [{ kind: 'freeze', duration_s: 180 }],
    warmers: [],
    grid: { kind: 'auto', refinement: 1 },
    solver: { dt_min_s: 0.02, dt_max_s: 2, max_change_c: 3, tolerance_c: 1e-3, max_iterations: 30, initial: 'uniform' },
    outputs: { isotherms_c: [0, -20, -40], series_interval_s: 1, volumes: [] },
    ...over,
  };
}

/** The benchmark's reference: a 2 mm needle, 10 mm active, -70 degC, in muscle, 3-minute freeze. */
export function referenceScene(over: Partial<Scene> = {}): Scene {
  return baseScene({
    name: 'reference',
    layers: [{ tissue: 'muscle', thickness_mm: 50 }],
    probes: [
      {
        kind: 'needle',
        id: 'probe',
        tip_mm: [0, 0, 30],
        direction: [0, 0, 1],
        diameter_mm: 2,
        active_length_mm: 10,
        shaft: 'insulated',
        material: { ...STEEL },
        cooling: { mode: 'temperature', curve: [[0, -70]] },
      },
    ],
    ...over,
  });
}

export function customTissue(id: string, t: Partial<Tissue>): Tissue {
  return {
    id,
    label: id,
    k_unfrozen_w_mk: 0.5,
    k_frozen_w_mk: 2,
    c_unfrozen_j_m3k: 3.6e6,
    c_frozen_j_m3k: 1.8e6,
    latent_j_m3: 2.5e8,
    solidus_c: -8,
    liquidus_c: -1,
    perfusion_w_m3k: 0,
    metabolic_w_m3: 0,
    ...t,
  };
}

/** A 20 x 20 x 20 mm skin/fat/muscle block on a 1 mm grid: small scenes that still use every heat path. */
export function smallLayeredScene(over: Partial<Scene> = {}): Scene {
  return baseScene({
    domain: {
      x_mm: [-10, 10],
      y_mm: [-10, 10],
      depth_mm: 20,
      boundaries: {
        x_min: 'body',
        x_max: 'body',
        y_min: 'adiabatic',
        y_max: 'body',
        bottom: 'body',
        surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 },
      },
    },
    layers: [
      { tissue: 'skin', thickness_mm: 1.5 },
      { tissue: 'fat', thickness_mm: 4 },
      { tissue: 'muscle', thickness_mm: 14.5 },
    ],
    grid: { kind: 'uniform', spacing_mm: 1 },
    solver: { dt_min_s: 0.05, dt_max_s: 2, max_change_c: 5, tolerance_c: 1e-3, max_iterations: 40, initial: 'steady' },
    ...over,
  });
}

/** A 2 mm needle with a 6 mm active segment, cooling from 20 to -70 degC over 5 s. */
export function testNeedle(over: Partial<NeedleProbe> = {}): Probe {
  return {
    kind: 'needle',
    id: 'n1',
    tip_mm: [0, 0, 10],
    direction: [0, 0, 1],
    diameter_mm: 2,
    active_length_mm: 6,
    shaft: 'insulated',
    material: { ...STEEL },
    cooling: {
      mode: 'temperature',
      curve: [
        [0, 20],
        [5, -70],
      ],
    },
    ...over,
  };
}
