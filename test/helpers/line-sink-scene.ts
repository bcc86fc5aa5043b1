import type { NeedleProbe, Scene } from '../../src/core/model.js';
import { gradedEdgesThrough } from '../../src/core/grid/graded.js';
import { STEEL } from '../../src/core/tissue/library.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../../src/core/outcome/settings.js';
import type { LineSinkParams } from '../../src/core/analytic/line-sink.js';
import { baseScene, customTissue } from './scene.js';

/**
 * Paterson's line sink (test/verification/line-sink.test.ts) with a thin nerve of the
 * same medium parallel to the line at distance d: the block (the whole section at the
 * freezing point) is complete when the front R(t) reaches d + r.
 */
export const SOLIDUS = -0.6;
export const LIQUIDUS = -0.4;
export const T_INITIAL = 10;
export const Q_W_PER_M = 25;
export const LINE_SINK: LineSinkParams = {
  power: Q_W_PER_M,
  kFrozen: 2.0,
  cFrozen: 1.8e6,
  kLiquid: 0.5,
  cLiquid: 3.6e6,
  latent: 2.5e8,
  tFreeze: 0.5 * (SOLIDUS + LIQUIDUS),
  tInitial: T_INITIAL,
};

/** Paterson's medium: the constant properties of LINE_SINK, freezing over a narrow band. */
export function lineSinkMedium() {
  return customTissue('medium', {
    k_frozen_w_mk: LINE_SINK.kFrozen,
    k_unfrozen_w_mk: LINE_SINK.kLiquid,
    c_frozen_j_m3k: LINE_SINK.cFrozen,
    c_unfrozen_j_m3k: LINE_SINK.cLiquid,
    latent_j_m3: LINE_SINK.latent,
    solidus_c: SOLIDUS,
    liquidus_c: LIQUIDUS,
  });
}

/** A thin needle along x through the whole (lengthMm long) domain drawing Q_W_PER_M: the line sink. */
export function lineSinkNeedle(lengthMm: number, depth_mm: number): NeedleProbe {
  return {
    kind: 'needle',
    id: 'line',
    tip_mm: [lengthMm, 0, depth_mm],
    direction: [1, 0, 0],
    diameter_mm: 0.3,
    active_length_mm: 10,
    shaft: 'insulated',
    material: { ...STEEL },
    cooling: { mode: 'power', watts: Q_W_PER_M * lengthMm * 1e-3 },
  };
}

/** half_mm: half the domain's side (the far field is held at the initial temperature). */
export function lineSinkNerveScene(distance_mm: number, nerve_d_mm: number, freeze_s: number, fine_mm = 0.05, half_mm = 12): Scene {
  const ZC = half_mm;
  const tissue = lineSinkMedium();
  const lengthMm = 2;
  const needle = lineSinkNeedle(lengthMm, ZC);
  const s = needle.diameter_mm / 2;
  // Fine cells at the line and again where the front meets the nerve.
  const h = (c: number, at: number) => (v: number) =>
    Math.min(1.5, fine_mm + 0.04 * Math.min(Math.max(0, Math.abs(v - c) - s), Math.max(0, Math.abs(v - at) - 1)));
  return baseScene({
    name: 'line sink and nerve',
    body_temperature_c: T_INITIAL,
    tissues: { medium: tissue },
    layers: [{ tissue: 'medium', thickness_mm: 2 * half_mm }],
    structures: [
      {
        kind: 'tube',
        name: 'nerve',
        role: 'nerve',
        tissue: 'medium',
        diameter_mm: nerve_d_mm,
        path_mm: [
          [0, distance_mm, ZC],
          [lengthMm, distance_mm, ZC],
        ],
      },
    ],
    domain: {
      x_mm: [0, lengthMm],
      y_mm: [-half_mm, half_mm],
      depth_mm: 2 * half_mm,
      boundaries: { x_min: 'adiabatic', x_max: 'adiabatic', y_min: 'body', y_max: 'body', bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    probes: [needle],
    protocol: [{ kind: 'freeze', duration_s: freeze_s }],
    grid: {
      kind: 'edges',
      x_mm: [0, lengthMm],
      y_mm: Array.from(gradedEdgesThrough(-half_mm, half_mm, h(0, distance_mm), [])),
      z_mm: Array.from(gradedEdgesThrough(0, 2 * half_mm, h(ZC, ZC), [])),
    },
    solver: { dt_min_s: 0.01, dt_max_s: 1, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 50, initial: 'uniform' },
    outcome: { ...DEFAULT_OUTCOME_SETTINGS, nerve: { ...DEFAULT_OUTCOME_SETTINGS.nerve, axonotmesis_c: LINE_SINK.tFreeze, neurapraxia_c: 5 } },
  });
}
