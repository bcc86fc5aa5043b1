/**
 * The liquid-nitrogen spray's boundary against independent truths, in a medium
 * without phase change so that they are exact: a spot covering the whole top of a
 * column is a semi-infinite solid with a convective surface, whose temperature has
 * a closed form (Carslaw & Jaeger 1959 §2.7); an intermittent spray is checked
 * against a fine explicit 1D finite-difference solution written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scene, SprayProbe, Tissue } from '../../src/core/model.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { sensorStencil, readSensor } from '../../src/core/outcome/sensors.js';
import { buildGrid } from '../../src/core/grid/build.js';
import { erfc, erfcx } from '../../src/core/analytic/special.js';

const K = 0.5;
const C = 4e6;
const ALPHA = K / C;
const T0 = 30;
const TC = -196;
const H = 750;

const medium: Tissue = {
  id: 'medium',
  label: 'linear medium (no phase change in the range)',
  k_unfrozen_w_mk: K,
  k_frozen_w_mk: K,
  c_unfrozen_j_m3k: C,
  c_frozen_j_m3k: C,
  latent_j_m3: 0,
  solidus_c: -260,
  liquidus_c: -259,
  perfusion_w_m3k: 0,
  metabolic_w_m3: 0,
};

/** Semi-infinite solid at T0, surface exposed from t = 0 to a fluid at TC through h (Carslaw & Jaeger §2.7). */
function exact(xMm: number, t: number): number {
  const x = xMm * 1e-3;
  const s = Math.sqrt(ALPHA * t);
  const eta = x / (2 * s);
  const beta = (H * s) / K;
  // exp(hx/k + beta^2) erfc(eta + beta) = exp(-eta^2) erfcx(eta + beta), without overflow.
  return T0 + (TC - T0) * (erfc(eta) - Math.exp(-eta * eta) * erfcx(eta + beta));
}

function column(pattern?: SprayProbe['pattern'], freeze_s = 60): Scene {
  const dz = 0.05;
  const z: number[] = [];
  for (let v = 0; v <= 8 + 1e-9; v += dz) z.push(+v.toFixed(4));
  for (let v = 9; v <= 20; v += 1) z.push(v);
  const adiabatic = 'adiabatic' as const;
  return {
    name: 'spray-column',
    body_temperature_c: T0,
    tissues: { medium },
    layers: [{ tissue: 'medium', thickness_mm: 20 }],
    structures: [],
    domain: {
      x_mm: [-1, 1],
      y_mm: [-1, 1],
      depth_mm: 20,
      boundaries: { x_min: adiabatic, x_max: adiabatic, y_min: adiabatic, y_max: adiabatic, bottom: 'body', surface: { kind: 'adiabatic' } },
    },
    // A spot far wider than the column covers its whole top: the problem is one-dimensional.
    probes: [
      {
        kind: 'spray',
        id: 'spray',
        center_mm: [0, 0],
        diameter_mm: 10,
        distance_mm: 10,
        ...(pattern ? { pattern } : {}),
        cooling: { mode: 'cryogen', temperature_c: TC, h_w_m2k: H },
      },
    ],
    protocol: [{ kind: 'freeze', duration_s: freeze_s }],
    warmers: [],
    grid: { kind: 'edges', x_mm: [-1, 1], y_mm: [-1, 1], z_mm: z },
    solver: { dt_min_s: 0.01, dt_max_s: 0.25, max_change_c: 2, tolerance_c: 1e-4, max_iterations: 50, initial: 'uniform' },
    outputs: { isotherms_c: [0], series_interval_s: 1, volumes: [] },
  };
}

/** Temperatures at depths (mm) whenever the run passes the given times. */
function record(scene: Scene, depths: number[], times: number[]): Map<number, number[]> {
  const grid = buildGrid(scene);
  const st = depths.map((d) => sensorStencil(grid, [0, 0, d]));
  const out = new Map<number, number[]>();
  simulate(scene, {
    onStep: (t, T, pad) => {
      for (const want of times)
        if (!out.has(want) && Math.abs(t - want) < 1e-6)
          out.set(
            want,
            st.map((s) => readSensor(s, T, pad)),
          );
    },
  });
  return out;
}

