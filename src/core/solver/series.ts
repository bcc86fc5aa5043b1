import type { TimeSeries } from '../result.js';

/** Linear interpolation of every column of a step-by-step series onto times 0, dt, 2 dt, ... and the end. */
export function resampleSeries(raw: TimeSeries, interval: number, total: number): TimeSeries {
  const times: number[] = [];
  if (interval > 0) for (let t = 0; t < total - 1e-9; t += interval) times.push(Number(t.toFixed(9)));
  times.push(total);
  const src = raw.time_s;
  const interp = (ys: number[]) => {
    let k = 0;
    return times.map((t) => {
      while (k + 1 < src.length - 1 && src[k + 1] < t) k++;
      if (src.length === 1) return ys[0];
      const t0 = src[k],
        t1 = src[k + 1];
      if (t <= t0) return ys[k];
      if (t >= t1) return ys[k + 1];
      return ys[k] + ((ys[k + 1] - ys[k]) * (t - t0)) / (t1 - t0);
    });
  };
  return {
    time_s: times,
    probes: raw.probes.map((p) => ({ id: p.id, temperature_c: interp(p.temperature_c), heat_w: interp(p.heat_w) })),
    structures: raw.structures.map((s) => ({ name: s.name, min_c: interp(s.min_c) })),
    isotherms: raw.isotherms.map((s) => ({ threshold_c: s.threshold_c, volume_ml: interp(s.volume_ml) })),
    ...(raw.sensors ? { sensors: raw.sensors.map((s) => ({ name: s.name, temperature_c: interp(s.temperature_c) })) } : {}),
  };
}
