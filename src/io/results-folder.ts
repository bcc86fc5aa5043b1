import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VERSION } from '../version.js';

/**
 * The file that marks a folder as one cryoplan wrote: which files it wrote and for
 * which case. Only such a folder (with nothing else in it) may be replaced, so a
 * results folder pointed at a user's own folder can never delete the user's files.
 */
export const MANIFEST = '.cryoplan-results.json';

export interface ResultsManifest {
  format: 'cryoplan-results';
  generator: { name: 'cryoplan'; version: string };
  case: { name: string; hash: string };
  /** Every file cryoplan wrote into the folder, the manifest excepted. */
  files: string[];
}

export function manifestFor(caseInfo: { name: string; hash: string }, files: string[]): ResultsManifest {
  return {
    format: 'cryoplan-results',
    generator: { name: 'cryoplan', version: VERSION },
    case: { name: caseInfo.name, hash: caseInfo.hash },
    files: [...files].sort(),
  };
}

/** What is at a results path, and whether cryoplan may write there. */
export type FolderState =
  | { kind: 'absent' }
  | { kind: 'empty' }
  /** A folder cryoplan wrote: `files` are its files (manifest included), `hash` the case's. */
  | { kind: 'cryoplan'; files: string[]; hash: string | null }
  /** Something cryoplan must not replace: `reason` says why, for a person. */
  | { kind: 'foreign'; reason: string }
  | { kind: 'not-folder'; reason: string };

const list = (names: string[], max = 4) => {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
};

/** The files a manifest (or, for folders of cryoplan 0.1, summary.json) says cryoplan wrote; null if it says nothing. */
async function claimedFiles(dir: string, names: Set<string>): Promise<{ files: string[]; hash: string | null } | { unreadable: string } | null> {
  if (names.has(MANIFEST)) {
    try {
      const m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<ResultsManifest>;
      if (m.format !== 'cryoplan-results' || !Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) throw new Error('not a results manifest');
      return { files: [...m.files, MANIFEST], hash: typeof m.case?.hash === 'string' ? m.case.hash : null };
    } catch (e) {
      return { unreadable: `its ${MANIFEST} cannot be read (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  // cryoplan 0.1 wrote no manifest; its summary.json lists the folder's files.
  if (!names.has('summary.json')) return null;
  try {
    const s = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    if (s?.generator?.name === 'cryoplan' && Array.isArray(s.files) && s.files.every((f: unknown) => typeof f === 'string'))
      return { files: s.files, hash: typeof s.case?.hash === 'string' ? s.case.hash : null };
  } catch {
    // not cryoplan's summary: the folder is not claimed
  }
  return null;
}

/**
 * Looks at `dir` without changing anything: absent, empty, a folder cryoplan wrote
 * and nothing else (which may be replaced), or something it must leave alone.
 */
export async function inspectResultsFolder(dir: string): Promise<FolderState> {
  const target = resolve(dir);
  let s: Awaited<ReturnType<typeof lstat>>;
  try {
    s = await lstat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    if (code === 'ENOTDIR') return { kind: 'not-folder', reason: `a part of ${dir} is a file, not a folder` };
    throw e;
  }
  if (s.isSymbolicLink()) return { kind: 'foreign', reason: `${dir} is a symbolic link; give the folder it points to` };
  if (!s.isDirectory()) return { kind: 'not-folder', reason: `${dir} exists and is not a folder` };
  const entries = await readdir(target, { withFileTypes: true });
  if (!entries.length) return { kind: 'empty' };
  const names = new Set(entries.map((e) => e.name));
  const claim = await claimedFiles(target, names);
  const all = entries.map((e) => e.name).sort();
  if (!claim) return { kind: 'foreign', reason: `${dir} is not a cryoplan results folder (it holds ${list(all)}, and no ${MANIFEST})` };
  if ('unreadable' in claim) return { kind: 'foreign', reason: `${dir} is not a cryoplan results folder: ${claim.unreadable}` };
  const claimed = new Set(claim.files);
  const extra = entries.filter((e) => !claimed.has(e.name) || !e.isFile()).map((e) => e.name);
  if (extra.length)
    return { kind: 'foreign', reason: `${dir} holds ${extra.length === 1 ? 'a file' : 'files'} that cryoplan did not write: ${list(extra.sort())}` };
  return { kind: 'cryoplan', files: all, hash: claim.hash };
}
