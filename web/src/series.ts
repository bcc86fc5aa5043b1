import type { TimeSeries } from '../../src/core/result.js';
import { columnName, isothermColumn } from '../../src/io/series-csv.js';

/**
 * series.csv read back into the time series it was written from (src/io/series-csv.ts),
 * columns found by the same names: each probe's temperature and heat, each structure's
 * coldest temperature, each isotherm's volume. An empty cell (a value that was not
 * finite) reads as NaN, which the charts skip.
 */
export function seriesFromCsv(csv: string, names: { probes: string[]; structures: string[]; isotherms: number[] }): TimeSeries {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const col = (name: string): number[] => {
    const i = header.indexOf(name);
    return i < 0 ? rows.map(() => Number.NaN) : rows.map((r) => (r[i] === '' ? Number.NaN : Number(r[i])));
  };
  return {
    time_s: col('time_s'),
    probes: names.probes.map((id) => ({ id, temperature_c: col(`${columnName(id)}_temperature_c`), heat_w: col(`${columnName(id)}_heat_w`) })),
    structures: names.structures.map((name) => ({ name, min_c: col(`${columnName(name)}_min_c`) })),
    isotherms: names.isotherms.map((threshold_c) => ({ threshold_c, volume_ml: col(isothermColumn(threshold_c)) })),
  };
}
