/**
 * Cross-sections for the report: the graded, cell-centred temperature field is
 * resampled (trilinear) onto a regular 2D raster in a plane — through the probe's
 * axis, and across each nerve at its coldest section — and drawn with the tissue
 * labels as a muted raster, the isotherms as contour lines (Plot's contour mark),
 * and the nerve, vessel and probe outlines (contours of their signed distance).
 */
import * as Plot from '@observablehq/plot';
import type { Scene, Vec3, NeedleProbe, TubeStructure } from '../../core/model.js';
import type { RunResult } from '../../core/result.js';
import type { NerveOutcome } from '../../core/outcome/types.js';
import { makeGrid, locate, type Grid } from '../../core/grid/rectilinear.js';
import { sampleField } from '../../core/outcome/sample.js';
import { plotMarkup, PLOT_STYLE, isothermColor, isothermDash } from './charts.js';
import { esc, num } from './html.js';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
const unit = (a: Vec3): Vec3 => scale(a, 1 / (norm(a) || 1));

/** A plane: points p = base + s u + w v, with s = p·u and w = p·v (u, v orthonormal). */
export interface Plane {
  title: string;
  u: Vec3;
  v: Vec3;
  /** The plane's offset along its normal (a point with s = w = 0). */
  base: Vec3;
  uLabel: string;
  vLabel: string;
  /** The point the window centres on when nothing is frozen. */
  focus: Vec3;
}

export const pointOf = (pl: Plane, s: number, w: number): Vec3 => add(pl.base, add(scale(pl.u, s), scale(pl.v, w)));

function planeFrom(title: string, u: Vec3, v: Vec3, through: Vec3, uLabel: string, vLabel: string): Plane {
  const n = cross(u, v);
  return { title, u, v, base: scale(n, dot(through, n)), uLabel, vLabel, focus: through };
}

const axisName = (u: Vec3) => {
  const names = ['x', 'y', 'z'];
  for (let a = 0; a < 3; a++) if (Math.abs(Math.abs(u[a]) - 1) < 1e-9) return `${u[a] < 0 ? '−' : ''}${names[a]}`;
  return null;
};

/**
 * The plane through the first probe's axis that contains the depth direction (for a
 * needle perpendicular to the skin: the x–z plane through the tip). A contact probe
 * gets the x–z plane through its centre.
 */
export function probePlane(scene: Scene): Plane | null {
  const p = scene.probes[0];
  if (!p) return null;
  const ez: Vec3 = [0, 0, 1];
  if (p.kind !== 'needle') {
    return planeFrom(
      `Through the ${p.kind === 'spray' ? 'sprayed spot' : 'contact probe'} (x–z plane at y = ${num(p.center_mm[1])} mm)`,
      [1, 0, 0],
      ez,
      [p.center_mm[0], p.center_mm[1], 0],
      'x (mm)',
      'Depth below the skin (mm)',
    );
  }
  const d = unit(p.direction);
  const h: Vec3 = [d[0], d[1], 0];
  let u: Vec3 = norm(h) > 1e-6 ? unit(h) : [1, 0, 0];
  // Keep the axis pointing to +x or +y so that the picture reads like the anatomy.
  if (u[0] < -1e-9 || (Math.abs(u[0]) < 1e-9 && u[1] < 0)) u = scale(u, -1);
  const named = axisName(u);
  const title =
    named === 'x'
      ? `Along the probe (x–z plane at y = ${num(p.tip_mm[1])} mm)`
      : named === 'y'
        ? `Along the probe (y–z plane at x = ${num(p.tip_mm[0])} mm)`
        : "Along the probe (vertical plane through the probe's axis)";
  const uLabel = named ? `${named} (mm)` : "Along the probe's heading (mm)";
  return planeFrom(title, u, ez, p.tip_mm, uLabel, 'Depth below the skin (mm)');
}

