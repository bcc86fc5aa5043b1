import type { CylinderStructure, LesionClass, LesionSpec, Scene } from '../model.js';
import type { RunResult } from '../result.js';
import type { OrganAtRisk, Risk } from './types.js';
import type { OutcomeSettings } from './settings.js';
import { ablationOutcome, type AblationCycle } from './ablation.js';
import { makeGrid, type Grid } from '../grid/rectilinear.js';
import { sampleField } from './sample.js';
import { phaseWindows } from '../protocol/schedule.js';
import { LESION_SOURCES as S } from './lesion-rules.js';

/**
 * The outcome of freezing a skin lesion: whether the whole lesion and its margin of
 * normal skin reached the lethal temperature for its kind, the visible frozen rim
 * ("halo") against the clinical rule, how long each freeze took to thaw, and the
 * side effects particular to skin (blister, pigment loss, scar, a superficial
 * nerve). The coverage itself is the ablation outcome's (ablation.ts) with the
 * lesion as its target.
 */

export interface LesionEffect {
  id: 'blister' | 'hypopigmentation' | 'scarring' | 'nerve-injury';
  label: string;
  risk: Risk;
  basis: string;
  advice: string;
}

export interface LesionThaw {
  /** The freeze, 'freeze 1', ... */
  freeze: string;
  /** Seconds from the end of the freeze until the whole lesion is above 0 °C again; null when it was still frozen when the next phase (or the run) began. */
  thaw_s: number | null;
  /** Length of the thaw that followed, s (0 when none followed). */
  window_s: number;
}

export interface LesionOutcome {
  structure: string;
  type: string;
  class: LesionClass;
  diameter_mm: number;
  depth_mm: number;
  lethal_c: number;
  margin_mm: number;
  halo_rule_mm: [number, number];
  /** Fraction of the lesion at or below lethal_c by the end of each freeze, then over the whole procedure. */
  cycles: AblationCycle[];
  /** Fraction of the lesion and its margin (a cylinder margin_mm wider, as deep as the lesion) that reached lethal_c. */
  fraction_lethal_with_margin: number;
  /** How far beyond the lesion's edge lethal_c reached, mm: the least over the lesion's depth and all directions (negative: short of the edge). */
  lethal_margin_mm: number;
  /** How deep lethal_c reached under the lesion's centre, mm. */
  lethal_depth_mm: number;
  /** The visible frozen rim (0 °C) at the skin beyond the lesion's edge at its largest, mm: least and greatest over directions. */
  halo_mm: [number, number];
  halo_verdict: 'short' | 'within' | 'beyond';
  /** How far past the lesion's edge the skin reached the melanocytes' lethal temperature, mm (greatest over directions). */
  pigment_loss_beyond_edge_mm: number;
  thaws: LesionThaw[];
  /** The whole lesion reached lethal_c, and lethal_c reached margin_mm past its edge. */
  aim_met: boolean;
  verdict: string;
  effects: LesionEffect[];
  basis: string;
}

const DIRECTIONS = 16;
/** Where the dermis dies through (fibroblasts, collagen framework): the malignant lethal temperature (estimate; see lesionEffects). */
export const SCAR_C = -50;
const STEP_MM = 0.05;

/** How far from (cx, cy) along each of DIRECTIONS headings the field stays at or below `level` at depth z, mm. */
function reach(g: Grid, f: ArrayLike<number>, cx: number, cy: number, z: number, level: number, limit: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < DIRECTIONS; d++) {
    const a = (2 * Math.PI * d) / DIRECTIONS;
    const [ux, uy] = [Math.cos(a), Math.sin(a)];
    let r = 0;
    if (sampleField(g, f, cx, cy, z) > level) {
      out.push(0);
      continue;
    }
    while (r < limit) {
      const x = cx + (r + STEP_MM) * ux;
      const y = cy + (r + STEP_MM) * uy;
      if (x < g.xe[0] || x > g.xe[g.nx] || y < g.ye[0] || y > g.ye[g.ny]) break;
      const v = sampleField(g, f, x, y, z);
      if (v > level) {
        // The crossing between the last two samples, linearly.
        const v0 = sampleField(g, f, cx + r * ux, cy + r * uy, z);
        r += v > v0 ? (STEP_MM * (level - v0)) / (v - v0) : 0;
        break;
      }
      r += STEP_MM;
    }
    out.push(r);
  }
  return out;
}

