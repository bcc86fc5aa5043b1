import { mkdir, open, rename, rm, stat, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Files a plan folder may hold: it is only replaced when it holds nothing else. */
const PLAN_FILES = new Set(['plan.json', 'plan.html', 'plan.yaml']);

/** Why a plan cannot be written to `outDir` (an existing folder that is not a plan's), or null. */
export async function planOutProblem(outDir: string): Promise<string | null> {
  const s = await stat(outDir).catch(() => null);
  if (!s) return null;
  if (!s.isDirectory()) return `${outDir} exists and is not a folder`;
  const foreign = (await readdir(outDir)).filter((f) => !PLAN_FILES.has(f));
  return foreign.length
    ? `${outDir} holds files that are not a plan's (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}): choose another --out`
    : null;
}

/**
 * Writes the plan's files into a temporary sibling folder, flushed, then swaps it into
 * place: an interrupted plan leaves an earlier plan's folder as it was.
 */
export async function writePlanFolder(outDir: string, files: Record<string, string>): Promise<string[]> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = randomBytes(4).toString('hex');
  const tmp = join(parent, `.${basename(target)}.tmp-${tag}`);
  try {
    await mkdir(tmp);
    for (const [name, data] of Object.entries(files)) {
      const fh = await open(join(tmp, name), 'w');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const problem = await planOutProblem(outDir);
  if (problem) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(problem);
  }
  const existed = await stat(target).catch(() => null);
  const old = join(parent, `.${basename(target)}.old-${tag}`);
  if (existed) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (e) {
    if (existed) await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existed) await rm(old, { recursive: true, force: true });
  return Object.keys(files).map((f) => join(outDir, f));
}