/** The nerve's local direction at a point: the polyline segment nearest to it. */
export function tubeDirection(t: TubeStructure, at: Vec3): Vec3 {
  let best = Infinity;
  let dir: Vec3 = [1, 0, 0];
  for (let i = 0; i + 1 < t.path_mm.length; i++) {
    const a = t.path_mm[i],
      b = t.path_mm[i + 1];
    const ab = sub(b, a);
    const l2 = dot(ab, ab);
    if (!(l2 > 0)) continue;
    const q = Math.min(1, Math.max(0, dot(sub(at, a), ab) / l2));
    const dist = norm(sub(at, add(a, scale(ab, q))));
    if (dist < best) {
      best = dist;
      dir = unit(ab);
    }
  }
  return dir;
}

/** The plane across a nerve at its coldest cross-section, perpendicular to the nerve there, depth pointing down. */
export function nervePlane(scene: Scene, n: NerveOutcome): Plane | null {
  const st = scene.structures.find((s): s is TubeStructure => s.kind === 'tube' && s.name === n.name);
  if (!st || !n.section_center_mm.every(Number.isFinite)) return null;
  const t = tubeDirection(st, n.section_center_mm);
  const ez: Vec3 = [0, 0, 1];
  let v = sub(ez, scale(t, dot(ez, t)));
  if (norm(v) < 1e-6) v = [1, 0, 0]; // a nerve running straight down: show a horizontal section
  v = unit(v);
  let u = unit(cross(v, t));
  if (u[0] < -1e-9 || (Math.abs(u[0]) < 1e-9 && u[1] < 0)) u = scale(u, -1);
  const un = axisName(u);
  const vn = axisName(v);
  const at = `centre (${n.section_center_mm.map((c) => num(c)).join(', ')}) mm`;
  return planeFrom(
    `Across the ${n.name} at its coldest section (${at})`,
    u,
    v,
    n.section_center_mm,
    un ? `${un} (mm)` : 'Across the nerve (mm)',
    vn === 'z' ? 'Depth below the skin (mm)' : 'Towards depth (mm)',
  );
}

/** A regular raster in a plane: sample (i, j) at s = s0 + i h, w = w0 + j h; values row-major (i fastest). */
export interface Raster {
  s0: number;
  w0: number;
  h: number;
  width: number;
  height: number;
}

const NICE_STEPS = [0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2];

/** The box of the plane covered by the domain, in (s, w). */
function planeExtent(scene: Scene, pl: Plane): [number, number, number, number] {
  const d = scene.domain;
  let smin = Infinity,
    smax = -Infinity,
    wmin = Infinity,
    wmax = -Infinity;
  for (const x of d.x_mm)
    for (const y of d.y_mm)
      for (const z of [0, d.depth_mm]) {
        const p: Vec3 = [x, y, z];
        const s = dot(p, pl.u),
          w = dot(p, pl.v);
        smin = Math.min(smin, s);
        smax = Math.max(smax, s);
        wmin = Math.min(wmin, w);
        wmax = Math.max(wmax, w);
      }
  return [smin, smax, wmin, wmax];
}

function inDomainAt(scene: Scene, x: number, y: number, z: number, tol: number): boolean {
  const d = scene.domain;
  return x >= d.x_mm[0] - tol && x <= d.x_mm[1] + tol && y >= d.y_mm[0] - tol && y <= d.y_mm[1] + tol && z >= -tol && z <= d.depth_mm + tol;
}

/**
 * The box (x, y, z ranges in mm) outside which no trilinear sample of the fields is
 * at or below `threshold_c`, or null if none can be. A sample is a weighted mean of
 * the eight cell values around it, so it is that cold only if one of them is (a
 * nanokelvin of slack covers the rounding of the mean), and those cells lie within
 * one cell of the point: the box is the cold cells' one, grown by a cell each side.
 * It spares the window's scan most of its samples: the ice is a small part of a plane.
 */
export function coldBox(grid: Grid, fields: ArrayLike<number>[], threshold_c: number): [number, number, number, number, number, number] | null {
  const { nx, ny, nz } = grid;
  const limit = threshold_c + 1e-9;
  let i0 = nx,
    i1 = -1,
    j0 = ny,
    j1 = -1,
    k0 = nz,
    k1 = -1;
  for (const f of fields) {
    for (let k = 0, c = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, c++) {
          if (!(f[c] <= limit)) continue;
          if (i < i0) i0 = i;
          if (i > i1) i1 = i;
          if (j < j0) j0 = j;
          if (j > j1) j1 = j;
          if (k < k0) k0 = k;
          if (k > k1) k1 = k;
        }
      }
    }
  }
  if (i1 < 0) return null;
  const lo = (e: Float64Array, a: number) => (a >= 1 ? e[a - 1] : -Infinity);
  const hi = (e: Float64Array, b: number, n: number) => (b + 2 <= n ? e[b + 2] : Infinity);
  return [lo(grid.xe, i0), hi(grid.xe, i1, nx), lo(grid.ye, j0), hi(grid.ye, j1, ny), lo(grid.ze, k0), hi(grid.ze, k1, nz)];
}

