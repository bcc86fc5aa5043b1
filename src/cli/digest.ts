import type { RunResult, IsothermSnapshot } from '../core/result.js';

const f1 = (v: number) => v.toFixed(1);

/**
 * The few lines a person reads after a run. The ice ball is shown at its largest
 * (the end of a freeze), not at the end of the run: after a thaw the end says
 * little about what was frozen.
 */
export function digest(r: RunResult, wall_s: number, outDir: string): string {
  const lines = [`Results: ${outDir}`];
  const largest = r.isotherms.map((i) => ({
    t: i.threshold_c,
    s: i.snapshots.reduce<IsothermSnapshot | undefined>((a, s) => (!a || s.volume_ml > a.volume_ml ? s : a), undefined),
  }));
  const moments = new Set(largest.flatMap(({ s }) => (s && s.volume_ml > 0 ? [s.moment] : [])));
  const one = moments.size === 1;
  lines.push(
    `Ice ball at its largest${one ? ` (${[...moments][0]})` : ''}: ` +
      largest
        .map(({ t, s }) => (s && s.volume_ml > 0 ? `${t} °C ${s.volume_ml.toFixed(2)} ml, ${f1(s.length_mm)} × ${f1(s.width_mm)} mm${one ? '' : ` (${s.moment})`}` : `${t} °C not reached`))
        .join('; '),
  );
  for (const s of r.structures.filter((x) => x.role === 'nerve')) {
    const cs = s.cross_section;
    const parts = [`coldest ${f1(s.min_temperature_c)} °C`];
    if (cs) {
      parts.push(`coldest section ${Object.entries(cs.fraction_below).map(([t, f]) => `${(100 * f).toFixed(0)} % below ${t} °C`).join(', ')}`);
      const frozen = cs.frozen_length_mm['0'];
      if (frozen !== undefined) parts.push(`whole section below 0 °C over ${f1(frozen)} mm`);
    }
    lines.push(`Nerve '${s.name}': ${parts.join('; ')}`);
  }
  const layers = r.structures.filter((x) => x.role === 'layer').map((s) => `${s.name} ${f1(s.min_temperature_c)} °C`);
  if (layers.length) lines.push(`Coldest per layer: ${layers.join(', ')}`);
  lines.push(
    `Energy balance error ${r.energy.relative_error.toExponential(1)} (probes drew ${Math.abs(r.energy.probes_j).toFixed(0)} J); ` +
      `${r.diagnostics.steps} steps on ${r.grid.nx}×${r.grid.ny}×${r.grid.nz} cells; ${f1(wall_s)} s wall time`,
  );
  return lines.join('\n');
}
