import type { Scene } from '../model.js';
import type { RunResult, StructureResult } from '../result.js';
import type { NerveOutcome, Risk, SideEffect, SideEffectId } from './types.js';
import type { OutcomeSettings } from './settings.js';
import { freezeTime } from '../protocol/schedule.js';

/** The tissue regions a side effect looks at: by tissue id or name, so that custom tissues ('plantar-skin') count too. */
function regions(result: RunResult, word: RegExp): StructureResult[] {
  return result.structures.filter((s) => word.test(s.tissue) || word.test(s.name));
}

/** Coldest temperature over regions, and the longest time any of them spent at or below a threshold. */
function exposure(rs: StructureResult[], threshold: number): { coldest: number; time_s: number } {
  const key = String(threshold);
  return {
    coldest: rs.reduce((m, r) => Math.min(m, r.min_temperature_c), Infinity),
    time_s: rs.reduce((m, r) => Math.max(m, r.time_below_s[key] ?? 0), 0),
  };
}

const t1 = (v: number) => `${v.toFixed(1)} °C`;
const sec = (v: number) => (v >= 120 ? `${(v / 60).toFixed(1)} min` : `${v.toFixed(0)} s`);

/** Protocol facts that raise the effects temperature does not decide. */
export interface ProtocolFactors {
  freezes: number;
  freeze_s: number;
  punctures: number;
  /** Shallowest depth of any needle's active (cooled) segment, mm; null for contact probes only. */
  active_depth_mm: number | null;
  bare_shafts: number;
}

export function protocolFactors(scene: Scene): ProtocolFactors {
  let depth: number | null = null;
  for (const p of scene.probes) {
    if (p.kind !== 'needle' || p.purpose === 'warming') continue;
    const top = Math.min(p.tip_mm[2], p.tip_mm[2] - p.direction[2] * p.active_length_mm);
    depth = depth === null ? top : Math.min(depth, top);
  }
  return {
    freezes: scene.protocol.filter((p) => p.kind === 'freeze').length,
    freeze_s: freezeTime(scene.protocol),
    // A warming catheter passes through a natural orifice, not the skin.
    punctures: scene.probes.filter((p) => p.kind === 'needle' && p.purpose !== 'warming').length,
    active_depth_mm: depth,
    bare_shafts: scene.probes.filter((p) => p.kind === 'needle' && p.shaft === 'bare').length,
  };
}

function level(value: number, moderate: number, high: number): Risk {
  return value >= high ? 'high' : value >= moderate ? 'moderate' : 'low';
}

/** The side effects whose level the temperatures decide (the others are not computed; numbness follows the target's block). */
export const TEMPERATURE_SIDE_EFFECTS = ['skin-redness', 'blisters', 'burns', 'frostbite', 'cold-panniculitis'] as const satisfies readonly SideEffectId[];
export type TemperatureSideEffect = (typeof TEMPERATURE_SIDE_EFFECTS)[number];

/** The cold that the skin and the fat have had up to some moment (null: the case has no such tissue). */
export interface ColdExposure {
  skin: { coldest_c: number; frozen_s: number; redness_s: number; burn_s: number } | null;
  fat: { coldest_c: number; panniculitis_s: number } | null;
  /** A skin warmer at or above the heat-injury temperature. */
  heat: boolean;
}

/** The level of a temperature-decided side effect after a given exposure: the one rule for the report and the planner. */
export function temperatureRisk(id: TemperatureSideEffect, e: ColdExposure, s: OutcomeSettings): Risk {
  const sk = s.skin;
  const skin = e.skin;
  switch (id) {
    case 'skin-redness':
      return skin ? (skin.frozen_s > 0 ? 'high' : skin.redness_s > 0 ? 'moderate' : 'low') : 'not_modelled';
    case 'blisters':
    case 'frostbite':
      return skin ? (skin.frozen_s >= sk.blister_s ? 'high' : skin.frozen_s > 0 ? 'moderate' : 'low') : 'not_modelled';
    case 'burns': {
      const cold: Risk = skin ? (skin.burn_s > 0 ? 'high' : skin.coldest_c <= sk.pigment_c ? 'moderate' : 'low') : 'not_modelled';
      return e.heat && (cold === 'low' || cold === 'not_modelled') ? 'moderate' : cold;
    }
    case 'cold-panniculitis':
      return e.fat ? level(e.fat.panniculitis_s, s.fat.moderate_s, s.fat.high_s) : 'not_modelled';
  }
}

const SKIN = /skin/i;
const FAT = /fat|adipose/i;

/** Names of the tracked regions that count as skin and as fat (by tissue id or name, as the report's rows). */
export function exposureRegions(result: RunResult): { skin: string[]; fat: string[] } {
  return { skin: regions(result, SKIN).map((r) => r.name), fat: regions(result, FAT).map((r) => r.name) };
}

const hasHeat = (scene: Scene, s: OutcomeSettings) => scene.warmers.some((w) => w.temperature_c >= s.skin.heat_burn_c);

/** When each temperature-decided side effect first reached moderate and high during the run, s (null: never). */
export type SideEffectOnsets = Record<TemperatureSideEffect, { moderate_s: number | null; high_s: number | null }>;

