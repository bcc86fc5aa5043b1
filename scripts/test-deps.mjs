#!/usr/bin/env node
/**
 * What `npm test` needs beyond npm: Debian packages some tests drive. Run first by
 * `npm test`: a missing one is installed with apt-get when that is possible (root on
 * Debian/Ubuntu, as on CI), otherwise the run stops with one line naming the package.
 * A test that can be skipped names the variable that skips it; that skips the check too.
 * Plain JavaScript so that it runs before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * One line per package: the binary the tests run, the Debian package that has it,
 * what needs it, and (optional) the variable that points at another binary and the
 * one that skips those tests.
 */
export const NEEDS = [
  { binary: '/usr/bin/chromium', pkg: 'chromium', for: "the report's and the app's browser tests", path: 'CHROMIUM_PATH', skip: 'CRYOPLAN_SKIP_BROWSER' },
  {
    binary: '/usr/bin/redis-server',
    pkg: 'redis-server',
    for: "the runner's BullMQ queue tests (each starts its own server on a free loopback port)",
    path: 'REDIS_SERVER_PATH',
  },
];

/** The needs not met: their binary is absent and nothing skips them. */
export function missing(needs, env = process.env) {
  return needs.filter((n) => !(n.skip && env[n.skip] === '1') && !existsSync((n.path && env[n.path]) || n.binary));
}

/** The one line a person reads when the packages cannot be installed here. */
export function stopMessage(absent) {
  const pkgs = absent.map((n) => n.pkg).join(' ');
  const what = absent.map((n) => `${n.binary} for ${n.for}`).join('; ');
  const skips = absent.filter((n) => n.skip).map((n) => `${n.skip}=1`);
  return `npm test needs ${what}: install it with 'sudo apt-get install ${pkgs}' (Debian/Ubuntu package ${pkgs})${skips.length ? `, or set ${skips.join(' ')} to skip those tests` : ''}`;
}

const canInstall = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

function main() {
  const absent = missing(NEEDS);
  if (!absent.length) return 0;
  if (canInstall()) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (...args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
    process.stderr.write(`installing ${absent.map((n) => n.pkg).join(' ')} for the tests (apt-get)\n`);
    if (apt('update', '-q') && apt('install', '-y', '-q', ...absent.map((n) => n.pkg)) && !missing(NEEDS).length) return 0;
  }
  process.stderr.write(`${stopMessage(missing(NEEDS))}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
