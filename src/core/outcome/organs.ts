import type { Complication, Scene, TubeStructure, Vec3 } from '../model.js';
import type { RunResult } from '../result.js';
import type { NerveOutcome, OrganAtRisk, Risk } from './types.js';
import type { OutcomeSettings } from './settings.js';
import { insideGrid, makeGrid } from '../grid/rectilinear.js';
import { perpendiculars } from './isotherm.js';
import { sampleField } from './sample.js';

interface ComplicationText {
  label: string;
  /** What the clinician does about it. */
  advice: string;
}

/** The complication each organ kind risks, in the clinicians' terms. */
export const COMPLICATIONS: Record<Complication, ComplicationText> = {
  pneumothorax: {
    label: 'pneumothorax (pleura frozen or punctured: air between lung and chest wall)',
    advice:
      'Keep the ice ball off the pleura (placement against the rib, a shorter active segment or freeze); watch breathing and oxygen saturation after; lung ultrasound or chest X-ray if breathless or in chest pain.',
  },
  'peritoneal-injury': {
    label: 'peritoneal or bowel injury',
    advice: 'Keep the ice ball superficial to the transversalis fascia; check for worsening abdominal pain, distension or fever after.',
  },
  'vessel-injury': {
    label: 'vessel injury (haematoma, bleeding, thrombosis)',
    advice: 'Find the vessel with Doppler before the freeze and keep the ice off its wall; press on the site after; check for a growing swelling.',
  },
  'nerve-injury': {
    label: 'unintended block of a nerve that is not the target',
    advice: 'Keep the ice ball off the neighbouring nerve (probe on the far side, shorter freeze); warn of numbness or weakness in its territory.',
  },
  'bone-injury': {
    label: 'bone injury (osteonecrosis, insufficiency fracture)',
    advice: 'Keep the ice ball off weight-bearing bone where possible; new bone pain on loading weeks later needs imaging.',
  },
  'tissue-injury': {
    label: 'injury to a structure that is not the target',
    advice: 'Keep the ice ball off it.',
  },
};

/** Outward offset of the ring that samples a vessel's wall from its lumen's edge, mm (the wall of a 2-4 mm artery). */
const WALL_MM = 0.4;
const STATION_MM = 0.25;
const ANGLES = 24;

/**
 * Coldest temperature reached on rings around a tube's centre line (radii in mm),
 * sampled from the lowest-temperature field: a tube thinner than the cells holds
 * no cell of its own, and a vessel's lumen is held at the blood's temperature by
 * the flow, so its wall (a ring outside the lumen), not the lumen, tells whether
 * ice reached it.
 */
function tubeColdest(result: RunResult, tube: TubeStructure, radii: number[]): number {
  const gi = result.grid;
  const g = makeGrid(gi.x_edges_mm, gi.y_edges_mm, gi.z_edges_mm);
  const inside = (p: Vec3) => insideGrid(g, p);
  let coldest = Infinity;
  for (let seg = 0; seg + 1 < tube.path_mm.length; seg++) {
    const a = tube.path_mm[seg];
    const b = tube.path_mm[seg + 1];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    if (len === 0) continue;
    const u: Vec3 = [(b[0] - a[0]) / len, (b[1] - a[1]) / len, (b[2] - a[2]) / len];
    const [e1, e2] = perpendiculars(u);
    const stations = Math.max(1, Math.round(len / STATION_MM));
    for (let s = 0; s <= stations; s++) {
      const t = (s * len) / stations;
      for (const r of radii) {
        const angles = r === 0 ? 1 : ANGLES;
        for (let k = 0; k < angles; k++) {
          const th = (2 * Math.PI * k) / angles;
          const ca = Math.cos(th) * r;
          const sa = Math.sin(th) * r;
          const p: Vec3 = [a[0] + u[0] * t + ca * e1[0] + sa * e2[0], a[1] + u[1] * t + ca * e1[1] + sa * e2[1], a[2] + u[2] * t + ca * e1[2] + sa * e2[2]];
          if (inside(p)) coldest = Math.min(coldest, sampleField(g, result.fields.min_c, p[0], p[1], p[2]));
        }
      }
    }
  }
  return coldest;
}

/** The name a layer has in the results (as the rasteriser names its region). */
function layerName(scene: Scene, i: number): string {
  const l = scene.layers[i];
  return l.name ?? (scene.layers.filter((o) => o.tissue === l.tissue).length > 1 ? `${l.tissue} ${i + 1}` : l.tissue);
}

