import type { BlockOps } from './types.js';
import type { SolverState } from './state.js';

/**
 * The sweeps in plain JavaScript, one block of cells at a time: the fallback
 * wherever WebAssembly is missing, and the reference the WebAssembly kernels
 * (kernels.as) must match bit for bit: the same operations in the same order;
 * sums the SIMD code keeps in two lanes are kept in two partial sums here too.
 */
export class JsBlocks implements BlockOps {
  readonly state: SolverState;

  constructor(state: SolverState) {
    this.state = state;
  }

  begin(extrapolate: number, from: number, to: number): void {
    const { pad } = this.state.dims;
    const { T, H, Hold, Told, mask, held, heldT, lastChange, material, mts, mtl, mcf, mcm, mcu, mhl } = this.state.a;
    const f = extrapolate;
    this.markInner(from, to);
    for (let c = from; c < to; c++) {
      const q = c + pad;
      const h = H[c];
      Hold[c] = h;
      Told[c] = T[q];
      if (held[c]) {
        mask[c] = 0;
        T[q] = heldT[c];
      } else {
        mask[c] = 1;
        if (f > 0) {
          // Extrapolate the enthalpy, not the temperature: it varies smoothly across the front.
          const mi = material[c];
          const hv = h + f * lastChange[c];
          T[q] = hv <= 0 ? mts[mi] + hv / mcf[mi] : hv <= mhl[mi] ? mts[mi] + hv / mcm[mi] : mtl[mi] + (hv - mhl[mi]) / mcu[mi];
        }
      }
    }
  }

  /** inner[c] = 1 where all six neighbours of c exist and are of its material (the assembly's fast path). */
  markInner(from: number, to: number): void {
    const { nx, ny, nz, nxy } = this.state.dims;
    const { material, inner } = this.state.a;
    let i = from % nx,
      j = Math.floor(from / nx) % ny,
      k = Math.floor(from / nxy);
    for (let c = from; c < to; c++) {
      const mi = material[c];
      const v =
        i > 0 &&
        i + 1 < nx &&
        j > 0 &&
        j + 1 < ny &&
        k > 0 &&
        k + 1 < nz &&
        material[c - 1] === mi &&
        material[c + 1] === mi &&
        material[c - nx] === mi &&
        material[c + nx] === mi &&
        material[c - nxy] === mi &&
        material[c + nxy] === mi;
      inner[c] = v ? 1 : 0;
      if (++i === nx) {
        i = 0;
        if (++j === ny) {
          j = 0;
          k++;
        }
      }
    }
  }

  /**
   * Newton update of cell e (mode 1: through the enthalpy, 2: linear, 0: none) from
   * the correction of the Kirchhoff potential, x = S x' (divided by the scale k the
   * system was assembled with: sk^2), then its conductivity, Kirchhoff potential and
   * scale; returns |dT|.
   */
  updateCell(e: number, mode: number, hasKs: number): number {
    const { pad } = this.state.dims;
    const { T, kc, phi, sk, chg, mask, material, kScale, S, X, mts, mtl, mcf, mcm, mcu, mhl, mkf, mku } = this.state.a;
    const qe = e + pad;
    const mi = material[e];
    const lo = mts[mi],
      hi = mtl[mi];
    let t = T[qe];
    let d = 0;
    if (mode !== 0 && mask[e]) {
      const s0 = sk[qe];
      const dl = (S[qe] * X[e]) / (s0 * s0);
      let tn: number;
      if (mode === 2) tn = t + dl;
      else {
        let h: number, cp: number;
        if (t <= lo) {
          cp = mcf[mi];
          h = cp * (t - lo);
        } else if (t <= hi) {
          cp = mcm[mi];
          h = cp * (t - lo);
        } else {
          cp = mcu[mi];
          h = mhl[mi] + cp * (t - hi);
        }
        const hn = h + cp * dl;
        tn = hn <= 0 ? lo + hn / mcf[mi] : hn <= mhl[mi] ? lo + hn / mcm[mi] : hi + (hn - mhl[mi]) / mcu[mi];
      }
      d = Math.abs(tn - t);
      T[qe] = tn;
      t = tn;
    }
    const kf = mkf[mi],
      ku = mku[mi];
    const f = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
    const kk = kf + f * (ku - kf);
    const kn = hasKs & 1 ? kk * kScale[e] : kk;
    const changed = kn !== kc[qe];
    chg[qe] = changed ? 1 : 0;
    phi[qe] = t <= lo ? kf * (t - lo) : t <= hi ? (t - lo) * (kf + 0.5 * f * (ku - kf)) : 0.5 * (kf + ku) * (hi - lo) + ku * (t - hi);
    // An unchanged positive conductivity keeps its scale (kc and sk were set together, and
    // a change of hasKs is a change of the steady flag, where kc was cleared): no square root.
    if (changed || !(kn > 0)) {
      kc[qe] = kn;
      sk[qe] = hasKs === 0 && kn > 0 ? Math.sqrt(kn) : 1;
    }
    return d;
  }

