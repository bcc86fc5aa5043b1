import type { Scene, Warmer, ContactProbe, SprayProbe } from '../model.js';
import type { Grid } from '../grid/rectilinear.js';
import type { Raster } from '../anatomy/raster.js';
import type { PhaseModel } from '../tissue/enthalpy.js';
import { activeSurfaceM2, needleSegments } from '../probe/needle.js';
import { cylinderEntry, insideCylinder } from '../probe/section.js';
import type { Vec3 } from '../model.js';

/** Where a boundary face exchanges heat with. */
export const enum LinkKind {
  Far = 0,
  Air = 1,
  Warmer = 2,
  Contact = 3,
  /** A grid line from a cell to the surface of a needle's active segment (an embedded boundary). */
  Needle = 4,
}

/**
 * Boundary faces: each couples one cell through its half-width to an outside
 * temperature, across a surface conductance h (Infinity: the face is held).
 */
export interface BoundaryLinks {
  count: number;
  cell: Int32Array;
  /** Face area times the fraction of it covered, m^2. */
  area: Float64Array;
  /** Distance from the cell centre to the face, m. */
  half: Float64Array;
  h: Float64Array;
  kind: Uint8Array;
  /** Warmer or contact/spray probe index (for those kinds); for Air, the spray whose spot it lies under, else -1. */
  owner: Int16Array;
  /**
   * For a needle link from a stretch that several needles share, one copy per needle
   * (each in its own needle's cut area): the index of the first copy, else -1. Only
   * one copy exchanges heat at a time (conditions.ts), so the surface is counted once.
   */
  copyOf: Int32Array;
}

/** The fixed (time-independent) part of the discrete problem. */
export interface Problem {
  scene: Scene;
  grid: Grid;
  raster: Raster;
  n: number;
  nx: number;
  ny: number;
  nz: number;
  nxy: number;
  pad: number;
  /** Cell volume, m^3. */
  volume: Float64Array;
  /** Half-widths along each axis, m. */
  hx: Float64Array;
  hy: Float64Array;
  hz: Float64Array;
  /** Material of each cell. */
  material: Uint8Array;
  materials: PhaseModel[];
  /** 1 for tissue (the cells whose energy the balance tracks), 0 for probe parts. */
  tissue: Uint8Array;
  links: BoundaryLinks;
  /**
   * Per needle probe: active cells (with those of a stretch it shares with another
   * needle), their volume, the active lateral surface (m^2), the material of its own
   * active cells (-1: none), and the total face area of its cut links (m^2).
   */
  needles: Array<{ probe: number; cells: Int32Array; volume: number; surface: number; material: number; cutArea: number }>;
  /** Materials of the needles' active parts (raster.needleParts): each is a cut while any of its probes is. */
  needleParts: Array<{ material: number; probes: number[] }>;
  /** Per contact probe or spray: its footprint area on the skin, m^2. */
  contacts: Array<{ probe: number; area: number }>;
  /** Vessel lumen cells (held at flow temperature). */
  vesselCells: Int32Array;
  /**
   * Volume of tissue in each cell (m^3) for the isotherm volumes: the cell's volume,
   * less the part of it a needle's active segment or shaft covers; a probe cell
   * (its centre inside) counts the part outside (that tissue lies within half a cell
   * of the surface, at nearly the probe's temperature). Without it the round probe's
   * staircase of whole cells would add or drop a band of tissue around it.
   */
  measure: Float64Array;
  /**
   * Optional per-cell factor on conductivity, for heterogeneous media beyond the
   * labelled materials (used by the verification tests' variable-k medium).
   */
  kScale: Float64Array | null;
}

/** Fraction of the rectangle [x0,x1]x[y0,y1] inside a shape, by 8x8 sub-sampling. */
function coverage(x0: number, x1: number, y0: number, y1: number, inside: (x: number, y: number) => boolean): number {
  const m = 8;
  let c = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (inside(x0 + ((a + 0.5) * (x1 - x0)) / m, y0 + ((b + 0.5) * (y1 - y0)) / m)) c++;
  return c / (m * m);
}

const inDisk = (p: ContactProbe | SprayProbe) => (x: number, y: number) => (x - p.center_mm[0]) ** 2 + (y - p.center_mm[1]) ** 2 <= (p.diameter_mm / 2) ** 2;
const inRect = (w: Warmer) => (x: number, y: number) => Math.abs(x - w.center_mm[0]) <= w.size_mm[0] / 2 && Math.abs(y - w.center_mm[1]) <= w.size_mm[1] / 2;

