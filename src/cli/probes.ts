import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import type { CatalogueProbe } from '../core/probe/catalogue-types.js';
import type { Cooling } from '../core/model.js';

function coolingText(c: Cooling): string {
  if (c.mode === 'cryogen') return `${c.temperature_c} °C behind h = ${c.h_w_m2k} W/(m² K)`;
  if (c.mode === 'power') return `${c.watts} W`;
  return c.curve.length === 1 ? `held at ${c.curve[0][1]} °C` : `curve of ${c.curve.length} points`;
}

function geometry(p: CatalogueProbe): string {
  const tips = p.tips && p.tips.count > 1 ? `${p.tips.count} tips ${p.tips.spacing_mm} mm apart, ` : '';
  return p.kind === 'contact' ? `${p.diameter_mm} mm face` : `${tips}Ø ${p.diameter_mm} mm, ${p.active_length_mm} mm active`;
}

/** `cryoplan probes`: the catalogue, for people or (--json) for programs. */
export function listProbes(json: boolean): string {
  const all = Object.values(PROBE_CATALOGUE);
  if (json) return JSON.stringify(all, null, 2);
  return all
    .map((p) => {
      const cal = p.calibration ? `calibrated to ${p.calibration.measurements.length} measurement(s), rms error ${(100 * p.calibration.rms_relative_error).toFixed(1)} %` : 'not calibrated (estimate)';
      return `${p.id}\n  ${p.label}: ${geometry(p)}; ${p.cryogen}, ${coolingText(p.cooling)}; ${cal}\n  use: ${p.use}`;
    })
    .join('\n');
}
