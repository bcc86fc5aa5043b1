/**
 * Two builds of the WebAssembly kernels on the same system, alternately: CPU time per
 * cell of each sweep and whether the two leave the same bytes behind (the reference
 * case after 40 steps, or at REF=<refinement>; CASE=<case.yaml> for another case). The older build must lay its arrays
 * out the same way (new arrays appended at the end of ARRAY_NAMES keep that).
 *
 *   node build/bench/ab-kernels.js <old build>/src/core/solver/kernels/wasm-binary.js [assemble,cg,...]
 */
import { loadCase } from '../src/case/load.js';
import { Simulation } from '../src/core/solver/simulate.js';
import type { Kernels } from '../src/core/solver/kernels/index.js';
import type { KernelExports } from '../src/core/solver/kernels/wasm.js';

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const b = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}
if (!process.argv[2]) throw new Error('usage: ab-kernels.js <old wasm-binary.js> [sweeps]');
const oldMod = await import(process.argv[2]);
const newMod = await import('../src/core/solver/kernels/wasm-binary.js');
const { scene } = await loadCase(process.env.CASE ?? 'cases/default.yaml');
if (process.env.REF) (scene as unknown as { grid: unknown }).grid = { kind: 'auto', refinement: Number(process.env.REF) };
const sim = new Simulation(scene);
console.log('cells', sim.problem.n, sim.problem.nx, sim.problem.ny, sim.problem.nz);
sim.initialise();
for (let i = 0; i < 40; i++) sim.advance();
const st = sim.stepper as unknown as { k: Kernels; nLinks: number; nSrc: number };
const k = st.k;
const src = new Uint8Array(k.state.buffer);
const pages = Math.ceil(src.byteLength / 65536);
const mk = (b64: string) => {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  new Uint8Array(memory.buffer).set(src);
  // x' = 0, so that repeated Newton sweeps move nothing (the assembly no longer zeroes it).
  new Float64Array(memory.buffer, k.state.a.X.byteOffset, k.state.a.X.length).fill(0);
  const x = new WebAssembly.Instance(new WebAssembly.Module(decode(b64)), { env: { memory } }).exports as unknown as KernelExports;
  x.setup(0);
  return { x, mem: new Uint8Array(memory.buffer) };
};
const A = mk(oldMod.KERNELS_WASM),
  B = mk(newMod.KERNELS_WASM);
const n = k.state.dims.n;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const tests: Record<string, (x: KernelExports) => void> = {
  assemble: (x) => x.assemble(1, 37, 0, n, 0, n, 0, st.nLinks, 0, st.nSrc, 1, 1, 0, 0, 0),
  asm0: (x) => x.assemble(0, 37, 0, n, 0, n, 0, st.nLinks, 0, st.nSrc, 1, 1, 0, 0, 0),
  asmNoPrep: (x) => x.assemble(0, 37, 0, n, 0, n, 0, st.nLinks, 0, st.nSrc, 0, 1, 0, 0, 0),
  pre: (x) => x.preUpdate(1, 0, n, 0),
  finish: (x) => {
    x.begin(0, 0, n);
    x.finish(1, 1, 37, 0, n, 0);
  },
  cg: (x) => {
    x.cgBackward(0.5, 0, 0, n);
    x.cgForward(0, n);
    x.cgUpdate(0, 0, n, 0, 0);
  },
};
const which = process.argv[3] ? process.argv[3].split(',') : Object.keys(tests);
for (const name of which) {
  const fn = tests[name];
  const t = { A: Infinity, B: Infinity };
  for (let r = 0; r < 30; r++)
    for (const [lab, m] of [
      ['A', A],
      ['B', B],
    ] as const) {
      const t0 = cpu();
      for (let i = 0; i < 5; i++) fn(m.x);
      t[lab] = Math.min(t[lab], (cpu() - t0) / 5);
    }
  console.log(`${name}: A ${((t.A / n) * 1e9).toFixed(2)} ns/cell, B ${((t.B / n) * 1e9).toFixed(2)} ns/cell, A/B ${(t.A / t.B).toFixed(3)}`);
}
// identity check: one assemble + cg on fresh copies
const C = mk(oldMod.KERNELS_WASM),
  D = mk(newMod.KERNELS_WASM);
for (const m of [C, D]) {
  tests.assemble(m.x);
  tests.cg(m.x);
}
let diff = 0;
for (let i = 0; i < C.mem.length; i++) if (C.mem[i] !== D.mem[i]) diff++;
console.log('bytes differing after assemble+cg:', diff);