/**
 * The window to draw: the region inside the warmest isotherm (0 °C) in any of the
 * fields, the focus point and the probe in the plane, plus a margin, clipped to the
 * domain; it reaches up to the skin when the ice is within 25 mm of it.
 */
export function sectionWindow(scene: Scene, grid: Grid, pl: Plane, fields: ArrayLike<number>[], threshold_c: number, margin = 4): Raster {
  const [S0, S1, W0, W1] = planeExtent(scene, pl);
  const cold = coldBox(grid, fields, threshold_c);
  const coarse = Math.max(0.25, Math.min(1, Math.max(S1 - S0, W1 - W0) / 160));
  let smin = Infinity,
    smax = -Infinity,
    wmin = Infinity,
    wmax = -Infinity;
  const { base, u, v } = pl;
  for (let w = W0 + coarse / 2; w < W1; w += coarse) {
    for (let s = S0 + coarse / 2; s < S1; s += coarse) {
      // pointOf(pl, s, w), without its four small arrays: this loop runs up to 25,600 times a plane.
      const x = base[0] + (u[0] * s + v[0] * w);
      const y = base[1] + (u[1] * s + v[1] * w);
      const z = base[2] + (u[2] * s + v[2] * w);
      if (!inDomainAt(scene, x, y, z, 1e-9)) continue;
      if (!cold || x < cold[0] || x > cold[1] || y < cold[2] || y > cold[3] || z < cold[4] || z > cold[5]) continue;
      if (fields.some((f) => sampleField(grid, f, x, y, z) <= threshold_c)) {
        smin = Math.min(smin, s);
        smax = Math.max(smax, s);
        wmin = Math.min(wmin, w);
        wmax = Math.max(wmax, w);
      }
    }
  }
  const fs = dot(pl.focus, pl.u),
    fw = dot(pl.focus, pl.v);
  smin = Math.min(smin, fs) - margin;
  smax = Math.max(smax, fs) + margin;
  wmin = Math.min(wmin, fw) - margin;
  wmax = Math.max(wmax, fw) + margin;
  // At least 16 mm across, so that a small or absent ice ball still shows its surroundings.
  const grow = (a: number, b: number): [number, number] => (b - a >= 16 ? [a, b] : [(a + b) / 2 - 8, (a + b) / 2 + 8]);
  [smin, smax] = grow(smin, smax);
  [wmin, wmax] = grow(wmin, wmax);
  const depthDown = Math.abs(pl.v[2] - 1) < 1e-9;
  if (depthDown && wmin < 25) wmin = 0;
  smin = Math.max(smin, S0);
  smax = Math.min(smax, S1);
  wmin = Math.max(wmin, W0);
  wmax = Math.min(wmax, W1);
  const span = Math.max(smax - smin, wmax - wmin);
  const h = NICE_STEPS.find((st) => span / st <= 220) ?? span / 220;
  const width = Math.max(2, Math.round((smax - smin) / h) + 1);
  const height = Math.max(2, Math.round((wmax - wmin) / h) + 1);
  return { s0: smin, w0: wmin, h, width, height };
}

/**
 * A raster's sample points in 3D, each as pointOf gives it (bit for bit), and whether
 * it lies in the domain. Worked out once per plane and shared by every field, label and
 * outline drawn on it: a raster has up to 48,000 points.
 */
export interface RasterPoints {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  inDomain: Uint8Array;
}

