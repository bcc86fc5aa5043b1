/**
 * Layering of case objects: a condition preset under the case file under the
 * command line's overrides. Mappings merge key by key; anything else, lists
 * included, is replaced whole, so a file that lists its own probes gets exactly
 * those probes rather than a mix with the preset's.
 */

export type PathKey = string | number;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Copies whatever it returns (structuredClone), so that merging never aliases a preset's own objects. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

/** ['probes', 0, 'tip_mm'] from 'probes[0].tip_mm' (the form CaseIssue paths take). */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return keys;
}

/** How many leading keys of `keys` lead to a value in `obj`. */
export function presentDepth(obj: unknown, keys: PathKey[]): number {
  let cur = obj;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (Array.isArray(cur) && typeof k === 'number' && k < cur.length && cur[k] !== undefined) cur = cur[k];
    else if (isPlainObject(cur) && typeof k === 'string' && k in cur) cur = cur[k];
    else return i;
  }
  return keys.length;
}
