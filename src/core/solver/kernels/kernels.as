// AssemblyScript source of the WebAssembly kernels. build-wasm.mjs prepends the
// array globals and `setup` (generated from ARRAY_NAMES in state.ts), compiles it
// and writes wasm-binary.ts; the .as extension keeps it out of the TypeScript build.
//
// Every solver function mirrors the method of the same name in js.ts operation
// for operation, so the two give bit-identical results: WebAssembly arithmetic
// is IEEE-754 double like JavaScript's, never fused or reassociated. Sums that
// the SIMD code keeps in two lanes are kept in two partial sums in js.ts too.
// Recurrences carry the previous cell's value in a local rather than reloading
// it, which takes a store-to-load round trip off the critical path; the assembly
// sweep goes row by row in phases whose cells are independent, so that the
// processor can overlap them (js.ts does the same per cell in one loop: the
// order of the per-cell arithmetic and of every sum is the same). Two of those
// phases (fluxes of inner cells, and the capacity, right-hand side and scaling of
// free cells) take two neighbouring cells at a time in the two lanes of f64x2,
// with selects for the pieces of H(T): per lane the same operations on the same
// values, so the same bits.

// @ts-ignore: decorator
@inline function f(a: usize, i: i32): f64 {
  return load<f64>(a + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function sf(a: usize, i: i32, v: f64): void {
  store<f64>(a + (<usize>i << 3), v);
}
// @ts-ignore: decorator
@inline function b8(a: usize, i: i32): i32 {
  return <i32>load<u8>(a + <usize>i);
}
// @ts-ignore: decorator
@inline function sb8(a: usize, i: i32, v: i32): void {
  store<u8>(a + <usize>i, <u8>v);
}
// @ts-ignore: decorator
@inline function i32at(a: usize, i: i32): i32 {
  return load<i32>(a + (<usize>i << 2));
}

/** inner[c] = 1 where all six neighbours of c exist and are of its material (the assembly's fast path). */
function markInner(from: i32, to: i32): void {
  const nx = g_nx, ny = g_ny, nz = g_nz, nxy = g_nxy, material = g_material, inner = g_inner;
  let i = from % nx, j = (from / nx) % ny, k = from / nxy;
  for (let c = from; c < to; c++) {
    const mi = b8(material, c);
    const v = i > 0 && i + 1 < nx && j > 0 && j + 1 < ny && k > 0 && k + 1 < nz &&
      b8(material, c - 1) == mi && b8(material, c + 1) == mi && b8(material, c - nx) == mi &&
      b8(material, c + nx) == mi && b8(material, c - nxy) == mi && b8(material, c + nxy) == mi;
    sb8(inner, c, v ? 1 : 0);
    if (++i == nx) { i = 0; if (++j == ny) { j = 0; k++; } }
  }
}

export function begin(extrapolate: f64, from: i32, to: i32): void {
  const pad = g_pad, T = g_T, H = g_H, Hold = g_Hold, Told = g_Told, held = g_held, heldT = g_heldT, mask = g_mask;
  const lastChange = g_lastChange, material = g_material, mts = g_mts, mtl = g_mtl, mcf = g_mcf, mcm = g_mcm, mcu = g_mcu, mhl = g_mhl;
  const fx = extrapolate;
  markInner(from, to);
  for (let c = from; c < to; c++) {
    const q = c + pad;
    const h = f(H, c);
    sf(Hold, c, h);
    sf(Told, c, f(T, q));
    if (b8(held, c) != 0) {
      sb8(mask, c, 0);
      sf(T, q, f(heldT, c));
    } else {
      sb8(mask, c, 1);
      if (fx > 0) {
        const mi = b8(material, c);
        const hv = h + fx * f(lastChange, c);
        sf(T, q, hv <= 0 ? f(mts, mi) + hv / f(mcf, mi) : hv <= f(mhl, mi) ? f(mts, mi) + hv / f(mcm, mi) : f(mtl, mi) + (hv - f(mhl, mi)) / f(mcu, mi));
      }
    }
  }
}

// @ts-ignore: decorator
@inline function kirchhoff(t: f64, lo: f64, hi: f64, kf: f64, ku: f64): f64 {
  const fr: f64 = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
  return t <= lo ? kf * (t - lo) : t <= hi ? (t - lo) * (kf + 0.5 * fr * (ku - kf)) : 0.5 * (kf + ku) * (hi - lo) + ku * (t - hi);
}

// @ts-ignore: decorator
@inline function updateCell(e: i32, mode: i32, hasKs: i32): f64 {
  const qe = e + g_pad;
  const T = g_T, kc = g_kc, S = g_S, X = g_X, sk = g_sk;
  const mi = b8(g_material, e);
  const lo = f(g_mts, mi), hi = f(g_mtl, mi);
  let t = f(T, qe);
  let d: f64 = 0;
  if (mode != 0 && b8(g_mask, e) != 0) {
    const s0 = f(sk, qe);
    const dl = (f(S, qe) * f(X, e)) / (s0 * s0);
    let tn: f64;
    if (mode == 2) tn = t + dl;
    else {
      let h: f64, cp: f64;
      if (t <= lo) { cp = f(g_mcf, mi); h = cp * (t - lo); }
      else if (t <= hi) { cp = f(g_mcm, mi); h = cp * (t - lo); }
      else { cp = f(g_mcu, mi); h = f(g_mhl, mi) + cp * (t - hi); }
      const hn = h + cp * dl;
      tn = hn <= 0 ? lo + hn / f(g_mcf, mi) : hn <= f(g_mhl, mi) ? lo + hn / f(g_mcm, mi) : hi + (hn - f(g_mhl, mi)) / f(g_mcu, mi);
    }
    d = abs<f64>(tn - t);
    sf(T, qe, tn);
    t = tn;
  }
  const kf = f(g_mkf, mi), ku = f(g_mku, mi);
  const fe: f64 = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
  const kk = kf + fe * (ku - kf);
  const kn = (hasKs & 1) != 0 ? kk * f(g_kScale, e) : kk;
  const changed = kn != f(kc, qe);
  sb8(g_chg, qe, changed ? 1 : 0);
  sf(g_phi, qe, t <= lo ? kf * (t - lo) : t <= hi ? (t - lo) * (kf + 0.5 * fe * (ku - kf)) : 0.5 * (kf + ku) * (hi - lo) + ku * (t - hi));
  // An unchanged positive conductivity keeps its scale (js.ts): no square root.
  if (changed || !(kn > 0)) {
    sf(kc, qe, kn);
    sf(sk, qe, hasKs == 0 && kn > 0 ? sqrt<f64>(kn) : 1);
  }
  return d;
}

/** A material property of two cells, one a lane. */
// @ts-ignore: decorator
@inline function pair(a: usize, m0: i32, m1: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(f(a, m0)), 1, f(a, m1));
}

// A face's flux: the Kirchhoff potential's difference within one material, else the
// harmonic conductance (g / (sk sk) was stored) times the temperature difference (js.ts).
// @ts-ignore: decorator
@inline function sq2(a: f64, b: f64): f64 {
  const m = a > b ? a : b;
  return m * m;
}

// @ts-ignore: decorator
@inline function faceDiag(g: f64, nb: i32, kir: i32, mi: i32, s0: f64): f64 {
  if (g == 0) return 0;
  if (kir != 0 && b8(g_material, nb - g_pad) == mi) return g;
  return g * (sq2(s0, f(g_sk, nb)) * (1 / (s0 * s0)));
}

// @ts-ignore: decorator
@inline function faceFlux(g: f64, nb: i32, kir: i32, mi: i32, p0: f64, s0: f64, t: f64): f64 {
  if (g == 0) return 0;
  if (kir != 0 && b8(g_material, nb - g_pad) == mi) return g * (f(g_phi, nb) - p0);
  return g * sq2(s0, f(g_sk, nb)) * (f(g_T, nb) - t);
}

export function preUpdate(mode: i32, from: i32, to: i32, hasKs: i32): f64 {
  let corr: f64 = 0;
  for (let e = from; e < to; e++) {
    const d = updateCell(e, mode, hasKs);
    if (d > corr) corr = d;
  }
  return corr;
}

export function assemble(
  mode: i32, bodyT: f64, from: i32, to: i32, updLo: i32, updHi: i32,
  lp0: i32, lEnd: i32, sp0: i32, sEnd: i32, prepare: i32, dt: f64, hasKs: i32, hasW: i32, slot: i32,
): f64 {
  const nx = g_nx, ny = g_ny, nz = g_nz, nxy = g_nxy, pad = g_pad;
  const T = g_T, kc = g_kc, phi = g_phi, sk = g_sk, chg = g_chg, gx = g_gx, gy = g_gy, gz = g_gz, flow = g_flow, mask = g_mask;
  const material = g_material, inner = g_inner, volume = g_volume, hx = g_hx, hy = g_hy, hz = g_hz, Hold = g_Hold;
  const mts = g_mts, mtl = g_mtl, mcf = g_mcf, mcm = g_mcm, mcu = g_mcu, mhl = g_mhl, mw = g_mw, mq = g_mq;
  const lcell = g_lcell, la = g_la, lh = g_lh, linv = g_linv, lT = g_lT, lW = g_lW;
  const scell = g_scell, sG = g_sG, sT = g_sT, sW = g_sW, cellW = g_cellW;
  const S = g_S, ax = g_ax, ay = g_ay, az = g_az, Kp = g_Kp, R = g_R, P = g_P, X = g_X, out = g_out;
  // Row scratch (one per block, so two threads never share it): s b and the -z face of each cell of the row.
  const sbuf = g_rowbuf + (<usize>(slot == 0 ? 0 : 2 * nx) << 3), dbuf = sbuf + (<usize>nx << 3);
  const fbuf = g_rowbuf2 + (<usize>(slot == 0 ? 0 : 3 * nx) << 3), rbuf = fbuf + (<usize>nx << 3);
  const steady = !isFinite<f64>(dt);
  const Ta = bodyT;
  const kir: i32 = hasKs == 0 ? 1 : 0;
  const below = from > 0 ? from + nxy : from;
  let corr: f64 = 0;
  let lp = lp0, sp = sp0;
  let nextL = lp < lEnd ? i32at(lcell, lp) : -1;
  let nextS = sp < sEnd ? i32at(scell, sp) : -1;
  let rr: f64 = 0, res: f64 = 0;
  let sP: f64 = 0, rP: f64 = 0;
  let j = 0, k = from / nxy;
  // Row by row: each phase's cells are independent of each other, so the processor
  // overlaps them; only the last phase carries a recurrence along the row.
  for (let r0 = from - nxy; r0 < to; r0 += nx) {
    // Newton update and conductivity of the row one layer ahead.
    const e0 = r0 + nxy;
    const eLo = e0 > updLo ? e0 : updLo, eHi = e0 + nx < updHi ? e0 + nx : updHi;
    for (let e = eLo; e < eHi; e++) {
      const d = updateCell(e, mode, hasKs);
      if (d > corr) corr = d;
    }
    if (r0 < from) continue;
    const hyj = f(hy, j), hzk = f(hz, k);
    const split = r0 < below;
    // Faces next to a changed conductivity (few cells), and each cell's -z face.
    for (let i = 0; i < nx; i++) {
      const c = r0 + i;
      const q = c + pad;
      const hxi = f(hx, i);
      const mi = b8(material, c);
      if ((b8(chg, q) | b8(chg, q + 1) | b8(chg, q + nx) | b8(chg, q + nxy)) != 0) {
        const rc = 1 / f(kc, q);
        const sq = f(sk, q);
        sf(gx, q, i + 1 < nx ? (kir != 0 && b8(material, c + 1) == mi ? (4 * hyj * hzk) / (hxi + f(hx, i + 1)) : (4 * hyj * hzk) / (hxi * rc + f(hx, i + 1) / f(kc, q + 1)) / sq2(sq, f(sk, q + 1))) : 0);
        sf(gy, q, j + 1 < ny ? (kir != 0 && b8(material, c + nx) == mi ? (4 * hxi * hzk) / (hyj + f(hy, j + 1)) : (4 * hxi * hzk) / (hyj * rc + f(hy, j + 1) / f(kc, q + nx)) / sq2(sq, f(sk, q + nx))) : 0);
        sf(gz, q, k + 1 < nz ? (kir != 0 && b8(material, c + nxy) == mi ? (4 * hxi * hyj) / (hzk + f(hz, k + 1)) : (4 * hxi * hyj) / (hzk * rc + f(hz, k + 1) / f(kc, q + nxy)) / sq2(sq, f(sk, q + nxy))) : 0);
      }
      let gd: f64;
      if (split && (b8(chg, q - nxy) | b8(chg, q)) != 0)
        gd = kir != 0 && b8(material, c - nxy) == mi
          ? (4 * hxi * hyj) / (f(hz, k - 1) + hzk)
          : (4 * hxi * hyj) / (f(hz, k - 1) * (1 / f(kc, q - nxy)) + hzk / f(kc, q)) / sq2(f(sk, q - nxy), f(sk, q));
      else gd = f(gz, q - nxy);
      sf(dbuf, i, gd);
    }
    // Fluxes, and the diagonal of each cell's row of the system before its capacity.
    for (let i = 0; i < nx; ) {
      const c = r0 + i;
      const q = c + pad;
      if (kir != 0 && i + 1 < nx && (b8(inner, c) & b8(inner, c + 1)) != 0 && nextL != c && nextL != c + 1 && nextS != c && nextS != c + 1) {
        // Two inner cells (of one material, no links or sources) side by side: the same
        // arithmetic as below in two lanes, lane by lane the same operations in the same order.
        const mi = b8(material, c);
        const oq = <usize>q << 3, oc = <usize>c << 3, oi = <usize>i << 3;
        const sy = <usize>nx << 3, sz = <usize>nxy << 3;
        const t = v128.load(T + oq);
        const p0 = v128.load(phi + oq), s0 = v128.load(sk + oq);
        const lo = f64x2.splat(f(mts, mi)), hi = f64x2.splat(f(mtl, mi));
        const mid = f64x2.div(f64x2.sub(t, lo), f64x2.sub(hi, lo));
        const fl = v128.bitselect(f64x2.splat(0), v128.bitselect(f64x2.splat(1), mid, f64x2.ge(t, hi)), f64x2.le(t, lo));
        const v = f64x2.mul(v128.load(volume + oc), fl);
        const wv = f64x2.mul(v, f64x2.splat(f(mw, mi)));
        const rk = f64x2.div(f64x2.splat(1), f64x2.mul(s0, s0));
        const ge = v128.load(gx + oq), gw = v128.load(gx + oq - 8), gn = v128.load(gy + oq), gs = v128.load(gy + oq - sy);
        const gu = v128.load(gz + oq), gd = v128.load(dbuf + oi);
        let fw = f64x2.add(f64x2.mul(ge, f64x2.sub(v128.load(phi + oq + 8), p0)), f64x2.mul(gw, f64x2.sub(v128.load(phi + oq - 8), p0)));
        fw = f64x2.add(fw, f64x2.mul(gn, f64x2.sub(v128.load(phi + oq + sy), p0)));
        fw = f64x2.add(fw, f64x2.mul(gs, f64x2.sub(v128.load(phi + oq - sy), p0)));
        fw = f64x2.add(fw, f64x2.mul(gu, f64x2.sub(v128.load(phi + oq + sz), p0)));
        fw = f64x2.add(fw, f64x2.mul(gd, f64x2.sub(v128.load(phi + oq - sz), p0)));
        fw = f64x2.add(fw, f64x2.mul(wv, f64x2.sub(f64x2.splat(Ta), t)));
        fw = f64x2.add(fw, f64x2.mul(v, f64x2.splat(f(mq, mi))));
        const D = f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(ge, gw), gn), gs), gu), gd), f64x2.mul(wv, rk));
        if (hasW != 0) fw = f64x2.add(fw, v128.load(cellW + oc));
        v128.store(flow + oc, fw);
        v128.store(fbuf + oi, D);
        v128.store(rbuf + oi, rk);
        i += 2;
        continue;
      }
      const mi = b8(material, c);
      const gd = f(dbuf, i);
      const t = f(T, q);
      const p0 = f(phi, q), s0 = f(sk, q);
      const ge = f(gx, q), gw = f(gx, q - 1), gn = f(gy, q), gs = f(gy, q - nx), gu = f(gz, q);
      const lo = f(mts, mi), hi = f(mtl, mi);
      const fl: f64 = t <= lo ? 0 : t >= hi ? 1 : (t - lo) / (hi - lo);
      const v = f(volume, c) * fl;
      const wv = v * f(mw, mi);
      const rk = 1 / (s0 * s0);
      let fw: f64, D: f64;
      if (kir != 0 && b8(inner, c) != 0) {
        // All six faces within one material (none on the domain's edge): the same sums, without the tests.
        fw =
          ge * (f(phi, q + 1) - p0) + gw * (f(phi, q - 1) - p0) + gn * (f(phi, q + nx) - p0) +
          gs * (f(phi, q - nx) - p0) + gu * (f(phi, q + nxy) - p0) + gd * (f(phi, q - nxy) - p0) +
          wv * (Ta - t) + v * f(mq, mi);
        D = ge + gw + gn + gs + gu + gd + wv * rk;
      } else {
        fw =
          faceFlux(ge, q + 1, kir, mi, p0, s0, t) + faceFlux(gw, q - 1, kir, mi, p0, s0, t) + faceFlux(gn, q + nx, kir, mi, p0, s0, t) +
          faceFlux(gs, q - nx, kir, mi, p0, s0, t) + faceFlux(gu, q + nxy, kir, mi, p0, s0, t) + faceFlux(gd, q - nxy, kir, mi, p0, s0, t) +
          wv * (Ta - t) + v * f(mq, mi);
        D =
          faceDiag(ge, q + 1, kir, mi, s0) + faceDiag(gw, q - 1, kir, mi, s0) + faceDiag(gn, q + nx, kir, mi, s0) +
          faceDiag(gs, q - nx, kir, mi, s0) + faceDiag(gu, q + nxy, kir, mi, s0) + faceDiag(gd, q - nxy, kir, mi, s0) + wv * rk;
      }
      if (nextL == c) {
        for (; lp < lEnd && i32at(lcell, lp) == c; lp++) {
          if (kir != 0 && f(linv, lp) == 0) {
            const g = f(la, lp) / f(lh, lp);
            fw += g * (kirchhoff(f(lT, lp), lo, hi, f(g_mkf, mi), f(g_mku, mi)) - p0) + f(lW, lp);
            D += g;
          } else {
            const g = f(la, lp) / (f(lh, lp) / f(kc, q) + f(linv, lp));
            fw += g * (f(lT, lp) - t) + f(lW, lp);
            D += g * rk;
          }
        }
        nextL = lp < lEnd ? i32at(lcell, lp) : -1;
      }
      if (hasW != 0) fw += f(cellW, c);
      if (nextS == c) {
        for (; sp < sEnd && i32at(scell, sp) == c; sp++) {
          fw += f(sG, sp) * (f(sT, sp) - t) + f(sW, sp);
          D += f(sG, sp) * rk;
        }
        nextS = sp < sEnd ? i32at(scell, sp) : -1;
      }
      sf(flow, c, fw);
      sf(fbuf, i, D);
      sf(rbuf, i, rk);
      i++;
    }
    if (prepare != 0) {
      // The capacity's part of the diagonal, the right-hand side and the scaling.
      for (let i = 0; i < nx; ) {
        const c = r0 + i;
        if (!steady && i + 1 < nx && (b8(mask, c) & b8(mask, c + 1)) != 0) {
          // Two free cells: the scalar arithmetic below in two lanes, each piece of H(T)
          // picked by a select instead of a branch (the same operations on the same values).
          const m0 = b8(material, c), m1 = b8(material, c + 1);
          const oq = <usize>(c + pad) << 3, oc = <usize>c << 3, oi = <usize>i << 3;
          const t = v128.load(T + oq);
          const lo = pair(mts, m0, m1), hi = pair(mtl, m0, m1);
          const onLo = f64x2.le(t, lo), onHi = f64x2.le(t, hi);
          const cp = v128.bitselect(pair(mcf, m0, m1), v128.bitselect(pair(mcm, m0, m1), pair(mcu, m0, m1), onHi), onLo);
          const h = v128.bitselect(f64x2.mul(cp, f64x2.sub(t, lo)), f64x2.add(pair(mhl, m0, m1), f64x2.mul(cp, f64x2.sub(t, hi))), onHi);
          const vdt = f64x2.div(v128.load(volume + oc), f64x2.splat(dt));
          const D = f64x2.add(v128.load(fbuf + oi), f64x2.mul(f64x2.mul(vdt, cp), v128.load(rbuf + oi)));
          const bb = f64x2.sub(v128.load(flow + oc), f64x2.mul(vdt, f64x2.sub(h, v128.load(Hold + oc))));
          const id = f64x2.div(f64x2.splat(1), D);
          const sr = f64x2.mul(f64x2.abs(bb), id);
          const sr0 = f64x2.extract_lane(sr, 0), sr1 = f64x2.extract_lane(sr, 1);
          if (sr0 > res) res = sr0;
          if (sr1 > res) res = sr1;
          const sv = f64x2.sqrt(id);
          v128.store(Kp + oc, f64x2.sub(f64x2.splat(2), f64x2.mul(D, id)));
          v128.store(S + oq, sv);
          v128.store(sbuf + oi, f64x2.mul(sv, bb));
          i += 2;
          continue;
        }
        let bb: f64 = 0, s: f64 = 0;
        if (b8(mask, c) != 0) {
          const fw = f(flow, c);
          let D = f(fbuf, i);
          if (steady) bb = fw;
          else {
            const mi = b8(material, c);
            const t = f(T, c + pad);
            const lo = f(mts, mi), hi = f(mtl, mi);
            let h: f64, cp: f64;
            if (t <= lo) { cp = f(mcf, mi); h = cp * (t - lo); }
            else if (t <= hi) { cp = f(mcm, mi); h = cp * (t - lo); }
            else { cp = f(mcu, mi); h = f(mhl, mi) + cp * (t - hi); }
            const vdt = f(volume, c) / dt;
            D = D + vdt * cp * f(rbuf, i);
            bb = fw - vdt * (h - f(Hold, c));
          }
          const id = 1 / D;
          const sr = abs<f64>(bb) * id;
          if (sr > res) res = sr;
          s = sqrt<f64>(id);
          sf(Kp, c, 2 - D * id);
        } else sf(Kp, c, 1);
        sf(S, c + pad, s);
        sf(sbuf, i, s * bb);
        i++;
      }
      // The scaled faces and r = (I + L')^-1 S b along the row.
      for (let i = 0; i < nx; i++) {
        const c = r0 + i;
        const q = c + pad;
        const s = f(S, q);
        const gw = f(gx, q - 1), gs = f(gy, q - nx);
        const axm = gw * sP * s, aym = gs * f(S, q - nx) * s;
        const azm: f64 = split ? 0 : f(dbuf, i) * f(S, q - nxy) * s;
        if (c >= 1) sf(ax, q - 1, axm);
        if (c >= nx) sf(ay, q - nx, aym);
        if (c >= nxy) sf(az, q - nxy, azm);
        const bh = f(sbuf, i) + (split ? 0 : azm * f(R, q - nxy)) + aym * f(R, q - nx) + axm * rP;
        sf(R, q, bh);
        sf(P, c, bh);
        rr += bh * bh;
        sP = s;
        rP = bh;
      }
    }
    if (++j == ny) { j = 0; k++; }
  }
  sf(out, slot, rr);
  sf(out, slot + 1, res);
  return corr;
}

