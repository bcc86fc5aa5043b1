/** The Jacobi-preconditioned CG of the first solver, kept for the bench's before/after row and its plain-JS stencil kernel. */
/**
 * Preconditioned conjugate gradients for the symmetric positive definite
 * 7-point system of one implicit step:
 *   D_i x_i - sum_faces G_f x_neighbour = b_i
 * with face conductances stored per cell for its +x, +y and +z faces (zero on the
 * domain's far faces). Arrays indexed by cell are offset by `pad` = nx*ny so that
 * the -z/+z neighbours of the first/last layer read zeros instead of going out of
 * range, which keeps the inner loop free of branches.
 * Rows with mask 0 are held cells (Dirichlet): their unknown stays 0.
 */
export interface StencilSystem {
  n: number;
  nx: number;
  nxy: number;
  pad: number;
  /** Diagonal (length n). */
  diag: Float64Array;
  /** Face conductances to the +x/+y/+z neighbour, padded (length n + 2 pad). */
  gx: Float64Array;
  gy: Float64Array;
  gz: Float64Array;
  /** 1 for free cells, 0 for held ones. */
  mask: Uint8Array;
}

export interface PcgWork {
  r: Float64Array;
  z: Float64Array;
  p: Float64Array; // padded
  q: Float64Array;
  /** Inverse diagonal (0 on held rows). */
  inv: Float64Array;
}

export function pcgWork(n: number, pad: number): PcgWork {
  return { r: new Float64Array(n), z: new Float64Array(n), p: new Float64Array(n + 2 * pad), q: new Float64Array(n), inv: new Float64Array(n) };
}

/** q = A p (p padded). */
export function applyStencil(s: StencilSystem, p: Float64Array, q: Float64Array, from = 0, to = s.n): void {
  const { diag, gx, gy, gz, nx, nxy, pad, mask } = s;
  for (let i = from; i < to; i++) {
    const c = i + pad;
    const v =
      diag[i] * p[c] - gx[c] * p[c + 1] - gx[c - 1] * p[c - 1] - gy[c] * p[c + nx] - gy[c - nx] * p[c - nx] - gz[c] * p[c + nxy] - gz[c - nxy] * p[c - nxy];
    q[i] = mask[i] ? v : 0;
  }
}

export interface PcgResult {
  iterations: number;
  residual: number;
}

/**
 * Solves A x = b for x (length n, not padded), starting from x = 0.
 * Stops when the preconditioned residual norm has fallen by `relTol`
 * (sqrt(r.z / r0.z0) <= relTol), or when the Jacobi-scaled residual
 * max |r_i / D_i| is below `absTol` (in the unknown's units, kelvin) and there
 * is nothing left worth solving. A scaled residual alone is no measure of the
 * error for a stiff system, so it is only the floor, never the target.
 */
export function pcg(s: StencilSystem, b: Float64Array, x: Float64Array, absTol: number, relTol: number, maxIter: number, w: PcgWork): PcgResult {
  const { n, diag, mask, pad } = s;
  const { r, z, p, q } = w;
  let rz = 0;
  const inv = w.inv;
  for (let i = 0; i < n; i++) inv[i] = mask[i] ? 1 / diag[i] : 0;
  for (let i = 0; i < n; i++) {
    x[i] = 0;
    const ri = mask[i] ? b[i] : 0;
    r[i] = ri;
    const zi = ri * inv[i];
    z[i] = zi;
    p[i + pad] = zi;
    rz += ri * zi;
  }
  let it = 0;
  let res = scaledResidual(r, diag, n);
  const stopRz = relTol * relTol * rz;
  while (res > absTol && rz > stopRz && it < maxIter) {
    applyStencil(s, p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i + pad] * q[i];
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rzNew = 0;
    res = 0;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i + pad];
      const ri = r[i] - alpha * q[i];
      r[i] = ri;
      const zi = ri * inv[i];
      z[i] = zi;
      rzNew += ri * zi;
      const a = zi < 0 ? -zi : zi;
      if (a > res) res = a;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i + pad] = z[i] + beta * p[i + pad];
    it++;
  }
  return { iterations: it, residual: res };
}

function scaledResidual(r: Float64Array, d: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(r[i] / d[i]);
    if (a > m) m = a;
  }
  return m;
}