export function buildProblem(scene: Scene, grid: Grid, raster: Raster): Problem {
  const { nx, ny, nz } = grid;
  const nxy = nx * ny;
  const n = nxy * nz;
  const mm = 1e-3;
  const hx = grid.dx.map((d) => 0.5 * d * mm);
  const hy = grid.dy.map((d) => 0.5 * d * mm);
  const hz = grid.dz.map((d) => 0.5 * d * mm);
  const volume = new Float64Array(n);
  const material = new Uint8Array(n);
  const tissue = new Uint8Array(n);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const c = i + nx * (j + ny * k);
        volume[c] = 8 * hx[i] * hy[j] * hz[k];
        const region = raster.regions[raster.label[c]];
        material[c] = region.materialIndex;
        tissue[c] = region.role === 'probe' || region.role === 'shaft' || !Number.isNaN(raster.heldTemperature[c]) ? 0 : 1;
      }

  const links: Array<[number, number, number, number, LinkKind, number]> = [];
  const b = scene.domain.boundaries;
  const far = (kind: 'body' | 'adiabatic') => kind === 'body';
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const a = 4 * hy[j] * hz[k];
      if (far(b.x_min)) links.push([nx * (j + ny * k), a, hx[0], Infinity, LinkKind.Far, -1]);
      if (far(b.x_max)) links.push([nx - 1 + nx * (j + ny * k), a, hx[nx - 1], Infinity, LinkKind.Far, -1]);
    }
  for (let k = 0; k < nz; k++)
    for (let i = 0; i < nx; i++) {
      const a = 4 * hx[i] * hz[k];
      if (far(b.y_min)) links.push([i + nx * ny * k, a, hy[0], Infinity, LinkKind.Far, -1]);
      if (far(b.y_max)) links.push([i + nx * (ny - 1 + ny * k), a, hy[ny - 1], Infinity, LinkKind.Far, -1]);
    }
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const a = 4 * hx[i] * hy[j];
      if (far(b.bottom)) links.push([i + nx * (j + ny * (nz - 1)), a, hz[nz - 1], Infinity, LinkKind.Far, -1]);
      // The skin surface: contact probes, spray spots and warmers cover parts of each face, air the rest.
      // A spray's spot has a second, air link over the same area: open to air while it does not spray (conditions.ts).
      const c = i + nx * j;
      const x0 = grid.xe[i],
        x1 = grid.xe[i + 1],
        y0 = grid.ye[j],
        y1 = grid.ye[j + 1];
      let covered = 0;
      const s = scene.domain.boundaries.surface;
      scene.probes.forEach((p, pi) => {
        if (p.kind === 'needle') return;
        const f = Math.min(1 - covered, coverage(x0, x1, y0, y1, inDisk(p)));
        if (f > 0) links.push([c, a * f, hz[0], Infinity, LinkKind.Contact, pi]);
        if (f > 0 && p.kind === 'spray' && s.kind === 'convection') links.push([c, a * f, hz[0], s.h_w_m2k, LinkKind.Air, pi]);
        covered += f;
      });
      scene.warmers.forEach((w, wi) => {
        const f = Math.min(1 - covered, coverage(x0, x1, y0, y1, inRect(w)));
        if (f > 0) links.push([c, a * f, hz[0], w.h_w_m2k, LinkKind.Warmer, wi]);
        covered += f;
      });
      if (covered < 1 && s.kind === 'convection') links.push([c, a * (1 - covered), hz[0], s.h_w_m2k, LinkKind.Air, -1]);
    }
  const copies = new Map<number, number>();
  const copyOf: number[] = [];
  scene.probes.forEach((p, pi) => {
    if (p.kind === 'needle') cutLinks(p, pi, grid, raster, hx, hy, hz, links, copies, copyOf);
  });
  const L = links.length;
  const bl: BoundaryLinks = {
    count: L,
    cell: new Int32Array(L),
    area: new Float64Array(L),
    half: new Float64Array(L),
    h: new Float64Array(L),
    kind: new Uint8Array(L),
    owner: new Int16Array(L),
    copyOf: new Int32Array(L).fill(-1),
  };
  for (const [q, first] of copyOf.entries()) if (first !== undefined) bl.copyOf[q] = first;
  links.forEach((l, q) => {
    bl.cell[q] = l[0];
    bl.area[q] = l[1];
    bl.half[q] = l[2];
    bl.h[q] = l[3];
    bl.kind[q] = l[4];
    bl.owner[q] = l[5];
  });

  // (One sweep for all needles: a cell of a shared stretch is in each of its needles' lists.)
  const cellsOf: number[][] = scene.probes.map(() => []);
  const volumeOf = new Float64Array(scene.probes.length);
  for (let c = 0; c < n; c++) {
    const part = raster.needlePart[c];
    if (part < 0) continue;
    for (const pi of raster.needleParts[part].probes) {
      cellsOf[pi].push(c);
      volumeOf[pi] += volume[c];
    }
  }
  const partMaterial = raster.needleParts.map((part) => raster.regions[part.region].materialIndex);
  const needles: Problem['needles'] = [];
  const contacts: Problem['contacts'] = [];
  scene.probes.forEach((p, pi) => {
    if (p.kind === 'needle') {
      let cutArea = 0;
      for (let q = 0; q < L; q++) if (bl.kind[q] === LinkKind.Needle && bl.owner[q] === pi) cutArea += bl.area[q];
      const own = raster.needleParts.findIndex((part) => part.probes.length === 1 && part.probes[0] === pi);
      const mat = own >= 0 && cellsOf[pi].length > 0 ? partMaterial[own] : -1;
      needles.push({ probe: pi, cells: Int32Array.from(cellsOf[pi]), volume: volumeOf[pi], surface: activeSurfaceM2(p), material: mat, cutArea });
    } else {
      let area = 0;
      for (let q = 0; q < L; q++) if (bl.kind[q] === LinkKind.Contact && bl.owner[q] === pi) area += bl.area[q];
      contacts.push({ probe: pi, area });
    }
  });
  const vessel: number[] = [];
  for (let c = 0; c < n; c++) if (!Number.isNaN(raster.heldTemperature[c])) vessel.push(c);

  return {
    scene,
    grid,
    raster,
    measure: tissueMeasure(scene, grid, raster, volume, tissue),
    n,
    nx,
    ny,
    nz,
    nxy,
    pad: nxy,
    volume,
    hx,
    hy,
    hz,
    material,
    materials: raster.materials,
    tissue,
    links: bl,
    needles,
    needleParts: raster.needleParts.map((part, i) => ({ material: partMaterial[i], probes: part.probes })),
    contacts,
    vesselCells: Int32Array.from(vessel),
    kScale: null,
  };
}