export function rasterPoints(scene: Scene, pl: Plane, r: Raster): RasterPoints {
  const n = r.width * r.height;
  const pts: RasterPoints = { x: new Float64Array(n), y: new Float64Array(n), z: new Float64Array(n), inDomain: new Uint8Array(n) };
  const { base, u, v } = pl;
  for (let j = 0; j < r.height; j++) {
    const w = r.w0 + j * r.h;
    for (let i = 0; i < r.width; i++) {
      const s = r.s0 + i * r.h;
      const k = i + r.width * j;
      const x = base[0] + (u[0] * s + v[0] * w);
      const y = base[1] + (u[1] * s + v[1] * w);
      const z = base[2] + (u[2] * s + v[2] * w);
      pts.x[k] = x;
      pts.y[k] = y;
      pts.z[k] = z;
      pts.inDomain[k] = inDomainAt(scene, x, y, z, 1e-6) ? 1 : 0;
    }
  }
  return pts;
}

/** Resamples a cell-centred field in a plane; NaN outside the domain. */
export function sampleRaster(scene: Scene, grid: Grid, pl: Plane, r: Raster, f: ArrayLike<number>, pts = rasterPoints(scene, pl, r)): Float64Array {
  const out = new Float64Array(r.width * r.height);
  for (let k = 0; k < out.length; k++) out[k] = pts.inDomain[k] ? sampleField(grid, f, pts.x[k], pts.y[k], pts.z[k]) : NaN;
  return out;
}

/** The label of the cell holding each raster sample (nearest cell); -1 outside the domain. */
export function labelRaster(grid: Grid, pts: RasterPoints, labels: ArrayLike<number>): Int16Array {
  const out = new Int16Array(pts.x.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = pts.inDomain[k] ? labels[locate(grid.xe, pts.x[k]) + grid.nx * (locate(grid.ye, pts.y[k]) + grid.ny * locate(grid.ze, pts.z[k]))] : -1;
  }
  return out;
}

/**
 * Radius minus distance to a polyline (positive inside the tube), at each raster point.
 * In flat arrays and plain loops, and one square root of the nearest segment's squared
 * distance: this runs for every point and segment of every tube and probe part, and
 * mostly once per process, before the JIT has compiled it.
 */
function tubeInside(pts: RasterPoints, path: Vec3[], radius: number): Float64Array {
  const n = pts.x.length;
  const out = new Float64Array(n);
  // Each segment as its start, its vector and its squared length.
  const seg = new Float64Array(7 * Math.max(0, path.length - 1));
  for (let k = 0; k + 1 < path.length; k++) {
    const ab = sub(path[k + 1], path[k]);
    seg.set([...path[k], ...ab, dot(ab, ab)], 7 * k);
  }
  const [ox, oy, oz] = path[0];
  for (let p = 0; p < n; p++) {
    const px = pts.x[p],
      py = pts.y[p],
      pz = pts.z[p];
    let d2 = Infinity;
    for (let k = 0; k < seg.length; k += 7) {
      const ax = seg[k],
        ay = seg[k + 1],
        az = seg[k + 2],
        abx = seg[k + 3],
        aby = seg[k + 4],
        abz = seg[k + 5],
        l2 = seg[k + 6];
      const q = l2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * abx + (py - ay) * aby + (pz - az) * abz) / l2)) : 0;
      const dx = px - (ax + abx * q),
        dy = py - (ay + aby * q),
        dz = pz - (az + abz * q);
      d2 = Math.min(d2, dx * dx + dy * dy + dz * dz);
    }
    if (!seg.length) d2 = (px - ox) * (px - ox) + (py - oy) * (py - oy) + (pz - oz) * (pz - oz);
    out[p] = radius - Math.sqrt(d2);
  }
  return out;
}

/** A needle's cooled segment and its shaft back to the skin, as polylines. */
function needleParts(p: NeedleProbe): { active: Vec3[]; shaft: Vec3[] } {
  const d = unit(p.direction);
  const back = p.tip_mm;
  const activeEnd = sub(back, scale(d, p.active_length_mm));
  // The shaft runs back from the active segment to the skin (z = 0), or 60 mm for a needle that never reaches it.
  const toSkin = d[2] > 1e-6 ? activeEnd[2] / d[2] : 60;
  const entry = sub(activeEnd, scale(d, Math.max(0, Math.min(toSkin, 200))));
  return { active: [back, activeEnd], shaft: [activeEnd, entry] };
}