  preUpdate(mode: number, from: number, to: number, hasKs: number): number {
    let corr = 0;
    for (let e = from; e < to; e++) {
      const d = this.updateCell(e, mode, hasKs);
      if (d > corr) corr = d;
    }
    return corr;
  }

  assemble(
    mode: number,
    bodyT: number,
    from: number,
    to: number,
    updLo: number,
    updHi: number,
    lp0: number,
    lEnd: number,
    sp0: number,
    sEnd: number,
    prepare: number,
    dt: number,
    hasKs: number,
    hasW: number,
    slot: number,
  ): number {
    const { nx, ny, nz, nxy, pad } = this.state.dims;
    const { T, kc, phi, sk, chg, gx, gy, gz, flow, mask, material, inner, volume, hx, hy, hz, Hold } = this.state.a;
    const { mts, mtl, mcf, mcm, mcu, mhl, mkf, mku, mw, mq } = this.state.a;
    const { lcell, la, lh, linv, lT, lW, scell, sG, sT, sW, cellW } = this.state.a;
    const { S, ax, ay, az, Kp, R, P, out } = this.state.a;
    const steady = !Number.isFinite(dt);
    const Ta = bodyT;
    const below = from > 0 ? from + nxy : from; // cells before this see the block below only through the split
    let corr = 0;
    let lp = lp0,
      sp = sp0;
    let rr = 0,
      res = 0;
    let sP = 0,
      rP = 0; // S and R of the -x neighbour, carried
    let i = 0,
      j = 0,
      k = (from / nxy) | 0;
    for (let c = from - nxy; c < to; c++) {
      // Cell e, one layer ahead: Newton update and conductivity.
      const e = c + nxy;
      if (e >= updLo && e < updHi) {
        const d = this.updateCell(e, mode, hasKs);
        if (d > corr) corr = d;
      }
      if (c < from) continue;
      // Cell c: every neighbour and conductivity it needs is final.
      const q = c + pad;
      const hxi = hx[i],
        hyj = hy[j],
        hzk = hz[k];
      // Faces within one material carry the difference of the Kirchhoff potential over
      // the centres' distance (exact across a freezing front, where k jumps); faces
      // between materials, or with a per-cell factor on k, the harmonic mean of the
      // half-cells times the temperature difference. The unknown of the linear system
      // is the potential's correction, so both enter it symmetrically: g[] holds the
      // face's coefficient in that system: the harmonic conductance over the larger of
      // the two cells' k (sk = sqrt k), exact for the row of the less conducting cell,
      // which the face dominates (insulation, tissue against steel), and symmetric.
      const mi = material[c];
      const kir = hasKs === 0; // (hasKs: 1 a per-cell factor on k, 2 a steady solve: harmonic faces, unknown T)
      if ((chg[q] | chg[q + 1] | chg[q + nx] | chg[q + nxy]) !== 0) {
        const rc = 1 / kc[q];
        const sq = sk[q];
        gx[q] =
          i + 1 < nx
            ? kir && material[c + 1] === mi
              ? (4 * hyj * hzk) / (hxi + hx[i + 1])
              : (4 * hyj * hzk) / (hxi * rc + hx[i + 1] / kc[q + 1]) / sq2(sq, sk[q + 1])
            : 0;
        gy[q] =
          j + 1 < ny
            ? kir && material[c + nx] === mi
              ? (4 * hxi * hzk) / (hyj + hy[j + 1])
              : (4 * hxi * hzk) / (hyj * rc + hy[j + 1] / kc[q + nx]) / sq2(sq, sk[q + nx])
            : 0;
        gz[q] =
          k + 1 < nz
            ? kir && material[c + nxy] === mi
              ? (4 * hxi * hyj) / (hzk + hz[k + 1])
              : (4 * hxi * hyj) / (hzk * rc + hz[k + 1] / kc[q + nxy]) / sq2(sq, sk[q + nxy])
            : 0;
      }
      const split = c < below; // first layer of a block above another: the face below is the split's
      let gd: number;
      if (split && (chg[q - nxy] | chg[q]) !== 0)
        gd =
          kir && material[c - nxy] === mi
            ? (4 * hxi * hyj) / (hz[k - 1] + hzk)
            : (4 * hxi * hyj) / (hz[k - 1] * (1 / kc[q - nxy]) + hzk / kc[q]) / sq2(sk[q - nxy], sk[q]);
      else gd = gz[q - nxy];
      if (++i === nx) {
        i = 0;
        if (++j === ny) {
          j = 0;
          k++;
        }
      }
      const t = T[q];
      const p0 = phi[q],
        s0 = sk[q];
      const ge = gx[q],
        gw = gx[q - 1],
        gn = gy[q],
        gs = gy[q - nx],
        gu = gz[q];
      const lo = mts[mi],
        hi = mtl[mi];
      const f = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
      const v = volume[c] * f;
      const wv = v * mw[mi];
      // (A face of the domain's edge has g = 0, and its neighbour index may lie outside
      // the arrays.) On the diagonal a harmonic face puts its own term, g sk_nb / sk.
      const rk = 1 / (s0 * s0);
      const same = (g: number, nb: number) => g !== 0 && kir && material[nb - pad] === mi;
      const face = (g: number, nb: number) => (g === 0 ? 0 : same(g, nb) ? g * (phi[nb] - p0) : g * sq2(s0, sk[nb]) * (T[nb] - t));
      const diag = (g: number, nb: number) => (g === 0 ? 0 : same(g, nb) ? g : g * (sq2(s0, sk[nb]) * rk));
      let fw: number, D: number;
      if (kir && inner[c]) {
        // All six faces within one material (none on the domain's edge): the same sums, without the tests.
        fw =
          ge * (phi[q + 1] - p0) +
          gw * (phi[q - 1] - p0) +
          gn * (phi[q + nx] - p0) +
          gs * (phi[q - nx] - p0) +
          gu * (phi[q + nxy] - p0) +
          gd * (phi[q - nxy] - p0) +
          wv * (Ta - t) +
          v * mq[mi];
        D = ge + gw + gn + gs + gu + gd + wv * rk;
      } else {
        fw = face(ge, q + 1) + face(gw, q - 1) + face(gn, q + nx) + face(gs, q - nx) + face(gu, q + nxy) + face(gd, q - nxy) + wv * (Ta - t) + v * mq[mi];
        D = diag(ge, q + 1) + diag(gw, q - 1) + diag(gn, q + nx) + diag(gs, q - nx) + diag(gu, q + nxy) + diag(gd, q - nxy) + wv * rk;
      }
      for (; lp < lEnd && lcell[lp] === c; lp++) {
        if (kir && linv[lp] === 0) {
          // A surface held at lT: the potential's difference over the distance to it.
          const g = la[lp] / lh[lp];
          fw += g * (kirchhoff(lT[lp], lo, hi, mkf[mi], mku[mi]) - p0) + lW[lp];
          D += g;
        } else {
          const g = la[lp] / (lh[lp] / kc[q] + linv[lp]);
          fw += g * (lT[lp] - t) + lW[lp];
          D += g * rk;
        }
      }
      if (hasW) fw += cellW[c];
      for (; sp < sEnd && scell[sp] === c; sp++) {
        fw += sG[sp] * (sT[sp] - t) + sW[sp];
        D += sG[sp] * rk;
      }
      flow[c] = fw;
      if (!prepare) continue;
      let b = 0,
        s = 0;
      if (mask[c]) {
        if (steady) b = fw;
        else {
          let h: number, cp: number;
          if (t <= lo) {
            cp = mcf[mi];
            h = cp * (t - lo);
          } else if (t <= hi) {
            cp = mcm[mi];
            h = cp * (t - lo);
          } else {
            cp = mcu[mi];
            h = mhl[mi] + cp * (t - hi);
          }
          const vdt = volume[c] / dt;
          D = D + vdt * cp * rk;
          b = fw - vdt * (h - Hold[c]);
        }
        const id = 1 / D;
        const sr = Math.abs(b) * id;
        if (sr > res) res = sr;
        s = Math.sqrt(id);
        Kp[c] = 2 - D * id;
      } else Kp[c] = 1;
      S[q] = s;
      // The preconditioner is block-diagonal: no coupling across the split.
      const axm = gw * sP * s,
        aym = gs * S[q - nx] * s,
        azm = split ? 0 : gd * S[q - nxy] * s;
      if (c >= 1) ax[q - 1] = axm;
      if (c >= nx) ay[q - nx] = aym;
      if (c >= nxy) az[q - nxy] = azm;
      const bh = s * b + (split ? 0 : azm * R[q - nxy]) + aym * R[q - nx] + axm * rP;
      R[q] = bh;
      P[c] = bh;
      rr += bh * bh;
      sP = s;
      rP = bh;
    }
    out[slot] = rr;
    out[slot + 1] = res;
    return corr;
  }