/** Relative margin of cellSide's tests, far above the rounding of the sample points' tests. */
const SIDE_MARGIN = 1e-9;

/**
 * Whether every point within `half` of (x, y, z) lies outside the flat-ended cylinder
 * of radius r around segment ab (-1), inside it (1), or neither for sure (0).
 */
function ballSide(x: number, y: number, z: number, half: number, a: Vec3, b: Vec3, r: number): number {
  const ux = b[0] - a[0],
    uy = b[1] - a[1],
    uz = b[2] - a[2];
  // (Square roots, not Math.hypot: a conservative test with a margin needs no care for over- or underflow, and hypot is slow.)
  const len = Math.sqrt(ux * ux + uy * uy + uz * uz);
  if (!(len > 0)) return -1;
  const wx = x - a[0],
    wy = y - a[1],
    wz = z - a[2];
  const along = (wx * ux + wy * uy + wz * uz) / len;
  const tc = Math.min(len, Math.max(0, along)) / len;
  const dx = wx - tc * ux,
    dy = wy - tc * uy,
    dz = wz - tc * uz;
  const dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const eps = SIDE_MARGIN * (r + len + half);
  if (dist > r + half + eps) return -1;
  const f = along / len;
  const ex = wx - f * ux,
    ey = wy - f * uy,
    ez = wz - f * uz;
  const axial = Math.sqrt(ex * ex + ey * ey + ez * ez);
  if (along - half > eps && along + half < len - eps && axial + half < r - eps) return 1;
  return 0;
}

/** Whether cell (i, j, k) lies wholly outside the cylinder (-1), wholly inside it (1), or neither for sure (0). */
function cellSide(grid: Grid, i: number, j: number, k: number, a: Vec3, b: Vec3, r: number): number {
  const hx = 0.5 * grid.dx[i],
    hy = 0.5 * grid.dy[j],
    hz = 0.5 * grid.dz[k];
  return ballSide(grid.xe[i] + hx, grid.ye[j] + hy, grid.ze[k] + hz, Math.sqrt(hx * hx + hy * hy + hz * hz), a, b, r);
}

