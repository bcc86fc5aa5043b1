import type { Kernels } from './types.js';
import { allocateState, type Dims } from './state.js';
import { JsBlocks } from './js.js';
import { SerialKernels } from './serial.js';
import { createWasmKernels } from './wasm.js';
import { createParallelKernels } from './parallel.js';

export type { Kernels } from './types.js';
export type { Dims, SolverState } from './state.js';
export { setKernelThreads, serveKernels, type KernelWorker, type SpawnKernelWorker } from './parallel.js';

/** Which implementation of the sweeps a Stepper uses: WebAssembly where it can (auto), or one in particular. */
export type KernelChoice = 'auto' | 'js' | 'wasm';

let defaultChoice: KernelChoice = 'auto';
let defaultSplit = false;

/**
 * Sets the implementation new Steppers use when they are not told (benchmarks
 * and tests compare them). `split` sweeps one thread's kernels in the two blocks
 * the two-thread kernels use, which gives their results to the bit.
 */
export function setDefaultKernels(choice: KernelChoice, opts: { split?: boolean } = {}): void {
  defaultChoice = choice;
  defaultSplit = opts.split ?? false;
}

export function defaultKernels(): KernelChoice {
  return defaultChoice;
}

/**
 * The sweeps for a problem of these dimensions, with their arrays allocated and
 * zeroed: WebAssembly on two threads when setKernelThreads has given a helper,
 * else on one; JavaScript where WebAssembly cannot run or when asked.
 */
export function createKernels(dims: Dims, choice: KernelChoice = defaultChoice, split = defaultSplit): Kernels {
  if (choice !== 'js') {
    const w = createParallelKernels(dims) ?? createWasmKernels(dims, split);
    if (w) return w;
    if (choice === 'wasm') throw new Error('WebAssembly kernels are not available here');
  }
  const state = allocateState(dims);
  return new SerialKernels('js', state, new JsBlocks(state), split);
}