const t1 = (v: number) => `${v.toFixed(1)} °C`;
const sec = (v: number) => (v >= 120 ? `${(v / 60).toFixed(1)} min` : `${v.toFixed(0)} s`);

/**
 * Every layer and structure the case marks at risk (pleura, peritoneum, vessels,
 * nerves that are not a target, bone): its coldest temperature, whether ice reached
 * it, and the complication that follows. High: it froze (a nerve: cold enough for a
 * lasting block); moderate: the ice edge came within the margin (a nerve: cold
 * enough for a reversible block); low: neither.
 */
export function organsAtRisk(scene: Scene, result: RunResult, nerves: NerveOutcome[], s: OutcomeSettings): OrganAtRisk[] {
  const o = s.organ;
  const frozenKey = String(o.frozen_c);
  const out: OrganAtRisk[] = [];
  const push = (
    name: string,
    kind: OrganAtRisk['kind'],
    at: NonNullable<Scene['layers'][number]['at_risk']>,
    coldest: number,
    time_frozen_s: number | null,
    where: string,
    nerve?: NerveOutcome,
  ) => {
    const known = Number.isFinite(coldest);
    const frozen = known && coldest <= o.frozen_c;
    let risk: Risk;
    let why: string;
    if (!known) {
      risk = 'not_modelled';
      why = 'no grid cell lies in it (refine the grid)';
    } else if (nerve) {
      const lasting = coldest <= s.nerve.axonotmesis_c || nerve.injury === 'axonotmesis' || nerve.injury === 'neurotmesis-risk';
      const cooled = coldest <= s.nerve.neurapraxia_c;
      risk = lasting ? 'high' : cooled ? 'moderate' : 'low';
      why = lasting
        ? `cold enough for a lasting block (≤ ${s.nerve.axonotmesis_c} °C; ${nerve.block === 'none' ? 'at its coldest point' : `${nerve.block} block of its coldest section`})`
        : cooled
          ? `cooled to a reversible block (≤ ${s.nerve.neurapraxia_c} °C) but not to a lasting one (${s.nerve.axonotmesis_c} °C)`
          : `stayed above ${s.nerve.neurapraxia_c} °C`;
    } else {
      risk = frozen ? 'high' : coldest <= o.margin_c ? 'moderate' : 'low';
      why = frozen
        ? `ice reached it (≤ ${o.frozen_c} °C${time_frozen_s !== null ? ` for ${sec(time_frozen_s)}` : ''})`
        : coldest <= o.margin_c
          ? `not frozen, but below ${o.margin_c} °C: the ice edge came within about a millimetre or two`
          : `stayed above ${o.margin_c} °C: clear of the ice`;
    }
    out.push({
      name,
      kind,
      complication: at.complication,
      complication_label: COMPLICATIONS[at.complication].label,
      coldest_c: known ? coldest : null,
      frozen,
      time_frozen_s,
      risk,
      basis: known ? `coldest ${t1(coldest)}${where ? ` ${where}` : ''}: ${why}` : why,
      advice: COMPLICATIONS[at.complication].advice,
      note: at.note ?? null,
    });
  };

  scene.layers.forEach((l, i) => {
    if (!l.at_risk) return;
    const name = layerName(scene, i);
    const r = result.structures.find((x) => x.role === 'layer' && x.name === name);
    push(name, 'layer', l.at_risk, r?.min_temperature_c ?? NaN, r ? (r.time_below_s[frozenKey] ?? 0) : null, '');
  });
  for (const st of scene.structures) {
    if (!st.at_risk) continue;
    if (st.kind === 'tube' && st.role === 'vessel') {
      const wall = tubeColdest(result, st, [st.diameter_mm / 2 + WALL_MM]);
      push(st.name, 'vessel', st.at_risk, wall, null, `at its wall (${WALL_MM} mm outside the lumen, which the blood flow keeps warm)`);
      continue;
    }
    const r = result.structures.find((x) => x.name === st.name && x.role === st.role);
    const tracked = r?.min_temperature_c ?? Infinity;
    const coldest = st.kind === 'tube' ? Math.min(tracked, tubeColdest(result, st, [0, st.diameter_mm / 4, st.diameter_mm / 2])) : tracked;
    const timed = r && Number.isFinite(r.min_temperature_c) ? (r.time_below_s[frozenKey] ?? 0) : null;
    const nerve = st.role === 'nerve' ? nerves.find((n) => n.name === st.name) : undefined;
    push(st.name, st.role === 'nerve' ? 'nerve' : 'other', st.at_risk, coldest, timed, '', nerve);
  }
  return out;
}