/** Depth under (x, y) down to which the field stays at or below `level` from the skin, mm. */
function depthReach(g: Grid, f: ArrayLike<number>, x: number, y: number, level: number): number {
  let z = 0;
  const bottom = g.ze[g.nz];
  if (sampleField(g, f, x, y, 0) > level) return 0;
  while (z < bottom) {
    const v = sampleField(g, f, x, y, z + STEP_MM);
    if (v > level) {
      const v0 = sampleField(g, f, x, y, z);
      return z + (v > v0 ? (STEP_MM * (level - v0)) / (v - v0) : 0);
    }
    z += STEP_MM;
  }
  return bottom;
}

const fmt = (v: number, d = 1) => `${v.toFixed(d)} mm`;

export function lesionOutcome(scene: Scene, result: RunResult, spec: LesionSpec, organs: OrganAtRisk[], s: OutcomeSettings): LesionOutcome {
  const cyl = scene.structures.find((x) => x.name === spec.structure) as CylinderStructure;
  const [cx, cy] = [cyl.start_mm[0], cyl.start_mm[1]];
  const r = cyl.diameter_mm / 2;
  const depth = Math.max(cyl.start_mm[2], cyl.end_mm[2]);
  const gi = result.grid;
  const g = makeGrid(gi.x_edges_mm, gi.y_edges_mm, gi.z_edges_mm);
  const minC = result.fields.min_c;

  // Coverage of the lesion: the ablation outcome with the lesion as target (0 °C, the ice edge, as the partial band).
  const ab = ablationOutcome(scene, result, {
    target: spec.structure,
    lethal_c: spec.lethal_c,
    partial_c: Math.max(spec.lethal_c, 0),
    limits: [],
  });

  // The lesion with its margin: cells within margin_mm of the lesion, as deep as it.
  let inZone = 0;
  let lethalZone = 0;
  const R = r + spec.margin_mm;
  for (let k = 0; k < g.nz && g.zc[k] <= depth; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        if (Math.hypot(g.xc[i] - cx, g.yc[j] - cy) > R) continue;
        const c = i + g.nx * (j + g.ny * k);
        const v = g.dx[i] * g.dy[j] * g.dz[k];
        inZone += v;
        if (minC[c] <= spec.lethal_c) lethalZone += v;
      }
  // The lethal isotherm is narrowest at the lesion's base (the frozen lens tapers with depth): the least reach over its depth.
  const limit = Math.max(g.xe[g.nx] - g.xe[0], g.ye[g.ny] - g.ye[0]);
  let lethalMargin = Infinity;
  const levels = [0, ...Array.from(g.zc).filter((z) => z < depth), depth];
  for (const z of levels) lethalMargin = Math.min(lethalMargin, least(reach(g, minC, cx, cy, z, spec.lethal_c, limit)) - r);
  const lethalDepth = depthReach(g, minC, cx, cy, spec.lethal_c);
  const halo = reach(g, minC, cx, cy, 0, 0, limit).map((v) => v - r);
  const haloRange: [number, number] = [least(halo), most(halo)];
  const haloVerdict = haloRange[0] < spec.halo_mm[0] ? 'short' : haloRange[1] > spec.halo_mm[1] ? 'beyond' : 'within';
  const pigment = Math.max(0, most(reach(g, minC, cx, cy, 0, s.skin.pigment_c, limit)) - r);

  const thaws = thawTimes(scene, result, spec.structure);
  const fractionLethal = ab.cycles[ab.cycles.length - 1].fraction_lethal;
  const aim = fractionLethal >= 0.99 && lethalMargin >= spec.margin_mm;
  const verdict = aim
    ? `The whole ${spec.type} and a ${fmt(lethalMargin)} margin (the rule asks ${fmt(spec.margin_mm)}) reached ${spec.lethal_c} °C.`
    : fractionLethal < 0.99
      ? `Not all of the ${spec.type} reached ${spec.lethal_c} °C: ${(100 * fractionLethal).toFixed(0)} % of it did (the lethal isotherm reached ${fmt(lethalDepth)} deep under its centre; the lesion is ${fmt(depth)} deep).`
      : `The ${spec.type} reached ${spec.lethal_c} °C, but the lethal margin is ${fmt(Math.max(0, lethalMargin))} where the rule asks ${fmt(spec.margin_mm)}.`;

  return {
    structure: spec.structure,
    type: spec.type,
    class: spec.class,
    diameter_mm: cyl.diameter_mm,
    depth_mm: depth,
    lethal_c: spec.lethal_c,
    margin_mm: spec.margin_mm,
    halo_rule_mm: spec.halo_mm,
    cycles: ab.cycles,
    fraction_lethal_with_margin: inZone > 0 ? lethalZone / inZone : 0,
    lethal_margin_mm: lethalMargin,
    lethal_depth_mm: lethalDepth,
    halo_mm: haloRange,
    halo_verdict: haloVerdict,
    pigment_loss_beyond_edge_mm: pigment,
    thaws,
    aim_met: aim,
    verdict,
    effects: lesionEffects(scene, result, organs, s, { depth, pigment, cx, cy, g }),
    basis:
      `${spec.basis}. The lesion counts as killed where the coldest temperature each point reached is at or below ${spec.lethal_c} °C; ` +
      `the margin is the least distance past the lesion's edge over its depth and ${DIRECTIONS} directions; the halo is the 0 °C ice edge at the skin at its largest; ` +
      `the thaw time runs from the end of a freeze until the lesion's coldest point is above 0 °C again.`,
  };
}

