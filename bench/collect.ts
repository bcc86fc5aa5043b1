import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, so that a timed run does not pay for the garbage an
 * earlier run left (in a side-by-side comparison, another build's). V8 exposes
 * `gc` only behind a flag; it is set here rather than on every command line.
 */
let gc: (() => void) | null = null;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
