import type { Cooling, Layer, Probe, Structure, Vec3 } from '../core/model.js';
import { STEEL } from '../core/tissue/library.js';
import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import type { CatalogueProbe } from '../core/probe/catalogue-types.js';
import { layerAt, outsideDomain, structureAt, type ResolveContext } from './anatomy.js';
import { didYouMean } from './errors.js';
import { DEFAULT_SPRAY_DISTANCE_MM, LN2_SPRAY_COOLING } from '../core/probe/spray.js';
import type { CaseParsed, CoolingParsed } from './schema.js';

/** A constant temperature is the one-point curve: the core knows only curves. */
export function resolveCooling(c: CoolingParsed): Cooling {
  if ('temperature_c' in c) return { mode: 'temperature', curve: [[0, c.temperature_c]] };
  if ('curve' in c) return { mode: 'temperature', curve: c.curve.map(([t, v]) => [t, v] as [number, number]) };
  if ('power_w' in c) return { mode: 'power', watts: c.power_w };
  return { mode: 'cryogen', temperature_c: c.cryogen.temperature_c, h_w_m2k: c.cryogen.h_w_m2k };
}

type DirectionParsed = Extract<CaseParsed['probes'][number], { kind: 'needle' }>['direction'];

/** Unit vector towards the tip; null for the zero vector. */
export function directionVector(d: DirectionParsed): Vec3 | null {
  if (Array.isArray(d)) {
    const len = Math.hypot(d[0], d[1], d[2]);
    return len > 0 ? [d[0] / len, d[1] / len, d[2] / len] : null;
  }
  const a = (d.angle_to_skin_deg * Math.PI) / 180;
  const az = (d.azimuth_deg * Math.PI) / 180;
  // Exact zeros for the usual right angles keep axis-aligned needles axis-aligned (the grid follows their faces).
  const clean = (v: number) => (Math.abs(v) < 1e-12 ? 0 : v);
  return [clean(Math.cos(a) * Math.cos(az)), clean(Math.cos(a) * Math.sin(az)), clean(Math.sin(a))];
}

/** The catalogue entry a probe names, checked against its kind; undefined (with an issue) when unusable. */
function catalogueEntry(p: CaseParsed['probes'][number], path: string, ctx: ResolveContext): CatalogueProbe | undefined {
  if (!p.model) return undefined;
  const m = PROBE_CATALOGUE[p.model];
  if (!m) {
    ctx.issues.push({ path: `${path}.model`, message: `unknown probe model '${p.model}'${didYouMean(p.model, Object.keys(PROBE_CATALOGUE))}` });
    return undefined;
  }
  if (m.kind !== p.kind) {
    ctx.issues.push({ path: `${path}.model`, message: `'${p.model}' is a ${m.kind} probe, but this probe is kind: ${p.kind}` });
    return undefined;
  }
  return m;
}

/** Offsets of a multi-tip handpiece's tips: in a row across the needle, centred on the given tip. */
function tipOffsets(m: CatalogueProbe | undefined, u: Vec3): Vec3[] {
  const n = m?.tips?.count ?? 1;
  if (n <= 1) return [[0, 0, 0]];
  // The row runs along the skin, across the needle (along x for a needle straight down).
  let e: Vec3 = [-u[1], u[0], 0];
  const len = Math.hypot(e[0], e[1]);
  e = len > 1e-9 ? [e[0] / len, e[1] / len, 0] : [1, 0, 0];
  const sp = m!.tips!.spacing_mm;
  return Array.from({ length: n }, (_, k) => {
    const d = (k - (n - 1) / 2) * sp;
    return [e[0] * d, e[1] * d, 0] as Vec3;
  });
}

