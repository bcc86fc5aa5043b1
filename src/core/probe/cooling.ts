import type { Cooling } from '../model.js';

/** Temperature of a probe following a curve, at time t since the start of the freeze phase (linear, held at the ends). */
export function curveTemperature(curve: Array<[number, number]>, t: number): number {
  if (t <= curve[0][0]) return curve[0][1];
  for (let i = 1; i < curve.length; i++) {
    const [t1, v1] = curve[i];
    if (t <= t1) {
      const [t0, v0] = curve[i - 1];
      return t1 > t0 ? v0 + ((v1 - v0) * (t - t0)) / (t1 - t0) : v1;
    }
  }
  return curve[curve.length - 1][1];
}

/** Times at which a cooling curve has a corner (the time stepper lands on them). */
export function coolingBreakpoints(c: Cooling): number[] {
  return c.mode === 'temperature' ? c.curve.map((p) => p[0]) : [];
}
