import type { Scene, Probe, Phase, Structure, Cooling, Vec3, GridSpec, Domain } from '../core/model.js';
import { STEEL } from '../core/tissue/library.js';
import { buildGrid } from '../core/grid/build.js';
import { CaseSchema, type CaseParsed } from './schema.js';
import { CaseError, type CaseIssue, formatPath, didYouMean } from './errors.js';
import { resolveTissues } from './tissues.js';

/** Most cells a grid may have unless the case raises grid.max_cells. */
export const DEFAULT_MAX_CELLS = 4_000_000;

const SOLVER_DEFAULTS = { dt_min_s: 0.02, dt_max_s: 2, max_change_c: 10, tolerance_c: 1e-3, max_iterations: 30, initial: 'steady' as const };

function cooling(c: NonNullable<CaseParsed['protocol']['cooling']>): Cooling {
  if ('temperature_c' in c) return { mode: 'temperature', curve: [[0, c.temperature_c]] };
  if ('curve' in c) return { mode: 'temperature', curve: c.curve.map(([t, v]) => [t, v] as [number, number]) };
  if ('power_w' in c) return { mode: 'power', watts: c.power_w };
  return { mode: 'cryogen', temperature_c: c.cryogen.temperature_c, h_w_m2k: c.cryogen.h_w_m2k };
}

/** Explains zod's complaints in the case's own words. */
function zodIssues(error: { issues: Array<{ path: PropertyKey[]; message: string; code: string; keys?: string[] }> }): CaseIssue[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path);
    if (i.code === 'unrecognized_keys' && i.keys) {
      return { path, message: i.keys.map((k) => `unknown field '${k}'${unitHint(k)}`).join('; ') };
    }
    return { path, message: i.message };
  });
}

function unitHint(key: string): string {
  const hints: Record<string, string> = {
    depth: ' (units are part of the name: depth_mm)', thickness: ' (thickness_mm)', diameter: ' (diameter_mm)', duration: ' (freeze_s / thaw_s)',
    temperature: ' (temperature_c)', tip: ' (tip_mm)', length: ' (active_length_mm)', spacing: ' (spacing_mm)', duration_s: ' (use freeze_s or thaw_s)',
  };
  return hints[key] ?? '';
}

