import type { Tissue } from '../core/model.js';
import { TISSUE_LIBRARY, perfusionCoefficient } from '../core/tissue/library.js';
import type { CaseIssue } from './errors.js';
import { didYouMean } from './errors.js';
import type { z } from 'zod';
import type { TissueInput } from './schema.js';

type TissueIn = z.output<typeof TissueInput>;

/** The library plus the case's own tissues (new ones, or overrides of built-ins). */
export function resolveTissues(input: Record<string, TissueIn> | undefined, issues: CaseIssue[]): Record<string, Tissue> {
  const out: Record<string, Tissue> = { ...TISSUE_LIBRARY };
  for (const [id, t] of Object.entries(input ?? {})) {
    const path = `tissues.${id}`;
    const baseId = t.base ?? (TISSUE_LIBRARY[id] ? id : undefined);
    const base = baseId ? TISSUE_LIBRARY[baseId] : undefined;
    if (t.base && !base) {
      issues.push({ path: `${path}.base`, message: `unknown tissue '${t.base}'${didYouMean(t.base, Object.keys(TISSUE_LIBRARY))}` });
      continue;
    }
    if (t.perfusion_w_m3k !== undefined && t.perfusion_ml_min_kg !== undefined) {
      issues.push({ path, message: 'give perfusion either as perfusion_w_m3k or as perfusion_ml_min_kg, not both' });
    }
    const need = ['k_unfrozen_w_mk', 'c_unfrozen_j_m3k'] as const;
    if (!base) {
      const missing = need.filter((k) => t[k] === undefined);
      if (missing.length) {
        issues.push({ path, message: `a new tissue needs ${missing.join(' and ')} (or 'base: <tissue>' to start from a built-in one)` });
        continue;
      }
    }
    const kU = t.k_unfrozen_w_mk ?? base!.k_unfrozen_w_mk;
    const cU = t.c_unfrozen_j_m3k ?? base!.c_unfrozen_j_m3k;
    // Only a flow given per kg of tissue needs the density; soft tissue is about 1050 kg/m3.
    const rho = t.density_kg_m3 ?? 1050;
    const tissue: Tissue = {
      id,
      label: t.label ?? base?.label ?? id,
      k_unfrozen_w_mk: kU,
      k_frozen_w_mk: t.k_frozen_w_mk ?? base?.k_frozen_w_mk ?? kU,
      c_unfrozen_j_m3k: cU,
      c_frozen_j_m3k: t.c_frozen_j_m3k ?? base?.c_frozen_j_m3k ?? cU,
      latent_j_m3: t.latent_j_m3 ?? base?.latent_j_m3 ?? 0,
      solidus_c: t.solidus_c ?? base?.solidus_c ?? -8,
      liquidus_c: t.liquidus_c ?? base?.liquidus_c ?? -1,
      perfusion_w_m3k: t.perfusion_w_m3k ?? (t.perfusion_ml_min_kg !== undefined ? perfusionCoefficient(t.perfusion_ml_min_kg, rho) : base?.perfusion_w_m3k ?? 0),
      metabolic_w_m3: t.metabolic_w_m3 ?? base?.metabolic_w_m3 ?? 0,
      source: t.source ?? (base ? `${base.source ?? ''}; overridden in the case` : 'defined in the case'),
    };
    if (!(tissue.liquidus_c > tissue.solidus_c)) {
      issues.push({ path: `${path}.solidus_c`, message: `the solidus (${tissue.solidus_c} °C) must lie below the liquidus (${tissue.liquidus_c} °C)` });
    }
    out[id] = tissue;
  }
  return out;
}
