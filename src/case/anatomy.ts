import type { AtRisk, Complication, Domain, Layer, Structure, Tissue, Vec3 } from '../core/model.js';
import { insideStructure } from '../core/anatomy/geometry.js';
import { didYouMean, type CaseIssue } from './errors.js';
import type { CaseParsed } from './schema.js';

/** What the resolvers share: the problems found so far, and the parts already resolved. */
export interface ResolveContext {
  issues: CaseIssue[];
  tissues: Record<string, Tissue>;
  domain: Domain;
  body_temperature_c: number;
}

export function checkTissue(ctx: ResolveContext, name: string, path: string): void {
  if (!ctx.tissues[name]) ctx.issues.push({ path, message: `unknown tissue '${name}'${didYouMean(name, Object.keys(ctx.tissues))}` });
}

export function resolveDomain(c: CaseParsed, issues: CaseIssue[]): Domain {
  const [x0, x1] = c.domain.x_mm;
  const [y0, y1] = c.domain.y_mm;
  if (!(x1 > x0)) issues.push({ path: 'domain.x_mm', message: `must be [min, max] with min < max (got [${x0}, ${x1}])` });
  if (!(y1 > y0)) issues.push({ path: 'domain.y_mm', message: `must be [min, max] with min < max (got [${y0}, ${y1}])` });
  const b = c.domain.boundaries ?? {};
  const side = b.sides ?? 'body';
  const surface = b.surface ?? { convection: { h_w_m2k: 10, air_temperature_c: 22 } };
  return {
    x_mm: [x0, x1],
    y_mm: [y0, y1],
    depth_mm: c.domain.depth_mm,
    boundaries: {
      x_min: b.x_min ?? side,
      x_max: b.x_max ?? side,
      y_min: b.y_min ?? side,
      y_max: b.y_max ?? side,
      bottom: b.bottom ?? 'body',
      surface:
        surface === 'adiabatic'
          ? { kind: 'adiabatic' }
          : { kind: 'convection', h_w_m2k: surface.convection.h_w_m2k, air_temperature_c: surface.convection.air_temperature_c },
    },
  };
}

/** Why a point lies outside the domain, in the terms of the bound it breaks; null when inside. */
export function outsideDomain(d: Domain, p: Vec3): string | null {
  if (p[0] < d.x_mm[0]) return `lies outside the domain (x ≥ ${d.x_mm[0]})`;
  if (p[0] > d.x_mm[1]) return `lies outside the domain (x ≤ ${d.x_mm[1]})`;
  if (p[1] < d.y_mm[0]) return `lies outside the domain (y ≥ ${d.y_mm[0]})`;
  if (p[1] > d.y_mm[1]) return `lies outside the domain (y ≤ ${d.y_mm[1]})`;
  if (p[2] < 0) return 'lies above the skin (z is the depth below the skin and must be ≥ 0)';
  if (p[2] > d.depth_mm) return `lies below the domain (z ≤ ${d.depth_mm})`;
  return null;
}

export function resolveLayers(c: CaseParsed, ctx: ResolveContext): Layer[] {
  const layers: Layer[] = (c.anatomy?.layers ?? []).map((l, i) => {
    checkTissue(ctx, l.tissue, `anatomy.layers[${i}].tissue`);
    return { tissue: l.tissue, thickness_mm: l.thickness_mm, ...(l.name ? { name: l.name } : {}), ...atRisk(l.at_risk, undefined) };
  });
  // A case without layers is homogeneous muscle: the commonest bench test.
  if (layers.length === 0) layers.push({ tissue: 'muscle', thickness_mm: ctx.domain.depth_mm, name: 'muscle' });
  return layers;
}

/** The layer's tissue at depth z (the last layer extends to the bottom). */
export function layerAt(layers: Layer[], z: number): Layer | undefined {
  let top = 0;
  for (let i = 0; i < layers.length; i++) {
    const bottom = i === layers.length - 1 ? Infinity : top + layers[i].thickness_mm;
    if (z >= top && z <= bottom) return layers[i];
    top = bottom;
  }
  return undefined;
}

type AtRiskInput = false | { complication: Complication; note?: string } | undefined;

/**
 * The organ-at-risk mark of a layer or structure: as written, else the default for
 * its kind (a vessel, a nerve that is not a target), else none; `false` turns the
 * default off.
 */
export function atRisk(given: AtRiskInput, fallback: Complication | undefined): { at_risk?: AtRisk } {
  if (given === false) return {};
  if (given) return { at_risk: { complication: given.complication, ...(given.note ? { note: given.note } : {}) } };
  return fallback ? { at_risk: { complication: fallback } } : {};
}