/** Muted colour for a label region, from its tissue. */
export function tissueColor(name: string, tissue: string, role: string, index: number): string {
  const key = `${tissue} ${name}`.toLowerCase();
  if (role === 'probe' || role === 'shaft') return '#8d939a';
  if (role === 'nerve' || /nerve/.test(key)) return '#f1d75b';
  if (role === 'vessel' || /vessel|blood|arter|vein/.test(key)) return '#e49a98';
  if (/skin|derm/.test(key)) return '#f2d3c4';
  if (/fat|adipose|subcut/.test(key)) return '#f7eec4';
  // Before muscle: the prostate preset's gland is its own tissue on muscle's values.
  if (/prostate|gland/.test(key)) return '#e3c6dc';
  if (/muscle/.test(key)) return '#e6bdb8';
  if (/bone|rib|cortical/.test(key)) return '#e3dfd3';
  if (/tendon|fascia|ligament|connective/.test(key)) return '#ddd5ea';
  const other = ['#d3e6d8', '#d5e3ef', '#eadccb', '#e2e2e2', '#d9d2e9'];
  return other[index % other.length];
}

/** What each label index stands for: name, tissue and role, matched against the scene. */
export function labelInfo(scene: Scene, names: string[]): Array<{ name: string; tissue: string; role: string }> {
  const layerNames = scene.layers.map((l, i) => l.name ?? (scene.layers.filter((o) => o.tissue === l.tissue).length > 1 ? `${l.tissue} ${i + 1}` : l.tissue));
  return names.map((name) => {
    const li = layerNames.indexOf(name);
    if (li >= 0) return { name, tissue: scene.layers[li].tissue, role: 'layer' };
    const st = scene.structures.find((s) => s.name === name);
    if (st) return { name, tissue: st.tissue, role: st.role };
    const pr = scene.probes.find((p) => p.id === name);
    if (pr) return { name, tissue: 'probe', role: 'probe' };
    if (scene.probes.some((p) => `${p.id} shaft` === name)) return { name, tissue: 'probe', role: 'shaft' };
    return { name, tissue: name, role: 'other' };
  });
}

/** The moments to draw: the end of each freeze from the snapshots, or the lowest temperature reached when there are none. */
export function sectionMoments(result: RunResult): Array<{ title: string; field: ArrayLike<number> }> {
  const snaps = result.snapshots ?? [];
  const freezes = snaps.filter((s) => /freeze/i.test(s.moment));
  const use = freezes.length ? freezes : snaps.filter((s) => s.moment === 'end');
  if (use.length) return use.map((s) => ({ title: `${s.moment} (t = ${num(s.time_s, 0)} s)`, field: s.temperature_c }));
  return [{ title: 'lowest temperature each point reached', field: result.fields.min_c }];
}

/** A rectangle of one label's colour, in mm: [x1, x2, y1, y2]. */
type Box = [number, number, number, number];

/**
 * The label raster as rectangles grouped by colour: each run of one label along a row,
 * grown down over the rows below that have the same run. A section through layered anatomy
 * is a few dozen rectangles instead of one per run and row (the prostate report drew some
 * 20,000 <rect> elements, 1.3 MB).
 */
export function labelBoxes(lab: Int16Array, r: Raster, colors: string[]): Map<string, Box[]> {
  const out = new Map<string, Box[]>();
  const h = r.h;
  // The rectangles still growing, by the run they continue: "first,end,label".
  let open = new Map<string, Box>();
  for (let j = 0; j < r.height; j++) {
    const next = new Map<string, Box>();
    const w = r.w0 + j * h;
    let i = 0;
    while (i < r.width) {
      const l = lab[i + r.width * j];
      let k = i + 1;
      while (k < r.width && lab[k + r.width * j] === l) k++;
      if (l >= 0) {
        const key = `${i},${k},${l}`;
        let box = open.get(key);
        if (box) box[3] = w + h / 2;
        else {
          box = [r.s0 + (i - 0.5) * h, r.s0 + (k - 0.5) * h, w - h / 2, w + h / 2];
          const fill = colors[l] ?? '#ddd';
          const list = out.get(fill);
          if (list) list.push(box);
          else out.set(fill, [box]);
        }
        next.set(key, box);
      }
      i = k;
    }
    open = next;
  }
  return out;
}