export function cgBackward(beta: f64, first: i32, from: i32, to: i32): void {
  const n = g_n, nx = g_nx, nxy = g_nxy, pad = g_pad;
  const R = g_R, P = g_P, Tt = g_Tt, ax = g_ax, ay = g_ay, az = g_az, gz = g_gz, S = g_S, ez = g_ez;
  const above = to < n ? to - nxy : to;
  let tp: f64 = 0;
  for (let c = to - 1; c >= from; c--) {
    const q = c + pad;
    let p: f64;
    if (first != 0) p = f(P, c);
    else {
      p = f(R, q) + beta * f(P, c);
      sf(P, c, p);
    }
    tp = p + (c >= above ? 0 : f(az, q) * f(Tt, q + nxy)) + f(ay, q) * f(Tt, q + nx) + f(ax, q) * tp;
    sf(Tt, q, tp);
  }
  if (first != 0 && from > 0) for (let c = from; c < from + nxy; c++) sf(ez, c - from, f(gz, c + pad - nxy) * f(S, c + pad - nxy) * f(S, c + pad));
}

export function cgForward(from: i32, to: i32): f64 {
  const n = g_n, nx = g_nx, nxy = g_nxy, pad = g_pad;
  const P = g_P, Tt = g_Tt, W = g_W, Q = g_Q, Kp = g_Kp, ax = g_ax, ay = g_ay, az = g_az, ez = g_ez;
  const below = from > 0 ? from + nxy : from;
  const above = to < n ? to - nxy : to;
  let pq: f64 = 0;
  let wp: f64 = 0;
  for (let c = from; c < to; c++) {
    const q = c + pad;
    const t = f(Tt, q);
    const p = f(P, c);
    const es: f64 = c < below ? f(ez, c - from) * f(Tt, q - nxy) : c >= above ? f(ez, c - above) * f(Tt, q + nxy) : 0;
    const w = p - f(Kp, c) * t - es + (c < below ? 0 : f(az, q - nxy) * f(W, q - nxy)) + f(ay, q - nx) * f(W, q - nx) + f(ax, q - 1) * wp;
    sf(W, q, w);
    wp = w;
    const v = t + w;
    sf(Q, c, v);
    pq += p * v;
  }
  return pq;
}