/**
 * The onsets of the side effects' levels, from the run's series of each skin and fat
 * region's coldest temperature: time below a threshold counts each interval at its end
 * value, as the solver counts its steps. A run ended early is the start of a longer one,
 * so these tell the level a single freeze of any shorter length would have reached
 * (to within the series interval).
 */
export function sideEffectOnsets(scene: Scene, result: RunResult, s: OutcomeSettings): SideEffectOnsets {
  const names = exposureRegions(result);
  const series = (ns: string[]) => ns.map((n) => result.series.structures.find((x) => x.name === n)?.min_c ?? []);
  const skin = series(names.skin);
  const fat = series(names.fat);
  const sk = s.skin;
  const skinThr = [sk.frozen_c, sk.redness_c, sk.burn_c];
  const skinBelow = skin.map(() => [0, 0, 0]);
  const fatBelow = fat.map(() => 0);
  let skinMin = Infinity;
  let fatMin = Infinity;
  const heat = hasHeat(scene, s);
  const out = Object.fromEntries(TEMPERATURE_SIDE_EFFECTS.map((id) => [id, { moderate_s: null, high_s: null }])) as SideEffectOnsets;
  const t = result.series.time_s;
  for (let i = 0; i < t.length; i++) {
    const dt = i > 0 ? t[i] - t[i - 1] : 0;
    skin.forEach((v, r) => {
      skinMin = Math.min(skinMin, v[i]);
      skinThr.forEach((thr, q) => {
        if (v[i] <= thr) skinBelow[r][q] += dt;
      });
    });
    fat.forEach((v, r) => {
      fatMin = Math.min(fatMin, v[i]);
      if (v[i] <= s.fat.panniculitis_c) fatBelow[r] += dt;
    });
    const most = (q: number) => skinBelow.reduce((m, b) => Math.max(m, b[q]), 0);
    const e: ColdExposure = {
      skin: skin.length ? { coldest_c: skinMin, frozen_s: most(0), redness_s: most(1), burn_s: most(2) } : null,
      fat: fat.length ? { coldest_c: fatMin, panniculitis_s: fatBelow.reduce((m, b) => Math.max(m, b), 0) } : null,
      heat,
    };
    for (const id of TEMPERATURE_SIDE_EFFECTS) {
      const r = temperatureRisk(id, e, s);
      const o = out[id];
      if ((r === 'moderate' || r === 'high') && o.moderate_s === null) o.moderate_s = t[i];
      if (r === 'high' && o.high_s === null) o.high_s = t[i];
    }
  }
  return out;
}

