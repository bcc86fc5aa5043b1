import { PROBE_CATALOGUE } from '../../core/probe/catalogue.js';
import type { CatalogueProbe } from '../../core/probe/catalogue-types.js';

/**
 * A catalogue probe's geometry, so that a preset places the probe's wall at the
 * intended distance from the nerve whatever the catalogue's geometry becomes.
 */
function entry(model: string): CatalogueProbe {
  const p = PROBE_CATALOGUE[model];
  if (!p) throw new Error(`condition preset names unknown probe model '${model}'`);
  return p;
}

export const probeDiameter = (model: string): number => entry(model).diameter_mm;

export const probeActiveLength = (model: string): number => entry(model).active_length_mm ?? 0;
