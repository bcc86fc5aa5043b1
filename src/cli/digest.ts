import type { RunResult, IsothermSnapshot } from '../core/result.js';
import type { Outcomes } from '../core/outcome/types.js';
import type { Phase } from '../core/model.js';
import { describeProtocol } from '../core/protocol/describe.js';

const f1 = (v: number) => v.toFixed(1);

/** Plausibility warnings as stderr lines: FILE: warning: field.path: reason (the form errors take, marked). */
export function warningLines(file: string, warnings: ReadonlyArray<{ path: string; message: string }>): string {
  return warnings.map((w) => `${file}: warning: ${w.path ? `${w.path}: ` : ''}${w.message}\n`).join('');
}

/** probes_j is heat added to the tissue: negative when the probes cool it. A probe that heats says so. */
export function probeEnergy(probes_j: number): string {
  const j = Math.abs(probes_j).toFixed(0);
  return probes_j <= 0 ? `probes drew ${j} J` : `probes delivered ${j} J: they heated the tissue`;
}

/**
 * The few lines a person reads after a run. The ice ball is shown at its largest
 * (the end of a freeze), not at the end of the run: after a thaw the end says
 * little about what was frozen.
 */
export function digest(r: RunResult, wall_s: number, outDir: string, outcomes?: Outcomes, protocol?: Phase[]): string {
  const lines = [`Results: ${outDir}`];
  if (protocol?.length) lines.push(`Protocol as run: ${describeProtocol(protocol)}`);
  const largest = r.isotherms.map((i) => ({
    t: i.threshold_c,
    s: i.snapshots.reduce<IsothermSnapshot | undefined>((a, s) => (!a || s.volume_ml > a.volume_ml ? s : a), undefined),
  }));
  const moments = new Set(largest.flatMap(({ s }) => (s && s.volume_ml > 0 ? [s.moment] : [])));
  const one = moments.size === 1;
  lines.push(
    `Ice ball at its largest${one ? ` (${[...moments][0]})` : ''}: ` +
      largest
        .map(({ t, s }) =>
          s && s.volume_ml > 0
            ? `${t} °C ${s.volume_ml.toFixed(2)} ml, ${f1(s.length_mm)} × ${f1(s.width_mm)} mm${one ? '' : ` (${s.moment})`}`
            : `${t} °C not reached`,
        )
        .join('; '),
  );
  for (const n of outcomes?.nerves ?? []) {
    const parts = [
      n.injury,
      n.block === 'none' ? 'no lasting block' : `${n.block} block (${(100 * n.fraction_past_threshold).toFixed(0)} % of the coldest section)`,
    ];
    if (n.duration_days) parts.push(`about ${n.duration_days[0]}–${n.duration_days[1]} days`);
    parts.push(`coldest ${Number.isFinite(n.coldest_c) ? f1(n.coldest_c) : '?'} °C`);
    lines.push(`Nerve '${n.name}': ${parts.join('; ')}`);
  }
  for (const a of outcomes?.organs_at_risk ?? []) {
    const t = a.coldest_c === null ? '?' : f1(a.coldest_c);
    lines.push(`Organ at risk '${a.name}': ${a.frozen ? 'FROZEN' : 'not frozen'} (coldest ${t} °C); ${a.complication_label}: ${a.risk}`);
  }
  const ab = outcomes?.ablation;
  if (ab) {
    const w = ab.cycles[ab.cycles.length - 1];
    lines.push(
      `Ablation of '${ab.target}' (${ab.target_volume_ml.toFixed(1)} ml): ${(100 * w.fraction_lethal).toFixed(0)} % at ${ab.lethal_c} °C, ` +
        `${(100 * w.fraction_partial).toFixed(0)} % at ${ab.partial_c} °C; ${ab.uncovered_ml.toFixed(1)} ml missed`,
    );
    const risky = ab.limits.filter((l) => l.risk === 'high' || l.risk === 'moderate');
    if (risky.length)
      lines.push(
        `Organs at risk: ${risky.map((l) => `${l.structure} ${l.coldest_c === null ? '?' : f1(l.coldest_c)} °C, ${l.complication} (${l.risk})`).join('; ')}`,
      );
  }
  const le = outcomes?.lesion;
  if (le) {
    lines.push(`Lesion: ${le.aim_met ? 'aim reached' : 'AIM NOT REACHED'}: ${le.verdict}`);
    lines.push(
      `Halo ${le.halo_mm[0].toFixed(1)}-${le.halo_mm[1].toFixed(1)} mm (${le.halo_verdict} the ${le.halo_rule_mm.join('-')} mm rule); ` +
        `thaw ${le.thaws.map((t) => (t.thaw_s === null ? 'still frozen' : `${t.thaw_s.toFixed(0)} s`)).join(', ')}; ` +
        le.effects.map((e) => `${e.label.toLowerCase()} ${e.risk}`).join(', '),
    );
  }
  for (const sn of r.sensors ?? []) lines.push(`Thermocouple '${sn.name}': coldest ${f1(sn.min_temperature_c)} °C`);
  const watch = (outcomes?.side_effects ?? []).filter((e) => e.risk === 'high' || e.risk === 'moderate');
  if (watch.length) lines.push(`Side effects to watch: ${watch.map((e) => `${e.label.toLowerCase()} (${e.risk})`).join(', ')}`);
  const layers = r.structures.filter((x) => x.role === 'layer').map((s) => `${s.name} ${f1(s.min_temperature_c)} °C`);
  if (layers.length) lines.push(`Coldest per layer: ${layers.join(', ')}`);
  lines.push(
    `Energy balance error ${r.energy.relative_error.toExponential(1)} (${probeEnergy(r.energy.probes_j)}); ` +
      `${r.diagnostics.steps} steps on ${r.grid.nx}×${r.grid.ny}×${r.grid.nz} cells; ${f1(wall_s)} s wall time`,
  );
  return lines.join('\n');
}
