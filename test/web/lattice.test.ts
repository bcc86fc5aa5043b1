/**
 * What the app's 3D view and server-run charts are built from, checked against
 * truths of their own: trilinear resampling is exact for a field linear in x, y and z
 * (on a graded grid too); fields.vtr and series.csv read back give what was written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVtr, sampleLattice } from '../../web/src/lattice.js';
import { seriesFromCsv } from '../../web/src/series.js';
import { vtr } from '../../src/io/vtr.js';
import { seriesCsv } from '../../src/io/series-csv.js';
import type { RunResult, TimeSeries } from '../../src/core/result.js';

/** Graded edges: fine in the middle, growing by 1.3 outwards. */
function graded(half: number, h0: number): Float64Array {
  const out = [0];
  let h = h0;
  while (out[out.length - 1] < half) {
    out.push(out[out.length - 1] + h);
    h *= 1.3;
  }
  return Float64Array.from([
    ...out
      .slice(1)
      .reverse()
      .map((v) => -v),
    ...out,
  ]);
}

const grid = () => {
  const x = graded(10, 0.4);
  const y = graded(8, 0.5);
  const z = Float64Array.from({ length: 21 }, (_, i) => i);
  return { nx: x.length - 1, ny: y.length - 1, nz: z.length - 1, x_edges_mm: x, y_edges_mm: y, z_edges_mm: z };
};
const centre = (e: Float64Array, i: number) => (e[i] + e[i + 1]) / 2;

test('the 3D lattice: exact for a linear field on a graded grid, around the cold cells only', () => {
  const g = grid();
  const T = (x: number, y: number, z: number) => -30 + 2 * x - 1.5 * y + 3 * (z - 10);
  const field = new Float32Array(g.nx * g.ny * g.nz);
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) field[i + g.nx * (j + g.ny * k)] = T(centre(g.x_edges_mm, i), centre(g.y_edges_mm, j), centre(g.z_edges_mm, k));
  const L = sampleLattice(g, field, { n: 24 });
  assert.ok(L);
  let worst = 0;
  for (let c = 0; c < L.n; c++)
    for (let b = 0; b < L.n; b++)
      for (let a = 0; a < L.n; a++) {
        const p = [0, 1, 2].map((ax, _i, _a) => L.lo_mm[ax] + ((L.hi_mm[ax] - L.lo_mm[ax]) * [a, b, c][ax]) / (L.n - 1));
        worst = Math.max(worst, Math.abs(L.centi_c[a + L.n * (b + L.n * c)] / 100 - T(p[0], p[1], p[2])));
      }
  assert.ok(worst <= 0.0051 + 1e-4, `largest difference from the linear field: ${worst} °C (hundredths are stored)`);
  // Every cell below 0 °C lies inside the box; the box stays inside the cell centres.
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        if (field[i + g.nx * (j + g.ny * k)] >= 0) continue;
        const p = [centre(g.x_edges_mm, i), centre(g.y_edges_mm, j), centre(g.z_edges_mm, k)];
        for (let a = 0; a < 3; a++) assert.ok(p[a] >= L.lo_mm[a] - 1e-9 && p[a] <= L.hi_mm[a] + 1e-9);
      }
  assert.ok(L.lo_mm[0] >= centre(g.x_edges_mm, 0) - 1e-9 && L.hi_mm[2] <= centre(g.z_edges_mm, g.nz - 1) + 1e-9);
  assert.equal(
    sampleLattice(
      g,
      field.map(() => 5),
    ),
    null,
    'no ice, no lattice',
  );
});

test('fields.vtr read back in the browser gives the grid and the field written', () => {
  const g = grid();
  const n = g.nx * g.ny * g.nz;
  const min_c = Float32Array.from({ length: n }, (_, i) => -50 + (i % 97) * 0.731);
  const result = {
    grid: { ...g, cells: n, min_spacing_mm: 0.4, max_spacing_mm: 1 },
    fields: { final_c: min_c.map((v) => v + 1), min_c, labels: new Uint8Array(n), label_names: ['muscle'] },
  } as unknown as RunResult;
  const back = readVtr(new TextDecoder().decode(vtr(result)));
  assert.deepEqual([back.grid.nx, back.grid.ny, back.grid.nz], [g.nx, g.ny, g.nz]);
  assert.deepEqual(Array.from(back.grid.x_edges_mm), Array.from(g.x_edges_mm));
  assert.deepEqual(Array.from(back.values), Array.from(min_c));
});

test('series.csv read back gives the series written (7 significant digits)', () => {
  const s: TimeSeries = {
    time_s: [0, 1.5, 3.25],
    probes: [{ id: 'Probe A', temperature_c: [37, -40.123456789, -70], heat_w: [0, 2.5, 3.1] }],
    structures: [
      { name: 'intercostal nerve', min_c: [37, 12.5, -22.25] },
      { name: 'skin', min_c: [33, Number.POSITIVE_INFINITY, 30] },
    ],
    isotherms: [
      { threshold_c: 0, volume_ml: [0, 0.1, 0.4] },
      { threshold_c: -20, volume_ml: [0, 0, 0.12] },
    ],
  };
  const back = seriesFromCsv(seriesCsv(s), { probes: ['Probe A'], structures: ['intercostal nerve', 'skin'], isotherms: [0, -20] });
  assert.deepEqual(back.time_s, s.time_s);
  assert.equal(back.probes[0].temperature_c[1], -40.12346);
  assert.deepEqual(back.structures[0].min_c, [37, 12.5, -22.25]);
  assert.ok(Number.isNaN(back.structures[1].min_c[1]), 'a value that was not finite reads as NaN');
  assert.deepEqual(back.isotherms[1].volume_ml, [0, 0, 0.12]);
});