  cgBackward(beta: number, first: number, from: number, to: number): void {
    const { n, nx, nxy, pad } = this.state.dims;
    const { R, P, Tt, ax, ay, az, gz, S, ez } = this.state.a;
    const above = to < n ? to - nxy : to; // cells from here on have the split above them
    let tp = 0; // Tt[q + 1], carried
    for (let c = to - 1; c >= from; c--) {
      const q = c + pad;
      let p: number;
      if (first) p = P[c];
      else {
        p = R[q] + beta * P[c];
        P[c] = p;
      }
      tp = p + (c >= above ? 0 : az[q] * Tt[q + nxy]) + ay[q] * Tt[q + nx] + ax[q] * tp;
      Tt[q] = tp;
    }
    // The split's couplings, scaled, for the forward sweeps (the block below set its S already).
    if (first && from > 0) for (let c = from; c < from + nxy; c++) ez[c - from] = gz[c + pad - nxy] * S[c + pad - nxy] * S[c + pad];
  }

  cgForward(from: number, to: number): number {
    const { n, nx, nxy, pad } = this.state.dims;
    const { P, Tt, W, Q, Kp, ax, ay, az, ez } = this.state.a;
    const below = from > 0 ? from + nxy : from;
    const above = to < n ? to - nxy : to;
    let pq = 0;
    let wp = 0; // W[q - 1], carried
    for (let c = from; c < to; c++) {
      const q = c + pad;
      const t = Tt[q];
      const p = P[c];
      // Eisenstat's operator with a block preconditioner: the split's couplings enter explicitly.
      const es = c < below ? ez[c - from] * Tt[q - nxy] : c >= above ? ez[c - above] * Tt[q + nxy] : 0;
      const w = p - Kp[c] * t - es + (c < below ? 0 : az[q - nxy] * W[q - nxy]) + ay[q - nx] * W[q - nx] + ax[q - 1] * wp;
      W[q] = w;
      wp = w;
      const v = t + w;
      Q[c] = v;
      pq += p * v;
    }
    return pq;
  }

