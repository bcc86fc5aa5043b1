import type { Sensor, Vec3 } from '../model.js';
import type { Grid } from '../grid/rectilinear.js';

/**
 * Virtual thermocouples. The solver's temperatures are cell averages, which a
 * second-order finite-volume scheme places at the cell centres; a point between
 * centres is read by trilinear interpolation between the eight centres around it
 * (on a graded grid the weights follow the actual centre spacings). Within half a
 * cell of the domain's edge there is no centre beyond the point, so the two last
 * centres are extended linearly: either way a field linear in x, y and z is read
 * exactly.
 */
export interface SensorStencil {
  cells: Int32Array;
  weights: Float64Array;
}

/** The bracketing centres along one axis and the weight of the upper one. */
function axisStencil(c: Float64Array, v: number): [number, number, number] {
  const n = c.length;
  if (n === 1) return [0, 0, 0];
  let i = 0;
  if (v >= c[n - 1]) i = n - 2;
  else if (v > c[0]) {
    let lo = 0,
      hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (c[mid] <= v) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  return [i, i + 1, (v - c[i]) / (c[i + 1] - c[i])];
}

export function sensorStencil(g: Grid, p: Vec3): SensorStencil {
  const [i0, i1, tx] = axisStencil(g.xc, p[0]);
  const [j0, j1, ty] = axisStencil(g.yc, p[1]);
  const [k0, k1, tz] = axisStencil(g.zc, p[2]);
  const cells: number[] = [];
  const weights: number[] = [];
  for (const [k, wz] of [
    [k0, 1 - tz],
    [k1, tz],
  ])
    for (const [j, wy] of [
      [j0, 1 - ty],
      [j1, ty],
    ])
      for (const [i, wx] of [
        [i0, 1 - tx],
        [i1, tx],
      ]) {
        const w = wx * wy * wz;
        if (w === 0) continue;
        cells.push(i + g.nx * (j + g.ny * k));
        weights.push(w);
      }
  return { cells: Int32Array.from(cells), weights: Float64Array.from(weights) };
}

/** The temperature a stencil reads from a cell field (offset: index of cell 0 in the array). */
export function readSensor(s: SensorStencil, T: ArrayLike<number>, offset = 0): number {
  let v = 0;
  for (let q = 0; q < s.cells.length; q++) v += s.weights[q] * T[s.cells[q] + offset];
  return v;
}

/** What a run reports for one sensor. */
export interface SensorResult {
  name: string;
  at_mm: Vec3;
  min_temperature_c: number;
  /** Reading at the end of each freeze phase ('end of freeze 1', ...). */
  at_moments: Array<{ moment: string; time_s: number; temperature_c: number }>;
  /** Time spent at or below each threshold, s (keys: thresholds in deg C). */
  time_below_s: Record<string, number>;
}

/** Default thresholds a sensor's time below is counted for, deg C. */
export const SENSOR_THRESHOLDS_C = [0, -20, -40];

/** Follows each sensor through a run: the simulation calls `record` after every accepted step and `moment` at each freeze's end. */
export class SensorRecorder {
  readonly sensors: Sensor[];
  private readonly stencils: SensorStencil[];
  private readonly thresholds: number[];
  private readonly min: Float64Array;
  private readonly below: Float64Array[];
  private readonly last: Float64Array;
  private readonly moments: SensorResult['at_moments'][];
  /** One history per sensor, step by step (the series resamples it). */
  readonly history: number[][];

  constructor(grid: Grid, sensors: Sensor[], thresholds: number[] = SENSOR_THRESHOLDS_C) {
    this.sensors = sensors;
    this.thresholds = thresholds;
    this.stencils = sensors.map((s) => sensorStencil(grid, s.at_mm));
    this.min = new Float64Array(sensors.length).fill(Infinity);
    this.last = new Float64Array(sensors.length).fill(NaN);
    this.below = sensors.map(() => new Float64Array(thresholds.length));
    this.moments = sensors.map(() => []);
    this.history = sensors.map(() => []);
  }

  /** Reads the field after a step of length dt (0 for the starting field); time below counts the step at its end value, as the structures' does. */
  record(T: ArrayLike<number>, offset: number, dt: number): void {
    this.stencils.forEach((st, q) => {
      const v = readSensor(st, T, offset);
      this.last[q] = v;
      this.history[q].push(v);
      if (v < this.min[q]) this.min[q] = v;
      this.thresholds.forEach((thr, k) => {
        if (v <= thr) this.below[q][k] += dt;
      });
    });
  }

  moment(label: string, time_s: number): void {
    this.sensors.forEach((_, q) => {
      this.moments[q].push({ moment: label, time_s, temperature_c: this.last[q] });
    });
  }

  results(): SensorResult[] {
    return this.sensors.map((s, q) => ({
      name: s.name,
      at_mm: s.at_mm,
      min_temperature_c: this.min[q],
      at_moments: this.moments[q],
      time_below_s: Object.fromEntries(this.thresholds.map((t, k) => [String(t), this.below[q][k]])),
    }));
  }
}