/** One row per side effect named by the clinical literature (DESIGN.md section 4). */
export function sideEffects(scene: Scene, result: RunResult, nerves: NerveOutcome[], s: OutcomeSettings): SideEffect[] {
  const f = protocolFactors(scene);
  const skin = regions(result, SKIN);
  const fat = regions(result, FAT);
  const sk = s.skin;
  const skinFrozen = skin.length ? exposure(skin, sk.frozen_c) : null;
  const skinColdest = skinFrozen?.coldest ?? NaN;
  const frozen_s = skinFrozen?.time_s ?? 0;
  const noSkin = 'the case has no skin tissue to evaluate';
  const depthNote =
    f.active_depth_mm === null ? 'a contact probe on the skin' : `the cooled segment's shallowest point ${f.active_depth_mm.toFixed(1)} mm below the skin`;
  const cycles = `${f.freezes} freeze(s), ${sec(f.freeze_s)} of freezing in all`;
  const punctures = `${f.punctures} skin puncture(s)`;

  const rows: SideEffect[] = [];

  // Expected numbness is the target's; a block of a nerve to spare is an organ-at-risk row.
  const targets = nerves.filter((n) => n.target);
  const lasting = targets.filter((n) => n.injury === 'axonotmesis' || n.injury === 'neurotmesis-risk');
  const complete = lasting.filter((n) => n.block === 'complete');
  const numbRisk: Risk = !targets.length ? 'not_modelled' : complete.length ? 'high' : lasting.some((n) => n.block === 'partial') ? 'moderate' : 'low';
  rows.push({
    id: 'numbness',
    label: 'Numbness or tingling',
    risk: numbRisk,
    basis: targets.length
      ? targets
          .map(
            (n) =>
              `${n.name}: ${n.block} block (${(n.fraction_past_threshold * 100).toFixed(0)} % of the section at ${s.nerve.axonotmesis_c} °C)${n.territory ? ` — territory: ${n.territory}` : ''}`,
          )
          .join('; ')
      : 'no target nerve in the case',
    factors: ['a lasting block numbs the skin the nerve supplies until its axons regrow', 'tingling (dysaesthesia) often comes as the nerve recovers'],
    advice:
      'Expected where the nerve is sensory: tell the patient in advance; check motor function when the nerve is mixed; tingling as it recovers usually settles.',
  });

  const red = skin.length ? exposure(skin, sk.redness_c) : null;
  const burn = skin.length ? exposure(skin, sk.burn_c) : null;
  const fz = fat.length ? exposure(fat, s.fat.panniculitis_c) : null;
  const heat = hasHeat(scene, s);
  const cold: ColdExposure = {
    skin: skin.length ? { coldest_c: skinColdest, frozen_s, redness_s: red!.time_s, burn_s: burn!.time_s } : null,
    fat: fz ? { coldest_c: fz.coldest, panniculitis_s: fz.time_s } : null,
    heat,
  };
  rows.push({
    id: 'skin-redness',
    label: 'Skin redness and irritation',
    risk: temperatureRisk('skin-redness', cold, s),
    basis: skin.length
      ? `skin coldest ${t1(skinColdest)}; below ${sk.redness_c} °C (redness) for ${sec(red!.time_s)}; frozen (≤ ${sk.frozen_c} °C) for ${sec(frozen_s)}`
      : noSkin,
    factors: [depthNote, cycles],
    advice: 'Usually fades within hours to days. A skin warmer, or a cooled segment placed deeper, keeps the skin above the redness threshold.',
  });

  rows.push({
    id: 'pain',
    label: 'Pain during the procedure and for 24 h after',
    risk: 'not_modelled',
    basis: 'pain is not computed from temperature; it rises with the factors listed',
    factors: [cycles, punctures, f.bare_shafts ? `${f.bare_shafts} uninsulated shaft(s) cooling the track` : 'insulated shafts'],
    advice: 'Local anaesthetic at the skin and along the track; warn of aching for a day or two; simple analgesics after.',
  });

  rows.push({
    id: 'blisters',
    label: 'Blisters',
    risk: temperatureRisk('blisters', cold, s),
    basis: skin.length
      ? `skin frozen (≤ ${sk.frozen_c} °C) for ${sec(frozen_s)}; blisters follow when the skin stays frozen for ${sk.blister_s} s or more`
      : noSkin,
    factors: [depthNote],
    advice: 'Keep the frozen region away from the skin (deeper placement, skin warmer, shorter freeze); leave a blister intact and keep it clean and covered.',
  });

  rows.push({
    id: 'infection',
    label: 'Infection',
    risk: 'not_modelled',
    basis: 'infection depends on asepsis, not on temperature',
    factors: [punctures, frozen_s > 0 ? 'frozen skin at the entry site (a blister or wound can open a path)' : 'skin not frozen'],
    advice: 'Skin antisepsis, sterile probe and ultrasound cover; a clean dressing; seek care for spreading redness, warmth, pus or fever.',
  });

  const warmest = scene.warmers.reduce((m, w) => Math.max(m, w.temperature_c), -Infinity);
  rows.push({
    id: 'burns',
    label: 'Burns (cold or heat) and skin colour change',
    risk: temperatureRisk('burns', cold, s),
    basis: [
      skin.length
        ? `skin coldest ${t1(skinColdest)}; cold burn below ${sk.burn_c} °C (for ${sec(burn!.time_s)}); pigment loss below ${sk.pigment_c} °C`
        : noSkin,
      scene.warmers.length ? `warmest skin warmer ${warmest} °C (heat injury from ${sk.heat_burn_c} °C with long contact)` : '',
    ]
      .filter(Boolean)
      .join('; '),
    factors: [depthNote, ...(heat ? ['a skin warmer at or above the heat-injury temperature'] : [])],
    advice: 'Protect the skin over the ice ball; keep warmers below the heat-injury temperature; report skin that turns white, grey or dark.',
  });

  rows.push({
    id: 'frostbite',
    label: 'Frostbite',
    risk: temperatureRisk('frostbite', cold, s),
    basis: skin.length ? `skin frozen (≤ ${sk.frozen_c} °C) for ${sec(frozen_s)}, coldest ${t1(skinColdest)}` : noSkin,
    factors: [depthNote, cycles],
    advice: 'If the skin blanches during a freeze, stop and warm it; deeper placement or a warmer prevents it.',
  });

  rows.push({
    id: 'cold-panniculitis',
    label: 'Cold panniculitis (inflamed fat)',
    risk: temperatureRisk('cold-panniculitis', cold, s),
    basis: fz
      ? `fat coldest ${t1(fz.coldest)}; below ${s.fat.panniculitis_c} °C for ${sec(fz.time_s)} (moderate from ${sec(s.fat.moderate_s)}, high from ${sec(s.fat.high_s)})`
      : 'the case has no fat tissue to evaluate',
    factors: [cycles],
    advice: 'Tender lumps under the skin a few days after can follow prolonged cold; they usually settle over weeks.',
  });

  // Vasovagal reactions and blood-pressure changes come from the needle and the pain, not
  // from where the cold reaches: organ injury (pleura, vessels) has its own rows (organs.ts).
  rows.push({
    id: 'vital-signs',
    label: 'Changes in vital signs',
    risk: 'not_modelled',
    basis: 'fainting (vasovagal) and blood-pressure changes are not computed from temperature',
    factors: ['needle and pain cause vasovagal reactions', punctures, cycles],
    advice: 'Monitor pulse and blood pressure; treat a faint lying down with the legs raised; have the patient driven home.',
  });
  return rows;
}