/** Seconds from the end of each freeze until the lesion's coldest point is back above 0 °C, from the run's series. */
function thawTimes(scene: Scene, result: RunResult, name: string): LesionThaw[] {
  const series = result.series.structures.find((x) => x.name === name);
  const t = result.series.time_s;
  const windows = phaseWindows(scene.protocol);
  return windows.flatMap((w, i): LesionThaw[] => {
    if (w.phase.kind !== 'freeze') return [];
    const next = windows[i + 1];
    const window = next && next.phase.kind === 'thaw' ? next.end - w.end : 0;
    let thaw: number | null = null;
    if (series)
      for (let q = 1; q < t.length; q++) {
        if (t[q] <= w.end + 1e-9 || t[q] > w.end + window + 1e-9) continue;
        const [a, b] = [series.min_c[q - 1], series.min_c[q]];
        if (b >= 0 && a < 0) {
          thaw = t[q - 1] + ((0 - a) * (t[q] - t[q - 1])) / (b - a) - w.end;
          break;
        }
        if (b >= 0 && t[q - 1] >= w.end) {
          thaw = t[q - 1] - w.end;
          break;
        }
      }
    return [{ freeze: w.label, thaw_s: thaw, window_s: window }];
  });
}

interface Geometry {
  depth: number;
  pigment: number;
  cx: number;
  cy: number;
  g: Grid;
}

