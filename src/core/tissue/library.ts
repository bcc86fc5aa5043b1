import type { Tissue } from '../model.js';

/** Latent heat of fusion of water, J/kg. */
export const WATER_LATENT_J_KG = 333.5e3;
const ICE_K = 2.2; // W/(m K), ice near 0 degC (Rabin & Shitzer 1998)
const WATER_K = 0.6;
const WATER_C = 4180; // J/(kg K)
const ICE_C = 2100;

/** Blood's density and heat capacity for the Pennes term (IT'IS v4.1, blood). */
export const BLOOD_RHO = 1050;
export const BLOOD_C = 3617;

/**
 * Rabin & Shitzer (1998, J Biomech Eng 120:32) frozen soft tissue: k = 2.0 W/m/K,
 * C = 1.8 MJ/m3/K, phase change between -8 and -1 degC.
 */
export const RABIN_SHITZER = { k_frozen: 2.0, c_frozen: 1.8e6, solidus_c: -8, liquidus_c: -1 } as const;

export interface TissueSpec {
  id: string;
  label: string;
  k: number; // W/(m K), unfrozen
  rho: number; // kg/m3
  c: number; // J/(kg K), unfrozen
  perfusion_ml_min_kg: number;
  metabolic_w_kg: number;
  /** Mass fraction of water that freezes. */
  water: number;
  /** Use Rabin & Shitzer's frozen soft-tissue values instead of the mixture rule. */
  soft?: boolean;
  solidus_c?: number;
  liquidus_c?: number;
  source: string;
}

/** Pennes perfusion coefficient w_b rho_b c_b, W/(m3 K), from a flow in mL/min per kg of tissue. */
export function perfusionCoefficient(ml_min_kg: number, rho: number): number {
  const w_b = (ml_min_kg * 1e-6 * rho) / 60; // m3 blood / s / m3 tissue
  return w_b * BLOOD_RHO * BLOOD_C;
}

/**
 * Frozen properties: for water-rich soft tissue, Rabin & Shitzer's values; otherwise
 * a mixture rule in which the tissue's water turns to ice (conductivity rises by
 * water x (k_ice - k_water), heat capacity falls by water x rho x (c_water - c_ice)).
 */
export function tissueFromSpec(s: TissueSpec): Tissue {
  const cU = s.rho * s.c;
  const kF = s.soft ? RABIN_SHITZER.k_frozen : s.k + s.water * (ICE_K - WATER_K);
  const cF = s.soft ? RABIN_SHITZER.c_frozen : cU - s.water * s.rho * (WATER_C - ICE_C);
  return {
    id: s.id,
    label: s.label,
    k_unfrozen_w_mk: s.k,
    k_frozen_w_mk: kF,
    c_unfrozen_j_m3k: cU,
    c_frozen_j_m3k: cF,
    latent_j_m3: s.water * s.rho * WATER_LATENT_J_KG,
    solidus_c: s.solidus_c ?? RABIN_SHITZER.solidus_c,
    liquidus_c: s.liquidus_c ?? RABIN_SHITZER.liquidus_c,
    perfusion_w_m3k: perfusionCoefficient(s.perfusion_ml_min_kg, s.rho),
    metabolic_w_m3: s.metabolic_w_kg * s.rho,
    source: s.source,
  };
}

const ITIS = "IT'IS Foundation tissue database v4.1 (Hasgall et al. 2022): k, rho, c, perfusion, heat generation";

/**
 * Built-in tissues. Water fractions (freezable water, mass) from Duck, "Physical
 * Properties of Tissue" (1990), table 7.1 ranges: skin ~0.65-0.70, muscle ~0.75-0.79,
 * fat ~0.1-0.3, nerve ~0.7, cortical bone ~0.12-0.15, tendon ~0.6, blood ~0.8.
 */
export const TISSUE_SPECS: TissueSpec[] = [
  { id: 'skin', label: 'Skin', k: 0.37, rho: 1109, c: 3391, perfusion_ml_min_kg: 106, metabolic_w_kg: 1.65, water: 0.65, soft: true, source: ITIS },
  {
    id: 'fat',
    label: 'Subcutaneous fat',
    k: 0.21,
    rho: 911,
    c: 2348,
    perfusion_ml_min_kg: 33,
    metabolic_w_kg: 0.51,
    water: 0.2,
    source: `${ITIS}; frozen by mixture rule`,
  },
  { id: 'muscle', label: 'Skeletal muscle', k: 0.49, rho: 1090, c: 3421, perfusion_ml_min_kg: 37, metabolic_w_kg: 0.91, water: 0.76, soft: true, source: ITIS },
  { id: 'nerve', label: 'Nerve', k: 0.49, rho: 1075, c: 3613, perfusion_ml_min_kg: 211, metabolic_w_kg: 5.9, water: 0.7, soft: true, source: ITIS },
  {
    id: 'bone',
    label: 'Cortical bone',
    k: 0.32,
    rho: 1908,
    c: 1313,
    perfusion_ml_min_kg: 10,
    metabolic_w_kg: 0.15,
    water: 0.13,
    source: `${ITIS}; frozen by mixture rule`,
  },
  { id: 'tendon', label: 'Tendon / fascia', k: 0.46, rho: 1142, c: 3432, perfusion_ml_min_kg: 29, metabolic_w_kg: 0.4, water: 0.63, soft: true, source: ITIS },
  { id: 'blood', label: 'Blood', k: 0.52, rho: 1050, c: 3617, perfusion_ml_min_kg: 0, metabolic_w_kg: 0, water: 0.8, soft: true, source: ITIS },
  {
    id: 'gel',
    label: 'Water / ultrasound gel',
    k: 0.6,
    rho: 1000,
    c: 4180,
    perfusion_ml_min_kg: 0,
    metabolic_w_kg: 0,
    water: 1.0,
    solidus_c: -0.5,
    liquidus_c: 0,
    source: 'water: CRC Handbook; ice k 2.2 W/m/K, c 2.1 kJ/kg/K',
  },
];

export const TISSUE_LIBRARY: Record<string, Tissue> = Object.fromEntries(TISSUE_SPECS.map((s) => [s.id, tissueFromSpec(s)]));

/** Material of probes: stainless steel (k 16 W/m/K, rho 8000, c 500). */
export const STEEL = { k_w_mk: 16, c_j_m3k: 8000 * 500 } as const;
/** Vacuum-insulated shaft: effective conductivity across the jacket. */
export const INSULATION = { k_w_mk: 0.02, c_j_m3k: 1e5 } as const;
