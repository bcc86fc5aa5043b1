import { mkdtemp, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { inspectResultsFolder } from '../io/results-folder.js';
import { EXIT } from './exit-codes.js';

export interface OutDirProblem {
  /** EXIT.invalid: cryoplan must not write there; EXIT.output: it cannot. */
  code: number;
  message: string;
}

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'the file system does not allow it',
};

/** The folder the writer will create its temporary sibling in: the parent, or its nearest existing ancestor. */
async function nearestFolder(target: string): Promise<{ dir: string } | { notFolder: string }> {
  let dir = dirname(target);
  for (;;) {
    const d = await stat(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOTDIR' ? 'file' : null));
    if (d === 'file') {
      dir = dirname(dir);
      continue;
    }
    if (d) return d.isDirectory() ? { dir } : { notFolder: dir };
    const up = dirname(dir);
    if (up === dir) return { dir };
    dir = up;
  }
}

/** Creates and removes a folder in `dir`: the only sure test that it is writable (root passes access(2) even on /proc). */
async function tryCreate(dir: string): Promise<string | null> {
  try {
    await rmdir(await mkdtemp(join(dir, '.cryoplan-check-')));
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return `cannot create a folder in ${dir} (${code}${WHY[code] ? `: ${WHY[code]}` : ''})`;
  }
}

export interface OutDirOptions {
  /** The case's hash: a results folder of another case is replaced only with `force`. */
  hash: string;
  /** Whether the hash rule applies (the default folder, which cryoplan named). */
  sameCaseOnly: boolean;
  force: boolean;
}

/**
 * Why the results must not or cannot be written to `outDir`, or null. Checked
 * before a run, so that a long simulation is never wasted on a folder cryoplan
 * must not replace or a path it cannot write; the writer checks again.
 */
export async function outDirProblem(outDir: string, o: OutDirOptions): Promise<OutDirProblem | null> {
  const target = resolve(outDir);
  const st = await inspectResultsFolder(target).catch((e: NodeJS.ErrnoException) => ({ kind: 'error' as const, code: e.code ?? String(e) }));
  const cannot = (why: string): OutDirProblem => ({ code: EXIT.output, message: `cannot write the results to ${outDir}: ${why}` });
  if (st.kind === 'error') return cannot(`cannot read it (${st.code}${WHY[st.code] ? `: ${WHY[st.code]}` : ''})`);
  if (st.kind === 'not-folder') return { code: EXIT.output, message: `cannot write the results: ${st.reason.replace(target, outDir)}` };
  if (st.kind === 'foreign') {
    return {
      code: EXIT.invalid,
      message:
        `refusing to write the results to ${outDir}: ${st.reason.replace(target, outDir)}.\n` +
        'cryoplan replaces its results folder whole, so it writes only to a new or empty folder or to one it wrote before ' +
        'and nothing else was added to. Nothing was changed; give another --out (a new folder name).',
    };
  }
  if (st.kind === 'cryoplan' && o.sameCaseOnly && !o.force && st.hash !== o.hash) {
    return {
      code: EXIT.invalid,
      message:
        `refusing to replace ${outDir}: it holds the results of a different case (hash ${st.hash ?? 'unknown'}; this case is ${o.hash}). ` +
        'Give --force to replace them, or --out DIR to write elsewhere.',
    };
  }
  const near = await nearestFolder(target);
  if ('notFolder' in near) return cannot(`${near.notFolder} is a file, not a folder`);
  const problem = await tryCreate(near.dir);
  if (problem) return cannot(problem);
  // Files are moved into an existing empty folder: it must take them too.
  if (st.kind === 'empty') {
    const inside = await tryCreate(target);
    if (inside) return cannot(inside);
  }
  return null;
}

/** Longest folder name taken from a case's name (file systems allow 255 bytes; a person reads far fewer). */
const MAX_NAME = 60;

/**
 * A folder name from a case's name (free text): letters and digits of any script
 * kept (every current file system stores Unicode names), everything else one '-'.
 */
export function folderName(name: string): string {
  const s = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+/, '');
  return (
    [...s]
      .slice(0, MAX_NAME)
      .join('')
      .replace(/[.-]+$/, '') || 'case'
  );
}

/** The command-line flags that change a case, as they name its default results folder. */
export interface FlagsInName {
  freeze_s?: number;
  thaw_s?: number;
  cycles?: number;
  probe?: string;
}

/**
 * results/<case name>, with what the flags changed: `results/intercostal-freeze90-thaw20-x2`,
 * so that runs of one case with other flags do not land in one folder.
 */
export function defaultOutDir(caseName: string, f: FlagsInName): string {
  const parts = [folderName(caseName)];
  if (f.freeze_s !== undefined) parts.push(`freeze${f.freeze_s}`);
  if (f.thaw_s !== undefined) parts.push(`thaw${f.thaw_s}`);
  if (f.cycles !== undefined) parts.push(`x${f.cycles}`);
  if (f.probe !== undefined) parts.push(folderName(f.probe));
  return `results/${parts.join('-')}`;
}
