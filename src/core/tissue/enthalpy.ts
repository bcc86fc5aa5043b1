import type { Tissue } from '../model.js';

/**
 * Piecewise-linear enthalpy model of one material (Voller & Prakash 1987; Rabin &
 * Shitzer 1998): the volumetric enthalpy H(T) is zero at the solidus, rises with the
 * frozen heat capacity below it, with the mean heat capacity plus the latent heat
 * spread evenly across the mushy interval, and with the unfrozen heat capacity
 * above the liquidus. Being linear in pieces, H(T) has an exact inverse, so the
 * solver can carry H as its conserved unknown and recover T without iteration.
 */
export interface PhaseModel {
  cFrozen: number;
  cMushy: number;
  cUnfrozen: number;
  solidus: number;
  liquidus: number;
  /** H at the liquidus. */
  hLiquidus: number;
  kFrozen: number;
  kUnfrozen: number;
  perfusion: number;
  metabolic: number;
}

export function phaseModel(t: Tissue): PhaseModel {
  const width = t.liquidus_c - t.solidus_c;
  const cMean = 0.5 * (t.c_frozen_j_m3k + t.c_unfrozen_j_m3k);
  const cMushy = cMean + t.latent_j_m3 / width;
  return {
    cFrozen: t.c_frozen_j_m3k,
    cMushy,
    cUnfrozen: t.c_unfrozen_j_m3k,
    solidus: t.solidus_c,
    liquidus: t.liquidus_c,
    hLiquidus: cMushy * width,
    kFrozen: t.k_frozen_w_mk,
    kUnfrozen: t.k_unfrozen_w_mk,
    perfusion: t.perfusion_w_m3k,
    metabolic: t.metabolic_w_m3,
  };
}

/** A material that never changes phase (probe steel, insulation). */
export function inertModel(k: number, c: number): PhaseModel {
  return {
    cFrozen: c,
    cMushy: c,
    cUnfrozen: c,
    solidus: -1000,
    liquidus: -999,
    hLiquidus: c,
    kFrozen: k,
    kUnfrozen: k,
    perfusion: 0,
    metabolic: 0,
  };
}

export function enthalpy(m: PhaseModel, T: number): number {
  if (T <= m.solidus) return m.cFrozen * (T - m.solidus);
  if (T <= m.liquidus) return m.cMushy * (T - m.solidus);
  return m.hLiquidus + m.cUnfrozen * (T - m.liquidus);
}

export function temperature(m: PhaseModel, H: number): number {
  if (H <= 0) return m.solidus + H / m.cFrozen;
  if (H <= m.hLiquidus) return m.solidus + H / m.cMushy;
  return m.liquidus + (H - m.hLiquidus) / m.cUnfrozen;
}

/** dH/dT; at a corner, the capacity on the side the temperature is heading from (below). */
export function capacity(m: PhaseModel, T: number): number {
  if (T <= m.solidus) return m.cFrozen;
  if (T <= m.liquidus) return m.cMushy;
  return m.cUnfrozen;
}

/** Unfrozen fraction (0 frozen, 1 unfrozen), linear across the mushy interval. */
export function liquidFraction(m: PhaseModel, T: number): number {
  if (T <= m.solidus) return 0;
  if (T >= m.liquidus) return 1;
  return (T - m.solidus) / (m.liquidus - m.solidus);
}

export function conductivity(m: PhaseModel, T: number): number {
  const f = liquidFraction(m, T);
  return m.kFrozen + f * (m.kUnfrozen - m.kFrozen);
}
