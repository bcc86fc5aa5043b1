import type { Command } from 'commander';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';
import { register as conditions } from './conditions.js';
import { register as probes } from './probes.js';
import { register as show } from './show.js';
import { register as plan } from './plan.js';
import { register as worker } from './worker.js';
import { register as serve } from './serve.js';

/** Every `cryoplan` sub-command, in the order --help lists them; each lives in its own file. */
export const COMMANDS: ((program: Command) => void)[] = [run, validate, show, schema, conditions, probes, plan, worker, serve];
