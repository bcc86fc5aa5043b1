/** Virtual thermocouples: reading a cell-centred field at a point, and following it through a run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGrid } from '../../../src/core/grid/rectilinear.js';
import { readSensor, sensorStencil, SensorRecorder } from '../../../src/core/outcome/sensors.js';
import { simulate } from '../../../src/core/solver/simulate.js';
import { smallLayeredScene, testNeedle } from '../../helpers/scene.js';

// A graded grid: neighbouring cells differ in size along every axis.
const grid = makeGrid([-10, -7, -5, -4, -3.5, -3, -1, 2, 6, 10], [0, 0.5, 1.5, 3, 5, 8, 12], [0, 0.25, 0.5, 1, 2, 4, 7, 11, 16, 22]);
const cellField = (f: (x: number, y: number, z: number) => number) => {
  const T = new Float64Array(grid.nx * grid.ny * grid.nz);
  for (let k = 0; k < grid.nz; k++)
    for (let j = 0; j < grid.ny; j++) for (let i = 0; i < grid.nx; i++) T[i + grid.nx * (j + grid.ny * k)] = f(grid.xc[i], grid.yc[j], grid.zc[k]);
  return T;
};

test('a sensor reads a field linear in x, y and z exactly, anywhere in the domain (edges and half-cells included)', () => {
  const lin = (x: number, y: number, z: number) => 12.5 - 3.25 * x + 0.75 * y - 2.5 * z;
  const T = cellField(lin);
  // Deterministic points, from the domain's corners to its interior.
  const pts: Array<[number, number, number]> = [
    [-10, 0, 0],
    [10, 12, 22],
    [-9.9, 0.1, 0.05],
    [9.95, 11.9, 21.9],
    [0.3, 6.1, 9.7],
    [-3.4, 1.2, 0.6],
  ];
  for (let s = 0; s < 40; s++) pts.push([-10 + ((s * 7.31) % 20), (s * 3.77) % 12, (s * 5.13) % 22]);
  for (const p of pts) {
    const v = readSensor(sensorStencil(grid, p), T);
    assert.ok(Math.abs(v - lin(...p)) < 1e-9, `at ${p.join(', ')}: read ${v}, exact ${lin(...p)}`);
  }
});

test('a sensor at a cell centre reads that cell, whatever the field', () => {
  // A field no interpolation reproduces: a pseudo-random value per cell.
  const T = Float64Array.from(
    { length: grid.nx * grid.ny * grid.nz },
    (_, c) => Math.sin(c * 12.9898) * 43758.5453 - Math.floor(Math.sin(c * 12.9898) * 43758.5453),
  );
  for (const [i, j, k] of [
    [0, 0, 0],
    [3, 2, 4],
    [grid.nx - 1, grid.ny - 1, grid.nz - 1],
    [5, 1, 7],
  ]) {
    const c = i + grid.nx * (j + grid.ny * k);
    const v = readSensor(sensorStencil(grid, [grid.xc[i], grid.yc[j], grid.zc[k]]), T);
    assert.ok(Math.abs(v - T[c]) < 1e-12, `cell ${i},${j},${k}: ${v} vs ${T[c]}`);
  }
});

test('a sensor records its coldest reading, its reading at each moment and its time below each threshold', () => {
  const g1 = makeGrid([0, 1], [0, 1], [0, 1]);
  const rec = new SensorRecorder(g1, [{ name: 's', at_mm: [0.5, 0.5, 0.5] }], [0, -20]);
  const steps: Array<[number, number]> = [
    [0, 10],
    [2, -5],
    [3, -25],
    [1, -10],
    [4, 5],
  ];
  for (const [dt, v] of steps) rec.record([v], 0, dt);
  rec.moment('end of freeze 1', 10);
  const r = rec.results()[0];
  assert.equal(r.min_temperature_c, -25);
  assert.deepEqual(r.at_moments, [{ moment: 'end of freeze 1', time_s: 10, temperature_c: 5 }]);
  assert.deepEqual(r.time_below_s, { '0': 2 + 3 + 1, '-20': 3 });
});

test('in a run: a sensor on a cell centre follows that cell, its series and summary fields are filled', () => {
  const scene = smallLayeredScene({
    probes: [testNeedle()],
    protocol: [{ kind: 'freeze', duration_s: 20 }],
    // On the 1 mm grid of this scene, cell centres lie at half-millimetres.
    sensors: [
      { name: 'beside the needle', at_mm: [2.5, 0.5, 7.5] },
      { name: 'far', at_mm: [8.5, 8.5, 18.5] },
    ],
  });
  const r = simulate(scene);
  assert.equal(r.sensors?.length, 2);
  const near = r.sensors![0];
  const c = 12 + 20 * (10 + 20 * 7);
  assert.ok(Math.abs(near.at_moments[0].temperature_c - r.fields.final_c[c]) < 1e-4, 'the reading at the end of the freeze is the cell');
  assert.ok(Math.abs(near.min_temperature_c - r.fields.min_c[c]) < 1e-4, 'its coldest reading is the cell’s coldest');
  assert.ok(near.min_temperature_c < r.sensors![1].min_temperature_c, 'nearer the needle is colder');
  const series = r.series.sensors!;
  assert.deepEqual(
    series.map((s) => s.name),
    ['beside the needle', 'far'],
  );
  assert.equal(series[0].temperature_c.length, r.series.time_s.length);
});
