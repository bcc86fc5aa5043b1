import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

const started: ChildProcess[] = [];

/** `cryoplan ARGS` in `cwd`; onStderr sees the stderr so far and may interrupt it (SIGINT, as Ctrl-C). */
export function cli(args: string[], cwd: string, onStderr?: (s: string, interrupt: () => void) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, [MAIN, ...args], { cwd });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, () => p.kill('SIGINT'));
    });
    p.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/**
 * `cryoplan worker` on one thread with a 2 s lock (a killed worker's job goes back to the
 * queue within about 3 s); resolves once it waits for jobs.
 */
export function startWorker(url: string): Promise<ChildProcess> {
  const w = spawn(process.execPath, [MAIN, 'worker', '--redis', url, '--concurrency', '1', '--lock-seconds', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(w);
  return new Promise((resolve, reject) => {
    let err = '';
    w.stderr?.on('data', (d) => {
      err += String(d);
      if (err.includes('waiting for jobs')) resolve(w);
    });
    w.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

/** Resolves when the worker logs that it started a job. */
export const runsAJob = (w: ChildProcess) =>
  new Promise<void>((resolve) => {
    w.stderr?.on('data', (d) => {
      if (/ runs /.test(String(d))) resolve();
    });
  });

/** SIGKILLs every worker these helpers started that still runs (for a test file's after()). */
export function killWorkers(): void {
  for (const w of started) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
}
