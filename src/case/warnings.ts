import type { Probe, Scene, Tissue } from '../core/model.js';
import { insideStructure } from '../core/anatomy/geometry.js';
import type { CaseIssue } from './errors.js';
import type { CaseParsed } from './schema.js';
import { cellBudgetNote } from '../core/grid/budget.js';

/**
 * Plausibility warnings: inputs that are legal but almost surely not what the author
 * meant (a cooling probe at +50 °C for a lost minus sign, a freeze of 0.5 s, a probe
 * tip inside the nerve it should lie beside). They do not stop a run; they are
 * printed and recorded with the results.
 */

/** Shortest and longest freeze a cryotherapy protocol uses: clinical freezes last tens of seconds to minutes (PHYSICS.md). */
export const FREEZE_RANGE_S: [number, number] = [5, 3600];

interface Range {
  lo: number;
  hi: number;
  unit: string;
  what: string;
  /** Where the bounds come from. */
  basis: string;
}

/**
 * Ranges outside which a value is not a tissue's. Physical bounds are stated as such;
 * the others are estimates around the IT'IS Foundation database v4.1 (Hasgall et al.
 * 2022), whose soft tissues and bone span the narrower ranges quoted in each basis.
 */
const TISSUE_RANGES: Partial<Record<keyof Tissue, Range>> = {
  k_unfrozen_w_mk: {
    lo: 0.1,
    hi: 1,
    unit: 'W/(m K)',
    what: 'thermal conductivity (unfrozen)',
    basis: "estimate: IT'IS tissues span about 0.2 (fat) to 0.6 (water) W/(m K)",
  },
  k_frozen_w_mk: {
    lo: 0.1,
    hi: 4,
    unit: 'W/(m K)',
    what: 'thermal conductivity (frozen)',
    basis: 'estimate: ice conducts 2.2 W/(m K) at 0 °C and about 3.5 at -100 °C; frozen tissue less',
  },
  c_unfrozen_j_m3k: {
    lo: 1e6,
    hi: 4.5e6,
    unit: 'J/(m^3 K)',
    what: 'volumetric heat capacity (unfrozen)',
    basis: "estimate: IT'IS tissues span about 2.1e6 (fat) to 3.9e6 J/(m^3 K); water 4.18e6",
  },
  c_frozen_j_m3k: {
    lo: 0.5e6,
    hi: 4.5e6,
    unit: 'J/(m^3 K)',
    what: 'volumetric heat capacity (frozen)',
    basis: 'estimate: ice 1.9e6 J/(m^3 K); frozen tissue about 1.8e6 (Rabin & Shitzer 1998)',
  },
  latent_j_m3: {
    lo: 0,
    hi: 3.34e8,
    unit: 'J/m^3',
    what: 'latent heat',
    basis: 'physical bound: pure water releases 3.34e8 J/m^3 (334 kJ/kg); tissue holds less water',
  },
  liquidus_c: { lo: -40, hi: 0, unit: '°C', what: 'liquidus', basis: 'physical bound: tissue water does not freeze above 0 °C' },
  solidus_c: {
    lo: -40,
    hi: 0,
    unit: '°C',
    what: 'solidus',
    basis: 'estimate: soft tissue is frozen through by about -8 °C (Rabin & Shitzer 1998); salt water by its eutectic, -21 °C',
  },
  perfusion_w_m3k: {
    lo: 0,
    hi: 4e5,
    unit: 'W/(m^3 K)',
    what: 'perfusion coefficient',
    basis: "estimate: the best-perfused organs in IT'IS (kidney, thyroid; a few L/min per kg) reach about 3e5 W/(m^3 K)",
  },
  metabolic_w_m3: {
    lo: 0,
    hi: 1e5,
    unit: 'W/m^3',
    what: 'metabolic heat',
    basis: "estimate: IT'IS tissues produce at most about 4e4 W/m^3 (heart muscle)",
  },
};