/** Sub-samples per axis of one block that is tested as a whole before its samples are. */
const BLOCK = 3;

/**
 * How many of the MEASURE_SAMPLES^3 sub-samples of cell (i, j, k) lie inside the
 * cylinder: each block of BLOCK^3 of them wholly on one side counts at once, and the
 * samples of the others are tested one by one, as the plain sampling tests them (the
 * same points, so the same count, for about half the tests).
 */
function samplesInside(grid: Grid, i: number, j: number, k: number, a: Vec3, b: Vec3, r: number, q: Vec3): number {
  const m = MEASURE_SAMPLES;
  const x0 = grid.xe[i],
    y0 = grid.ye[j],
    z0 = grid.ze[k];
  const dx = grid.dx[i],
    dy = grid.dy[j],
    dz = grid.dz[k];
  let inside = 0;
  for (let bu = 0; bu < m; bu += BLOCK)
    for (let bv = 0; bv < m; bv += BLOCK)
      for (let bw = 0; bw < m; bw += BLOCK) {
        // The block's first and last sample points bound all of its points (the sample formula is monotone).
        const xa = x0 + ((bu + 0.5) * dx) / m,
          xb = x0 + ((bu + BLOCK - 0.5) * dx) / m;
        const ya = y0 + ((bv + 0.5) * dy) / m,
          yb = y0 + ((bv + BLOCK - 0.5) * dy) / m;
        const za = z0 + ((bw + 0.5) * dz) / m,
          zb = z0 + ((bw + BLOCK - 0.5) * dz) / m;
        const hx = 0.5 * (xb - xa),
          hy = 0.5 * (yb - ya),
          hz = 0.5 * (zb - za);
        const side = ballSide(xa + hx, ya + hy, za + hz, Math.sqrt(hx * hx + hy * hy + hz * hz), a, b, r);
        if (side < 0) continue;
        if (side > 0) {
          inside += BLOCK * BLOCK * BLOCK;
          continue;
        }
        for (let u = bu; u < bu + BLOCK; u++)
          for (let v = bv; v < bv + BLOCK; v++)
            for (let w = bw; w < bw + BLOCK; w++) {
              q[0] = x0 + ((u + 0.5) * dx) / m;
              q[1] = y0 + ((v + 0.5) * dy) / m;
              q[2] = z0 + ((w + 0.5) * dz) / m;
              if (insideCylinder(q, a, b, r)) inside++;
            }
      }
  return inside;
}

/** A cut link shorter than this fraction of its grid line is lengthened to it (a row that would otherwise be nearly singular). */
const MIN_CUT_FRACTION = 0.02;

/**
 * The embedded boundary of a needle's active segment (Shortley & Weller 1938;
 * in the symmetric finite-volume form of Gibou et al. 2002, J Comput Phys 176:205):
 * every grid line from a cell outside the active segment to one inside it is cut
 * where it crosses the true round surface, and the cell exchanges heat with that
 * surface point through its own conductivity over the shortened distance (the
 * full face area is kept, which keeps the matrix symmetric; the scheme stays
 * second-order accurate in the solution). While the probe cools, its cells are
 * made non-conducting and these links carry all of its heat, so the probe's
 * surface, not the centre of a steel cell, is where its temperature is imposed,
 * at any angle to the grid.
 */
