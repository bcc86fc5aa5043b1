import { CONDITIONS, CONDITION_NAMES, isConditionName } from './conditions/index.js';
import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import { CaseError, didYouMean, type CaseIssue } from './errors.js';
import { deepMerge, isPlainObject, parsePath, presentDepth, type PathKey } from './merge.js';
import type { LabelmapSource } from './labelmap.js';

/** What the command line may change in a case: `cryoplan run --condition ... --freeze ... --probe ...`. */
export interface CaseOverrides {
  condition?: string;
  freeze_s?: number;
  thaw_s?: number;
  cycles?: number;
  probe?: string;
  /** The case's labelmap as its loader read it (loadCase, loadPlanCase); without it a case with one is refused. */
  labelmap?: LabelmapSource;
}

/** A case after its layers are merged, and a way to say which layer a problem's field came from. */
export interface ComposedCase {
  value: unknown;
  attribute(issues: CaseIssue[]): CaseIssue[];
  /** Problems found while composing that do not stop the check of the rest (a probe without a kind). */
  issues: CaseIssue[];
}

interface Layer {
  /** Appended to the messages of problems in fields this layer set; '' for the case file itself. */
  note: string;
  fields: unknown;
  /** Sets single fields inside lists it does not replace (--probe): it owns only the exact paths it has. */
  patch?: boolean;
}

/**
 * The case the solver checks: the named condition preset, under the case file,
 * under the command line's overrides. Problems found in the merged case are
 * reported at the paths the author knows, and those in fields the author did not
 * write say where the value came from.
 */
export function composeCase(input: unknown, overrides: CaseOverrides = {}, file = 'case'): ComposedCase {
  const obj = isPlainObject(input) ? input : undefined;
  const name = overrides.condition ?? obj?.condition;
  const layers: Layer[] = [];
  let value: unknown = input;

  if (name !== undefined && obj) {
    if (typeof name !== 'string')
      throw new CaseError(file, [{ path: 'condition', message: `must name a condition preset: one of ${CONDITION_NAMES.join(', ')}` }]);
    if (!isConditionName(name))
      throw new CaseError(file, [{ path: 'condition', message: `unknown condition '${name}'${didYouMean(name, [...CONDITION_NAMES])}` }]);
    const preset = CONDITIONS[name].case;
    layers.push({ note: ` (set by condition '${name}')`, fields: preset });
    value = deepMerge(preset, { ...obj, condition: name });
  }
  layers.push({ note: '', fields: input });

  const cli = ' (set on the command line)';
  const phases = phaseFlags(value, overrides, file);
  if (phases) {
    layers.push({ note: cli, fields: phases });
    value = deepMerge(value, phases);
  }
  const probes = probeFlag(value, overrides, file);
  if (probes) {
    layers.push({ note: cli, fields: probes.provenance, patch: true });
    value = deepMerge(value, probes.fields);
  }
  const presetProbes = typeof name === 'string' && isConditionName(name) ? CONDITIONS[name].case.probes : undefined;
  const filled = fillProbes(value, presetProbes);
  for (const f of filled.layers) layers.push({ note: f.note, fields: f.fields, patch: true });
  value = filled.value;

  return {
    value,
    issues: filled.issues,
    attribute: (issues) =>
      layers.length < 2 ? issues : issues.map((i) => (i.path ? { ...i, message: i.message + origin(layers, parsePath(i.path)).note } : i)),
  };
}

/** The layer whose value the merged case holds at the path (or, for a missing field, at its nearest parent). */
function origin(layers: Layer[], keys: PathKey[]): Layer {
  const patch = [...layers].reverse().find((l) => l.patch && presentDepth(l.fields, keys) === keys.length);
  if (patch) return patch;
  let cands = layers.filter((l) => !l.patch).map((l) => ({ l, v: l.fields }));
  for (const k of keys) {
    const next = cands.filter((c) => presentDepth(c.v, [k]) === 1).map((c) => ({ l: c.l, v: (c.v as Record<string | number, unknown>)[k] }));
    if (!next.length) break;
    const last = next[next.length - 1];
    // Lists and values replace whole; only mappings merge.
    cands = isPlainObject(last.v) ? next.filter((c) => isPlainObject(c.v)) : [last];
  }
  return cands[cands.length - 1].l;
}

type Phase = Record<string, unknown>;
const isFreeze = (p: Phase) => 'freeze_s' in p || p.kind === 'freeze';
const withDuration = (p: Phase, s: number): Phase => ('duration_s' in p ? { ...p, duration_s: s } : isFreeze(p) ? { ...p, freeze_s: s } : { ...p, thaw_s: s });

/**
 * --freeze, --thaw and --cycles rebuild the phase list from the case's first freeze
 * and first thaw (so a thaw keeps its kind and temperature): freeze, thaw, freeze,
 * ... with a final thaw only if the case ended with one.
 */