  cgUpdate(alpha: number, from: number, to: number, slot: number, first: number): number {
    const { pad } = this.state.dims;
    const { R, Q, S, X, Tt, out } = this.state.a;
    // Two partial sums, even and odd cells of the block, as the SIMD kernel keeps them.
    let r0 = 0,
      r1 = 0,
      m = 0;
    let c = from;
    for (; c + 1 < to; c += 2) {
      const q = c + pad;
      const a = R[q] - alpha * Q[c];
      const b = R[q + 1] - alpha * Q[c + 1];
      R[q] = a;
      R[q + 1] = b;
      // (The first iteration sets x' = alpha t: the assembly no longer zeroes it.)
      X[c] = first ? alpha * Tt[q] : X[c] + alpha * Tt[q];
      X[c + 1] = first ? alpha * Tt[q + 1] : X[c + 1] + alpha * Tt[q + 1];
      r0 += a * a;
      r1 += b * b;
      const ea = Math.abs(a) * S[q],
        eb = Math.abs(b) * S[q + 1];
      if (ea > m) m = ea;
      if (eb > m) m = eb;
    }
    if (c < to) {
      const q = c + pad;
      const a = R[q] - alpha * Q[c];
      R[q] = a;
      X[c] = first ? alpha * Tt[q] : X[c] + alpha * Tt[q];
      r0 += a * a;
      const ea = Math.abs(a) * S[q];
      if (ea > m) m = ea;
    }
    out[slot + 1] = m;
    return r0 + r1;
  }

