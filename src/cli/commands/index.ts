import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every `cryoplan` sub-command, in the order --help lists them; each lives in its own file.
 * Loaded on demand: loading all of them (the server, the queue, the planner) cost about
 * 1.2 s of CPU at every start of a command that needs none of them.
 */
const LOADERS: Record<string, () => Promise<{ register: Register }>> = {
  run: () => import('./run.js'),
  validate: () => import('./validate.js'),
  show: () => import('./show.js'),
  schema: () => import('./schema.js'),
  conditions: () => import('./conditions.js'),
  probes: () => import('./probes.js'),
  plan: () => import('./plan.js'),
  worker: () => import('./worker.js'),
  serve: () => import('./serve.js'),
};

/**
 * Registers the command that `args` names, or every command when it names none that exists
 * (--help, --version, a typo: commander then lists them or suggests the nearest).
 */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const name = args.find((a) => !a.startsWith('-'));
  const chosen = name !== undefined && Object.hasOwn(LOADERS, name) ? [LOADERS[name]!] : Object.values(LOADERS);
  const modules = await Promise.all(chosen.map((load) => load()));
  for (const m of modules) m.register(program);
}