export function resolveProbes(c: CaseParsed, ctx: ResolveContext, layers: Layer[], structures: Structure[]): Probe[] {
  const { issues, domain: d } = ctx;
  const defaultCooling = c.protocol.cooling ? resolveCooling(c.protocol.cooling) : null;
  if (c.protocol.cooling) checkCurve(c.protocol.cooling, 'protocol.cooling', ctx);
  const ids = new Set<string>();
  return c.probes.flatMap((p, i): Probe[] => {
    const path = `probes[${i}]`;
    if (ids.has(p.id)) issues.push({ path: `${path}.id`, message: `duplicate probe id '${p.id}'` });
    ids.add(p.id);
    const m = catalogueEntry(p, path, ctx);
    if (p.cooling) checkCurve(p.cooling, `${path}.cooling`, ctx);
    // The probe's own cooling, then its catalogue model's calibrated one, then the protocol's default
    // (a spray's default is boiling liquid nitrogen: protocol.cooling is a probe's, not a spray's).
    const own = p.cooling ? resolveCooling(p.cooling) : (m?.cooling ?? (p.kind === 'spray' ? { ...LN2_SPRAY_COOLING } : null));
    // An unusable model has its own issue: its missing cooling is not a second problem.
    if (!own && !defaultCooling && !(p.model && !m))
      issues.push({ path: `${path}.cooling`, message: 'no cooling given, here, in protocol.cooling or by a catalogue model' });
    const cooling = own ?? defaultCooling ?? { mode: 'temperature', curve: [[0, ctx.body_temperature_c]] };
    const required = <T>(v: T | undefined, field: string): T | undefined => {
      if (v === undefined && !(p.model && !m)) issues.push({ path: `${path}.${field}`, message: 'is required (or name a catalogue model that gives it)' });
      return v;
    };
    const diameter = required(p.diameter_mm ?? m?.diameter_mm, 'diameter_mm') ?? 1;

    if (p.kind === 'contact' || p.kind === 'spray') {
      const [cx, cy] = p.center_mm;
      const r = diameter / 2;
      if (cx < d.x_mm[0] || cx > d.x_mm[1] || cy < d.y_mm[0] || cy > d.y_mm[1]) {
        issues.push({ path: `${path}.center_mm`, message: `lies outside the domain's skin (x in [${d.x_mm.join(', ')}], y in [${d.y_mm.join(', ')}])` });
      } else if (cx - r < d.x_mm[0] || cx + r > d.x_mm[1] || cy - r < d.y_mm[0] || cy + r > d.y_mm[1]) {
        issues.push({
          path: `${path}.diameter_mm`,
          message: `the ${diameter} mm ${p.kind === 'spray' ? 'spot' : 'face'} reaches past the domain's edge; widen domain.x_mm / y_mm`,
        });
      }
      if (p.kind === 'spray') {
        if (cooling.mode === 'power')
          issues.push({
            path: `${path}.cooling`,
            message: 'a spray draws what the boiling cryogen allows: give {cryogen: {temperature_c, h_w_m2k}} or {temperature_c} (a held surface), not a power',
          });
        return [
          {
            kind: 'spray',
            id: p.id,
            center_mm: [cx, cy],
            diameter_mm: diameter,
            distance_mm: p.distance_mm ?? DEFAULT_SPRAY_DISTANCE_MM,
            ...(p.pattern ? { pattern: { on_s: p.pattern.on_s, off_s: p.pattern.off_s } } : {}),
            cooling,
          },
        ];
      }
      return [{ kind: 'contact', id: p.id, center_mm: [cx, cy], diameter_mm: diameter, cooling }];
    }

    const active = required(p.active_length_mm ?? m?.active_length_mm, 'active_length_mm') ?? 1;
    const dir = directionVector(p.direction);
    if (!dir) issues.push({ path: `${path}.direction`, message: 'must not be the zero vector' });
    else if (dir[2] < 0)
      issues.push({
        path: `${path}.direction`,
        message: 'points up towards the skin: a needle enters through the skin, so its direction needs z ≥ 0 (z is depth)',
      });
    const u = dir ?? [0, 0, 1];
    const offsets = tipOffsets(m, u);
    return offsets.map((o, k): Probe => {
      const tip: Vec3 = [p.tip_mm[0] + o[0], p.tip_mm[1] + o[1], p.tip_mm[2] + o[2]];
      const where = offsets.length > 1 ? ` (tip ${k + 1} of ${offsets.length})` : '';
      const why = outsideDomain(d, tip);
      if (why) issues.push({ path: `${path}.tip_mm`, message: why + where });
      else {
        const back: Vec3 = [tip[0] - u[0] * active, tip[1] - u[1] * active, tip[2] - u[2] * active];
        if (back[2] < 0)
          issues.push({ path: `${path}.active_length_mm`, message: `the active segment would reach ${(-back[2]).toFixed(1)} mm above the skin${where}` });
        else if (outsideDomain(d, back))
          issues.push({
            path: `${path}.active_length_mm`,
            message: `the active segment leaves the domain (its far end at [${back.map((v) => +v.toFixed(2)).join(', ')}] ${outsideDomain(d, back)!.replace('lies ', '')}); enlarge the domain${where}`,
          });
        const bone = boneAt(layers, structures, tip);
        if (bone) issues.push({ path: `${path}.tip_mm`, message: `lies inside bone${bone.name ? ` ('${bone.name}')` : ''}${where}` });
        else {
          const crossed = boneAlong(layers, structures, tip, back);
          if (crossed)
            issues.push({
              path: `${path}.tip_mm`,
              message: `the active segment passes through bone${crossed.name ? ` ('${crossed.name}')` : ''}: a needle cannot be placed there${where}`,
            });
        }
      }
      return {
        kind: 'needle',
        id: offsets.length > 1 ? `${p.id}-${k + 1}` : p.id,
        tip_mm: tip,
        direction: u,
        diameter_mm: diameter,
        active_length_mm: active,
        shaft: p.shaft ?? m?.shaft ?? 'insulated',
        material: p.material ?? { ...STEEL },
        cooling,
      };
    });
  });
}

/** The bone at p (a bone structure, or a bone layer with no structure over it), if any. */
function boneAt(layers: Layer[], structures: Structure[], p: Vec3): { name?: string } | undefined {
  const inStructure = structureAt(structures, p);
  if (inStructure) return inStructure.tissue === 'bone' ? { name: inStructure.name } : undefined;
  return layerAt(layers, p[2])?.tissue === 'bone' ? {} : undefined;
}

/**
 * Bone along the active segment between the tip and its far end, sampled every
 * 0.1 mm: finer than any bone a case draws, coarse enough to cost nothing.
 */
function boneAlong(layers: Layer[], structures: Structure[], tip: Vec3, back: Vec3): { name?: string } | undefined {
  const len = Math.hypot(back[0] - tip[0], back[1] - tip[1], back[2] - tip[2]);
  const n = Math.max(1, Math.ceil(len / 0.1));
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const hit = boneAt(layers, structures, [tip[0] + t * (back[0] - tip[0]), tip[1] + t * (back[1] - tip[1]), tip[2] + t * (back[2] - tip[2])]);
    if (hit) return hit;
  }
  return undefined;
}

function checkCurve(c: CoolingParsed, path: string, ctx: ResolveContext): void {
  if (!('curve' in c)) return;
  const ts = c.curve.map((q) => q[0]);
  const k = ts.findIndex((t, j) => j > 0 && t < ts[j - 1]);
  if (k > 0) ctx.issues.push({ path: `${path}.curve[${k}]`, message: `times must not decrease (${ts[k]} s after ${ts[k - 1]} s)` });
}