  finish(dt: number, account: number, bodyT: number, from: number, to: number, slot: number): number {
    const { pad } = this.state.dims;
    const { T, H, Hold, Told, lastChange, flow, mask, material, tissue, volume, out } = this.state.a;
    const { mts, mtl, mcf, mcm, mcu, mhl, mw, mq } = this.state.a;
    const steady = !Number.isFinite(dt);
    const Ta = bodyT;
    let perf = 0,
      metab = 0,
      maxChange = 0;
    for (let c = from; c < to; c++) {
      const q = c + pad;
      const mi = material[c];
      const a = mts[mi],
        b = mtl[mi];
      const t = T[q];
      const tis = tissue[c];
      if (account && tis) {
        const f = t <= a ? 0 : t >= b ? 1 : (t - a) / (b - a);
        perf += dt * volume[c] * mw[mi] * f * (Ta - t);
        metab += dt * (volume[c] * mq[mi] * f + 0);
      }
      let tn = t;
      const free = mask[c];
      if (free === 0 || steady) {
        H[c] = t <= a ? mcf[mi] * (t - a) : t <= b ? mcm[mi] * (t - a) : mhl[mi] + mcu[mi] * (t - b);
      } else {
        const hv = Hold[c] + (dt * flow[c]) / volume[c];
        H[c] = hv;
        tn = hv <= 0 ? a + hv / mcf[mi] : hv <= mhl[mi] ? a + hv / mcm[mi] : b + (hv - mhl[mi]) / mcu[mi];
        T[q] = tn;
      }
      const t0 = Told[c];
      if (tis && free) {
        if ((t0 <= a && tn <= a) || (t0 >= b && tn >= b)) {
          const d = Math.abs(tn - t0);
          if (d > maxChange) maxChange = d;
        }
      }
      if (!steady) lastChange[c] = free ? H[c] - Hold[c] : 0;
    }
    out[slot + 2] = perf;
    out[slot + 3] = metab;
    return maxChange;
  }
}

/** The Kirchhoff potential, integral of k dT from the solidus, of a material at temperature t. */
export function kirchhoff(t: number, lo: number, hi: number, kf: number, ku: number): number {
  const f = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
  return t <= lo ? kf * (t - lo) : t <= hi ? (t - lo) * (kf + 0.5 * f * (ku - kf)) : 0.5 * (kf + ku) * (hi - lo) + ku * (t - hi);
}

/** The larger square of two scales (a symmetric function of the two cells: the same bits either way). */
export function sq2(a: number, b: number): number {
  const m = Math.max(a, b);
  return m * m;
}