/** The case fields that set each tissue property, most direct first: a warning points at the one the author wrote. */
const FIELDS_OF: Partial<Record<keyof Tissue, string[]>> = {
  k_unfrozen_w_mk: ['k_unfrozen_w_mk'],
  k_frozen_w_mk: ['k_frozen_w_mk'],
  c_unfrozen_j_m3k: ['c_unfrozen_j_m3k', 'c_unfrozen_j_kgk', 'density_kg_m3'],
  c_frozen_j_m3k: ['c_frozen_j_m3k', 'c_frozen_j_kgk', 'density_kg_m3'],
  latent_j_m3: ['latent_j_m3', 'water_fraction', 'density_kg_m3'],
  liquidus_c: ['liquidus_c'],
  solidus_c: ['solidus_c'],
  perfusion_w_m3k: ['perfusion_w_m3k', 'perfusion_ml_min_kg', 'density_kg_m3'],
  metabolic_w_m3: ['metabolic_w_m3', 'metabolic_w_kg', 'density_kg_m3'],
};

const fmt = (v: number) => (Math.abs(v) >= 1e4 ? v.toExponential(2) : String(Number(v.toPrecision(3))));

/** Every plausibility warning for a resolved case, with the field path it concerns. */
export function caseWarnings(c: CaseParsed, scene: Scene): CaseIssue[] {
  return [
    ...coolingWarnings(c, scene),
    ...freezeWarnings(scene),
    ...tipWarnings(c, scene),
    ...tissueWarnings(c, scene),
    ...budgetWarnings(scene),
    ...pullbackWarnings(c, scene),
  ];
}

/**
 * A pull-back moves one needle: its two positions freeze in turn. A freeze phase that
 * freezes both (one with no probes list freezes every probe) puts the needle in two
 * places at once; where their active segments overlap, the model cools that stretch
 * once, as the deep position's (core/solver/conditions.ts), so the pulled-back one
 * draws less than it would alone.
 */
function pullbackWarnings(c: CaseParsed, scene: Scene): CaseIssue[] {
  const out: CaseIssue[] = [];
  c.template?.holes.forEach((h) => {
    if (typeof h === 'string' || h.pullback_mm === undefined) return;
    const back = `${h.hole}-back`;
    scene.protocol.forEach((ph, k) => {
      if (ph.kind !== 'freeze' || (ph.probes && !(ph.probes.includes(h.hole) && ph.probes.includes(back)))) return;
      out.push({
        path: ph.probes ? `protocol.phases[${k}].probes` : `protocol.phases[${k}]`,
        message: `freezes both positions of the pulled-back needle in hole ${h.hole} ('${h.hole}' and '${back}') at once: a pull-back freezes them in turn; name one of them in this phase's probes`,
      });
    });
  });
  return out;
}

/** The cell budget made the auto grid coarser than the accuracy asked for (core/grid/budget.ts): say what it is sized for now. */
function budgetWarnings(scene: Scene): CaseIssue[] {
  const note = cellBudgetNote(scene.grid);
  return note ? [{ path: 'grid.auto.cell_budget', message: note }] : [];
}

/** The case probe (its index) that a scene probe came from: a multi-tip handpiece 'h' gives tips 'h-1', 'h-2', ... */
function caseIndex(c: CaseParsed, p: Probe): number {
  const exact = c.probes.findIndex((q) => q.id === p.id);
  if (exact >= 0) return exact;
  return c.probes.findIndex((q) => p.id.startsWith(`${q.id}-`) && /^\d+$/.test(p.id.slice(q.id.length + 1)));
}

