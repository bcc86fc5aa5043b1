/**
 * Neumann's two-phase solution of planar freezing (the classical Stefan problem).
 *
 * A half-space x > 0 of liquid, initially at tInitial ≥ tFreeze, has its surface x = 0
 * held at tSurface < tFreeze from t = 0. A frozen layer 0 < x < X(t) grows, with
 *
 *   X(t) = 2 λ √(α_s t),   α_s = k_s / C_s,  α_l = k_l / C_l,  ν = √(α_s/α_l),
 *
 *   frozen  (0 ≤ x ≤ X): T = T_s + (T_m − T_s) erf(x / (2√(α_s t))) / erf(λ)
 *   liquid  (x ≥ X):     T = T_i − (T_i − T_m) erfc(x / (2√(α_l t))) / erfc(λν)
 *
 * and λ the root of (Stefan condition k_s ∂T_s/∂x − k_l ∂T_l/∂x = L dX/dt at x = X):
 *
 *   e^{−λ²}/erf(λ) − (k_l/k_s) ν (T_i − T_m)/(T_m − T_s) · e^{−λ²ν²}/erfc(λν)
 *       = λ √π L / (C_s (T_m − T_s)).
 *
 * Sources: Carslaw HS, Jaeger JC (1959) Conduction of Heat in Solids, 2nd ed., §11.2
 * (Neumann's solution); Özişik MN (1993) Heat Conduction, 2nd ed., ch. 11 (exact
 * solution of the two-phase solidification problem).
 *
 * The left side decreases strictly from +∞ (λ → 0) and the right side increases, so the
 * root is unique; it is found by Brent's method on a bracket grown upward from λ = 1e-12.
 * e^{−y²}/erfc(y) is evaluated as 1/erfcx(y) so that large λν do not underflow.
 *
 * Units: SI (W/m/K, J/m³/K, J/m³, m, s); temperatures in any one scale (°C or K).
 */
import { brentRoot, bracketUpward, erf, erfcx } from './special.js';

/** Parameters of the two-phase Neumann problem (SI units). */
export interface NeumannParams {
  /** Thermal conductivity of the frozen phase k_s, W/(m·K). */
  kFrozen: number;
  /** Volumetric heat capacity of the frozen phase C_s = ρc, J/(m³·K). */
  cFrozen: number;
  /** Thermal conductivity of the liquid (unfrozen) phase k_l, W/(m·K). */
  kLiquid: number;
  /** Volumetric heat capacity of the liquid phase C_l, J/(m³·K). */
  cLiquid: number;
  /** Volumetric latent heat of fusion L, J/m³ (> 0). */
  latent: number;
  /** Freezing (phase-change) temperature T_m. */
  tFreeze: number;
  /** Surface temperature T_s < T_m, held at x = 0 for t > 0. */
  tSurface: number;
  /** Initial (and far-field) liquid temperature T_i ≥ T_m. */
  tInitial: number;
}

function check(p: NeumannParams): void {
  for (const key of ['kFrozen', 'cFrozen', 'kLiquid', 'cLiquid', 'latent'] as const) {
    if (!(p[key] > 0) || !Number.isFinite(p[key])) throw new RangeError(`neumann: ${key} must be finite and > 0 (got ${p[key]})`);
  }
  if (!(p.tSurface < p.tFreeze)) throw new RangeError('neumann: tSurface must be below tFreeze');
  if (!(p.tInitial >= p.tFreeze)) throw new RangeError('neumann: tInitial must be at or above tFreeze');
}

/** The Neumann root λ (dimensionless): X(t) = 2λ√(α_s t). */
export function neumannLambda(p: NeumannParams): number {
  check(p);
  const aS = p.kFrozen / p.cFrozen;
  const aL = p.kLiquid / p.cLiquid;
  const nu = Math.sqrt(aS / aL);
  const dTs = p.tFreeze - p.tSurface;
  const superheat = ((p.kLiquid / p.kFrozen) * nu * (p.tInitial - p.tFreeze)) / dTs;
  const rhs = (Math.sqrt(Math.PI) * p.latent) / (p.cFrozen * dTs);
  // e^{−λ²}/erf(λ) = 1/(e^{λ²} erf λ); e^{−y²}/erfc(y) = 1/erfcx(y)
  const g = (lam: number): number => 1 / (Math.exp(lam * lam) * erf(lam)) - superheat / erfcx(lam * nu) - lam * rhs;
  const [a, b] = bracketUpward(g, 1e-12, 0.5);
  return brentRoot(g, a, b);
}

/** Front position X(t) = 2λ√(α_s t), m (0 for t ≤ 0). */
export function neumannFront(p: NeumannParams, t: number): number {
  if (!(t > 0)) return 0;
  return 2 * neumannLambda(p) * Math.sqrt((p.kFrozen / p.cFrozen) * t);
}

/**
 * Temperature T(x, t) at depth x ≥ 0 (m) and time t (s) in both phases. For t ≤ 0 the
 * initial state: tInitial for x > 0, tSurface at x = 0. Throws RangeError for x < 0.
 * (λ is recomputed on each call; for many points, evaluate {@link neumannField} once.)
 */
export function neumannTemperature(p: NeumannParams, x: number, t: number): number {
  return neumannField(p)(x, t);
}

/** The field T(x, t) as a closure with λ solved once. */
export function neumannField(p: NeumannParams): (x: number, t: number) => number {
  const lam = neumannLambda(p);
  const aS = p.kFrozen / p.cFrozen;
  const aL = p.kLiquid / p.cLiquid;
  const nu = Math.sqrt(aS / aL);
  const erfLam = erf(lam);
  const lamNu = lam * nu;
  const erfcxLamNu = erfcx(lamNu);
  return (x: number, t: number): number => {
    if (!(x >= 0)) throw new RangeError(`neumannTemperature: x must be ≥ 0 (got ${x})`);
    if (!(t > 0)) return x === 0 ? p.tSurface : p.tInitial;
    const front = 2 * lam * Math.sqrt(aS * t);
    if (x <= front) return p.tSurface + ((p.tFreeze - p.tSurface) * erf(x / (2 * Math.sqrt(aS * t)))) / erfLam;
    if (p.tInitial === p.tFreeze) return p.tFreeze;
    // erfc(z)/erfc(λν) = erfcx(z)/erfcx(λν) · e^{(λν)² − z²}, safe where erfc underflows
    const z = x / (2 * Math.sqrt(aL * t));
    return p.tInitial - (p.tInitial - p.tFreeze) * (erfcx(z) / erfcxLamNu) * Math.exp((lamNu - z) * (lamNu + z));
  };
}