/** Pixel coordinates to a hundredth of a pixel: finer than any screen or print. */
const px = (v: number) => String(Math.round(v * 100) / 100);

/**
 * The tissues under a section as a Plot mark: one <path> per colour, one subpath per
 * rectangle, drawn with crisp edges as the row-by-row rectangles were.
 */
function labelMark(boxes: Map<string, Box[]>): Plot.RenderFunction {
  return (_index, scales, _values, _dimensions, context) => {
    const doc = context.document;
    const g = doc.createElementNS('http://www.w3.org/2000/svg', 'g');
    g.setAttribute('aria-label', 'tissues');
    g.setAttribute('shape-rendering', 'crispEdges');
    const X = scales.x!,
      Y = scales.y!;
    for (const [fill, list] of boxes) {
      const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('fill', fill);
      path.setAttribute(
        'd',
        list
          .map(([x1, x2, y1, y2]) => {
            const a = px(X(x1) as number),
              b = px(X(x2) as number);
            return `M${a},${px(Y(y1) as number)}H${b}V${px(Y(y2) as number)}H${a}Z`;
          })
          .join(''),
      );
      g.appendChild(path);
    }
    return g;
  };
}

type Side = 'right' | 'below' | 'left' | 'above';
/** Each isotherm's label goes on a different side of its contour, so that labels of close contours stay apart. */
const SIDES: Side[] = ['right', 'below', 'left', 'above'];

/** Where to write an isotherm's label: its extreme point on one side (in raster rows: 'below' is the largest w). */
function labelSpot(
  values: Float64Array,
  r: Raster,
  thr: number,
  side: Side,
): { x: number; y: number; anchor: 'start' | 'end' | 'middle'; dx: number; dy: number } | null {
  let best: [number, number] | null = null;
  let score = -Infinity;
  for (let j = 0; j < r.height; j++) {
    for (let i = 0; i < r.width; i++) {
      if (!(values[i + r.width * j] <= thr)) continue;
      const sc = side === 'right' ? i : side === 'left' ? -i : side === 'below' ? j : -j;
      if (sc > score) {
        score = sc;
        best = [i, j];
      }
    }
  }
  if (!best) return null;
  const x = r.s0 + best[0] * r.h,
    y = r.w0 + best[1] * r.h;
  if (side === 'right') return { x, y, anchor: 'start', dx: 5, dy: 0 };
  if (side === 'left') return { x, y, anchor: 'end', dx: -5, dy: 0 };
  if (side === 'below') return { x, y, anchor: 'middle', dx: 0, dy: 11 };
  return { x, y, anchor: 'middle', dx: 0, dy: -9 };
}

export interface SectionPanel {
  title: string;
  svg: string;
}

export interface SectionFigure {
  title: string;
  panels: SectionPanel[];
  /** Label indices drawn (for the legend). */
  labels: Set<number>;
  /** Rasters' spacing, mm. */
  spacing_mm: number;
}