export function resolveStructures(c: CaseParsed, ctx: ResolveContext): Structure[] {
  const d = ctx.domain;
  const lo: Vec3 = [d.x_mm[0], d.y_mm[0], 0];
  const hi: Vec3 = [d.x_mm[1], d.y_mm[1], d.depth_mm];
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch over kind is exhaustive (checked by TypeScript)
  return (c.anatomy?.structures ?? []).map((s, i): Structure => {
    const path = `anatomy.structures[${i}]`;
    checkTissue(ctx, s.tissue, `${path}.tissue`);
    const outside = () => ctx.issues.push({ path, message: `${s.kind} '${s.name}' lies entirely outside the domain` });
    switch (s.kind) {
      case 'nerve':
      case 'vessel':
      case 'tube': {
        const pts = s.path_mm as Vec3[];
        if (!polylineTouchesBox(pts, lo, hi)) ctx.issues.push({ path: `${path}.path_mm`, message: `${s.kind} '${s.name}' lies entirely outside the domain` });
        if (pts.every((p, k) => k === 0 || samePoint(p, pts[k - 1])))
          ctx.issues.push({ path: `${path}.path_mm`, message: 'all points coincide: the path has no length' });
        // Past the domain's sides or bottom a tube may well continue; above the skin it cannot.
        const above = pts.findIndex((p) => p[2] < 0);
        if (above >= 0)
          ctx.issues.push({
            path: `${path}.path_mm[${above}]`,
            message: `${s.kind} '${s.name}' lies above the skin (z is the depth below the skin and must be ≥ 0; got ${pts[above][2]})`,
          });
        const role = s.kind === 'tube' ? 'other' : s.kind;
        const flow = s.kind === 'vessel' ? { flow_temperature_c: s.flow_temperature_c ?? ctx.body_temperature_c } : {};
        // A nerve written with an at-risk mark is one to spare, unless it says it is a target.
        const target = s.kind === 'nerve' ? (s.target ?? !s.at_risk) : undefined;
        const nerve =
          s.kind === 'nerve'
            ? {
                ...(s.target_distance_mm !== undefined ? { target_distance_mm: s.target_distance_mm } : {}),
                ...(s.territory ? { territory: s.territory } : {}),
                ...(target ? {} : { target: false }),
              }
            : {};
        const fallback = s.kind === 'vessel' ? 'vessel-injury' : s.kind === 'nerve' && !target ? 'nerve-injury' : undefined;
        return {
          kind: 'tube',
          name: s.name,
          tissue: s.tissue,
          role,
          path_mm: pts,
          diameter_mm: s.diameter_mm,
          ...flow,
          ...nerve,
          ...atRisk(s.at_risk, fallback),
        };
      }
      case 'box': {
        const [a, b] = [s.min_mm as Vec3, s.max_mm as Vec3];
        const bad = [0, 1, 2].filter((k) => !(b[k] > a[k])).map((k) => 'xyz'[k]);
        if (bad.length) ctx.issues.push({ path: `${path}.max_mm`, message: `must exceed min_mm in ${bad.join(', ')} (got min ${fmt(a)}, max ${fmt(b)})` });
        else if (!boxesOverlap(a, b, lo, hi)) outside();
        return { kind: 'box', name: s.name, tissue: s.tissue, role: 'other', min_mm: a, max_mm: b, ...atRisk(s.at_risk, undefined) };
      }
      case 'cylinder': {
        const [a, b] = [s.start_mm as Vec3, s.end_mm as Vec3];
        const r = s.diameter_mm / 2;
        if (samePoint(a, b)) ctx.issues.push({ path: `${path}.end_mm`, message: 'must differ from start_mm (the cylinder has no length)' });
        else if (!boxesOverlap(a.map((v, k) => Math.min(v, b[k]) - r) as Vec3, a.map((v, k) => Math.max(v, b[k]) + r) as Vec3, lo, hi)) outside();
        return {
          kind: 'cylinder',
          name: s.name,
          tissue: s.tissue,
          role: 'other',
          start_mm: a,
          end_mm: b,
          diameter_mm: s.diameter_mm,
          ...atRisk(s.at_risk, undefined),
        };
      }
      case 'sphere': {
        const ctr = s.center_mm as Vec3;
        const r = s.diameter_mm / 2;
        if (!boxesOverlap(ctr.map((v) => v - r) as Vec3, ctr.map((v) => v + r) as Vec3, lo, hi)) outside();
        return { kind: 'sphere', name: s.name, tissue: s.tissue, role: 'other', center_mm: ctr, diameter_mm: s.diameter_mm, ...atRisk(s.at_risk, undefined) };
      }
      case 'ellipsoid': {
        const ctr = s.center_mm as Vec3;
        const ax = s.semi_axes_mm as Vec3;
        if (!boxesOverlap(ctr.map((v, k) => v - ax[k]) as Vec3, ctr.map((v, k) => v + ax[k]) as Vec3, lo, hi)) outside();
        return { kind: 'ellipsoid', name: s.name, tissue: s.tissue, role: 'other', center_mm: ctr, semi_axes_mm: ax };
      }
    }
  });
}

/** The structure that contains p, if any (structures drawn later cover earlier ones). */
export function structureAt(structures: Structure[], p: Vec3): Structure | undefined {
  for (let i = structures.length - 1; i >= 0; i--) if (insideStructure(structures[i], p)) return structures[i];
  return undefined;
}

const fmt = (p: Vec3) => `[${p.join(', ')}]`;
const samePoint = (a: Vec3, b: Vec3) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

function boxesOverlap(a0: Vec3, a1: Vec3, b0: Vec3, b1: Vec3): boolean {
  return [0, 1, 2].every((k) => a0[k] <= b1[k] && a1[k] >= b0[k]);
}

/** Whether any part of a polyline lies inside the box (segments clipped slab by slab). */
function polylineTouchesBox(path: Vec3[], lo: Vec3, hi: Vec3): boolean {
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i];
    const b = path[i + 1];
    let t0 = 0;
    let t1 = 1;
    for (let k = 0; k < 3 && t0 <= t1; k++) {
      const d = b[k] - a[k];
      if (d === 0) {
        if (a[k] < lo[k] || a[k] > hi[k]) t1 = -1;
        continue;
      }
      const u = (lo[k] - a[k]) / d;
      const v = (hi[k] - a[k]) / d;
      t0 = Math.max(t0, Math.min(u, v));
      t1 = Math.min(t1, Math.max(u, v));
    }
    if (t0 <= t1) return true;
  }
  return false;
}
