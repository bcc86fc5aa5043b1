/**
 * Freezing around a continuous line heat sink in an infinite medium (cylindrical Stefan
 * problem with an exact similarity solution).
 *
 * An infinite medium, liquid (unfrozen) at tInitial = T_i ≥ T_m, has heat removed at a
 * constant rate Q (W per metre of line, Q > 0 means heat EXTRACTED) along the line r = 0
 * from t = 0. A frozen cylinder r < R(t) grows, with (V = T_i − T_m, α = k/C)
 *
 *   R(t) = 2 λ √(α_s t),   b = λ² α_s/α_l,
 *
 *   frozen (0 < r ≤ R): T = T_m − (Q/(4π k_s)) [E1(r²/(4α_s t)) − E1(λ²)]   (≤ T_m)
 *   liquid (r ≥ R):     T = T_i − V · E1(r²/(4α_l t)) / E1(b)
 *
 * and λ the root of the Stefan condition k_s ∂T_s/∂r − k_l ∂T_l/∂r = L dR/dt at r = R:
 *
 *   (Q/(4π)) e^{−λ²} − k_l V e^{−b} / E1(b) = λ² α_s L.
 *
 * Sign convention: with d E1(u)/dr = −2e^{−u}/r, the heat flowing INTO the line,
 * 2πr k_s ∂T/∂r, tends to Q as r → 0, so Q > 0 is the heat extracted per unit length
 * and time. T → −∞ logarithmically at r = 0 (an ideal line sink).
 *
 * Sources: Paterson S (1952) Propagation of a boundary of fusion, Proc. Glasgow Math.
 * Assoc. 1:42–47; Carslaw HS, Jaeger JC (1959) Conduction of Heat in Solids, 2nd ed.,
 * §11.2 (freezing with a line heat sink); Abramowitz & Stegun 5.1.1 for E1.
 *
 * Every term of the left side minus the right side decreases strictly in λ, from Q/(4π)
 * at λ → 0, and the difference is negative at λ_max = √(Q/(4π α_s L)), so the root is
 * unique in (0, λ_max). e^{−b}/E1(b) is evaluated as 1/(e^{b}E1(b)) to avoid underflow.
 *
 * Units: SI (W/m, W/(m·K), J/(m³·K), J/m³, m, s); temperatures in any one scale.
 */
import { brentRoot, expint1, expint1Scaled } from './special.js';

/** Parameters of the line-sink freezing problem (SI units). */
export interface LineSinkParams {
  /** Heat extracted per unit length of line Q, W/m (> 0). */
  power: number;
  /** Thermal conductivity of the frozen phase k_s, W/(m·K). */
  kFrozen: number;
  /** Volumetric heat capacity of the frozen phase C_s, J/(m³·K). */
  cFrozen: number;
  /** Thermal conductivity of the liquid phase k_l, W/(m·K). */
  kLiquid: number;
  /** Volumetric heat capacity of the liquid phase C_l, J/(m³·K). */
  cLiquid: number;
  /** Volumetric latent heat L, J/m³ (> 0). */
  latent: number;
  /** Freezing temperature T_m. */
  tFreeze: number;
  /** Initial and far-field temperature T_i ≥ T_m (V = T_i − T_m is the superheat). */
  tInitial: number;
}

function check(p: LineSinkParams): void {
  for (const key of ['power', 'kFrozen', 'cFrozen', 'kLiquid', 'cLiquid', 'latent'] as const) {
    if (!(p[key] > 0) || !Number.isFinite(p[key])) throw new RangeError(`lineSink: ${key} must be finite and > 0 (got ${p[key]})`);
  }
  if (!(p.tInitial >= p.tFreeze)) throw new RangeError('lineSink: tInitial must be at or above tFreeze');
}

/** The similarity root λ (dimensionless): R(t) = 2λ√(α_s t). */
export function lineSinkLambda(p: LineSinkParams): number {
  check(p);
  const aS = p.kFrozen / p.cFrozen;
  const ratio = aS / (p.kLiquid / p.cLiquid);
  const V = p.tInitial - p.tFreeze;
  const q4pi = p.power / (4 * Math.PI);
  const g = (lam: number): number => {
    const l2 = lam * lam;
    const liquid = V === 0 ? 0 : (p.kLiquid * V) / expint1Scaled(l2 * ratio);
    return q4pi * Math.exp(-l2) - liquid - l2 * aS * p.latent;
  };
  const hi = Math.sqrt(q4pi / (aS * p.latent));
  // g(hi) < 0; walk down until g > 0 (g → Q/(4π) > 0 as λ → 0, but only like 1/ln λ)
  let lo = hi / 2;
  let upper = hi;
  while (g(lo) <= 0) {
    upper = lo;
    lo /= 2;
    if (lo < 1e-150) throw new RangeError('lineSink: no freezing front (superheat too large for the sink power)');
  }
  return brentRoot(g, lo, upper);
}

/** Front radius R(t) = 2λ√(α_s t), m (0 for t ≤ 0). */
export function lineSinkFront(p: LineSinkParams, t: number): number {
  if (!(t > 0)) return 0;
  return 2 * lineSinkLambda(p) * Math.sqrt((p.kFrozen / p.cFrozen) * t);
}

/**
 * Temperature T(r, t) at radius r ≥ 0 (m) from the line and time t (s). −Infinity at
 * r = 0 for t > 0; tInitial for t ≤ 0. Throws RangeError for r < 0.
 * (λ is recomputed on each call; for many points, use {@link lineSinkField}.)
 */
export function lineSinkTemperature(p: LineSinkParams, r: number, t: number): number {
  return lineSinkField(p)(r, t);
}

/** The field T(r, t) as a closure with λ solved once. */
export function lineSinkField(p: LineSinkParams): (r: number, t: number) => number {
  const lam = lineSinkLambda(p);
  const aS = p.kFrozen / p.cFrozen;
  const aL = p.kLiquid / p.cLiquid;
  const b = (lam * lam * aS) / aL;
  const e1Lam = expint1(lam * lam);
  const scaledB = expint1Scaled(b);
  const V = p.tInitial - p.tFreeze;
  const amp = p.power / (4 * Math.PI * p.kFrozen);
  return (r: number, t: number): number => {
    if (!(r >= 0)) throw new RangeError(`lineSinkTemperature: r must be ≥ 0 (got ${r})`);
    if (!(t > 0)) return p.tInitial;
    if (r === 0) return -Infinity;
    const front = 2 * lam * Math.sqrt(aS * t);
    if (r <= front) return p.tFreeze - amp * (expint1((r * r) / (4 * aS * t)) - e1Lam);
    if (V === 0) return p.tFreeze;
    // E1(u)/E1(b) = (e^u E1(u))/(e^b E1(b)) · e^{b−u}, safe where E1 underflows
    const u = (r * r) / (4 * aL * t);
    return p.tInitial - V * (expint1Scaled(u) / scaledB) * Math.exp(b - u);
  };
}
