import type { Cooling, Layer, Probe, Structure, Vec3 } from '../core/model.js';
import { STEEL } from '../core/tissue/library.js';
import { layerAt, outsideDomain, structureAt, type ResolveContext } from './anatomy.js';
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

export function resolveProbes(c: CaseParsed, ctx: ResolveContext, layers: Layer[], structures: Structure[]): Probe[] {
  const { issues, domain: d } = ctx;
  const defaultCooling = c.protocol.cooling ? resolveCooling(c.protocol.cooling) : null;
  if (c.protocol.cooling) checkCurve(c.protocol.cooling, 'protocol.cooling', ctx);
  const ids = new Set<string>();
  return c.probes.map((p, i): Probe => {
    const path = `probes[${i}]`;
    if (ids.has(p.id)) issues.push({ path: `${path}.id`, message: `duplicate probe id '${p.id}'` });
    ids.add(p.id);
    if (p.cooling) checkCurve(p.cooling, `${path}.cooling`, ctx);
    const own = p.cooling ? resolveCooling(p.cooling) : null;
    if (!own && !defaultCooling) issues.push({ path: `${path}.cooling`, message: 'no cooling given, here or in protocol.cooling' });
    const cooling = own ?? defaultCooling ?? { mode: 'temperature', curve: [[0, ctx.body_temperature_c]] };

    if (p.kind === 'contact') {
      const [cx, cy] = p.center_mm;
      const r = p.diameter_mm / 2;
      if (cx < d.x_mm[0] || cx > d.x_mm[1] || cy < d.y_mm[0] || cy > d.y_mm[1]) {
        issues.push({ path: `${path}.center_mm`, message: `lies outside the domain's skin (x in [${d.x_mm.join(', ')}], y in [${d.y_mm.join(', ')}])` });
      } else if (cx - r < d.x_mm[0] || cx + r > d.x_mm[1] || cy - r < d.y_mm[0] || cy + r > d.y_mm[1]) {
        issues.push({ path: `${path}.diameter_mm`, message: `the ${p.diameter_mm} mm face reaches past the domain's edge; widen domain.x_mm / y_mm` });
      }
      return { kind: 'contact', id: p.id, center_mm: [cx, cy], diameter_mm: p.diameter_mm, cooling };
    }

    const tip = p.tip_mm as Vec3;
    const dir = directionVector(p.direction);
    if (!dir) issues.push({ path: `${path}.direction`, message: 'must not be the zero vector' });
    else if (dir[2] < 0) issues.push({ path: `${path}.direction`, message: 'points up towards the skin: a needle enters through the skin, so its direction needs z ≥ 0 (z is depth)' });
    const u = dir ?? [0, 0, 1];
    const why = outsideDomain(d, tip);
    if (why) issues.push({ path: `${path}.tip_mm`, message: why });
    else {
      const back: Vec3 = [tip[0] - u[0] * p.active_length_mm, tip[1] - u[1] * p.active_length_mm, tip[2] - u[2] * p.active_length_mm];
      if (back[2] < 0) issues.push({ path: `${path}.active_length_mm`, message: `the active segment would reach ${(-back[2]).toFixed(1)} mm above the skin` });
      else if (outsideDomain(d, back)) issues.push({ path: `${path}.active_length_mm`, message: `the active segment leaves the domain (its far end at [${back.map((v) => +v.toFixed(2)).join(', ')}] ${outsideDomain(d, back)!.replace('lies ', '')}); enlarge the domain` });
      const layer = layerAt(layers, tip[2]);
      const inStructure = structureAt(structures, tip);
      const tissue = inStructure?.tissue ?? layer?.tissue;
      if (tissue === 'bone') issues.push({ path: `${path}.tip_mm`, message: `lies inside bone${inStructure ? ` ('${inStructure.name}')` : ''}` });
    }
    return {
      kind: 'needle',
      id: p.id,
      tip_mm: tip,
      direction: u,
      diameter_mm: p.diameter_mm,
      active_length_mm: p.active_length_mm,
      shaft: p.shaft,
      material: p.material ?? { ...STEEL },
      cooling,
    };
  });
}

function checkCurve(c: CoolingParsed, path: string, ctx: ResolveContext): void {
  if (!('curve' in c)) return;
  const ts = c.curve.map((q) => q[0]);
  const k = ts.findIndex((t, j) => j > 0 && t < ts[j - 1]);
  if (k > 0) ctx.issues.push({ path: `${path}.curve[${k}]`, message: `times must not decrease (${ts[k]} s after ${ts[k - 1]} s)` });
}