/** Validates a parsed case object and turns it into the scene the core solves. */
export function resolveCase(obj: unknown, file = 'case'): Scene {
  const parsed = CaseSchema.safeParse(obj);
  if (!parsed.success) throw new CaseError(file, zodIssues(parsed.error as never));
  const c = parsed.data;
  const issues: CaseIssue[] = [];
  const tissues = resolveTissues(c.tissues, issues);
  const knownTissue = (name: string, path: string) => {
    if (!tissues[name]) issues.push({ path, message: `unknown tissue '${name}'${didYouMean(name, Object.keys(tissues))}` });
  };

  const [x0, x1] = c.domain.x_mm, [y0, y1] = c.domain.y_mm;
  if (!(x1 > x0)) issues.push({ path: 'domain.x_mm', message: `must be [min, max] with min < max (got [${x0}, ${x1}])` });
  if (!(y1 > y0)) issues.push({ path: 'domain.y_mm', message: `must be [min, max] with min < max (got [${y0}, ${y1}])` });
  const b = c.domain.boundaries ?? {};
  const side = b.sides ?? 'body';
  const surface = b.surface ?? { convection: { h_w_m2k: 10, air_temperature_c: 22 } };
  const domain: Domain = {
    x_mm: [x0, x1], y_mm: [y0, y1], depth_mm: c.domain.depth_mm,
    boundaries: {
      x_min: b.x_min ?? side, x_max: b.x_max ?? side, y_min: b.y_min ?? side, y_max: b.y_max ?? side, bottom: b.bottom ?? 'body',
      surface: surface === 'adiabatic' ? { kind: 'adiabatic' } : { kind: 'convection', h_w_m2k: surface.convection.h_w_m2k, air_temperature_c: surface.convection.air_temperature_c },
    },
  };
  const outside = (p: Vec3): string | null => {
    if (p[0] < x0) return `lies outside the domain (x ≥ ${x0})`;
    if (p[0] > x1) return `lies outside the domain (x ≤ ${x1})`;
    if (p[1] < y0) return `lies outside the domain (y ≥ ${y0})`;
    if (p[1] > y1) return `lies outside the domain (y ≤ ${y1})`;
    if (p[2] > c.domain.depth_mm) return `lies below the domain (z ≤ ${c.domain.depth_mm})`;
    if (p[2] < 0) return 'lies above the skin (z, the depth below the skin, must be ≥ 0)';
    return null;
  };

  const layers = (c.anatomy?.layers ?? []).map((l, i) => {
    knownTissue(l.tissue, `anatomy.layers[${i}].tissue`);
    return { tissue: l.tissue, thickness_mm: l.thickness_mm, ...(l.name ? { name: l.name } : {}) };
  });
  if (layers.length === 0) layers.push({ tissue: 'muscle', thickness_mm: c.domain.depth_mm, name: 'muscle' });

  const structures: Structure[] = (c.anatomy?.structures ?? []).map((s, i) => {
    const path = `anatomy.structures[${i}]`;
    knownTissue(s.tissue, `${path}.tissue`);
    switch (s.kind) {
      case 'nerve':
      case 'vessel':
      case 'tube': {
        const role = s.kind === 'tube' ? 'other' : s.kind;
        if (!polylineTouchesBox(s.path_mm as Vec3[], [x0, y0, 0], [x1, y1, c.domain.depth_mm])) issues.push({ path: `${path}.path_mm`, message: `${s.kind} '${s.name}' lies entirely outside the domain` });
        return { kind: 'tube', name: s.name, tissue: s.tissue, role, path_mm: s.path_mm as Vec3[], diameter_mm: s.diameter_mm, ...(s.kind === 'vessel' ? { flow_temperature_c: s.flow_temperature_c ?? c.body_temperature_c } : {}) };
      }
      case 'box':
        return { kind: 'box', name: s.name, tissue: s.tissue, role: 'other', min_mm: s.min_mm as Vec3, max_mm: s.max_mm as Vec3 };
      case 'cylinder':
        return { kind: 'cylinder', name: s.name, tissue: s.tissue, role: 'other', start_mm: s.start_mm as Vec3, end_mm: s.end_mm as Vec3, diameter_mm: s.diameter_mm };
      case 'sphere':
        return { kind: 'sphere', name: s.name, tissue: s.tissue, role: 'other', center_mm: s.center_mm as Vec3, diameter_mm: s.diameter_mm };
    }
  });

  const defaultCooling = c.protocol.cooling ? cooling(c.protocol.cooling) : null;
  const ids = new Set<string>();
  const probes: Probe[] = c.probes.map((p, i) => {
    const path = `probes[${i}]`;
    if (ids.has(p.id)) issues.push({ path: `${path}.id`, message: `duplicate probe id '${p.id}'` });
    ids.add(p.id);
    const cool = p.cooling ? cooling(p.cooling) : defaultCooling;
    if (!cool) issues.push({ path: `${path}.cooling`, message: 'no cooling given here or in protocol.cooling' });
    const cl = cool ?? { mode: 'temperature' as const, curve: [[0, 0]] as Array<[number, number]> };
    if (cl.mode === 'temperature') {
      const ts = cl.curve.map((q) => q[0]);
      if (ts.some((t, k) => k > 0 && t < ts[k - 1])) issues.push({ path: `${p.cooling ? path : 'protocol'}.cooling.curve`, message: 'times must not decrease' });
    }
    if (p.kind === 'needle') {
      const tip = p.tip_mm as Vec3;
      const why = outside(tip);
      if (why) issues.push({ path: `${path}.tip_mm`, message: why });
      const len = Math.hypot(...p.direction);
      if (!(len > 0)) issues.push({ path: `${path}.direction`, message: 'must not be the zero vector' });
      const dir = (len > 0 ? p.direction.map((v) => v / len) : [0, 0, 1]) as Vec3;
      const back: Vec3 = [tip[0] - dir[0] * p.active_length_mm, tip[1] - dir[1] * p.active_length_mm, tip[2] - dir[2] * p.active_length_mm];
      if (!why && back[2] < 0) issues.push({ path: `${path}.active_length_mm`, message: `the active segment would reach ${(-back[2]).toFixed(1)} mm above the skin` });
      if (!why && tissues && layerTissueAt(layers, tip[2], c.domain.depth_mm) === 'bone') issues.push({ path: `${path}.tip_mm`, message: 'lies inside bone' });
      return { kind: 'needle', id: p.id, tip_mm: tip, direction: dir, diameter_mm: p.diameter_mm, active_length_mm: p.active_length_mm, shaft: p.shaft, material: p.material ?? { ...STEEL }, cooling: cl };
    }
    const [cx, cy] = p.center_mm;
    if (cx < x0 || cx > x1 || cy < y0 || cy > y1) issues.push({ path: `${path}.center_mm`, message: `lies outside the domain's skin (x in [${x0}, ${x1}], y in [${y0}, ${y1}])` });
    return { kind: 'contact', id: p.id, center_mm: [cx, cy], diameter_mm: p.diameter_mm, cooling: cl };
  });

  const protocol: Phase[] = c.protocol.phases.map((ph, i) => {
    for (const id of ph.probes ?? []) if (!ids.has(id)) issues.push({ path: `protocol.phases[${i}].probes`, message: `unknown probe '${id}'${didYouMean(id, [...ids])}` });
    if ('freeze_s' in ph) return { kind: 'freeze', duration_s: ph.freeze_s, ...(ph.probes ? { probes: ph.probes } : {}) };
    if (ph.thaw === 'active' && ph.thaw_temperature_c === undefined) issues.push({ path: `protocol.phases[${i}].thaw_temperature_c`, message: 'an active thaw needs the temperature the probe is warmed to' });
    return { kind: 'thaw', duration_s: ph.thaw_s, thaw: ph.thaw, ...(ph.thaw_temperature_c !== undefined ? { thaw_temperature_c: ph.thaw_temperature_c } : {}), ...(ph.probes ? { probes: ph.probes } : {}) };
  });

  let maxCells = DEFAULT_MAX_CELLS;
  let grid: GridSpec;
  const g = c.grid;
  if (g === 'auto') grid = { kind: 'auto', refinement: 1 };
  else if ('auto' in g) {
    grid = { kind: 'auto', ...g.auto };
    maxCells = g.max_cells ?? maxCells;
  } else if ('spacing_mm' in g) {
    grid = { kind: 'uniform', spacing_mm: g.spacing_mm };
    maxCells = g.max_cells ?? maxCells;
  } else {
    grid = { kind: 'edges', x_mm: g.x_mm, y_mm: g.y_mm, z_mm: g.z_mm };
    maxCells = g.max_cells ?? maxCells;
    const check = (axis: string, e: number[], lo: number, hi: number) => {
      if (e.some((v, k) => k > 0 && !(v > e[k - 1]))) issues.push({ path: `grid.${axis}_mm`, message: 'edges must increase' });
      else if (Math.abs(e[0] - lo) > 1e-9 || Math.abs(e[e.length - 1] - hi) > 1e-9) issues.push({ path: `grid.${axis}_mm`, message: `edges must run from ${lo} to ${hi} (the domain)` });
    };
    check('x', g.x_mm, x0, x1);
    check('y', g.y_mm, y0, y1);
    check('z', g.z_mm, 0, c.domain.depth_mm);
  }

  const scene: Scene = {
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    body_temperature_c: c.body_temperature_c,
    tissues,
    layers,
    structures,
    domain,
    probes,
    protocol,
    warmers: c.protocol.warmers.map((w) => ({ name: w.name, center_mm: [w.center_mm[0], w.center_mm[1]], size_mm: [w.size_mm[0], w.size_mm[1]], temperature_c: w.temperature_c, h_w_m2k: w.h_w_m2k })),
    grid,
    solver: { ...SOLVER_DEFAULTS, ...(c.solver ?? {}) },
    outputs: { isotherms_c: c.outputs?.isotherms_c ?? [0, -20, -40], series_interval_s: c.outputs?.series_interval_s ?? 1, volumes: c.outputs?.volumes ?? [] },
  };
  if (issues.length) throw new CaseError(file, issues);

  // The grid's size is known only once the rest is valid.
  const cells = estimateCells(scene);
  if (cells > maxCells) {
    throw new CaseError(file, [{ path: 'grid', message: `would have ${cells.toLocaleString('en-US')} cells, more than the limit of ${maxCells.toLocaleString('en-US')} (coarsen it, or raise grid.max_cells)` }]);
  }
  return scene;
}

