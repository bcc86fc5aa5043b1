import type { Scene, Vec3 } from '../model.js';
import type { Grid } from '../grid/rectilinear.js';
import { insideGrid, locate } from '../grid/rectilinear.js';
import { insideStructure, segmentDistance2 } from './geometry.js';
import { labelSampler } from './labelmap.js';
import { needleSegments } from '../probe/needle.js';
import { insideCylinder } from '../probe/section.js';
import { phaseModel, inertModel, type PhaseModel } from '../tissue/enthalpy.js';
import { INSULATION } from '../tissue/library.js';

export type RegionRole = 'layer' | 'nerve' | 'vessel' | 'other' | 'probe' | 'shaft';

export interface Region {
  name: string;
  role: RegionRole;
  /** Tissue id, or 'probe:<id>' / 'shaft:<id>'. */
  material: string;
  materialIndex: number;
  /** Index into scene.structures for structures. */
  structure?: number;
  /** Index into scene.probes for probe parts (for a stretch shared by several needles, the first of them). */
  probe?: number;
  /** For a stretch of needle that several probes' active segments share (a pull-back's two positions): all of them, in scene order. */
  probes?: number[];
  /** The labelmap value this region draws, for regions from anatomy.labelmap. */
  label?: number;
}

export interface Raster {
  /** Region of each cell. */
  label: Uint8Array;
  regions: Region[];
  materials: PhaseModel[];
  /** Needle part (an index into needleParts) of each cell of a needle's active segment, -1 elsewhere. */
  needlePart: Int16Array;
  /**
   * The active segments' parts: each needle's own cells, and each stretch that
   * several needles' active segments share, which cools while any of them cools.
   */
  needleParts: NeedlePart[];
  /** Vessel lumen: blood temperature held by the flow; NaN elsewhere. */
  heldTemperature: Float64Array;
}

/** Cells of active segments that belong to the same set of needle probes (scene order), drawn as one region. */
export interface NeedlePart {
  region: number;
  probes: number[];
}

const MAX_REGIONS = 255;