function lesionEffects(scene: Scene, result: RunResult, organs: OrganAtRisk[], s: OutcomeSettings, geo: Geometry): LesionEffect[] {
  const sk = s.skin;
  const skin = result.structures.filter((x) => x.role === 'layer' && /skin/i.test(`${x.tissue} ${x.name}`));
  const frozen_s = skin.reduce((m, x) => Math.max(m, x.time_below_s[String(sk.frozen_c)] ?? 0), 0);
  const rows: LesionEffect[] = [];
  rows.push({
    id: 'blister',
    label: 'Blister',
    risk: frozen_s >= sk.blister_s ? 'high' : frozen_s > 0 ? 'moderate' : 'low',
    basis: `the skin was frozen (≤ ${sk.frozen_c} °C) for ${frozen_s.toFixed(0)} s; a blister follows once the junction of epidermis and dermis freezes (${sk.blister_s} s or more: estimate), and is the expected reaction to freezing a lesion (${S.andrews.cite})`,
    advice: 'Expected within hours: leave it intact, keep it clean and covered; it dries to a crust that falls off in 1-3 weeks.',
  });
  const w = geo.pigment;
  rows.push({
    id: 'hypopigmentation',
    label: 'Pale patch (loss of pigment)',
    risk: w >= 2 ? 'high' : w > 0.5 ? 'moderate' : 'low',
    basis: `the skin reached ${sk.pigment_c} °C, where melanocytes die (-4 to -7 °C, before keratinocytes: ${S.gageBaust.cite}), up to ${w.toFixed(1)} mm past the lesion's edge; pigment loss inside the treated spot is unavoidable (${S.nci.cite}); a ring over 0.5 mm is 'moderate', over 2 mm 'high' (estimate)`,
    advice: 'Most noticeable on darker skin: warn the patient; a shorter freeze or a smaller spot narrows the ring.',
  });
  // A scar follows when the dermis dies through its whole thickness (no adnexa left to heal from). Fibroblasts and the
  // collagen framework outlast keratinocytes in the cold (why freezing seldom scars: Andrews 2004), so the malignant
  // lethal temperature, not the keratinocytes', marks where the dermis dies: estimate.
  const skinLayer = scene.layers[0] && /skin/i.test(`${scene.layers[0].tissue} ${scene.layers[0].name ?? ''}`) ? scene.layers[0].thickness_mm : null;
  const burnDepth = depthReach(geo.g, result.fields.min_c, geo.cx, geo.cy, SCAR_C);
  const ratio = skinLayer ? burnDepth / skinLayer : 0;
  rows.push({
    id: 'scarring',
    label: 'Scar',
    risk: skinLayer === null ? 'not_modelled' : ratio >= 1 ? 'high' : ratio >= 0.6 ? 'moderate' : 'low',
    basis:
      skinLayer === null
        ? 'the case has no skin layer on top to compare the depth of freezing with'
        : `${SCAR_C} °C (the dermis dies) reached ${burnDepth.toFixed(1)} mm deep, ${(100 * ratio).toFixed(0)} % of the ${skinLayer} mm skin; the whole dermis killed heals with a scar, 60 % or more is 'moderate' (estimate); scarring is rare after freezing benign lesions (${S.andrews.cite}); hypertrophic scars are reported after cancers (${S.nci.cite})`,
    advice: 'Freeze no deeper than the lesion needs (shorter or intermittent spray); malignant lesions heal with a pale, flat scar.',
  });
  const nerves = organs.filter((o) => o.kind === 'nerve');
  const order: Risk[] = ['not_modelled', 'low', 'moderate', 'high'];
  const worst = nerves.reduce<Risk>((m, o) => (order.indexOf(o.risk) > order.indexOf(m) ? o.risk : m), nerves.length ? 'low' : 'not_modelled');
  rows.push({
    id: 'nerve-injury',
    label: 'Numbness from a nerve near the skin',
    risk: worst,
    basis: nerves.length
      ? `${nerves.map((o) => `${o.name}: coldest ${o.coldest_c === null ? 'n/a' : `${o.coldest_c.toFixed(1)} °C`} (${o.risk})`).join('; ')}; cooling below ${s.nerve.neurapraxia_c} °C blocks a nerve for hours, freezing it through to ${s.nerve.axonotmesis_c} °C for months; cryosurgery is cautioned where nerves run shallow (${S.nci.cite}); paresthesia is a known adverse effect (${S.clebak.cite})`
      : 'no nerve near the lesion is in the case',
    advice:
      'Where a nerve runs shallow (finger sides, the temple, the neck) freeze in short bursts and keep the ice off its course; numbness after usually recovers over months.',
  });
  return rows;
}

function least(v: readonly number[]): number {
  return v.reduce((m, x) => Math.min(m, x), Infinity);
}

function most(v: readonly number[]): number {
  return v.reduce((m, x) => Math.max(m, x), -Infinity);
}
