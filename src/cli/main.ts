#!/usr/bin/env node
import { handleEarlyInterrupts } from './interrupt.js';

// Before anything else is loaded: a Ctrl-C while the commands load gets the same message as later.
handleEarlyInterrupts();
await import('./program.js');