/** Assigns a region (and so a material) to every cell by sampling its centre. */
export function rasterise(scene: Scene, g: Grid): Raster {
  const n = g.nx * g.ny * g.nz;
  const label = new Uint8Array(n);
  const needlePart = new Int16Array(n).fill(-1);
  const needleParts: NeedlePart[] = [];
  const heldTemperature = new Float64Array(n).fill(NaN);
  const regions: Region[] = [];
  const materials: PhaseModel[] = [];
  const materialIndex = new Map<string, number>();

  const material = (key: string, make: () => PhaseModel) => {
    let i = materialIndex.get(key);
    if (i === undefined) {
      i = materials.length;
      materials.push(make());
      materialIndex.set(key, i);
    }
    return i;
  };
  const tissueMaterial = (id: string) => {
    const t = scene.tissues[id];
    if (!t) throw new Error(`unknown tissue '${id}'`);
    return material(`tissue:${id}`, () => phaseModel(t));
  };
  const addRegion = (r: Omit<Region, 'materialIndex'>, mi: number) => {
    if (regions.length >= MAX_REGIONS) throw new RangeError(`too many regions (more than ${MAX_REGIONS})`);
    regions.push({ ...r, materialIndex: mi });
    return regions.length - 1;
  };

  // Layers from the skin down; the last one fills the rest of the domain.
  const layerTop: number[] = [];
  const layerRegion: number[] = [];
  let depth = 0;
  const layers = scene.layers.length > 0 ? scene.layers : [{ tissue: 'muscle', thickness_mm: scene.domain.depth_mm }];
  layers.forEach((l, i) => {
    layerTop.push(depth);
    depth += l.thickness_mm;
    const name = l.name ?? (layers.filter((o) => o.tissue === l.tissue).length > 1 ? `${l.tissue} ${i + 1}` : l.tissue);
    layerRegion.push(addRegion({ name, role: 'layer', material: l.tissue }, tissueMaterial(l.tissue)));
  });
  for (let k = 0; k < g.nz; k++) {
    let li = 0;
    while (li + 1 < layers.length && g.zc[k] >= layerTop[li + 1]) li++;
    const lab = layerRegion[li];
    label.fill(lab, k * g.nx * g.ny, (k + 1) * g.nx * g.ny);
  }

  // The image over the layers: the patient's own anatomy is more specific than planar
  // layers, which only fill what its named labels leave (background, unlabelled tissue).
  if (scene.labelmap) {
    const m = scene.labelmap;
    const regionOf = new Map<number, number>();
    for (const l of m.labels) {
      const s = l.structure !== undefined ? scene.structures[l.structure] : undefined;
      // A labelled tissue that a layer already names joins that layer (one 'muscle' in the results, not two).
      const layer = s ? -1 : layerRegion.find((r) => regions[r].name === l.name && regions[r].material === l.tissue);
      if (layer !== undefined && layer >= 0) {
        regionOf.set(l.value, layer);
        continue;
      }
      const role: RegionRole = s ? s.role : 'layer';
      regionOf.set(
        l.value,
        addRegion({ name: l.name, role, material: l.tissue, label: l.value, ...(s ? { structure: l.structure } : {}) }, tissueMaterial(l.tissue)),
      );
    }
    const at = labelSampler(m);
    const p: Vec3 = [0, 0, 0];
    for (let k = 0; k < g.nz; k++)
      for (let j = 0; j < g.ny; j++)
        for (let i = 0; i < g.nx; i++) {
          p[0] = g.xc[i];
          p[1] = g.yc[j];
          p[2] = g.zc[k];
          const r = regionOf.get(at(p));
          if (r !== undefined) label[i + g.nx * (j + g.ny * k)] = r;
        }
  }

  // Analytic structures over the image: a case draws them on purpose, for what the image
  // cannot resolve (a nerve thinner than a voxel, a catheter) or does not hold.
  scene.structures.forEach((s, si) => {
    if (s.kind === 'label') return;
    const lab = addRegion({ name: s.name, role: s.role, material: s.tissue, structure: si }, tissueMaterial(s.tissue));
    const [lo, hi] = structureBounds(s);
    const held = s.kind === 'tube' && s.role === 'vessel' ? (s.flow_temperature_c ?? scene.body_temperature_c) : NaN;
    forEachCellIn(g, lo, hi, (idx, p) => {
      if (insideStructure(s, p)) {
        label[idx] = lab;
        heldTemperature[idx] = held;
      }
    });
  });

  scene.probes.forEach((p, pi) => {
    if (p.kind !== 'needle') return;
    const r = p.diameter_mm / 2;
    const { active, shaft } = needleSegments(p);
    // The active segment has a material of its own: while it cools, the solver makes it a
    // cut in the grid (zero conductivity) and holds its surface through cut links.
    const probeMat = material(`probe:${p.id}`, () => inertModel(p.material.k_w_mk, p.material.c_j_m3k));
    if (shaft) {
      const shaftMat =
        p.shaft === 'insulated'
          ? material('insulation', () => inertModel(INSULATION.k_w_mk, INSULATION.c_j_m3k))
          : material(`probe shaft:${p.id}`, () => inertModel(p.material.k_w_mk, p.material.c_j_m3k));
      const lab = addRegion({ name: `${p.id} shaft`, role: 'shaft', material: p.shaft === 'insulated' ? 'insulation' : `probe:${p.id}`, probe: pi }, shaftMat);
      // A shaft never covers another needle's active segment: that one can cool there.
      markSegment(g, shaft, r, (idx) => {
        if (needlePart[idx] >= 0) return;
        label[idx] = lab;
        heldTemperature[idx] = NaN;
      });
    }
    const own = needleParts.length;
    needleParts.push({ region: addRegion({ name: p.id, role: 'probe', material: `probe:${p.id}`, probe: pi }, probeMat), probes: [pi] });
    // Where this active segment meets another's (a pull-back's two positions of one
    // needle), the cells are a part of both, cut and cooled while either cools: drawn
    // as one probe's, the other would lose that stretch of its cooling surface.
    const sharedWith = new Map<number, number>();
    const partFor = (was: number) => {
      if (was < 0) return own;
      if (needleParts[was].probes.includes(pi)) return was;
      let part = sharedWith.get(was);
      if (part === undefined) {
        const probes = [...needleParts[was].probes, pi];
        const name = probes.map((q) => scene.probes[q].id).join(' + ');
        const mat = material(`probe:${name}`, () => inertModel(p.material.k_w_mk, p.material.c_j_m3k));
        part = needleParts.length;
        needleParts.push({ region: addRegion({ name, role: 'probe', material: `probe:${name}`, probe: probes[0], probes }, mat), probes });
        sharedWith.set(was, part);
      }
      return part;
    };
    markSegment(g, active, r, (idx) => {
      const part = partFor(needlePart[idx]);
      label[idx] = needleParts[part].region;
      needlePart[idx] = part;
      heldTemperature[idx] = NaN;
    });
  });

  return { label, regions, materials, needlePart, needleParts, heldTemperature };
}