function cutLinks(
  p: Extract<Scene['probes'][number], { kind: 'needle' }>,
  pi: number,
  grid: Grid,
  raster: Raster,
  hx: Float64Array,
  hy: Float64Array,
  hz: Float64Array,
  links: Array<[number, number, number, number, LinkKind, number]>,
  copies: Map<number, number>,
  copyOf: number[],
): void {
  const { nx, ny, nz } = grid;
  const nxy = nx * ny;
  const n = nxy * nz;
  const { active } = needleSegments(p);
  const r = p.diameter_mm / 2;
  const centre = (c: number): Vec3 => {
    const i = c % nx,
      j = Math.floor(c / nx) % ny,
      k = Math.floor(c / nxy);
    return [grid.xc[i], grid.yc[j], grid.zc[k]];
  };
  const part = raster.needlePart;
  const owns = raster.needleParts.map((q) => q.probes.includes(pi));
  const shared = raster.needleParts.map((q) => q.probes.length > 1);
  for (let c = 0; c < n; c++) {
    if (part[c] < 0 || !owns[part[c]]) continue;
    const i = c % nx,
      j = Math.floor(c / nx) % ny,
      k = Math.floor(c / nxy);
    const nbrs: Array<[number, number, number]> = [];
    // neighbour, face area (m^2), centre-to-centre distance (m)
    if (i > 0) nbrs.push([c - 1, 4 * hy[j] * hz[k], hx[i - 1] + hx[i]]);
    if (i + 1 < nx) nbrs.push([c + 1, 4 * hy[j] * hz[k], hx[i] + hx[i + 1]]);
    if (j > 0) nbrs.push([c - nx, 4 * hx[i] * hz[k], hy[j - 1] + hy[j]]);
    if (j + 1 < ny) nbrs.push([c + nx, 4 * hx[i] * hz[k], hy[j] + hy[j + 1]]);
    if (k > 0) nbrs.push([c - nxy, 4 * hx[i] * hy[j], hz[k - 1] + hz[k]]);
    if (k + 1 < nz) nbrs.push([c + nxy, 4 * hx[i] * hy[j], hz[k] + hz[k + 1]]);
    for (const [o, area, dist] of nbrs) {
      if (part[o] >= 0) continue;
      if (!Number.isNaN(raster.heldTemperature[o])) continue;
      // A cell marked only because the axis passes through it may not reach the line: hold the surface at its centre then.
      let f = cylinderEntry(centre(o), centre(c), active[0], active[1], r);
      if (!(f >= 0)) f = 1;
      if (shared[part[c]]) {
        // The same face seen from another needle of the stretch: a copy of its link.
        const key = o * n + c;
        const first = copies.get(key);
        if (first === undefined) copies.set(key, links.length);
        copyOf[links.length] = first ?? links.length;
      }
      links.push([o, area, Math.max(MIN_CUT_FRACTION, f) * dist, Infinity, LinkKind.Needle, pi]);
    }
  }
}

/** Sub-samples per axis when measuring how much of a cell a needle covers. */
const MEASURE_SAMPLES = 6;

function tissueMeasure(scene: Scene, grid: Grid, raster: Raster, volume: Float64Array, tissue: Uint8Array): Float64Array {
  const { nx, ny } = grid;
  const measure = new Float64Array(volume.length);
  for (let c = 0; c < volume.length; c++) measure[c] = tissue[c] ? volume[c] : 0;
  const m = MEASURE_SAMPLES;
  const q: Vec3 = [0, 0, 0];
  for (const p of scene.probes) {
    if (p.kind !== 'needle') continue;
    const { active, shaft } = needleSegments(p);
    const r = p.diameter_mm / 2;
    const parts = shaft ? [active, shaft] : [active];
    for (const [a, b] of parts) {
      const range = (e: Float64Array, l: number, h: number) => {
        let i0 = 0;
        while (i0 + 1 < e.length - 1 && e[i0 + 1] <= l) i0++;
        let i1 = i0;
        while (i1 + 1 < e.length - 1 && e[i1 + 1] < h) i1++;
        return [i0, i1];
      };
      // (Bounds as numbers, not arrays from map: such an array's map follows its values, whole or not, and deoptimised this in later runs.)
      const [i0, i1] = range(grid.xe, Math.min(a[0], b[0]) - r, Math.max(a[0], b[0]) + r);
      const [j0, j1] = range(grid.ye, Math.min(a[1], b[1]) - r, Math.max(a[1], b[1]) + r);
      const [k0, k1] = range(grid.ze, Math.min(a[2], b[2]) - r, Math.max(a[2], b[2]) + r);
      for (let k = k0; k <= k1; k++)
        for (let j = j0; j <= j1; j++)
          for (let i = i0; i <= i1; i++) {
            const c = i + nx * (j + ny * k);
            const role = raster.regions[raster.label[c]].role;
            // Cells that lie wholly outside the cylinder or wholly inside it need no sampling:
            // every sample is within the half-diagonal of the centre (with a margin for rounding).
            const side = cellSide(grid, i, j, k, a, b, r);
            if (side < 0) continue;
            // (One point reused for the samples: a fresh array per sample was most of a small run's set-up, in garbage.)
            const inside = side > 0 ? m * m * m : samplesInside(grid, i, j, k, a, b, r, q);
            if (inside === 0) continue;
            const outside = 1 - inside / (m * m * m);
            if (tissue[c]) measure[c] = Math.min(measure[c], volume[c] * outside);
            else if ((role === 'probe' || role === 'shaft') && raster.regions[raster.label[c]].probe !== undefined) measure[c] = volume[c] * outside;
          }
    }
  }
  return measure;
}