export function cgUpdate(alpha: f64, from: i32, to: i32, slot: i32, first: i32): f64 {
  const pad = g_pad, S = g_S, R = g_R, Q = g_Q, X = g_X, Tt = g_Tt, out = g_out;
  const av = f64x2.splat(alpha);
  let acc = f64x2.splat(0);
  let mx = f64x2.splat(0);
  let c = from;
  for (; c + 1 < to; c += 2) {
    const oq = <usize>(c + pad) << 3;
    const oc = <usize>c << 3;
    const r = f64x2.sub(v128.load(R + oq), f64x2.mul(av, v128.load(Q + oc)));
    v128.store(R + oq, r);
    const dx = f64x2.mul(av, v128.load(Tt + oq));
    v128.store(X + oc, first != 0 ? dx : f64x2.add(v128.load(X + oc), dx));
    acc = f64x2.add(acc, f64x2.mul(r, r));
    const e = f64x2.mul(f64x2.abs(r), v128.load(S + oq));
    // Keep the old value unless the new one is larger, as `if (e > m) m = e` does (NaN never wins).
    mx = v128.bitselect(e, mx, f64x2.gt(e, mx));
  }
  let r0 = f64x2.extract_lane(acc, 0), r1 = f64x2.extract_lane(acc, 1);
  const m0 = f64x2.extract_lane(mx, 0), m1 = f64x2.extract_lane(mx, 1);
  let m = m0 > m1 ? m0 : m1;
  if (c < to) {
    const q = c + pad;
    const a = f(R, q) - alpha * f(Q, c);
    sf(R, q, a);
    sf(X, c, first != 0 ? alpha * f(Tt, q) : f(X, c) + alpha * f(Tt, q));
    r0 += a * a;
    const ea = abs<f64>(a) * f(S, q);
    if (ea > m) m = ea;
  }
  sf(out, slot + 1, m);
  return r0 + r1;
}

