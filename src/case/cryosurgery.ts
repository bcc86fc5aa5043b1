import type { AblationSpec, Layer, NeedleProbe, Probe, Sensor, Structure, Vec3 } from '../core/model.js';
import { outsideDomain, type ResolveContext } from './anatomy.js';
import { resolveProbes } from './probes.js';
import { didYouMean, type CaseIssue } from './errors.js';
import type { CaseParsed } from './schema.js';
import { HOLE_PATTERN } from './schema-cryosurgery.js';

/** The fluid inside a warming catheter (water). */
const SALINE = { k_w_mk: 0.6, c_j_m3k: 4.18e6 };

const letter = (i: number) => String.fromCharCode(65 + i);

/**
 * The template's needles: each hole's catalogue needle, parallel to the template
 * axis (+z, straight in from the skin), its tip at the template's depth or its own.
 * They go through the same checks as the case's own probes; the problems found are
 * reported at the template's fields.
 */
export function resolveTemplate(c: CaseParsed, ctx: ResolveContext, layers: Layer[], structures: Structure[], probes: Probe[]): Probe[] {
  const t = c.template;
  if (!t) return [];
  const inputs: CaseParsed['probes'] = [];
  const origin: string[] = [];
  const seen = new Set<string>();
  const taken = new Set(probes.map((p) => p.id));
  t.holes.forEach((h, i) => {
    const hole = typeof h === 'string' ? h : h.hole;
    const path = typeof h === 'string' ? `template.holes[${i}]` : `template.holes[${i}].hole`;
    const m = HOLE_PATTERN.exec(hole);
    if (!m) return; // the schema has said why
    const col = m[1].charCodeAt(0) - 65;
    const row = Number(m[2]);
    if (col >= t.columns || row < 1 || row > t.rows) {
      ctx.issues.push({
        path,
        message: `hole '${hole}' does not exist: the template has columns A–${letter(t.columns - 1)} and rows 1–${t.rows}`,
      });
      return;
    }
    if (seen.has(hole)) ctx.issues.push({ path, message: `hole '${hole}' is listed twice` });
    if (taken.has(hole)) ctx.issues.push({ path, message: `a probe in probes already has the id '${hole}'` });
    seen.add(hole);
    const x = t.origin_mm[0] + col * t.spacing_mm;
    const y = t.origin_mm[1] + (row - 1) * t.spacing_mm;
    const depth = (typeof h === 'string' ? undefined : h.tip_depth_mm) ?? t.tip_depth_mm;
    const needle = (id: string, z: number) => ({
      kind: 'needle' as const,
      id,
      model: t.model,
      tip_mm: [x, y, z] as [number, number, number],
      direction: [0, 0, 1] as [number, number, number],
    });
    inputs.push(needle(hole, depth));
    origin.push(path.replace(/\.hole$/, ''));
    if (typeof h !== 'string' && h.pullback_mm !== undefined) {
      inputs.push(needle(`${hole}-back`, depth - h.pullback_mm));
      origin.push(`template.holes[${i}].pullback_mm`);
    }
  });
  const issues: CaseIssue[] = [];
  const out = resolveProbes({ ...c, probes: inputs }, { ...ctx, issues }, layers, structures);
  for (const is of issues) {
    const m = /^probes\[(\d+)\](?:\.(.*))?$/.exec(is.path);
    if (!m) {
      ctx.issues.push(is);
      continue;
    }
    const field = m[2] === 'model' ? 'template.model' : m[2] === 'tip_mm' ? `${origin[Number(m[1])]}` : origin[Number(m[1])];
    ctx.issues.push({ path: field, message: `needle '${inputs[Number(m[1])].id}': ${m[2] && m[2] !== 'model' ? `${m[2]} ` : ''}${is.message}` });
  }
  return out;
}

/** Warming catheters become probes whose 'cryogen' is the warm fluid, acting in every phase: their heat enters the energy balance like any probe's. */
export function resolveCatheters(c: CaseParsed, ctx: ResolveContext, probes: Probe[]): NeedleProbe[] {
  const taken = new Set(probes.map((p) => p.id));
  return (c.protocol.catheters ?? []).flatMap((k, i): NeedleProbe[] => {
    const path = `protocol.catheters[${i}]`;
    const a = k.start_mm as Vec3;
    const b = k.end_mm as Vec3;
    if (taken.has(k.name)) ctx.issues.push({ path: `${path}.name`, message: `'${k.name}' is already a probe's id` });
    taken.add(k.name);
    for (const [p, f] of [
      [a, 'start_mm'],
      [b, 'end_mm'],
    ] as const) {
      const why = outsideDomain(ctx.domain, p);
      if (why) ctx.issues.push({ path: `${path}.${f}`, message: why });
    }
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    if (!(len > 0)) {
      ctx.issues.push({ path: `${path}.end_mm`, message: 'must differ from start_mm (the catheter has no length)' });
      return [];
    }
    return [
      {
        kind: 'needle',
        id: k.name,
        tip_mm: b,
        direction: [(b[0] - a[0]) / len, (b[1] - a[1]) / len, (b[2] - a[2]) / len],
        diameter_mm: k.diameter_mm,
        active_length_mm: len,
        shaft: 'insulated',
        material: { ...SALINE },
        cooling: { mode: 'cryogen', temperature_c: k.temperature_c, h_w_m2k: k.h_w_m2k },
        purpose: 'warming',
      },
    ];
  });
}

export function resolveSensors(c: CaseParsed, ctx: ResolveContext): Sensor[] {
  const names = new Set<string>();
  return (c.sensors ?? []).map((s, i) => {
    if (names.has(s.name)) ctx.issues.push({ path: `sensors[${i}].name`, message: `duplicate sensor name '${s.name}'` });
    names.add(s.name);
    const at = s.at_mm as Vec3;
    const why = outsideDomain(ctx.domain, at);
    if (why) ctx.issues.push({ path: `sensors[${i}].at_mm`, message: `sensor '${s.name}' ${why}` });
    return { name: s.name, at_mm: at };
  });
}

export function resolveAblation(c: CaseParsed, ctx: ResolveContext, layers: Layer[], structures: Structure[]): AblationSpec | undefined {
  const a = c.ablation;
  if (!a) return undefined;
  const names = structures.map((s) => s.name);
  const regions = [...names, ...layers.map((l) => l.name ?? l.tissue)];
  if (!names.includes(a.target)) ctx.issues.push({ path: 'ablation.target', message: `no structure named '${a.target}'${didYouMean(a.target, names)}` });
  if (!(a.lethal_c <= a.partial_c))
    ctx.issues.push({ path: 'ablation.lethal_c', message: `must not be warmer than partial_c (${a.lethal_c} > ${a.partial_c})` });
  a.limits.forEach((l, i) => {
    if (!regions.includes(l.structure))
      ctx.issues.push({ path: `ablation.limits[${i}].structure`, message: `no structure or layer named '${l.structure}'${didYouMean(l.structure, regions)}` });
  });
  return {
    target: a.target,
    lethal_c: a.lethal_c,
    partial_c: a.partial_c,
    limits: a.limits.map((l) => ({ ...l })),
    ...(a.side_names ? { side_names: { ...a.side_names } as Record<string, string> } : {}),
  };
}