/** A probe whose cooling is never colder than the body heats the tissue: usually a lost minus sign. */
function coolingWarnings(c: CaseParsed, scene: Scene): CaseIssue[] {
  const out = new Map<string, CaseIssue>();
  const body = scene.body_temperature_c;
  for (const p of scene.probes) {
    // A warming catheter is meant to be warmer than the body.
    if (p.kind === 'needle' && p.purpose === 'warming') continue;
    const k = p.cooling;
    const coldest = k.mode === 'temperature' ? k.curve.reduce((m, q) => Math.min(m, q[1]), Infinity) : k.mode === 'cryogen' ? k.temperature_c : -Infinity;
    if (!(coldest >= body)) continue;
    const i = caseIndex(c, p);
    const q = c.probes[i];
    const path = q?.cooling ? `probes[${i}].cooling` : q?.model ? `probes[${i}].model` : 'protocol.cooling';
    const what =
      k.mode === 'cryogen'
        ? `the cryogen is at ${fmt(coldest)} °C`
        : `the probe is held at ${fmt(coldest)} °C${k.mode === 'temperature' && k.curve.length > 1 ? ' or warmer' : ''}`;
    out.set(path, {
      path,
      message: `${what}, not colder than the body (${fmt(body)} °C): this probe heats the tissue instead of cooling it (a missing minus sign?)`,
    });
  }
  return [...out.values()];
}

function freezeWarnings(scene: Scene): CaseIssue[] {
  const [lo, hi] = FREEZE_RANGE_S;
  const out: CaseIssue[] = [];
  // Scene phases are the case's phases, in order; the field is freeze_s or duration_s.
  scene.protocol.forEach((ph, i) => {
    if (ph.kind !== 'freeze') return;
    const d = ph.duration_s;
    if (d >= lo && d <= hi) return;
    const path = `protocol.phases[${i}]`;
    out.push({
      path,
      message:
        d < lo
          ? `a freeze of ${fmt(d)} s is shorter than ${lo} s: too short to form an ice ball (clinical freezes last tens of seconds to minutes; was it minutes?)`
          : `a freeze of ${fmt(d)} s is longer than an hour (clinical freezes last tens of seconds to minutes; was it given in ms?)`,
    });
  });
  return out;
}

/** A probe tip inside a nerve or a vessel: the plan would pierce it. */
function tipWarnings(c: CaseParsed, scene: Scene): CaseIssue[] {
  const out: CaseIssue[] = [];
  for (const p of scene.probes) {
    if (p.kind !== 'needle') continue;
    // A neuroma is the exception: it is treated by freezing from inside it (the interdigital preset's source, Cazzato et al.).
    const s = scene.structures.find(
      (x) => x.kind === 'tube' && (x.role === 'vessel' || (x.role === 'nerve' && !/neuroma/i.test(x.name))) && insideStructure(x, p.tip_mm),
    );
    if (s?.kind !== 'tube') continue;
    const i = caseIndex(c, p);
    const tip = p.tip_mm.map((v) => fmt(v)).join(', ');
    out.push({
      path: `probes[${i}].tip_mm`,
      message: `the tip [${tip}] lies inside the ${s.role} '${s.name}': the needle would pierce it (probes are placed beside a nerve, and away from vessels)`,
    });
  }
  return out;
}

/** Properties of the case's own tissues outside the range of real tissue. */
function tissueWarnings(c: CaseParsed, scene: Scene): CaseIssue[] {
  const out: CaseIssue[] = [];
  for (const [id, given] of Object.entries(c.tissues ?? {})) {
    const t = scene.tissues[id];
    if (!t) continue;
    for (const key of Object.keys(TISSUE_RANGES) as (keyof Tissue)[]) {
      const r = TISSUE_RANGES[key]!;
      const v = t[key] as number;
      if (v >= r.lo && v <= r.hi) continue;
      const field = FIELDS_OF[key]?.find((f) => f in given);
      // Only what the case set: a built-in tissue's own values are in range.
      if (!field) continue;
      out.push({
        path: `tissues.${id}.${field}`,
        message: `gives a ${r.what} of ${fmt(v)} ${r.unit}, outside ${fmt(r.lo)}–${fmt(r.hi)} ${r.unit} (${r.basis})`,
      });
    }
  }
  return out;
}