export function finish(dt: f64, account: i32, bodyT: f64, from: i32, to: i32, slot: i32): f64 {
  const pad = g_pad, T = g_T, H = g_H, Hold = g_Hold, Told = g_Told, lastChange = g_lastChange, flow = g_flow, mask = g_mask;
  const material = g_material, tissue = g_tissue, volume = g_volume, out = g_out;
  const mts = g_mts, mtl = g_mtl, mcf = g_mcf, mcm = g_mcm, mcu = g_mcu, mhl = g_mhl, mw = g_mw, mq = g_mq;
  const steady = !isFinite<f64>(dt);
  const Ta = bodyT;
  let perf: f64 = 0, metab: f64 = 0, maxChange: f64 = 0;
  for (let c = from; c < to; c++) {
    const q = c + pad;
    const mi = b8(material, c);
    const a = f(mts, mi), b = f(mtl, mi);
    const t = f(T, q);
    const tis = b8(tissue, c);
    if (account != 0 && tis != 0) {
      const fl: f64 = t <= a ? 0 : t >= b ? 1 : (t - a) / (b - a);
      perf += dt * f(volume, c) * f(mw, mi) * fl * (Ta - t);
      metab += dt * (f(volume, c) * f(mq, mi) * fl + 0);
    }
    let tn = t;
    const free = b8(mask, c);
    if (free == 0 || steady) {
      sf(H, c, t <= a ? f(mcf, mi) * (t - a) : t <= b ? f(mcm, mi) * (t - a) : f(mhl, mi) + f(mcu, mi) * (t - b));
    } else {
      const hv = f(Hold, c) + (dt * f(flow, c)) / f(volume, c);
      sf(H, c, hv);
      tn = hv <= 0 ? a + hv / f(mcf, mi) : hv <= f(mhl, mi) ? a + hv / f(mcm, mi) : b + (hv - f(mhl, mi)) / f(mcu, mi);
      sf(T, q, tn);
    }
    const t0 = f(Told, c);
    if (tis != 0 && free != 0) {
      if ((t0 <= a && tn <= a) || (t0 >= b && tn >= b)) {
        const d = abs<f64>(tn - t0);
        if (d > maxChange) maxChange = d;
      }
    }
    if (!steady) sf(lastChange, c, free != 0 ? f(H, c) - f(Hold, c) : 0);
  }
  sf(out, slot + 2, perf);
  sf(out, slot + 3, metab);
  return maxChange;
}

