/** HTML helpers for the report: escaping, number formatting, the page frame and its CSS. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and in quoted attribute values. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A number with a fixed count of decimals and a true minus sign; '–' when not finite. */
export function num(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const s = v.toFixed(digits);
  // '-0.0' reads as a sign error.
  const t = /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  return t.replace(/^-/, '−');
}

/** A temperature, e.g. '−20.5 °C'. */
export const degC = (v: number | null | undefined, digits = 1) => `${num(v, digits)} °C`;

/** A duration in seconds or minutes, e.g. '90 s', '3.5 min'. */
export function dur(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '–';
  if (s < 120) return `${num(s, s < 10 && s % 1 ? 1 : 0)} s`;
  if (s < 7200) return `${num(s / 60, s % 60 ? 1 : 0)} min`;
  return `${num(s / 3600, 1)} h`;
}

/**
 * A formatter for a column (or row) of durations in one unit, chosen from its
 * largest value as dur() would choose it, so that '65 s' and '2.1 min' never
 * stand in one column: seconds below 2 minutes, minutes below 2 hours, then hours.
 */
export function durColumn(values: Array<number | null | undefined>): (s: number | null | undefined) => string {
  const max = values.reduce<number>((m, v) => (v !== null && v !== undefined && Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const finite = (f: (s: number) => string) => (s: number | null | undefined) => (s === null || s === undefined || !Number.isFinite(s) ? '–' : f(s));
  if (max < 120) {
    const digits = values.some((v) => v !== null && v !== undefined && Number.isFinite(v) && Math.abs(v) < 10 && v % 1) ? 1 : 0;
    return finite((s) => `${num(s, digits)} s`);
  }
  if (max < 7200) {
    const digits = values.some((v) => v !== null && v !== undefined && Number.isFinite(v) && v % 60) ? 1 : 0;
    return finite((s) => `${num(s / 60, digits)} min`);
  }
  return finite((s) => `${num(s / 3600, 1)} h`);
}

/** A point in mm, e.g. '(6.0, 2.6, 12.0) mm'. */
export const pointMm = (p: ArrayLike<number>) => `(${Array.from(p, (v) => num(v, 1)).join(', ')}) mm`;

/** A simple table; cells are HTML (escape before passing text). */
export function table(head: string[], rows: string[][], cls = ''): string {
  const h = head.map((c) => `<th scope="col">${c}</th>`).join('');
  const b = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${h}</tr></thead><tbody>\n${b}\n</tbody></table>`;
}

const CSS = `
:root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --accent: #1f5fa8; --warn-bg: #fff4d6; --warn: #7a5200; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; page-break-after: avoid; }
p { margin: 6px 0; }
.meta { color: var(--muted); font-size: 12.5px; margin: 2px 0 10px; }
.meta span { margin-right: 14px; white-space: nowrap; }
.verdict { font-size: 17px; font-weight: 600; margin: 12px 0 8px; padding: 10px 14px; border-left: 5px solid var(--accent); background: #eef4fb; }
.verdict div + div { margin-top: 4px; }
.warnings { margin: 10px 0; padding: 8px 14px; border: 2px solid #c0392b; border-radius: 4px; background: #fdeceb; color: #7d1a12; }
.warnings ul { margin: 4px 0 0; padding-left: 20px; }
.warnings code { font-size: 12.5px; }
.disclaimer { margin: 8px 0 4px; padding: 8px 14px; border: 1px solid #e3c46b; background: var(--warn-bg); color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; break-inside: auto; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: #f3f5f8; font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
.small { font-size: 12px; color: var(--muted); }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 20px; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.chart, .section { break-inside: avoid; page-break-inside: avoid; margin: 8px 0 14px; }
figure { margin: 0; }
.chart svg, .section svg { max-width: 100%; height: auto; }
.chart [class*="-swatches"] { font-size: 12.5px; }
.caption { font-size: 12px; color: var(--muted); margin-top: 2px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin: 4px 0; align-items: center; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.risk-low { background: #e3f4e6; color: #1d6b2f; border-color: #b7dfbf; }
.risk-moderate { background: #fff0cc; color: #7a5200; border-color: #efd38a; }
.risk-high { background: #fbe0de; color: #9b1c15; border-color: #efb0aa; }
.risk-not_modelled { background: #eceff3; color: #4a5361; border-color: #d2d7de; }
.patient { font-size: 15.5px; line-height: 1.55; break-before: page; page-break-before: always; }
.patient h2 { font-size: 21px; }
.patient h3 { font-size: 16.5px; margin-top: 14px; }
.patient ul { margin: 4px 0 8px; padding-left: 22px; }
.patient li { margin: 3px 0; }
.patient .call { border: 2px solid #c0392b; border-radius: 6px; padding: 8px 14px; margin-top: 12px; break-inside: avoid; page-break-inside: avoid; }
.patient .call h3 { color: #c0392b; margin-top: 4px; }
.patient .note { font-size: 13px; color: var(--muted); }
footer { margin-top: 24px; font-size: 12px; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11.5px; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 18px; }
  .pagebreak { break-before: page; page-break-before: always; }
  .patient { font-size: 12.5px; line-height: 1.4; }
  .patient h2 { font-size: 18px; margin-top: 0; }
  .patient h3 { font-size: 14px; margin-top: 9px; }
  .patient li { margin: 1px 0; }
  .section svg { max-height: 88mm; width: auto; }
  .chart svg { max-height: 80mm; width: auto; }
  table { font-size: 11px; }
  .verdict, .disclaimer, .warnings, .badge, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The whole document: one file, inline CSS, no scripts, no external resources. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cryoplan">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
