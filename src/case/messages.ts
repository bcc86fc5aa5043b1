import type { z } from 'zod';
import { formatPath, suggest, type CaseIssue } from './errors.js';
import { caseJsonSchema } from './schema.js';

/**
 * zod's own messages ("Invalid input", "Too small: expected number to be >0")
 * speak about types; a case's author needs to hear what is wrong with their
 * field, what they wrote, and what they probably meant. This file turns zod's
 * issues into such messages.
 */

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/** A value as the author wrote it, shortened. */
export function show(v: unknown): string {
  const s = compact(v);
  return s.length > 48 ? `${s.slice(0, 45)}...` : s;
}

function compact(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `[${v.map(compact).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${compact(x)}`)
      .join(', ')}}`;
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  object: 'a mapping (key: value, ...)',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping (name: {...})',
  boolean: 'true or false',
};

/**
 * Names that an unknown field probably meant: first those that only add a unit
 * (depth -> depth_mm) or swap one (depth_cm -> depth_mm), then near misspellings.
 */
export function fieldSuggestions(key: string, known: string[]): string[] {
  const stem = key.includes('_') ? key.slice(0, key.lastIndexOf('_')) : key;
  const unit = key.slice(stem.length);
  const byUnit = known.filter(
    (k) =>
      k.startsWith(`${key}_`) || // depth -> depth_mm
      (k !== key && k.startsWith(`${stem}_`) && k.indexOf('_', stem.length + 1) < 0) || // depth_cm -> depth_mm
      (unit !== '' && stem.length >= 3 && k !== key && k.startsWith(stem) && k.endsWith(unit)), // temp_c -> temperature_c
  );
  return byUnit.length ? byUnit.slice(0, 3) : suggest(key, known);
}

export function unknownFieldMessage(key: string, known: string[]): string {
  const s = fieldSuggestions(key, known);
  if (!s.length) return `unknown field '${key}'`;
  const unit = s.some((k) => k.startsWith(key.includes('_') ? key.slice(0, key.lastIndexOf('_') + 1) : `${key}_`));
  return `unknown field '${key}' (did you mean ${s.map((k) => `'${k}'`).join(' or ')}?${unit ? ' units are part of the names' : ''})`;
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Per-parse error map: zod asks it for every message the schema does not set itself. */
export function caseErrorMap(iss: RawIssue): string | undefined {
  const def = (iss.inst as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      if (iss.expected === 'number' && typeof iss.input === 'number') return `must be a finite number (got ${show(iss.input)})`;
      return `must be ${TYPE_WORDS[iss.expected] ?? `a ${iss.expected}`} (got ${show(iss.input)})`;
    }
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      const bound = Number(small ? (iss as { minimum: number | bigint }).minimum : (iss as { maximum: number | bigint }).maximum);
      if (iss.origin === 'number' || iss.origin === 'int') {
        const op = small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<';
        return `must be ${op} ${bound} (got ${show(iss.input)})`;
      }
      const len = Array.isArray(iss.input) || typeof iss.input === 'string' ? iss.input.length : undefined;
      if (iss.origin === 'array' && def?.type === 'tuple') return `must be a list of ${count(bound, 'number')} (got ${len ?? show(iss.input)})`;
      if (iss.origin === 'array')
        return small
          ? `needs at least ${count(bound, 'item')}${len === 0 ? ' (got an empty list)' : ` (got ${len})`}`
          : `takes at most ${count(bound, 'item')} (got ${len})`;
      if (iss.origin === 'string' && small && bound === 1) return 'must not be empty';
      return undefined;
    }
    case 'invalid_value': {
      const values = iss.values.map(quote);
      const near = typeof iss.input === 'string' ? suggest(iss.input, iss.values.map(String)) : [];
      return `must be ${values.join(' or ')} (got ${show(iss.input)}${near.length ? `; did you mean '${near[0]}'?` : ''})`;
    }
    case 'unrecognized_keys': {
      const known = Object.keys(def?.shape ?? {});
      return iss.keys.map((k) => unknownFieldMessage(k, known)).join('; ');
    }
    case 'invalid_union': {
      const u = iss as { discriminator?: string; options?: unknown[]; input?: unknown };
      if (!u.discriminator) return undefined;
      const options = (u.options ?? []).map(String);
      const value = u.input && typeof u.input === 'object' ? (u.input as Record<string, unknown>)[u.discriminator] : undefined;
      if (value === undefined) return `is required: one of ${options.map(quote).join(', ')}`;
      const near = typeof value === 'string' ? suggest(value, options) : [];
      return `must be one of ${options.map(quote).join(', ')} (got ${show(value)}${near.length ? `; did you mean '${near[0]}'?` : ''})`;
    }
  }
  return undefined;
}

let knownFields: string[] | undefined;
/** Every field name the case format has, for suggestions where the exact object is not known. */
function allFieldNames(): string[] {
  if (!knownFields) {
    const names = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObject(v)) {
        if (isObject(v.properties)) for (const k of Object.keys(v.properties)) names.add(k);
        Object.values(v).forEach(walk);
      }
    };
    walk(caseJsonSchema());
    knownFields = [...names].sort();
  }
  return knownFields;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** zod's issues as the case's own field paths and reasons; unions are explained by the alternative the author evidently meant. */
export function explainIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): CaseIssue[] {
  const out: CaseIssue[] = [];
  for (const i of issues) {
    const path = [...prefix, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) for (const x of explainUnion(i, path)) out.push(x);
    else out.push({ path: formatPath(path), message: i.message });
  }
  return out;
}

/**
 * A union fails when every alternative fails. Report the alternative whose fields
 * the author used (the one recognising most of their keys); when none stands out,
 * list the alternatives instead, with hints for the keys none of them knows.
 */
function explainUnion(u: Extract<Issue, { code: 'invalid_union' }>, path: PropertyKey[]): CaseIssue[] {
  const input = (u as { input?: unknown }).input;
  const keys = isObject(input) ? Object.keys(input) : [];
  const scored = u.errors.map((branch) => {
    // A branch of another type altogether (a list where a mapping is wanted, 'auto' where {spacing_mm} is).
    const rootMismatch = branch.length === 1 && branch[0].path.length === 0 && (branch[0].code === 'invalid_type' || branch[0].code === 'invalid_value');
    const unknown = branch.filter((b) => b.code === 'unrecognized_keys' && b.path.length === 0).flatMap((b) => (b as { keys: string[] }).keys);
    const disc = branch.find((b) => b.code === 'invalid_union' && (b as { discriminator?: string }).discriminator) as { discriminator?: string } | undefined;
    const matched = rootMismatch ? -1 : disc ? (keys.includes(disc.discriminator!) ? 1 : 0) : keys.filter((k) => !unknown.includes(k)).length;
    return { branch, matched, unknown, rootMismatch, disc: Boolean(disc) };
  });
  const best = scored.reduce((m, s) => Math.max(m, s.matched), -Infinity);
  const top = scored.filter((s) => s.matched === best);
  const chosen = top.length === 1 ? top[0] : undefined;
  const onlyAtRoot = chosen?.branch.every((b) => b.path.length === 0 && b.code !== 'unrecognized_keys');
  if (chosen && !onlyAtRoot) return explainIssues(chosen.branch, path);

  let message = u.message;
  if (!isObject(input)) message += ` (got ${show(input)})`;
  // A tagged alternative whose tag is wrong says nothing about the other keys.
  const candidates = scored.filter((s) => !s.rootMismatch && !s.disc);
  const unknownEverywhere = candidates.length ? candidates[0].unknown.filter((k) => candidates.every((s) => s.unknown.includes(k))) : [];
  for (const k of unknownEverywhere) message += `; ${unknownFieldMessage(k, allFieldNames())}`;
  return [{ path: formatPath(path), message }];
}
