import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Removed at process exit, not in an `after` hook: root hooks run in registration order, so a hook
// registered at import would delete folders before a file's own `after` has closed the server
// still writing into them (and a failing hook then skips that close and hangs the file).
process.once('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
});

/** A fresh folder under the system temp dir, removed when the test file's process ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}
