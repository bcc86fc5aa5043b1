import { readFile } from 'node:fs/promises';
import type { Scene } from '../core/model.js';
import type { PlanLimit, PlanSpec } from '../core/plan/types.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../core/outcome/settings.js';
import { nerveTube } from '../core/outcome/nerve-tube.js';
import { CaseSchema } from './schema.js';
import { CaseError, didYouMean, type CaseIssue } from './errors.js';
import { caseErrorMap, explainIssues } from './messages.js';
import { composeCase, type CaseOverrides } from './compose.js';
import { parseCaseText, readCaseLabelmap } from './load.js';
import { resolveCase } from './resolve.js';
import type { PlanParsed } from './plan-schema.js';
import type { CaseParsed } from './schema.js';
import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import { coolingSpread } from '../core/probe/cooling-spread.js';
import { TEMPERATURE_SIDE_EFFECTS, type TemperatureSideEffect } from '../core/outcome/side-effects.js';
import type { SideEffectId } from '../core/outcome/types.js';

/** A case ready for planning: the resolved scene (one per probe model considered), the plan's settings and the merged case they came from. */
export interface PlanCase {
  file: string;
  /** The case as merged from preset, file and flags (plan.yaml is written from it). */
  merged: Record<string, unknown>;
  spec: PlanSpec;
  /** Scene of the case as given, and of each probe model in plan.vary.probe. */
  scenes: Map<string | null, Scene>;
}

/**
 * Defaults of the uncertainty (estimates; the issue's ±1 mm for a nerve seen on ultrasound).
 * `probe` is the fallback for a probe whose catalogue model has no calibration band (or that
 * names no model): a calibrated model's spread comes from its band (probeUncertainty).
 */
export const UNCERTAINTY_DEFAULTS = { nerve_position_mm: 1, placement_mm: 0.5, conductivity: 0.1, perfusion: 0.3, probe: 0.2, samples: 32, seed: 1 };

/**
 * The relative SD of the probes' cooling: as given (`uncertainty.probe`), or from the
 * calibration band of the catalogue model that cools each probe (the case's own probes:
 * the widest of their models'; each model in vary.probe: its own), or the fallback estimate.
 */
export function probeUncertainty(
  given: number | undefined,
  caseProbes: ReadonlyArray<{ model?: string; cooling?: unknown }>,
  models: string[],
): { probe: number; probe_by_model: Record<string, number>; probe_basis: string[] } {
  if (given !== undefined) {
    return { probe: given, probe_by_model: Object.fromEntries(models.map((m) => [m, given])), probe_basis: [`as given: ${given}`] };
  }
  const spread = (m: string | undefined) => (m && PROBE_CATALOGUE[m] ? coolingSpread(PROBE_CATALOGUE[m]) : null);
  const fallback = UNCERTAINTY_DEFAULTS.probe;
  const basis: string[] = [];
  // A probe with its own cooling is not the catalogue's: its model's band says nothing about it.
  const own = caseProbes.filter((p) => p.cooling === undefined).map((p) => spread(p.model));
  let probe = fallback;
  const widest = own.reduce<ReturnType<typeof spread>>((w, s) => (s && (!w || s.relative_sd > w.relative_sd) ? s : w), null);
  if (widest && own.every((s) => s !== null) && own.length === caseProbes.length) {
    probe = widest.relative_sd;
    basis.push(`the case's probe: ${widest.basis}`);
  } else basis.push(`the case's probe: ${fallback} (an estimate: its cooling has no calibration band)`);
  const byModel: Record<string, number> = {};
  for (const m of models) {
    const s = spread(m);
    byModel[m] = s?.relative_sd ?? fallback;
    basis.push(s ? s.basis : `${m}: ${fallback} (an estimate: not calibrated)`);
  }
  return { probe, probe_by_model: byModel, probe_basis: basis };
}

