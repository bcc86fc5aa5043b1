import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (the OS picks one; closed again for the caller to use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stops it and starts it again on the same port, empty (no persistence). */
  restart(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    p.on('error', (e) => {
      clearTimeout(t);
      reject(new Error(`redis-server could not be started (.ci/run installs it with apt-get): ${e.message}`));
    });
    p.stdout?.on('data', (d) => {
      out += String(d);
      if (/Ready to accept connections/i.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  return p;
}

const kill = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });

/** Its own Redis on a free loopback port, for one test file. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let proc = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => kill(proc),
    async restart() {
      await kill(proc);
      proc = await launch(port);
    },
  };
}
