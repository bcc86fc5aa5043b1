/**
 * A manufactured solution (Roache 2002, J Fluids Eng 124:4; Salari & Knupp 2000, Sandia
 * SAND2000-1444 "Code verification by the method of manufactured solutions") for
 * measuring the order of accuracy of the solver for
 *
 *   C ∂T/∂t = ∇·(k ∇T) + w (T_a − T) + q            on the box [0,Lx]×[0,Ly]×[0,Lz],
 *
 * with constant volumetric heat capacity C, perfusion coefficient w = w_b ρ_b c_b, a
 * spatially varying (optionally temperature-dependent) conductivity and the source q
 * derived by hand below.
 *
 *   T(x,y,z,t) = T_b + A e^{−t/τ} φ,   φ = cos(πx/Lx) cos(πy/Ly) cos(πz/Lz)
 *   k(x,y,z,T) = g(x,y,z) h(T),   g = k0 (1 + a_x x/Lx + a_y y/Ly + a_z z/Lz),
 *                                  h = 1 + β (T − T_ref)
 *
 * ∂T/∂n = 0 on every face (sin vanishes at 0 and L), so the box is ADIABATIC on all six
 * faces for every t: the solver runs with zero-flux boundaries, initial field
 * T(·,0) = T_b + A φ, and the source q. (Dirichlet values, if preferred, are
 * temperature(x,y,z,t) on the faces.)
 *
 * Source (E = A e^{−t/τ}, s_x = sin(πx/Lx), c_x = cos(πx/Lx), …):
 *   ∂T/∂t = −(E/τ) φ
 *   ∇T    = −E (π/Lx s_x c_y c_z, π/Ly c_x s_y c_z, π/Lz c_x c_y s_z)
 *   ∇²T   = −E π² (1/Lx² + 1/Ly² + 1/Lz²) φ
 *   ∇g    = k0 (a_x/Lx, a_y/Ly, a_z/Lz)
 *   ∇·(k∇T) = h(T) [∇g·∇T + g ∇²T] + g β |∇T|²
 *   q = C ∂T/∂t − ∇·(k∇T) − w (T_a − T).
 * τ = Infinity gives a steady manufactured solution.
 *
 * Units: SI — metres, seconds, W/(m·K), J/(m³·K), W/(m³·K), W/m³; temperatures in °C.
 */

/** Parameters of the manufactured solution (SI units). */
export interface ManufacturedParams {
  /** Box edges, m. */
  lx: number;
  ly: number;
  lz: number;
  /** Base conductivity k0, W/(m·K). */
  k0: number;
  /** Linear conductivity gradients (dimensionless) along x, y, z: g = k0(1 + a_x x/Lx + …). */
  ax: number;
  ay: number;
  az: number;
  /** Temperature coefficient of conductivity β, 1/K (0: k independent of T). */
  beta: number;
  /** Reference temperature of the conductivity law, °C. */
  tRef: number;
  /** Volumetric heat capacity C, J/(m³·K). */
  c: number;
  /** Perfusion coefficient w = w_b ρ_b c_b, W/(m³·K). */
  w: number;
  /** Arterial temperature T_a, °C. */
  tArterial: number;
  /** Mean temperature T_b, °C. */
  tBase: number;
  /** Amplitude A of the cosine mode, K. */
  amplitude: number;
  /** Decay time τ of the mode, s (Infinity: steady). */
  tau: number;
}

/** A manufactured solution: exact field, its gradient, the coefficients and the source. */
export interface ManufacturedSolution {
  readonly params: Readonly<ManufacturedParams>;
  /** Exact temperature, °C. */
  temperature(x: number, y: number, z: number, t: number): number;
  /** Exact temperature gradient ∇T, K/m. */
  gradient(x: number, y: number, z: number, t: number): [number, number, number];
  /** Conductivity k(x,y,z,T), W/(m·K); T defaults to tRef (exact when beta = 0). */
  conductivity(x: number, y: number, z: number, T?: number): number;
  /** Source q(x,y,z,t), W/m³, that makes temperature() satisfy the PDE exactly. */
  source(x: number, y: number, z: number, t: number): number;
}

