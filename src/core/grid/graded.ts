/**
 * One-dimensional graded edges from a target spacing function h(x).
 *
 * The edges are equally spaced in the stretched coordinate s(x) = integral of dx/h,
 * so neighbouring cells differ smoothly in size (a smooth mapping keeps the
 * cell-centred scheme second-order accurate) and both ends are hit exactly.
 */
export function gradedEdges(a: number, b: number, h: (x: number) => number, minCells = 1): Float64Array {
  if (!(b > a)) throw new RangeError(`graded axis needs b > a (got ${a}, ${b})`);
  // Tabulate s(x) finely enough to resolve the smallest target spacing.
  let hMin = Infinity;
  const probe = 4096;
  for (let i = 0; i <= probe; i++) hMin = Math.min(hMin, h(a + ((b - a) * i) / probe));
  const samples = Math.min(2_000_000, Math.max(probe, Math.ceil((8 * (b - a)) / hMin)));
  const xs = new Float64Array(samples + 1);
  const s = new Float64Array(samples + 1);
  for (let i = 0; i <= samples; i++) xs[i] = a + ((b - a) * i) / samples;
  for (let i = 1; i <= samples; i++) {
    const xm = 0.5 * (xs[i - 1] + xs[i]);
    s[i] = s[i - 1] + (xs[i] - xs[i - 1]) / h(xm);
  }
  const n = Math.max(minCells, Math.ceil(s[samples] - 1e-9));
  const edges = new Float64Array(n + 1);
  edges[0] = a;
  edges[n] = b;
  let k = 0;
  for (let i = 1; i < n; i++) {
    const target = (s[samples] * i) / n;
    while (s[k + 1] < target) k++;
    const f = (target - s[k]) / (s[k + 1] - s[k]);
    edges[i] = xs[k] + f * (xs[k + 1] - xs[k]);
  }
  return edges;
}

/** Spacing that grows geometrically (ratio g per cell) away from a feature occupying [lo, hi]. */
export function featureSpacing(lo: number, hi: number, h0: number, growth: number): (x: number) => number {
  return (x: number) => {
    const d = x < lo ? lo - x : x > hi ? x - hi : 0;
    return h0 + (growth - 1) * d;
  };
}

/**
 * Graded edges that also pass exactly through the given points (probe faces and
 * ends), so that a probe's geometry is the same at every resolution.
 */
export function gradedEdgesThrough(a: number, b: number, h: (x: number) => number, fixed: number[], minCells = 1): Float64Array {
  const pts = [a, ...fixed.filter((p) => p > a + 1e-9 && p < b - 1e-9).sort((x, y) => x - y), b];
  const out: number[] = [a];
  for (let i = 0; i + 1 < pts.length; i++) {
    if (pts[i + 1] - pts[i] < 1e-9) continue;
    const piece = gradedEdges(pts[i], pts[i + 1], h, 1);
    for (let k = 1; k < piece.length; k++) out.push(piece[k]);
  }
  if (out.length - 1 < minCells) return gradedEdges(a, b, h, minCells);
  return Float64Array.from(out);
}
