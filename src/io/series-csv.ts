import type { TimeSeries } from '../core/result.js';

/** A column name safe for spreadsheets and pandas: lower case letters, digits and underscores. */
export function columnName(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'unnamed'
  );
}

/** The column of an isotherm's volume, e.g. ice_minus20c_volume_ml. */
export function isothermColumn(t: number): string {
  return `ice_${t < 0 ? 'minus' : ''}${Math.abs(t)}c_volume_ml`;
}

function cell(v: number | string): string {
  if (typeof v === 'string') return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return Number.isFinite(v) ? Number(v.toPrecision(7)).toString() : '';
}

/** series.csv: one row per sample time; units are in the column names. */
export function seriesCsv(s: TimeSeries): string {
  const header = ['time_s'];
  const cols: number[][] = [s.time_s];
  for (const p of s.probes) {
    header.push(`${columnName(p.id)}_temperature_c`, `${columnName(p.id)}_heat_w`);
    cols.push(p.temperature_c, p.heat_w);
  }
  for (const st of s.structures) {
    header.push(`${columnName(st.name)}_min_c`);
    cols.push(st.min_c);
  }
  for (const iso of s.isotherms) {
    header.push(isothermColumn(iso.threshold_c));
    cols.push(iso.volume_ml);
  }
  for (const sn of s.sensors ?? []) {
    header.push(`sensor_${columnName(sn.name)}_c`);
    cols.push(sn.temperature_c);
  }
  const lines = [header.map(cell).join(',')];
  for (let r = 0; r < s.time_s.length; r++) lines.push(cols.map((c) => cell(c[r])).join(','));
  return `${lines.join('\n')}\n`;
}