/**
 * Default parameters: a 20×20×10 mm box of muscle-like tissue (k0 0.5 W/m/K,
 * C 3.7 MJ/m³/K, w 2550 W/m³/K ≈ 37 mL/min/kg), conductivity varying by +50 %, +25 %,
 * −20 % across x, y, z; a 20 K mode decaying over 120 s about 37 °C.
 */
export const MANUFACTURED_DEFAULTS: Readonly<ManufacturedParams> = Object.freeze({
  lx: 0.02,
  ly: 0.02,
  lz: 0.01,
  k0: 0.5,
  ax: 0.5,
  ay: 0.25,
  az: -0.2,
  beta: 0,
  tRef: 37,
  c: 3.7e6,
  w: 2550,
  tArterial: 37,
  tBase: 37,
  amplitude: 20,
  tau: 120,
});

/** Builds a manufactured solution; unspecified parameters take {@link MANUFACTURED_DEFAULTS}. */
export function createManufacturedSolution(overrides: Partial<ManufacturedParams> = {}): ManufacturedSolution {
  const p: ManufacturedParams = { ...MANUFACTURED_DEFAULTS, ...overrides };
  for (const key of ['lx', 'ly', 'lz', 'k0', 'c', 'tau'] as const) {
    if (!(p[key] > 0)) throw new RangeError(`manufactured: ${key} must be > 0`);
  }
  if (!(p.w >= 0)) throw new RangeError('manufactured: w must be ≥ 0');
  if (!(1 + Math.min(0, p.ax) + Math.min(0, p.ay) + Math.min(0, p.az) > 0)) throw new RangeError('manufactured: conductivity would not be positive in the box');
  const A = Math.abs(p.amplitude);
  if (!(Math.min(1 + p.beta * (p.tBase - A - p.tRef), 1 + p.beta * (p.tBase + A - p.tRef)) > 0))
    throw new RangeError('manufactured: temperature factor of k would not be positive');

  const kx = Math.PI / p.lx;
  const ky = Math.PI / p.ly;
  const kz = Math.PI / p.lz;
  const lap = kx * kx + ky * ky + kz * kz;
  const g = (x: number, y: number, z: number): number => p.k0 * (1 + (p.ax * x) / p.lx + (p.ay * y) / p.ly + (p.az * z) / p.lz);
  const h = (T: number): number => 1 + p.beta * (T - p.tRef);
  const amp = (t: number): number => p.amplitude * Math.exp(-t / p.tau);

  const temperature = (x: number, y: number, z: number, t: number): number => p.tBase + amp(t) * Math.cos(kx * x) * Math.cos(ky * y) * Math.cos(kz * z);

  const gradient = (x: number, y: number, z: number, t: number): [number, number, number] => {
    const E = amp(t);
    const cx = Math.cos(kx * x);
    const cy = Math.cos(ky * y);
    const cz = Math.cos(kz * z);
    return [-E * kx * Math.sin(kx * x) * cy * cz, -E * ky * cx * Math.sin(ky * y) * cz, -E * kz * cx * cy * Math.sin(kz * z)];
  };

  const source = (x: number, y: number, z: number, t: number): number => {
    const E = amp(t);
    const phi = Math.cos(kx * x) * Math.cos(ky * y) * Math.cos(kz * z);
    const T = p.tBase + E * phi;
    const dTdt = Number.isFinite(p.tau) ? (-E * phi) / p.tau : 0;
    const [tx, ty, tz] = gradient(x, y, z, t);
    const gradGdotGradT = p.k0 * ((p.ax / p.lx) * tx + (p.ay / p.ly) * ty + (p.az / p.lz) * tz);
    const gx = g(x, y, z);
    const lapT = -E * lap * phi;
    const div = h(T) * (gradGdotGradT + gx * lapT) + gx * p.beta * (tx * tx + ty * ty + tz * tz);
    return p.c * dTdt - div - p.w * (p.tArterial - T);
  };

  return Object.freeze({
    params: Object.freeze({ ...p }),
    temperature,
    gradient,
    conductivity: (x: number, y: number, z: number, T: number = p.tRef): number => g(x, y, z) * h(T),
    source,
  });
}

/** The default manufactured solution ({@link MANUFACTURED_DEFAULTS}). */
export const manufactured: ManufacturedSolution = createManufacturedSolution();
