import type { RunResult } from '../core/result.js';

/** A few lines a person reads after a run. */
export function digest(r: RunResult, wall_s: number, outDir: string): string {
  const lines: string[] = [];
  const end = r.isotherms.map((i) => ({ t: i.threshold_c, s: i.snapshots[i.snapshots.length - 1] }));
  lines.push(`Ice ball at the end: ${end.map(({ t, s }) => `${t} °C ${s.volume_ml.toFixed(2)} ml (${s.length_mm.toFixed(1)} x ${s.width_mm.toFixed(1)} mm)`).join('; ')}`);
  for (const s of r.structures.filter((x) => x.role === 'nerve')) {
    const cs = s.cross_section;
    const frac = cs ? Object.entries(cs.fraction_below).map(([t, f]) => `${(100 * f).toFixed(0)}% below ${t} °C`).join(', ') : '';
    lines.push(`Nerve '${s.name}': coldest ${s.min_temperature_c.toFixed(1)} °C; coldest cross-section ${frac}`);
  }
  const layers = r.structures.filter((x) => x.role === 'layer').map((s) => `${s.name} ${s.min_temperature_c.toFixed(1)} °C`);
  if (layers.length) lines.push(`Coldest per layer: ${layers.join(', ')}`);
  lines.push(`Energy balance: relative error ${r.energy.relative_error.toExponential(1)}; probes removed ${(-r.energy.probes_j).toFixed(0)} J`);
  lines.push(`Grid ${r.grid.nx}x${r.grid.ny}x${r.grid.nz} (${r.grid.cells.toLocaleString('en-US')} cells), ${r.diagnostics.steps} steps, ${wall_s.toFixed(1)} s wall time`);
  lines.push(`Results: ${outDir}`);
  return lines.join('\n');
}
