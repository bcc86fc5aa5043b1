import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { load as loadYaml } from 'js-yaml';
import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { Scene } from '../core/model.js';
import { CaseError, type CaseIssue } from './errors.js';
import { resolveCaseWithWarnings, type CaseOverrides } from './resolve.js';
import type { LabelmapSource } from './labelmap.js';

export interface LoadedCase {
  scene: Scene;
  /** sha256 of the resolved scene (first 16 hex digits). */
  hash: string;
  source: string;
  /** Legal inputs that are almost surely wrong (src/case/warnings.ts): shown, recorded, and the run goes on. */
  warnings: CaseIssue[];
}

/**
 * Parses a case's text: JSON for a .json file (YAML would accept a JSON file's
 * trailing commas and single quotes, which other JSON tools then refuse), YAML
 * otherwise. Syntax errors are located by line and column.
 */
export function parseCaseText(text: string, file: string): unknown {
  text = text.replace(/^\uFEFF/, ''); // editors on Windows write a byte-order mark that JSON.parse refuses
  const value = /\.json$/i.test(file) ? parseJson(text, file) : parseYaml(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CaseError(file, [{ path: '', message: 'a case file must be a mapping (name:, domain:, probes:, protocol:, ...)' }]);
  }
  return value;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(msg);
    const where = at ? (({ line, col }) => `line ${line}, column ${col}: `)(lineCol(text)(Number(at[1]))) : '';
    throw new CaseError(file, [{ path: '', message: `${where}JSON syntax error: ${msg.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
}

/**
 * Most case files are plain YAML: js-yaml reads them about ten times faster than
 * the yaml library (a 5 MB file in under a second). Anything it refuses, and any
 * file with aliases (whose expansion the yaml library bounds), goes to the yaml
 * library, whose errors carry the line and column that the messages show. Both
 * read YAML 1.2 with the core schema.
 */
function parseYaml(text: string, file: string): unknown {
  try {
    return loadYaml(text, { maxAliases: 0 });
  } catch {
    return parseYamlLocated(text, file);
  }
}

function parseYamlLocated(text: string, file: string): unknown {
  // yaml's own uniqueKeys check compares each key with every earlier one (quadratic:
  // 232 s for 60,000 tissues), so duplicates are found here with a set per mapping.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  let errors = doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] }));
  if (!errors.length) errors = duplicateKeys(doc);
  if (errors.length) {
    const at = lineCol(text);
    throw new CaseError(
      file,
      errors.map((e) => {
        const { line, col } = at(e.offset);
        return { path: '', message: `line ${line}, column ${col}: syntax error: ${e.message}` };
      }),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** Keys repeated within one mapping (a second `name:` would silently replace the first). */
function duplicateKeys(doc: Document): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = pair.key.value;
        if (seen.has(k)) out.push({ offset: pair.key.range?.[0] ?? 0, message: `Map keys must be unique ('${String(k)}' appears twice)` });
        seen.add(k);
      }
    },
  });
  return out;
}

/** Line and column (from 1) of an offset; the line starts are found once, so many errors cost no more than one. */
function lineCol(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const o = Math.max(0, offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - starts[lo] + 1 };
  };
}

/** Canonical JSON (sorted keys; Infinity spelled out) for hashing. */
function canonical(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : `"${v}"`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function sceneHash(scene: Scene): string {
  return createHash('sha256').update(canonical(scene)).digest('hex').slice(0, 16);
}

export function parseCase(text: string, file: string, overrides: CaseOverrides = {}): LoadedCase {
  const { scene, warnings } = resolveCaseWithWarnings(parseCaseText(text, file), file, overrides);
  return { scene, hash: sceneHash(scene), source: text, warnings };
}

/**
 * Reads the labelmap a parsed case names (anatomy.labelmap, relative to the case
 * file's folder), for the resolver, which reads no files. A file that cannot be read
 * or decoded comes back as its reason, reported at anatomy.labelmap.
 */
export async function readCaseLabelmap(obj: unknown, file: string): Promise<LabelmapSource | undefined> {
  const anatomy = (obj as { anatomy?: { labelmap?: unknown } } | null)?.anatomy;
  const path = anatomy && typeof anatomy === 'object' ? anatomy.labelmap : undefined;
  if (typeof path !== 'string' || !path) return undefined;
  // By hand rather than node:path: this module is also the browser app's (which never gets here).
  const full = /^([/\\]|[A-Za-z]:[/\\])/.test(path) ? path : `${file.replace(/[^/\\]*$/, '')}${path}`;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(full));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, error: code === 'ENOENT' ? `no such file (looked for ${full})` : `cannot read the file (${code ?? String(e)})` };
  }
  // Loaded only for a case that has a labelmap: the browser app never needs the decoders.
  const { decodeLabelmap } = await import('../io/labelmap/decode.js');
  const { LabelmapReadError } = await import('../io/labelmap/image.js');
  try {
    return { path, image: decodeLabelmap(bytes, path) };
  } catch (e) {
    if (e instanceof LabelmapReadError || e instanceof RangeError) return { path, error: e.message };
    throw e;
  }
}

/**
 * A case from a file, from a condition preset alone (no file: `overrides.condition`
 * names the preset), or a file laid over a preset; the overrides go on top.
 */
export async function loadCase(file: string | undefined, overrides: CaseOverrides = {}): Promise<LoadedCase> {
  if (file === undefined) {
    const label = `condition '${overrides.condition ?? ''}'`;
    const { scene, warnings } = resolveCaseWithWarnings({}, label, overrides);
    return { scene, hash: sceneHash(scene), source: '', warnings };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CaseError(file, [{ path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})` }]);
  }
  const obj = parseCaseText(text, file);
  const labelmap = overrides.labelmap ?? (await readCaseLabelmap(obj, file));
  const { scene, warnings } = resolveCaseWithWarnings(obj, file, labelmap ? { ...overrides, labelmap } : overrides);
  return { scene, hash: sceneHash(scene), source: text, warnings };
}
