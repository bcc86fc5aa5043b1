import type { LabelMap, LabelRegion, LabelStructure, Structure, Vec3 } from '../core/model.js';
import { caseBoxOfVoxels, domainCorners, encodeRuns, forEachVoxelInDomain, pointToIndex } from '../core/anatomy/labelmap.js';
import type { LabelImage } from '../io/labelmap/image.js';
import { atRisk, checkTissue, type ResolveContext } from './anatomy.js';
import { nerveFromVoxels } from './labelmap-nerve.js';
import type { CaseParsed } from './schema.js';

/** A case's labelmap as its loader found it: the image, or why it could not be read. */
export interface LabelmapSource {
  /** The path as the case wrote it. */
  path: string;
  image?: LabelImage;
  error?: string;
}

const NO_READER =
  'a labelmap is read from a file beside the case, which only the command line does (cryoplan run, plan, validate): the browser app and the HTTP API cannot take one yet';

const list = (vs: number[]) => (vs.length > 12 ? `${vs.slice(0, 12).join(', ')}, ...` : vs.join(', '));
const box = (lo: Vec3, hi: Vec3) => `x ${r2(lo[0])}..${r2(hi[0])}, y ${r2(lo[1])}..${r2(hi[1])}, z ${r2(lo[2])}..${r2(hi[2])} mm`;
const r2 = (v: number) => Number(v.toFixed(2));

/**
 * The labelmap of a case (anatomy.labelmap and anatomy.labels) against its image:
 * every named value present, every value inside the domain named (0 may stay the
 * layers' background), the domain inside the image. Labelled structures are
 * appended to `structures` (after the analytic ones, whose indices stay those of
 * the case's list).
 */
