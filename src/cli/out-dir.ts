import { access, stat, constants } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Why the results could not be written to `outDir`, or null if they probably can.
 * Checked before a run so that a long simulation is not wasted on a typo'd or
 * read-only folder; the atomic writer still has the last word.
 */
export async function outDirProblem(outDir: string): Promise<string | null> {
  const target = resolve(outDir);
  const s = await stat(target).catch(() => null);
  if (s && !s.isDirectory()) return `${outDir} exists and is not a folder`;
  // The writer creates missing parents and swaps in a sibling folder: the nearest existing ancestor must be writable.
  let dir = dirname(target);
  for (;;) {
    const d = await stat(dir).catch(() => null);
    if (d) {
      if (!d.isDirectory()) return `${dir} is not a folder`;
      return access(dir, constants.W_OK).then(
        () => null,
        () => `${dir} is not writable`,
      );
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