/** Calls fn for every cell whose box meets [lo, hi], with its centre. (At module level: a closure made in every run was optimised again in every run.) */
function forEachCellIn(g: Grid, lo: Vec3, hi: Vec3, fn: (idx: number, p: Vec3) => void) {
  const i0 = locate(g.xe, lo[0]),
    i1 = locate(g.xe, hi[0]);
  const j0 = locate(g.ye, lo[1]),
    j1 = locate(g.ye, hi[1]);
  const k0 = locate(g.ze, lo[2]),
    k1 = locate(g.ze, hi[2]);
  for (let k = k0; k <= k1; k++) for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) fn(i + g.nx * (j + g.ny * k), [g.xc[i], g.yc[j], g.zc[k]]);
}

function structureBounds(s: Exclude<Scene['structures'][number], { kind: 'label' }>): [Vec3, Vec3] {
  if (s.kind === 'ellipsoid') return [s.center_mm.map((c, i) => c - s.semi_axes_mm[i]) as Vec3, s.center_mm.map((c, i) => c + s.semi_axes_mm[i]) as Vec3];
  const pts: Vec3[] = s.kind === 'tube' ? s.path_mm : s.kind === 'box' ? [s.min_mm, s.max_mm] : s.kind === 'cylinder' ? [s.start_mm, s.end_mm] : [s.center_mm];
  const r = s.kind === 'box' ? 0 : s.diameter_mm / 2;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of pts)
    for (let i = 0; i < 3; i++) {
      lo[i] = Math.min(lo[i], p[i] - r);
      hi[i] = Math.max(hi[i], p[i] + r);
    }
  return [lo, hi];
}

/**
 * Marks the cells of the round, flat-ended cylinder of radius r around segment ab
 * (at any angle): every cell whose centre lies inside, and, so that a needle
 * thinner than a cell is never lost, every cell that the axis passes through.
 */
function markSegment(g: Grid, seg: [Vec3, Vec3], r: number, mark: (idx: number) => void) {
  const [a, b] = seg;
  // (Bounds as numbers: an array from map has a map that follows its values, whole or not, and deoptimises this when a needle moves.)
  const i0 = locate(g.xe, Math.min(a[0], b[0]) - r),
    i1 = locate(g.xe, Math.max(a[0], b[0]) + r);
  const j0 = locate(g.ye, Math.min(a[1], b[1]) - r),
    j1 = locate(g.ye, Math.max(a[1], b[1]) + r);
  const k0 = locate(g.ze, Math.min(a[2], b[2]) - r),
    k1 = locate(g.ze, Math.max(a[2], b[2]) + r);
  for (let k = k0; k <= k1; k++)
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const p: Vec3 = [g.xc[i], g.yc[j], g.zc[k]];
        if (insideCylinder(p, a, b, r)) mark(i + g.nx * (j + g.ny * k));
      }
  const len = Math.sqrt(segmentDistance2(b, a, a).d2);
  const inDomain = (p: Vec3) => insideGrid(g, p);
  let hmin = Infinity;
  for (const d of [g.dx, g.dy, g.dz]) for (const v of d) hmin = Math.min(hmin, v);
  const steps = Math.min(1_000_000, Math.ceil(len / (0.5 * hmin)) + 1);
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    const p: Vec3 = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
    if (!inDomain(p)) continue;
    mark(locate(g.xe, p[0]) + g.nx * (locate(g.ye, p[1]) + g.ny * locate(g.ze, p[2])));
  }
}