export function resolveLabelmap(c: CaseParsed, ctx: ResolveContext, source: LabelmapSource | undefined, structures: Structure[]): LabelMap | undefined {
  const a = c.anatomy;
  const issue = (path: string, message: string) => ctx.issues.push({ path, message });
  if (!a?.labelmap) {
    if (a?.labels) issue('anatomy.labels', 'names the values of a labelmap: give anatomy.labelmap too');
    if (a?.origin_in_image_mm) issue('anatomy.origin_in_image_mm', 'places a labelmap: give anatomy.labelmap too');
    return undefined;
  }
  if (!a.labels || !Object.keys(a.labels).length) {
    issue('anatomy.labels', 'required with a labelmap: name what each label value is ({1: fat, 2: {name: prostate, tissue: prostate}, ...})');
    return undefined;
  }
  const named = Object.entries(a.labels).map(([k, v]) => ({ value: Number(k), input: v, path: `anatomy.labels.${k}` }));
  for (const l of named) {
    if (typeof l.input === 'string') checkTissue(ctx, l.input, l.path);
    else checkTissue(ctx, l.input.tissue, `${l.path}.tissue`);
  }
  if (!source || source.path !== a.labelmap) {
    issue('anatomy.labelmap', NO_READER);
    return undefined;
  }
  if (source.error || !source.image) {
    issue('anatomy.labelmap', `cannot use '${a.labelmap}': ${source.error ?? 'not read'}`);
    return undefined;
  }
  const image = source.image;
  const offset = (a.origin_in_image_mm ?? [0, 0, 0]) as Vec3;
  const map: LabelMap = { space: image.space, offset_mm: offset, runs: [], labels: [], file: a.labelmap };

  // The domain inside the image: its corners within the outer faces of the voxels (the image is a convex box).
  const toIndex = pointToIndex(image.space);
  const size = image.space.size;
  const out = domainCorners(ctx.domain).find((p) => {
    const u = toIndex([p[0] + offset[0], p[1] + offset[1], p[2] + offset[2]]);
    return u.some((v, k) => v < -0.5 - 1e-6 || v > size[k] - 0.5 + 1e-6);
  });
  if (out) {
    const [lo, hi] = caseBoxOfVoxels(map, [0, 0, 0], [size[0] - 1, size[1] - 1, size[2] - 1]);
    issue(
      'anatomy.labelmap',
      `does not cover the domain: its corner [${out.join(', ')}] lies outside the image, which spans ${box(lo, hi)} in the case frame; shrink the domain, or move the image with anatomy.origin_in_image_mm`,
    );
    return undefined;
  }

  // Where each value lies (for the structures' bounds) and which values the domain holds.
  const data = image.data;
  const bounds = new Map<number, { lo: Vec3; hi: Vec3 }>();
  const [nx, ny] = size;
  for (let k = 0, q = 0; k < size[2]; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, q++) {
        const v = data[q];
        let b = bounds.get(v);
        if (!b) {
          b = { lo: [i, j, k], hi: [i, j, k] };
          bounds.set(v, b);
        }
        if (i < b.lo[0]) b.lo[0] = i;
        if (i > b.hi[0]) b.hi[0] = i;
        if (j < b.lo[1]) b.lo[1] = j;
        if (j > b.hi[1]) b.hi[1] = j;
        if (k > b.hi[2]) b.hi[2] = k;
      }
  const inDomain = new Map<number, number>();
  forEachVoxelInDomain(map, ctx.domain, (_i, _j, _k, flat) => inDomain.set(data[flat], (inDomain.get(data[flat]) ?? 0) + 1));
  const present = [...bounds.keys()].sort((x, y) => x - y);
  for (const l of named) if (!bounds.has(l.value)) issue(l.path, `no voxel of the labelmap has the value ${l.value} (its values: ${list(present)})`);
  const unnamed = [...inDomain.keys()].filter((v) => v !== 0 && !named.some((l) => l.value === v)).sort((x, y) => x - y);
  if (unnamed.length)
    issue(
      'anatomy.labels',
      `the labelmap holds ${unnamed.length > 1 ? 'values' : 'value'} ${list(unnamed)} inside the domain (${unnamed.map((v) => `${inDomain.get(v)} voxels of ${v}`).join(', ')}) that no label names: give each a tissue or a structure (0, the background, may stay unnamed: the layers fill it)`,
    );

  // Names: a structure's must be its own (outcomes, ablation.target and plan limits find it by name).
  const taken = new Set(structures.map((s) => s.name));
  const labels: LabelRegion[] = [];
  const added: LabelStructure[] = [];
  for (const l of named) {
    if (typeof l.input === 'string') {
      labels.push({ value: l.value, name: l.input, tissue: l.input });
      continue;
    }
    const name = l.input.name ?? l.input.tissue;
    if (taken.has(name)) issue(`${l.path}.name`, `'${name}' names another structure already: give this label a name of its own`);
    taken.add(name);
    const b = bounds.get(l.value);
    const bounds_mm = b ? caseBoxOfVoxels(map, b.lo, b.hi) : ([offset, offset] as [Vec3, Vec3]);
    labels.push({ value: l.value, name, tissue: l.input.tissue, structure: structures.length + added.length });
    const s = l.input;
    if (s.kind !== 'nerve') {
      for (const key of ['target_distance_mm', 'territory', 'target'] as const)
        if (s[key] !== undefined) issue(`${l.path}.${key}`, `describes a nerve: give this label kind: nerve too`);
      added.push({ kind: 'label', name, tissue: s.tissue, role: 'other', value: l.value, bounds_mm, ...atRisk(s.at_risk, undefined) });
      continue;
    }
    const tube = nerveFromVoxels(map, data, l.value, ctx.domain);
    if (!tube) {
      issue(l.path, `nerve '${name}' has fewer than two voxels inside the domain: its course cannot be found`);
      continue;
    }
    // As a nerve under anatomy.structures: one written with an at-risk mark is one to spare, unless it says it is a target.
    const target = s.target ?? !s.at_risk;
    const nerve = {
      ...tube,
      ...(s.target_distance_mm !== undefined ? { target_distance_mm: s.target_distance_mm } : {}),
      ...(s.territory ? { territory: s.territory } : {}),
      ...(target ? {} : { target: false }),
    };
    added.push({
      kind: 'label',
      name,
      tissue: s.tissue,
      role: 'nerve',
      value: l.value,
      bounds_mm,
      nerve,
      ...atRisk(s.at_risk, target ? undefined : 'nerve-injury'),
    });
  }
  for (const a of added) structures.push(a);
  map.labels = labels;
  map.runs = encodeRuns(data);
  return map;
}
