/**
 * How each isotherm looks, the same in the report's charts and cross-sections and in
 * the app's 3D view (kept apart from the chart code so the app can use it without
 * loading a server-side DOM).
 */

/** Colour of an isotherm, from the warmest (0 °C) to the coldest. */
export function isothermColor(threshold_c: number, all: number[]): string {
  const order = [...all].sort((a, b) => b - a);
  const palette = ['#0a7bd6', '#7b2cbf', '#101820', '#b5179e'];
  return palette[Math.max(0, order.indexOf(threshold_c)) % palette.length];
}

/** Dash pattern of an isotherm (so the lines stay distinct in grey print). */
export function isothermDash(threshold_c: number, all: number[]): string | undefined {
  const order = [...all].sort((a, b) => b - a);
  return ['', '6,3', '2,2', '8,2,2,2'][Math.max(0, order.indexOf(threshold_c)) % 4] || undefined;
}