// ---- Benchmark kernels (bench/run.ts): the machine's limit and the classic stencil ----

/** a = b + s c over [from, to) (STREAM triad), two lanes at a time. */
export function triad(a: usize, b: usize, c: usize, s: f64, from: i32, to: i32): void {
  const sv = f64x2.splat(s);
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o = <usize>i << 3;
    v128.store(a + o, f64x2.add(v128.load(b + o), f64x2.mul(sv, v128.load(c + o))));
  }
  for (; i < to; i++) {
    const o = <usize>i << 3;
    store<f64>(a + o, load<f64>(b + o) + s * load<f64>(c + o));
  }
}

/**
 * q = A p for the 7-point system of pcg.ts (applyStencil) over rows [from, to):
 * q_i = mask_i (D_i p_i - sum of faces G p_neighbour); p and the faces padded by `pad`.
 */

/**
 * q = A p for the 7-point system of pcg.ts (applyStencil) over rows [from, to):
 * q_i = mask_i (D_i p_i - sum of faces G p_neighbour); p and the faces padded by `pad`.
 */
export function stencil7(diag: usize, gxp: usize, gyp: usize, gzp: usize, maskp: usize, p: usize, q: usize, nxv: i32, nxyv: i32, padv: i32, from: i32, to: i32): void {
  const sx: usize = 8, sy: usize = <usize>nxv << 3, sz: usize = <usize>nxyv << 3;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const o = <usize>i << 3;
    const oc = <usize>(i + padv) << 3;
    const pc = p + oc, gxc = gxp + oc, gyc = gyp + oc, gzc = gzp + oc;
    let v = f64x2.mul(v128.load(diag + o), v128.load(pc));
    v = f64x2.sub(v, f64x2.mul(v128.load(gxc), v128.load(pc + sx)));
    v = f64x2.sub(v, f64x2.mul(v128.load(gxc - sx), v128.load(pc - sx)));
    v = f64x2.sub(v, f64x2.mul(v128.load(gyc), v128.load(pc + sy)));
    v = f64x2.sub(v, f64x2.mul(v128.load(gyc - sy), v128.load(pc - sy)));
    v = f64x2.sub(v, f64x2.mul(v128.load(gzc), v128.load(pc + sz)));
    v = f64x2.sub(v, f64x2.mul(v128.load(gzc - sz), v128.load(pc - sz)));
    const m0 = <i64>load<u8>(maskp + <usize>i), m1 = <i64>load<u8>(maskp + <usize>i + 1);
    const m = i64x2.replace_lane(i64x2.splat(-m0), 1, -m1);
    v128.store(q + o, v128.and(v, m));
  }
  for (; i < to; i++) {
    const o = <usize>i << 3;
    const pc = p + (<usize>(i + padv) << 3), gxc = gxp + (<usize>(i + padv) << 3), gyc = gyp + (<usize>(i + padv) << 3), gzc = gzp + (<usize>(i + padv) << 3);
    const v = load<f64>(diag + o) * load<f64>(pc) -
      load<f64>(gxc) * load<f64>(pc + sx) - load<f64>(gxc - sx) * load<f64>(pc - sx) -
      load<f64>(gyc) * load<f64>(pc + sy) - load<f64>(gyc - sy) * load<f64>(pc - sy) -
      load<f64>(gzc) * load<f64>(pc + sz) - load<f64>(gzc - sz) * load<f64>(pc - sz);
    store<f64>(q + o, load<u8>(maskp + <usize>i) != 0 ? v : 0);
  }
}
