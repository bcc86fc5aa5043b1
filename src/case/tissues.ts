import type { Tissue } from '../core/model.js';
import { TISSUE_LIBRARY, TISSUE_SPECS, RABIN_SHITZER, WATER_LATENT_J_KG, tissueFromSpec } from '../core/tissue/library.js';
import { didYouMean, type CaseIssue } from './errors.js';
import type { TissueParsed } from './schema.js';

const SPECS = new Map(TISSUE_SPECS.map((s) => [s.id, s]));

/** Fields that say the same thing per volume and per kilogram: a case gives one of each pair. */
const SAME_QUANTITY = [
  ['c_unfrozen_j_m3k', 'c_unfrozen_j_kgk'],
  ['c_frozen_j_m3k', 'c_frozen_j_kgk'],
  ['perfusion_w_m3k', 'perfusion_ml_min_kg'],
  ['metabolic_w_m3', 'metabolic_w_kg'],
  ['latent_j_m3', 'water_fraction'],
] as const;
const PER_KG = ['c_unfrozen_j_kgk', 'c_frozen_j_kgk', 'perfusion_ml_min_kg', 'metabolic_w_kg', 'water_fraction'] as const;

/** The library plus the case's own tissues (new ones, or overrides of built-ins). */
export function resolveTissues(input: Record<string, TissueParsed> | undefined, issues: CaseIssue[]): Record<string, Tissue> {
  const out: Record<string, Tissue> = { ...TISSUE_LIBRARY };
  for (const [id, t] of Object.entries(input ?? {})) {
    const tissue = resolveTissue(id, t, `tissues.${id}`, issues);
    if (tissue) out[id] = tissue;
  }
  return out;
}

/**
 * One case tissue. Values given per volume are used as they are; those given per
 * kilogram are converted with the density. What the case leaves out comes, when a
 * density is known, from the library's own model (tissueFromSpec: the frozen state
 * by Rabin & Shitzer for soft tissue, else by the water-to-ice mixture rule), so
 * that changing a built-in tissue's conductivity or water also moves its frozen
 * values consistently; otherwise from the base tissue.
 */
function resolveTissue(id: string, t: TissueParsed, path: string, issues: CaseIssue[]): Tissue | undefined {
  const baseId = t.base ?? (TISSUE_LIBRARY[id] ? id : undefined);
  const base = baseId ? TISSUE_LIBRARY[baseId] : undefined;
  if (t.base && !base) {
    issues.push({ path: `${path}.base`, message: `unknown tissue '${t.base}'${didYouMean(t.base, Object.keys(TISSUE_LIBRARY))}` });
    return undefined;
  }
  const before = issues.length;
  for (const [a, b] of SAME_QUANTITY) {
    if (t[a] !== undefined && t[b] !== undefined) issues.push({ path: `${path}.${b}`, message: `give either ${a} or ${b}, not both` });
  }
  const spec0 = baseId ? SPECS.get(baseId) : undefined;
  const rho = t.density_kg_m3 ?? spec0?.rho;
  const perKg = PER_KG.filter((f) => t[f] !== undefined);
  if (perKg.length && rho === undefined) {
    issues.push({ path: `${path}.density_kg_m3`, message: `is needed to convert ${perKg.join(', ')} (given per kilogram)` });
    return undefined;
  }
  const times = (v: number | undefined) => (v !== undefined && rho !== undefined ? v * rho : undefined);
  const k = t.k_unfrozen_w_mk;
  const cU = t.c_unfrozen_j_m3k ?? times(t.c_unfrozen_j_kgk);
  const latent = t.latent_j_m3 ?? (t.water_fraction !== undefined ? times(t.water_fraction * WATER_LATENT_J_KG) : undefined);
  if (!base) {
    const missing = [
      k === undefined && 'k_unfrozen_w_mk',
      cU === undefined && 'c_unfrozen_j_m3k (or c_unfrozen_j_kgk with density_kg_m3)',
      latent === undefined && 'its latent heat: latent_j_m3 or water_fraction (0 for a material that does not freeze)',
    ].filter(Boolean);
    if (missing.length) {
      issues.push({ path, message: `a new tissue needs ${missing.join(', and ')}; or start from a built-in one with 'base: <tissue>'` });
      return undefined;
    }
  }
  if (issues.length > before) return undefined;

  const solidus = t.solidus_c ?? base?.solidus_c ?? RABIN_SHITZER.solidus_c;
  const liquidus = t.liquidus_c ?? base?.liquidus_c ?? RABIN_SHITZER.liquidus_c;
  let model: Tissue | undefined = base;
  const kSpec = k ?? spec0?.k;
  const cSpec = cU !== undefined && rho !== undefined ? cU / rho : spec0?.c;
  if (rho !== undefined && kSpec !== undefined && cSpec !== undefined) {
    model = tissueFromSpec({
      id,
      label: id,
      k: kSpec,
      rho,
      c: cSpec,
      perfusion_ml_min_kg: t.perfusion_ml_min_kg ?? spec0?.perfusion_ml_min_kg ?? 0,
      metabolic_w_kg: t.metabolic_w_kg ?? spec0?.metabolic_w_kg ?? 0,
      water: t.water_fraction ?? (latent !== undefined ? latent / (rho * WATER_LATENT_J_KG) : (spec0?.water ?? 0)),
      soft: spec0?.soft,
      solidus_c: solidus,
      liquidus_c: liquidus,
      source: '',
    });
  }
  const kU = k ?? model!.k_unfrozen_w_mk;
  const cUnfrozen = cU ?? model!.c_unfrozen_j_m3k;
  const changed = Object.keys(t).filter((f) => f !== 'base' && f !== 'label' && f !== 'source');
  const tissue: Tissue = {
    id,
    label: t.label ?? (base && baseId === id ? base.label : id),
    k_unfrozen_w_mk: kU,
    k_frozen_w_mk: t.k_frozen_w_mk ?? model?.k_frozen_w_mk ?? kU,
    c_unfrozen_j_m3k: cUnfrozen,
    c_frozen_j_m3k: t.c_frozen_j_m3k ?? times(t.c_frozen_j_kgk) ?? model?.c_frozen_j_m3k ?? cUnfrozen,
    latent_j_m3: latent ?? model?.latent_j_m3 ?? 0,
    solidus_c: solidus,
    liquidus_c: liquidus,
    perfusion_w_m3k: t.perfusion_w_m3k ?? model?.perfusion_w_m3k ?? 0,
    metabolic_w_m3: t.metabolic_w_m3 ?? model?.metabolic_w_m3 ?? 0,
    source: t.source ?? (base ? `${base.source ?? base.id}${changed.length ? `; changed in the case: ${changed.join(', ')}` : ''}` : 'defined in the case'),
  };
  if (!(tissue.liquidus_c > tissue.solidus_c)) {
    issues.push({ path: `${path}.solidus_c`, message: `the solidus (${tissue.solidus_c} °C) must lie below the liquidus (${tissue.liquidus_c} °C)` });
  }
  if (!(tissue.c_frozen_j_m3k > 0)) {
    issues.push({
      path,
      message: `the water-to-ice mixture rule gives a frozen heat capacity of ${tissue.c_frozen_j_m3k.toPrecision(3)} J/(m^3 K); give c_frozen_j_m3k or c_frozen_j_kgk`,
    });
  }
  return tissue;
}