test('continuous spray: temperatures under the spot follow the semi-infinite solid with a convective surface (within 1 % of the imposed difference)', () => {
  const depths = [0.25, 0.5, 1, 2];
  const times = [10, 30, 60];
  const scene = column(undefined, 60);
  scene.protocol = [
    { kind: 'freeze', duration_s: 10 },
    { kind: 'freeze', duration_s: 20 },
    { kind: 'freeze', duration_s: 30 },
  ];
  const got = record(scene, depths, times);
  for (const t of times) {
    const v = got.get(t);
    assert.ok(v, `no step landed on ${t} s`);
    depths.forEach((d, i) => {
      const want = exact(d, t);
      const err = Math.abs(v[i] - want) / (T0 - TC);
      assert.ok(err < 0.01, `t ${t} s, depth ${d} mm: ${v[i].toFixed(2)} °C against ${want.toFixed(2)} °C (${(100 * err).toFixed(2)} % of ΔT)`);
    });
  }
});

/** Explicit 1D reference: the same column, the surface flux h (TC - T_s) while spraying, none while off. */
function reference(pattern: { on_s: number; off_s: number }, t_end: number, depths: number[]): number[] {
  const dz = 0.01e-3;
  const n = Math.round(20e-3 / dz);
  const dt = (0.25 * dz * dz) / ALPHA;
  const T = new Float64Array(n).fill(T0);
  const next = new Float64Array(n);
  const steps = Math.round(t_end / dt);
  const period = pattern.on_s + pattern.off_s;
  for (let s = 0; s < steps; s++) {
    const t = (s + 0.5) * dt;
    const on = t % period < pattern.on_s;
    // Cell-centred, the surface flux through a half cell.
    const q = on ? (TC - T[0]) / (1 / H + dz / 2 / K) : 0;
    next[0] = T[0] + (dt / (C * dz)) * (q + (K * (T[1] - T[0])) / dz);
    for (let i = 1; i < n - 1; i++) next[i] = T[i] + ((ALPHA * dt) / (dz * dz)) * (T[i + 1] - 2 * T[i] + T[i - 1]);
    next[n - 1] = T0;
    T.set(next);
  }
  return depths.map((d) => {
    const x = (d * 1e-3) / dz - 0.5;
    const i = Math.floor(x);
    const w = x - i;
    return T[i] * (1 - w) + T[i + 1] * w;
  });
}

test('intermittent spray (2 s on, 1 s off): temperatures match a fine explicit 1D solution (within 1 % of the imposed difference)', () => {
  const pattern = { on_s: 2, off_s: 1 };
  const depths = [0.25, 0.5, 1, 2];
  const got = record(column(pattern, 10), depths, [10]).get(10);
  assert.ok(got, 'no step at 10 s');
  const want = reference(pattern, 10, depths);
  depths.forEach((d, i) => {
    const err = Math.abs(got[i] - want[i]) / (T0 - TC);
    assert.ok(err < 0.01, `depth ${d} mm: ${got[i].toFixed(2)} °C against ${want[i].toFixed(2)} °C (${(100 * err).toFixed(2)} % of ΔT)`);
  });
  // And the pattern matters: a continuous spray is colder there by more than the tolerance.
  const cont = exact(0.5, 10);
  assert.ok(cont < got[1] - 0.02 * (T0 - TC), `continuous ${cont.toFixed(1)} °C vs intermittent ${got[1].toFixed(1)} °C`);
});

test('a spray pauses: while off, the spot exchanges with air (no heat is drawn by the probe)', () => {
  const scene = column({ on_s: 1, off_s: 2 }, 3);
  const r = simulate(scene);
  const heat = r.series.probes[0].heat_w;
  const t = r.series.time_s;
  const offRow = t.findIndex((v) => v > 1.5 && v <= 3);
  assert.ok(offRow > 0);
  assert.equal(heat[offRow], 0, `heat drawn while off: ${heat[offRow]} W`);
  assert.ok(heat[t.findIndex((v) => v > 0 && v <= 1)] > 0, 'heat drawn while on');
  assert.ok(r.energy.relative_error < 1e-6, `energy balance ${r.energy.relative_error}`);
});
