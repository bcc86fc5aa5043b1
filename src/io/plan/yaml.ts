import { stringify } from 'yaml';
import type { Scene } from '../../core/model.js';
import type { Candidate } from '../../core/plan/search.js';

/**
 * The chosen plan as a case file that `cryoplan run` accepts: the case as merged from its
 * preset and file, with the chosen probe placement, model, protocol and warmer written
 * in. It stands alone (the preset's fields are written out), and has no plan: section.
 */
export function planYaml(merged: Record<string, unknown>, chosen: Candidate, scene: Scene, source: string): string {
  const c = structuredClone(merged);
  delete c.plan;
  delete c.condition;
  delete c.$schema;
  const probes = Array.isArray(c.probes) ? (c.probes as Record<string, unknown>[]) : [];
  if (probes.length === scene.probes.length) {
    probes.forEach((p, i) => {
      const s = scene.probes[i];
      if (s.kind === 'needle') {
        p.tip_mm = s.tip_mm;
        p.direction = s.direction;
      } else p.center_mm = s.center_mm;
      if (chosen.config.probe) p.model = chosen.config.probe;
    });
  }
  const protocol = (c.protocol ?? {}) as Record<string, unknown>;
  protocol.phases = scene.protocol.map((ph) =>
    ph.kind === 'freeze'
      ? { kind: 'freeze', duration_s: ph.duration_s, ...(ph.probes ? { probes: ph.probes } : {}) }
      : {
          kind: 'thaw',
          duration_s: ph.duration_s,
          thaw: ph.thaw ?? 'passive',
          ...(ph.thaw_temperature_c !== undefined ? { thaw_temperature_c: ph.thaw_temperature_c } : {}),
          ...(ph.probes ? { probes: ph.probes } : {}),
        },
  );
  protocol.warmers = scene.warmers.map((w) => ({
    name: w.name,
    center_mm: w.center_mm,
    size_mm: w.size_mm,
    temperature_c: w.temperature_c,
    h_w_m2k: w.h_w_m2k,
  }));
  c.protocol = protocol;
  c.name = `${String(c.name ?? 'case')}-plan`;
  const head = [
    `# The plan cryoplan chose for ${source}: ${chosen.config.cycles > 1 ? `${chosen.config.cycles} freezes of ${chosen.freeze_s} s` : `one ${chosen.freeze_s} s freeze`},`,
    `# probe moved ${chosen.config.along_mm} mm along the nerve, ${chosen.config.across_mm} mm across it and ${chosen.config.depth_mm} mm deeper.`,
    `# P(complete block) ${(100 * chosen.block.p).toFixed(0)} % ± ${(100 * chosen.block.error).toFixed(0)} % over the uncertainty samples (plan.json).`,
    '# Run it: cryoplan run plan.yaml',
  ];
  return `${head.join('\n')}\n${stringify(c, { lineWidth: 0 })}`;
}
