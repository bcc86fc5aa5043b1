import type { Phase, Probe, Warmer } from '../core/model.js';
import { didYouMean } from './errors.js';
import type { ResolveContext } from './anatomy.js';
import type { CaseParsed } from './schema.js';

export function resolvePhases(c: CaseParsed, ctx: ResolveContext, probes: Probe[]): Phase[] {
  const ids = probes.map((p) => p.id);
  // A multi-tip handpiece is named by the case's id and becomes tips id-1, id-2, ...
  const tipsOf = (id: string) => (ids.includes(id) ? [id] : ids.filter((x) => x.startsWith(`${id}-`) && /^\d+$/.test(x.slice(id.length + 1))));
  const named = [...new Set(c.probes.map((p) => p.id).concat(ids))];
  return c.protocol.phases.map((ph, i): Phase => {
    const path = `protocol.phases[${i}]`;
    for (const id of ph.probes ?? []) {
      if (!tipsOf(id).length) ctx.issues.push({ path: `${path}.probes`, message: `unknown probe '${id}'${didYouMean(id, named)}` });
    }
    const only = ph.probes ? { probes: ph.probes.flatMap(tipsOf) } : {};
    const freeze = 'freeze_s' in ph || ('kind' in ph && ph.kind === 'freeze');
    const duration_s = 'freeze_s' in ph ? ph.freeze_s : 'thaw_s' in ph ? ph.thaw_s : ph.duration_s;
    if (freeze) return { kind: 'freeze', duration_s, ...only };
    const t = ph as Extract<typeof ph, { thaw: unknown }>;
    if (t.thaw === 'active' && t.thaw_temperature_c === undefined) {
      ctx.issues.push({ path: `${path}.thaw_temperature_c`, message: 'an active thaw needs the temperature the probe is warmed to' });
    }
    if (t.thaw === 'passive' && t.thaw_temperature_c !== undefined) {
      ctx.issues.push({ path: `${path}.thaw_temperature_c`, message: 'applies only to an active thaw (thaw: active)' });
    }
    return { kind: 'thaw', duration_s, thaw: t.thaw, ...(t.thaw_temperature_c !== undefined ? { thaw_temperature_c: t.thaw_temperature_c } : {}), ...only };
  });
}

export function resolveWarmers(c: CaseParsed, ctx: ResolveContext): Warmer[] {
  const d = ctx.domain;
  return c.protocol.warmers.map((w, i) => {
    const [cx, cy] = w.center_mm;
    if (cx < d.x_mm[0] || cx > d.x_mm[1] || cy < d.y_mm[0] || cy > d.y_mm[1]) {
      ctx.issues.push({
        path: `protocol.warmers[${i}].center_mm`,
        message: `lies outside the domain's skin (x in [${d.x_mm.join(', ')}], y in [${d.y_mm.join(', ')}])`,
      });
    }
    return { name: w.name, center_mm: [cx, cy], size_mm: [w.size_mm[0], w.size_mm[1]], temperature_c: w.temperature_c, h_w_m2k: w.h_w_m2k };
  });
}