function estimateCells(scene: Scene): number {
  const g = scene.grid;
  const d = scene.domain;
  if (g.kind === 'uniform') return Math.round((d.x_mm[1] - d.x_mm[0]) / g.spacing_mm) * Math.round((d.y_mm[1] - d.y_mm[0]) / g.spacing_mm) * Math.round(d.depth_mm / g.spacing_mm);
  if (g.kind === 'edges') return (g.x_mm.length - 1) * (g.y_mm.length - 1) * (g.z_mm.length - 1);
  const grid = buildGrid(scene);
  return grid.nx * grid.ny * grid.nz;
}

function layerTissueAt(layers: Array<{ tissue: string; thickness_mm: number }>, z: number, depth: number): string | undefined {
  let top = 0;
  for (let i = 0; i < layers.length; i++) {
    const bottom = i === layers.length - 1 ? depth : top + layers[i].thickness_mm;
    if (z >= top && z <= bottom) return layers[i].tissue;
    top = bottom;
  }
  return undefined;
}

function polylineTouchesBox(path: Vec3[], lo: Vec3, hi: Vec3): boolean {
  const inside = (p: Vec3) => p.every((v, i) => v >= lo[i] && v <= hi[i]);
  for (let i = 0; i + 1 < path.length; i++) {
    for (let s = 0; s <= 64; s++) {
      const t = s / 64;
      const p: Vec3 = [0, 1, 2].map((k) => path[i][k] + t * (path[i + 1][k] - path[i][k])) as Vec3;
      if (inside(p)) return true;
    }
  }
  return false;
}
