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
      const c = p.calibration;
      const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
      const cal = !c
        ? 'h not calibrated (estimate)'
        : (c.transferred_from
            ? `h carried over from ${c.transferred_from}, fitted to ${n(c.measurements.length, 'measurement')}`
            : `h fitted to ${n(c.measurements.length, 'measurement')}`) +
          ` (rms error ${(100 * c.rms_relative_error).toFixed(1)} %)` +
          (c.held_out?.length ? `, checked against ${n(c.held_out.length, 'held-out measurement')}` : '') +
          '; docs/validation.md';
      return `${p.id}\n  ${p.label}: ${geometry(p)}; ${p.cryogen}, ${coolingText(p.cooling)}; ${cal}\n  use: ${p.use}`;
    })
    .join('\n');
}
