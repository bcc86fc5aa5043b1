/**
 * Ctrl-C from the first moment of `cryoplan`: main.ts installs this before it loads anything
 * else (the commands, the case schema and the plotting library take a few tenths of a second to
 * load, and a Ctrl-C meanwhile used to end the process silently). Nothing has been written that
 * early; a command that writes installs its own SIGINT listener, and this one then stands aside
 * (and, should the command remove its listener later, exits 130 without claiming anything).
 * Imports nothing, so that it is in place as soon as Node has started.
 */

/** What every command prints on a Ctrl-C before it has written anything. */
export const INTERRUPTED = 'Interrupted: nothing was written.';

/** 128 + SIGINT, as shells report it (EXIT.cancelled). */
const CANCELLED = 130;

/** Whether a command has taken Ctrl-C over (it may have written something since). */
let handedOver = false;

function early(): void {
  // A command's own listener decides what Ctrl-C means once it is there.
  if (process.listenerCount('SIGINT') > 1) return;
  // One that has let go again (plan, once its folder is written) may have written: no claim either way.
  if (!handedOver) process.stderr.write(`${INTERRUPTED}\n`);
  process.exit(CANCELLED);
}

/** Installs the start-up handler (once). */
export function handleEarlyInterrupts(): void {
  if (process.listeners('SIGINT').includes(early)) return;
  process.on('SIGINT', early);
  process.on('newListener', (event, listener) => {
    if (event === 'SIGINT' && listener !== early) handedOver = true;
  });
}