function phaseFlags(merged: unknown, o: CaseOverrides, file: string): Record<string, unknown> | undefined {
  if (o.freeze_s === undefined && o.thaw_s === undefined && o.cycles === undefined) return undefined;
  const c = isPlainObject(merged) ? merged : {};
  const protocol = isPlainObject(c.protocol) ? c.protocol : {};
  const phases = (Array.isArray(protocol.phases) ? protocol.phases : []).filter(isPlainObject);
  const freeze = phases.find(isFreeze) ?? (o.freeze_s !== undefined ? { freeze_s: o.freeze_s } : undefined);
  if (!freeze)
    throw new CaseError(file, [{ path: 'protocol.phases', message: 'the case has no freeze phase for --thaw or --cycles to repeat; give --freeze' }]);
  // A case without a thaw gets the usual 20-30 s passive one between freezes (PHYSICS.md).
  const thaw = phases.find((p) => !isFreeze(p)) ?? { thaw_s: o.thaw_s ?? 30, thaw: 'passive' };
  const cycles = o.cycles ?? Math.max(1, phases.filter(isFreeze).length);
  const endsThawed = phases.length > 0 && !isFreeze(phases[phases.length - 1]);
  const f = withDuration(freeze, o.freeze_s ?? durationOf(freeze));
  const t = withDuration(thaw, o.thaw_s ?? durationOf(thaw));
  const out: Phase[] = [];
  for (let i = 0; i < cycles; i++) {
    out.push(structuredClone(f));
    if (i < cycles - 1 || endsThawed) out.push(structuredClone(t));
  }
  return { protocol: { phases: out } };
}

/** --probe names every probe's catalogue model; the probes' other fields stay. */
function probeFlag(merged: unknown, o: CaseOverrides, file: string): { fields: Record<string, unknown>; provenance: Record<string, unknown> } | undefined {
  if (o.probe === undefined) return undefined;
  const c = isPlainObject(merged) ? merged : {};
  const probes = Array.isArray(c.probes) ? c.probes : [];
  if (!probes.length) throw new CaseError(file, [{ path: 'probes', message: 'the case has no probes for --probe to change' }]);
  return {
    fields: { probes: probes.map((p) => (isPlainObject(p) ? { ...p, model: o.probe } : p)) },
    provenance: { probes: probes.map(() => ({ model: o.probe })) },
  };
}
function durationOf(p: Phase): number {
  const v = p.freeze_s ?? p.thaw_s ?? p.duration_s;
  return typeof v === 'number' ? v : NaN;
}

type ProbeFill = { note: string; fields: Record<string, unknown> };

/**
 * Fields of a probe that follow from the rest, so that a user who moves a preset's
 * probe can write just `{model: n2o-1.3, tip_mm: [2, 0, 36]}`:
 * - kind: from the catalogue model;
 * - id: the preset's probe id at the same place in the list (the preset's phases may
 *   name it), else 'probe' (or probe-2, probe-3, ... after the first);
 * - direction of a needle: the preset's needle direction at the same place, else
 *   straight down ([0, 0, 1], perpendicular to the skin).
 * A probe with neither kind nor model gets a provisional kind from its fields
 * (tip_mm: needle, pattern or distance_mm: spray, center_mm: contact) and an issue, so that its other problems are
 * reported in the same pass rather than after the kind is fixed.
 */
function fillProbes(merged: unknown, presetProbes: unknown): { value: unknown; layers: ProbeFill[]; issues: CaseIssue[] } {
  const issues: CaseIssue[] = [];
  const layers: ProbeFill[] = [];
  if (!isPlainObject(merged) || !Array.isArray(merged.probes)) return { value: merged, layers, issues };
  const preset = Array.isArray(presetProbes) ? presetProbes : [];
  const probes = merged.probes.map((p, i) => {
    if (!isPlainObject(p)) return p;
    const out: Record<string, unknown> = { ...p };
    const at = (fields: Record<string, unknown>, note: string) => {
      const list: unknown[] = [];
      list[i] = fields;
      layers.push({ note, fields: { probes: list } });
    };
    const model = typeof p.model === 'string' ? PROBE_CATALOGUE[p.model] : undefined;
    if (out.kind === undefined) {
      if (model) {
        out.kind = model.kind;
        at({ kind: model.kind }, ` (kind filled in from model '${model.id}')`);
      } else {
        const guess = 'tip_mm' in p ? 'needle' : 'pattern' in p || 'distance_mm' in p ? 'spray' : 'center_mm' in p ? 'contact' : undefined;
        // A misspelt model would have given the kind: say so, rather than ask for the kind.
        if (typeof p.model === 'string')
          issues.push({ path: `probes[${i}].model`, message: `unknown probe model '${p.model}'${didYouMean(p.model, Object.keys(PROBE_CATALOGUE))}` });
        else issues.push({ path: `probes[${i}].kind`, message: `is required: 'needle', 'contact' or 'spray' (or name a catalogue model, which gives it)` });
        if (guess) out.kind = guess;
      }
    }
    const base = isPlainObject(preset[i]) ? preset[i] : undefined;
    if (out.id === undefined) {
      const id = typeof base?.id === 'string' ? base.id : i === 0 ? 'probe' : `probe-${i + 1}`;
      out.id = id;
      at({ id }, base ? ` (id taken from the preset's probe ${i + 1})` : ' (id filled in)');
    }
    if (out.kind === 'needle' && out.direction === undefined) {
      const fromPreset = base?.kind === 'needle' && base.direction !== undefined;
      out.direction = fromPreset ? structuredClone(base.direction) : [0, 0, 1];
      at({ direction: out.direction }, fromPreset ? ` (direction taken from the preset's probe ${i + 1})` : ' (direction filled in: straight down, [0, 0, 1])');
    }
    return out;
  });
  return { value: { ...merged, probes }, layers, issues };
}