export async function loadPlanCase(file: string | undefined, overrides: CaseOverrides = {}): Promise<PlanCase> {
  const label = file ?? `condition '${overrides.condition ?? ''}'`;
  let input: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CaseError(file, [{ path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})` }]);
    }
    input = parseCaseText(text, file);
    const labelmap = overrides.labelmap ?? (await readCaseLabelmap(input, file));
    if (labelmap) overrides = { ...overrides, labelmap };
  }
  return planCaseFrom(input, label, overrides);
}

/** The same from a parsed case object. */
export function planCaseFrom(input: unknown, file: string, overrides: CaseOverrides = {}): PlanCase {
  // The scene first: its errors come with the same paths as `cryoplan run` gives.
  const scene = resolveCase(input, file, overrides);
  const composed = composeCase(input, overrides, file);
  const parsed = CaseSchema.safeParse(composed.value, { error: caseErrorMap, reportInput: true });
  if (!parsed.success) throw new CaseError(file, composed.attribute(explainIssues(parsed.error.issues)));
  const issues: CaseIssue[] = [];
  const spec = resolvePlan(parsed.data.plan ?? {}, scene, issues, parsed.data.probes);
  const scenes = new Map<string | null, Scene>([[null, scene]]);
  spec.vary.probe.forEach((model, i) => {
    try {
      scenes.set(model, resolveCase(input, file, { ...overrides, probe: model }));
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      for (const is of e.issues) issues.push({ path: `plan.vary.probe[${i}]`, message: `probe '${model}': ${is.path ? `${is.path}: ` : ''}${is.message}` });
    }
  });
  if (issues.length) throw new CaseError(file, issues);
  return { file, merged: composed.value as Record<string, unknown>, spec, scenes };
}

/** The plan's settings with their defaults, its names checked against the scene. */
export function resolvePlan(p: PlanParsed, scene: Scene, issues: CaseIssue[], caseProbes: CaseParsed['probes'] = []): PlanSpec {
  const nerves = scene.structures.filter((s) => nerveTube(s)).map((s) => s.name);
  const named = [...scene.structures.map((s) => s.name), ...scene.layers.map((l) => l.name ?? l.tissue)];
  const targets = p.target === undefined ? nerves : typeof p.target === 'string' ? [p.target] : p.target;
  if (!nerves.length) issues.push({ path: 'plan.target', message: 'the case has no nerve to block (add one under anatomy.structures with kind: nerve)' });
  targets.forEach((t, i) => {
    if (!nerves.includes(t)) {
      const path = typeof p.target === 'string' ? 'plan.target' : `plan.target[${i}]`;
      const other = named.includes(t) ? ` ('${t}' is a structure but not a nerve)` : didYouMean(t, nerves);
      issues.push({ path, message: `no nerve named '${t}' in the case${other}` });
    }
  });
  const settings = scene.outcome ?? DEFAULT_OUTCOME_SETTINGS;
  const limits: PlanLimit[] = [];
  if (p.limits?.structures) {
    p.limits.structures.forEach((l, i) => {
      if (!named.includes(l.name)) {
        issues.push({ path: `plan.limits.structures[${i}].name`, message: `no structure or layer named '${l.name}' in the case${didYouMean(l.name, named)}` });
      } else if (targets.includes(l.name)) {
        issues.push({ path: `plan.limits.structures[${i}].name`, message: `'${l.name}' is a target: it cannot also be a structure to spare` });
      } else limits.push({ structure: l.name, min_c: l.min_c, kind: 'structure' });
    });
  } else {
    for (const n of nerves.filter((x) => !targets.includes(x))) limits.push({ structure: n, min_c: settings.nerve.axonotmesis_c, kind: 'structure' });
  }
  for (const l of sideEffectLimits(p, scene, issues)) limits.push(l);
  for (const l of sensorLimits(p, scene, issues)) limits.push(l);
  const skin = p.limits?.skin_min_c ?? settings.skin.frozen_c;
  for (const l of scene.layers) if (l.tissue === 'skin') limits.push({ structure: l.name ?? l.tissue, min_c: skin, kind: 'skin' });

  const thaw = scene.protocol.find((ph) => ph.kind === 'thaw')?.duration_s ?? 30;
  const v = p.vary ?? {};
  const freeze = v.freeze_s ?? { min: 30, max: 240 };
  const lowest = Array.isArray(freeze) ? freeze.reduce((m, x) => Math.min(m, x), Infinity) : freeze.min;
  if (Number.isFinite(lowest) && lowest <= 0) issues.push({ path: 'plan.vary.freeze_s', message: `durations must be above 0 s (got ${lowest})` });
  return {
    targets,
    vary: {
      freeze_s: freeze,
      freeze_step_s: v.duration_step_s ?? 5,
      cycles: [...new Set(v.cycles ?? [1])].sort((a, b) => a - b),
      thaw_s: v.thaw_s ?? [thaw],
      probe: v.probe ?? [],
      offset_along_mm: v.offset_along_mm ?? [0],
      offset_across_mm: v.offset_across_mm ?? [0],
      offset_depth_mm: v.offset_depth_mm ?? [0],
      angle_to_skin_deg: v.angle_to_skin_deg ?? [],
      warmer: v.warmer ?? [],
    },
    limits,
    max_limit_probability: p.limits?.max_probability ?? 0.05,
    uncertainty: {
      ...UNCERTAINTY_DEFAULTS,
      nerve_depth_mm: p.uncertainty?.nerve_position_mm ?? UNCERTAINTY_DEFAULTS.nerve_position_mm,
      ...(p.uncertainty ?? {}),
      ...probeUncertainty(p.uncertainty?.probe, caseProbes, v.probe ?? []),
    },
    confidence: p.confidence ?? 0.9,
  };
}

/** Why a side effect cannot be a limit (the outcome model does not rate it from temperatures). */
const NOT_A_LIMIT: Partial<Record<SideEffectId, string>> = {
  numbness: "follows the target's block, which is the aim: it cannot be a limit (to spare another nerve, name it under limits.structures)",
  pain: 'is not computed from temperature (the report lists what raises it): it cannot be a limit',
  infection: 'depends on asepsis, not on temperature: it cannot be a limit',
  'vital-signs': 'is not computed from temperature: it cannot be a limit',
};
const SIDE_EFFECT_IDS = [...TEMPERATURE_SIDE_EFFECTS, ...Object.keys(NOT_A_LIMIT)];
const LABELS: Record<TemperatureSideEffect, string> = {
  'skin-redness': 'skin redness',
  blisters: 'blisters',
  burns: 'burns',
  frostbite: 'frostbite',
  'cold-panniculitis': 'cold panniculitis',
};
const isTemperatureEffect = (id: string): id is TemperatureSideEffect => (TEMPERATURE_SIDE_EFFECTS as readonly string[]).includes(id);

/** `limits.side_effects`: each names a side effect the outcome model rates from the skin's or the fat's temperatures, in a case that has that tissue. */
function sideEffectLimits(p: PlanParsed, scene: Scene, issues: CaseIssue[]): PlanLimit[] {
  const out: PlanLimit[] = [];
  const tissueOf = (word: RegExp) =>
    scene.layers.some((l) => word.test(l.tissue) || word.test(l.name ?? '')) || scene.structures.some((st) => word.test(st.tissue) || word.test(st.name));
  (p.limits?.side_effects ?? []).forEach((l, i) => {
    const path = `plan.limits.side_effects[${i}].side_effect`;
    const id = l.side_effect;
    if (!isTemperatureEffect(id)) {
      const why = NOT_A_LIMIT[id as SideEffectId];
      issues.push({
        path,
        message: why
          ? `'${id}' ${why}`
          : `no side effect named '${id}'${didYouMean(id, SIDE_EFFECT_IDS)} (limits can be: ${TEMPERATURE_SIDE_EFFECTS.join(', ')})`,
      });
      return;
    }
    const fat = id === 'cold-panniculitis';
    if (!tissueOf(fat ? /fat|adipose/i : /skin/i)) {
      issues.push({
        path,
        message: `'${id}' is rated from the ${fat ? 'fat' : 'skin'}'s temperatures, and the case has no ${fat ? 'fat' : 'skin'} layer or structure`,
      });
      return;
    }
    out.push({ structure: LABELS[id], min_c: null, kind: 'side_effect', side_effect: { id, max: l.max } });
  });
  return out;
}

/** `limits.sensors`: each names a virtual thermocouple of the case. */
function sensorLimits(p: PlanParsed, scene: Scene, issues: CaseIssue[]): PlanLimit[] {
  const names = (scene.sensors ?? []).map((s) => s.name);
  const out: PlanLimit[] = [];
  (p.limits?.sensors ?? []).forEach((l, i) => {
    if (!names.includes(l.name)) {
      issues.push({
        path: `plan.limits.sensors[${i}].name`,
        message: names.length
          ? `no sensor named '${l.name}' in the case${didYouMean(l.name, names)}`
          : `no sensor named '${l.name}': the case has no sensors (add one under sensors: with a name and at_mm)`,
      });
    } else out.push({ structure: l.name, min_c: l.min_c, kind: 'sensor' });
  });
  return out;
}