/** Draws one plane at each moment. */
export function drawPlane(scene: Scene, result: RunResult, grid: Grid, pl: Plane, panelWidth: number): SectionFigure {
  const moments = sectionMoments(result);
  const thresholds = scene.outputs.isotherms_c.length ? [...scene.outputs.isotherms_c] : result.isotherms.map((i) => i.threshold_c);
  const warmest = thresholds.reduce((m, t) => Math.max(m, t), -Infinity);
  const win = sectionWindow(
    scene,
    grid,
    pl,
    moments.map((m) => m.field),
    Number.isFinite(warmest) ? warmest : 0,
  );
  const info = labelInfo(scene, result.fields.label_names);
  const colors = info.map((l, i) => tissueColor(l.name, l.tissue, l.role, i));
  const pts = rasterPoints(scene, pl, win);
  const lab = labelRaster(grid, pts, result.fields.labels);
  const tissues = labelMark(labelBoxes(lab, win, colors));
  const used = new Set<number>();
  for (const l of lab) if (l >= 0) used.add(l);

  // Outlines: tubes (nerves, vessels) and the probes (cooled segment filled, shaft outlined).
  const half = win.h / 2;
  // A dense grid (x and y null): Plot contours it as it is, without interpolating scattered samples.
  const box = {
    x: null,
    y: null,
    width: win.width,
    height: win.height,
    x1: win.s0 - half,
    x2: win.s0 + (win.width - 0.5) * win.h,
    y1: win.w0 - half,
    y2: win.w0 + (win.height - 0.5) * win.h,
  };
  const outline: Plot.Markish[] = [];
  for (const st of scene.structures) {
    if (st.kind !== 'tube') continue;
    const inside = tubeInside(pts, st.path_mm, st.diameter_mm / 2);
    if (!inside.some((v) => v >= 0)) continue;
    const color = st.role === 'nerve' ? '#7a5c00' : st.role === 'vessel' ? '#a11d1d' : '#555';
    outline.push(Plot.contour(inside, { ...box, thresholds: [0], stroke: color, strokeWidth: st.role === 'nerve' ? 2 : 1.5, fill: 'none' }));
  }
  for (const p of scene.probes) {
    if (p.kind !== 'needle') continue;
    const parts = needleParts(p);
    const shaft = tubeInside(pts, parts.shaft, p.diameter_mm / 2);
    if (shaft.some((v) => v >= 0)) outline.push(Plot.contour(shaft, { ...box, thresholds: [0], fill: '#e4e7ea', stroke: '#5a6068', strokeWidth: 1 }));
    const active = tubeInside(pts, parts.active, p.diameter_mm / 2);
    if (active.some((v) => v >= 0)) outline.push(Plot.contour(active, { ...box, thresholds: [0], fill: '#a9b1ba', stroke: '#22272d', strokeWidth: 1.2 }));
  }
  const contact = scene.probes.flatMap((p) => {
    if (p.kind === 'needle') return [];
    const c: Vec3 = [p.center_mm[0], p.center_mm[1], 0];
    const s = dot(c, pl.u);
    const w = dot(c, pl.v);
    const off = Math.abs(dot(sub(c, pointOf(pl, s, w)), cross(pl.u, pl.v)));
    if (off > p.diameter_mm / 2) return [];
    const halfChord = Math.sqrt((p.diameter_mm / 2) ** 2 - off ** 2);
    return [{ x1: s - halfChord, x2: s + halfChord, y: w }];
  });

  const panels: SectionPanel[] = moments.map((m) => {
    const T = sampleRaster(scene, grid, pl, win, m.field, pts);
    const neg = T.map((v) => (Number.isFinite(v) ? -v : NaN));
    const isoMarks: Plot.Markish[] = [];
    const labelsData: Array<{ x: number; y: number; text: string; anchor: 'start' | 'end' | 'middle'; dx: number; dy: number; color: string }> = [];
    const ordered = [...thresholds].sort((a, b) => b - a);
    ordered.forEach((thr, rank) => {
      const color = isothermColor(thr, thresholds);
      if (!T.some((v) => v <= thr)) return;
      isoMarks.push(
        Plot.contour(neg, { ...box, thresholds: [-thr], stroke: color, strokeWidth: 2.2, strokeDasharray: isothermDash(thr, thresholds), fill: 'none' }),
      );
      const spot = labelSpot(T, win, thr, SIDES[rank % SIDES.length]);
      if (spot) labelsData.push({ ...spot, text: `${num(thr, 0)} °C`, color });
    });
    const labelMarks = labelsData.map((l) =>
      Plot.text([l], {
        x: 'x',
        y: 'y',
        text: 'text',
        fill: 'color',
        dx: l.dx,
        dy: l.dy,
        textAnchor: l.anchor,
        fontWeight: 700,
        fontSize: 12,
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
    );
    const xr: [number, number] = [box.x1, box.x2];
    const yr: [number, number] = [box.y1, box.y2];
    const svg = plotMarkup({
      width: panelWidth,
      marginLeft: 48,
      marginRight: 14,
      marginTop: 14,
      marginBottom: 40,
      aspectRatio: 1,
      style: PLOT_STYLE,
      x: { domain: xr, label: pl.uLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 6 },
      y: { domain: yr, reverse: Math.abs(pl.v[2] - 1) < 1e-9 || pl.v[2] > 0, label: pl.vLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 6 },
      color: { type: 'identity' },
      marks: [
        tissues,
        ...outline,
        Plot.ruleY(contact, { x1: 'x1', x2: 'x2', y: 'y', stroke: '#3b4047', strokeWidth: 5 }),
        ...isoMarks,
        ...labelMarks,
        Plot.frame({ stroke: '#999' }),
      ],
    });
    return { title: m.title, svg };
  });
  return { title: pl.title, panels, labels: used, spacing_mm: win.h };
}

/** A small inline-SVG legend entry. */
const swatchLine = (color: string, dash?: string, width = 2.2) =>
  `<svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
const swatchBox = (fill: string, stroke = '#999') =>
  `<svg width="14" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="13" height="11" fill="${fill}" stroke="${stroke}"/></svg>`;

/** The cross-sections' HTML: per plane, one panel per moment, and one legend. */
export function crossSections(scene: Scene, result: RunResult, nerves: NerveOutcome[], width = 944): string {
  const g = result.grid;
  const grid = makeGrid(g.x_edges_mm, g.y_edges_mm, g.z_edges_mm);
  const planes: Plane[] = [];
  const pp = probePlane(scene);
  if (pp) planes.push(pp);
  for (const n of nerves.slice(0, 3)) {
    const np = nervePlane(scene, n);
    if (np) planes.push(np);
  }
  if (!planes.length) return '<p class="small">No probe or nerve to draw a cross-section through.</p>';
  const moments = sectionMoments(result).length;
  const cols = moments > 1 ? 2 : 1;
  const panelWidth = cols === 2 ? Math.floor((width - 20) / 2) : Math.min(width, 620);
  const thresholds = scene.outputs.isotherms_c.length ? scene.outputs.isotherms_c : result.isotherms.map((i) => i.threshold_c);
  const info = labelInfo(scene, result.fields.label_names);
  const used = new Set<number>();
  const blocks = planes.map((pl) => {
    const fig = drawPlane(scene, result, grid, pl, panelWidth);
    for (const l of fig.labels) used.add(l);
    const panels = fig.panels.map((p) => `<figure class="section"><div class="caption"><strong>${esc(p.title)}</strong></div>${p.svg}</figure>`).join('');
    return `<h3>${esc(fig.title)}</h3><div${cols === 2 ? ' class="grid2"' : ''}>${panels}</div>`;
  });
  const legend = [
    ...[...thresholds]
      .sort((a, b) => b - a)
      .map((t) => `<span>${swatchLine(isothermColor(t, thresholds), isothermDash(t, thresholds))}${esc(`${num(t, 0)} °C isotherm`)}</span>`),
    scene.structures.some((s) => s.role === 'nerve') ? `<span>${swatchLine('#7a5c00', undefined, 2)}nerve outline</span>` : '',
    scene.structures.some((s) => s.role === 'vessel') ? `<span>${swatchLine('#a11d1d', undefined, 1.5)}vessel outline</span>` : '',
    scene.probes.length ? `<span>${swatchBox('#a9b1ba', '#22272d')}probe, cooled segment</span>` : '',
    scene.probes.some((p) => p.kind === 'needle') ? `<span>${swatchBox('#e4e7ea', '#5a6068')}probe shaft</span>` : '',
    ...[...used]
      .sort((a, b) => a - b)
      .filter((l) => info[l] && info[l].role !== 'probe' && info[l].role !== 'shaft')
      .map((l) => `<span>${swatchBox(tissueColor(info[l].name, info[l].tissue, info[l].role, l))}${esc(info[l].name)}</span>`),
  ].filter(Boolean);
  const basis = (result.snapshots ?? []).length
    ? 'Isotherms show the temperature at the end of each freeze.'
    : 'This result has no temperature snapshots: isotherms show the lowest temperature each point reached at any time.';
  return `${blocks.join('\n')}<div class="keep"><div class="legend">${legend.join('')}</div><p class="caption">${esc(basis)} Temperatures are resampled from the simulation grid by trilinear interpolation; tissues are shown as the simulation grid labels them. Distances in mm, equal scale on both axes.</p></div>`;
}
