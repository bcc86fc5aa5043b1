#!/usr/bin/env node
import { handleEarlyInterrupts } from './interrupt.js';

// Before anything else is loaded: a Ctrl-C while the commands load gets the same message as later.
handleEarlyInterrupts();
// `cryoplan run` starts its simulation thread now, to load the solver while this thread loads the rest.
if (process.argv.slice(2).find((a) => !a.startsWith('-')) === 'run') (await import('./sim-thread.js')).prestartSimThread();
await import('./program.js');
