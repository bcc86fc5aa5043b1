import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import type { Scene } from '../core/model.js';
import { CaseError } from './errors.js';
import { resolveCase, type CaseOverrides } from './resolve.js';

export interface LoadedCase {
  scene: Scene;
  /** sha256 of the resolved scene (first 16 hex digits). */
  hash: string;
  source: string;
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
    const where = at ? (({ line, col }) => `line ${line}, column ${col}: `)(lineCol(text, Number(at[1]))) : '';
    throw new CaseError(file, [{ path: '', message: `${where}JSON syntax error: ${msg.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new CaseError(
      file,
      doc.errors.map((e) => {
        const { line, col } = lineCol(text, e.pos[0]);
        return { path: '', message: `line ${line}, column ${col}: syntax error: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
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
  const scene = resolveCase(parseCaseText(text, file), file, overrides);
  return { scene, hash: sceneHash(scene), source: text };
}

/**
 * A case from a file, from a condition preset alone (no file: `overrides.condition`
 * names the preset), or a file laid over a preset; the overrides go on top.
 */
export async function loadCase(file: string | undefined, overrides: CaseOverrides = {}): Promise<LoadedCase> {
  if (file === undefined) {
    const label = `condition '${overrides.condition ?? ''}'`;
    const scene = resolveCase({}, label, overrides);
    return { scene, hash: sceneHash(scene), source: '' };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CaseError(file, [{ path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})` }]);
  }
  return parseCase(text, file, overrides);
}
