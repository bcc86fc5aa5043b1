import { mkdtemp } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Removed when the test file's process exits, after every `after` hook: a server a test
// file closes in its own hook may still be writing into a folder until then, and a root
// hook that throws (ENOTEMPTY) would skip the hooks after it, leave that server open and
// hang the whole run.
process.on('exit', () => {
  for (const d of made) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A folder left in the system temp dir is no test's failure.
    }
  }
});

/** A fresh folder under the system temp dir, removed when the test file ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}
