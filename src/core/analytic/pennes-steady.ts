/**
 * Steady one-dimensional Pennes bioheat equation on a slab 0 ≤ x ≤ ℓ:
 *
 *   k T'' + w (T_a − T) + q_m = 0,      w = w_b ρ_b c_b  (W/(m³·K)),
 *
 * with T(0) = T_0 and either T(ℓ) = T_ℓ (Dirichlet; T_ℓ defaults to T_a) or T'(ℓ) = 0
 * (adiabatic). Pennes HH (1948) J Appl Physiol 1:93.
 *
 * Derivation. With θ = T − T_a − q_m/w the equation becomes θ'' = m² θ, m = √(w/k), so
 *
 *   Dirichlet:  θ(x) = [θ_0 sinh(m(ℓ−x)) + θ_ℓ sinh(m x)] / sinh(mℓ)
 *   adiabatic:  θ(x) = θ_0 cosh(m(ℓ−x)) / cosh(mℓ)
 *
 * with θ_0 = T_0 − T_a − q_m/w, θ_ℓ = T_ℓ − T_a − q_m/w. For ℓ → ∞ both tend to
 * θ_0 e^{−m x}: the disturbance decays over the length 1/m = √(k/w).
 * The ratios are evaluated in exponential form, e.g.
 *   sinh(m(ℓ−x))/sinh(mℓ) = e^{−mx} (1 − e^{−2m(ℓ−x)}) / (1 − e^{−2mℓ}),
 * so that large mℓ (and ℓ = Infinity) do not overflow.
 * Without perfusion (w = 0) the solution is the conduction parabola
 *   Dirichlet: T = T_0 + (T_ℓ − T_0) x/ℓ + q_m x(ℓ − x)/(2k);
 *   adiabatic: T = T_0 + q_m x (ℓ − x/2)/k.
 *
 * Units: SI; temperatures in any one scale.
 */

/** Parameters of the steady slab problem (SI units). */
export interface PennesSlabParams {
  /** Tissue thermal conductivity k, W/(m·K) (> 0). */
  k: number;
  /** Volumetric perfusion heat-exchange coefficient w = w_b ρ_b c_b, W/(m³·K) (≥ 0). */
  w: number;
  /** Arterial blood temperature T_a. */
  tArterial: number;
  /** Temperature held at x = 0, T_0. */
  t0: number;
  /** Slab thickness ℓ, m (> 0; Infinity allowed when w > 0: the semi-infinite solution). */
  length: number;
  /** Metabolic heat q_m, W/m³ (default 0). */
  qm?: number;
  /** Boundary at x = ℓ: 'dirichlet' (T = tEnd, default) or 'adiabatic' (T' = 0). */
  end?: 'dirichlet' | 'adiabatic';
  /** Temperature held at x = ℓ for end = 'dirichlet' (default tArterial). */
  tEnd?: number;
}

/** m = √(w/k), 1/m: the decay constant of the steady Pennes solution, 1/m. */
export function pennesDecayConstant(p: Pick<PennesSlabParams, 'k' | 'w'>): number {
  return Math.sqrt(p.w / p.k);
}

/** Steady temperature T(x) on 0 ≤ x ≤ ℓ (throws RangeError outside or for bad parameters). */
export function pennesSteadySlab(p: PennesSlabParams, x: number): number {
  if (!(p.k > 0) || !Number.isFinite(p.k)) throw new RangeError('pennesSteadySlab: k must be finite and > 0');
  if (!(p.w >= 0) || !Number.isFinite(p.w)) throw new RangeError('pennesSteadySlab: w must be finite and ≥ 0');
  if (!(p.length > 0)) throw new RangeError('pennesSteadySlab: length must be > 0');
  if (!(x >= 0 && x <= p.length)) throw new RangeError(`pennesSteadySlab: x=${x} outside [0, ${p.length}]`);
  const qm = p.qm ?? 0;
  const adiabatic = (p.end ?? 'dirichlet') === 'adiabatic';
  const tEnd = p.tEnd ?? p.tArterial;
  const L = p.length;
  if (p.w === 0) {
    if (!Number.isFinite(L)) throw new RangeError('pennesSteadySlab: a semi-infinite slab needs w > 0');
    if (adiabatic) return p.t0 + (qm * x * (L - x / 2)) / p.k;
    return p.t0 + ((tEnd - p.t0) * x) / L + (qm * x * (L - x)) / (2 * p.k);
  }
  const m = Math.sqrt(p.w / p.k);
  const base = p.tArterial + qm / p.w;
  const th0 = p.t0 - base;
  const eX = Math.exp(-m * x);
  if (!Number.isFinite(L)) return base + th0 * eX;
  if (adiabatic) {
    // cosh(m(ℓ−x))/cosh(mℓ) = e^{−mx} (1 + e^{−2m(ℓ−x)}) / (1 + e^{−2mℓ})
    return base + (th0 * eX * (1 + Math.exp(-2 * m * (L - x)))) / (1 + Math.exp(-2 * m * L));
  }
  const thL = tEnd - base;
  // sinh(m(ℓ−x))/sinh(mℓ) = e^{−mx} (1 − e^{−2m(ℓ−x)}) / (1 − e^{−2mℓ})
  // sinh(mx)/sinh(mℓ)     = e^{−m(ℓ−x)} (1 − e^{−2mx}) / (1 − e^{−2mℓ})
  const den = -Math.expm1(-2 * m * L);
  const near = (eX * -Math.expm1(-2 * m * (L - x))) / den;
  const far = (Math.exp(-m * (L - x)) * -Math.expm1(-2 * m * x)) / den;
  return base + th0 * near + thL * far;
}
