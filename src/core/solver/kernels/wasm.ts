import type { Kernels, BlockOps } from './types.js';
import { SerialKernels } from './serial.js';
import { allocateState, stateBytes, ARRAY_NAMES, type Dims, type SolverState } from './state.js';
import { KERNELS_WASM, KERNELS_SHARED_WASM } from './wasm-binary.js';

/** Bytes at the start of the memory for the header that tells the module where the arrays are. */
export const HEADER_BYTES = 1024;
const PAGE = 65536;

/** The module's exports: the block sweeps (as BlockOps, flags as 0/1), the setup and the benchmark kernels. */
export interface KernelExports extends BlockOps {
  setup(hdr: number): void;
  triad(a: number, b: number, c: number, s: number, from: number, to: number): void;
  stencil7(
    diag: number,
    gx: number,
    gy: number,
    gz: number,
    mask: number,
    p: number,
    q: number,
    nx: number,
    nxy: number,
    pad: number,
    from: number,
    to: number,
  ): void;
}

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const b = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

let compiled: { plain: WebAssembly.Module | null; shared: WebAssembly.Module | null } | null = null;

/** The compiled modules, or null where WebAssembly (with SIMD) is not available. */
export function wasmModules(): { plain: WebAssembly.Module | null; shared: WebAssembly.Module | null } {
  if (compiled) return compiled;
  compiled = { plain: null, shared: null };
  if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return compiled;
  for (const [key, src] of [
    ['plain', KERNELS_WASM],
    ['shared', KERNELS_SHARED_WASM],
  ] as const) {
    try {
      const bytes = decode(src);
      if (WebAssembly.validate(bytes)) compiled[key] = new WebAssembly.Module(bytes);
    } catch {
      // No SIMD, or no shared memory: that variant is unavailable.
    }
  }
  return compiled;
}

/** Memory (in pages) for the header and the arrays of a problem. */
export function wasmPages(d: Dims): number {
  return Math.ceil((HEADER_BYTES + stateBytes(d)) / PAGE);
}

/** Writes the header (dimensions and the arrays' offsets) the module's `setup` reads. */
export function writeHeader(buffer: ArrayBufferLike, st: SolverState): void {
  const h = new Int32Array(buffer, 0, 8 + ARRAY_NAMES.length);
  const d = st.dims;
  h.set([d.n, d.nx, d.ny, d.nz, d.nxy, d.pad, d.nMat, 0]);
  h.set(st.offsets, 8);
}

/** An instance of the kernels on a memory whose header `writeHeader` has filled. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const x = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  x.setup(0);
  return x;
}

/** WebAssembly kernels with their arrays in a fresh memory, or null where they cannot run. */
export function createWasmKernels(d: Dims, split = false): Kernels | null {
  const m = wasmModules().plain;
  if (!m) return null;
  const pages = wasmPages(d);
  if (pages > 65536) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const state = allocateState(d, memory.buffer, HEADER_BYTES);
  writeHeader(memory.buffer, state);
  return new SerialKernels('wasm', state, instantiate(m, memory), split);
}
