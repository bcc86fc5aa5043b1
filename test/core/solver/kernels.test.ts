/**
 * The solver's per-cell sweeps exist twice: in WebAssembly (the default where it
 * runs) and in plain JavaScript (the fallback). They must give the same results:
 * the same operations in the same order, so the same bits; the test allows 1e-12.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/core/solver/simulate.js';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setDefaultKernels, setKernelThreads, createKernels, type KernelChoice } from '../../../src/core/solver/kernels/index.js';
import { Simulation } from '../../../src/core/solver/simulate.js';
import { Stepper } from '../../../src/core/solver/step.js';
import { buildProblem } from '../../../src/core/solver/problem.js';
import { allocateConditions, evaluateConditions } from '../../../src/core/solver/conditions.js';
import { rasterise } from '../../../src/core/anatomy/raster.js';
import { makeGrid } from '../../../src/core/grid/rectilinear.js';
import { phaseWindows } from '../../../src/core/protocol/schedule.js';
import type { Scene, RunResult } from '../../../src/core/index.js';
import { referenceScene, smallLayeredScene, testNeedle } from '../../helpers/scene.js';
import { JsBlocks } from '../../../src/core/solver/kernels/js.js';

const wasmHere = createKernels({ n: 1, nx: 1, ny: 1, nz: 1, nxy: 1, pad: 1, nMat: 1, nLinks: 0, nSrc: 0 }, 'auto').name === 'wasm';

function run(scene: Scene, kernels: KernelChoice, split = false): RunResult {
  setDefaultKernels(kernels, { split });
  try {
    return simulate(scene);
  } finally {
    setDefaultKernels('auto');
  }
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const needle = testNeedle;

const small = smallLayeredScene;

const scenes: Array<[string, Scene]> = [
  [
    'reference needle (graded grid, uniform start)',
    referenceScene({
      domain: {
        x_mm: [-12, 12],
        y_mm: [-12, 12],
        depth_mm: 40,
        boundaries: {
          x_min: 'body',
          x_max: 'body',
          y_min: 'body',
          y_max: 'body',
          bottom: 'body',
          surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 },
        },
      },
      protocol: [
        { kind: 'freeze', duration_s: 30 },
        { kind: 'thaw', duration_s: 10, thaw: 'passive' },
      ],
      grid: { kind: 'auto', refinement: 4 },
    }),
  ],
  [
    'cryogen and fixed-power needles, a vessel, steady start',
    small({
      structures: [
        {
          kind: 'tube',
          name: 'artery',
          tissue: 'blood',
          role: 'vessel',
          path_mm: [
            [-10, -4, 12],
            [10, -4, 12],
          ],
          diameter_mm: 2,
          flow_temperature_c: 37,
        },
      ],
      probes: [
        needle({ cooling: { mode: 'cryogen', temperature_c: -80, h_w_m2k: 2000 } }),
        needle({ id: 'n2', tip_mm: [-4, 0, 10], direction: [0.6, 0, 0.8], cooling: { mode: 'power', watts: 3 } }),
      ],
      protocol: [{ kind: 'freeze', duration_s: 20 }],
    }),
  ],
  [
    'contact probe and a warmer on the skin',
    small({
      probes: [{ kind: 'contact', id: 'c1', center_mm: [0, 0], diameter_mm: 8, cooling: { mode: 'temperature', curve: [[0, -150]] } }],
      warmers: [{ name: 'w', center_mm: [6, 6], size_mm: [6, 6], temperature_c: 40, h_w_m2k: 200 }],
      protocol: [
        { kind: 'freeze', duration_s: 10 },
        { kind: 'thaw', duration_s: 10, thaw: 'passive' },
      ],
    }),
  ],
];

for (const [name, scene] of scenes) {
  test(`WebAssembly and JavaScript kernels agree to 1e-12: ${name}`, { skip: !wasmHere && 'no WebAssembly here' }, () => {
    const js = run(scene, 'js');
    const wasm = run(scene, 'wasm');
    assert.equal(wasm.diagnostics.steps, js.diagnostics.steps);
    assert.equal(wasm.diagnostics.nonlinear_iterations, js.diagnostics.nonlinear_iterations);
    assert.equal(wasm.diagnostics.linear_iterations, js.diagnostics.linear_iterations);
    assert.ok(maxDiff(wasm.fields.final_c, js.fields.final_c) <= 1e-12);
    assert.ok(maxDiff(wasm.fields.min_c, js.fields.min_c) <= 1e-12);
    const e = (r: RunResult) => [
      r.energy.enthalpy_change_j,
      r.energy.probes_j,
      r.energy.perfusion_j,
      r.energy.metabolic_j,
      r.energy.boundaries_j,
      r.energy.vessels_j,
    ];
    for (const [a, b] of e(wasm).map((v, i) => [v, e(js)[i]])) assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
    assert.ok(wasm.energy.relative_error < 1e-9 && js.energy.relative_error < 1e-9);
  });
}

test('WebAssembly and JavaScript kernels agree with a conductivity factor and cell sources (full-precision fields)', {
  skip: !wasmHere && 'no WebAssembly here',
}, () => {
  const scene = small({ probes: [needle()], protocol: [{ kind: 'freeze', duration_s: 10 }] });
  const g = makeGrid(
    Array.from({ length: 15 }, (_, i) => -10 + (20 * i) / 14),
    Array.from({ length: 13 }, (_, i) => -10 + (20 * i) / 12),
    Array.from({ length: 11 }, (_, i) => 2 * i),
  );
  const fields = (['js', 'wasm'] as const).map((kind) => {
    const problem = buildProblem(scene, g, rasterise(scene, g));
    problem.kScale = Float64Array.from({ length: problem.n }, (_, c) => 0.5 + (c % 7) / 7);
    const s = new Stepper(problem, { kernels: kind });
    assert.equal(s.kernels, kind);
    s.setUniform(37);
    const cond = allocateConditions(problem);
    const w = phaseWindows(scene.protocol)[0];
    cond.cellW = Float64Array.from({ length: problem.n }, (_, c) => (c % 5 === 0 ? -0.01 : 0));
    for (let k = 1; k <= 6; k++) {
      evaluateConditions(problem, w, k * 0.5, cond);
      const r = s.step(0.5, cond, 1e-6, 40, null);
      assert.ok(r.converged);
    }
    return Float64Array.from({ length: problem.n }, (_, c) => s.temperatureAt(c));
  });
  assert.ok(maxDiff(fields[0], fields[1]) <= 1e-12);
});

test('two threads give the one-thread split sweeps to the bit, and a newer Stepper takes the helper over', {
  skip: (!wasmHere || typeof SharedArrayBuffer === 'undefined') && 'no WebAssembly threads here',
}, () => {
  const scene = scenes[0][1];
  const serial = run(scene, 'js', true);
  const workers: Worker[] = [];
  // The helper thread, started the way a Node host would (its script is bench/kernel-worker.ts).
  setKernelThreads(() => {
    const w = new Worker(new URL('../../../bench/kernel-worker.js', import.meta.url));
    w.unref();
    workers.push(w);
    return w;
  });
  try {
    const sim = new Simulation(scene);
    assert.equal(sim.stepper.threads, 2);
    sim.initialise();
    for (let i = 0; i < 10; i++) sim.advance();
    // A second simulation takes the helper; the first carries on alone, with the same results.
    const other = new Simulation(scene);
    assert.equal(other.stepper.threads, 2);
    assert.equal(sim.stepper.threads, 1);
    while (!sim.done) sim.advance();
    const par = sim.result();
    assert.equal(workers.length, 1);
    assert.equal(par.diagnostics.linear_iterations, serial.diagnostics.linear_iterations);
    assert.equal(maxDiff(par.fields.final_c, serial.fields.final_c), 0);
    assert.equal(par.energy.probes_j, serial.energy.probes_j);
    other.initialise();
    while (!other.done) other.advance();
    assert.equal(other.result().energy.probes_j, serial.energy.probes_j);
  } finally {
    setKernelThreads(null);
  }
});

test('the inner-cell fast path of the assembly sweep gives the general path to the bit (JavaScript without it, WebAssembly with it)', {
  skip: !wasmHere && 'no WebAssembly here',
}, () => {
  const scene = scenes[0][1];
  const wasm = run(scene, 'wasm');
  const fast = run(scene, 'js');
  // The general path alone: no cell is marked inner.
  const mark = JsBlocks.prototype.markInner;
  let marked = 0;
  JsBlocks.prototype.markInner = function (this: JsBlocks, from: number, to: number) {
    mark.call(this, from, to);
    for (let c = from; c < to; c++) marked += this.state.a.inner[c];
    this.state.a.inner.fill(0, from, to);
  };
  let general: RunResult;
  try {
    general = run(scene, 'js');
  } finally {
    JsBlocks.prototype.markInner = mark;
  }
  assert.ok(marked > 0, 'the scene has inner cells');
  assert.equal(general.diagnostics.linear_iterations, fast.diagnostics.linear_iterations);
  assert.equal(maxDiff(general.fields.final_c, fast.fields.final_c), 0);
  assert.equal(maxDiff(general.fields.final_c, wasm.fields.final_c), 0);
  assert.equal(general.energy.probes_j, wasm.energy.probes_j);
});

test('inner cells are exactly those whose six neighbours exist and share their material', () => {
  const scene = small({ probes: [needle()], protocol: [{ kind: 'freeze', duration_s: 1 }] });
  const g = makeGrid(
    Array.from({ length: 8 }, (_, i) => -10 + (20 * i) / 7),
    Array.from({ length: 7 }, (_, i) => -10 + (20 * i) / 6),
    Array.from({ length: 9 }, (_, i) => 2.5 * i),
  );
  const problem = buildProblem(scene, g, rasterise(scene, g));
  const { nx, ny, nz, nxy, n, material } = problem;
  for (const kind of wasmHere ? (['js', 'wasm'] as const) : (['js'] as const)) {
    const k = createKernels({ n, nx, ny, nz, nxy, pad: nxy, nMat: problem.materials.length, nLinks: 0, nSrc: 0 }, kind);
    k.state.a.material.set(material);
    k.begin(0);
    let count = 0;
    for (let c = 0; c < n; c++) {
      const i = c % nx,
        j = Math.floor(c / nx) % ny,
        kk = Math.floor(c / nxy);
      const nbs = [
        [i - 1, j, kk],
        [i + 1, j, kk],
        [i, j - 1, kk],
        [i, j + 1, kk],
        [i, j, kk - 1],
        [i, j, kk + 1],
      ];
      const want = nbs.every(([a, b, d]) => a >= 0 && a < nx && b >= 0 && b < ny && d >= 0 && d < nz && material[a + nx * b + nxy * d] === material[c]);
      assert.equal(k.state.a.inner[c], want ? 1 : 0, `${kind}: cell ${c}`);
      count += want ? 1 : 0;
    }
    assert.ok(count > 0 && count < n);
  }
});

test('the committed WebAssembly kernels are built from the current kernels.as', () => {
  const script = fileURLToPath(new URL('../../../../src/core/solver/kernels/build-wasm.mjs', import.meta.url));
  const asc = fileURLToPath(new URL('../../../../node_modules/assemblyscript/package.json', import.meta.url));
  if (!existsSync(asc)) return; // no dev dependencies installed: nothing to rebuild with
  execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
});
