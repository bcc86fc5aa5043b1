/**
 * The stepper as it was before the fused kernels (Jacobi-preconditioned CG, one
 * pass per quantity), kept only so that the benchmark can run old and new side by
 * side on the same grid. Not used by the package.
 */
import type { Problem } from '../../src/core/solver/problem.js';
import type { Conditions } from '../../src/core/solver/conditions.js';
import { enthalpy, temperature, liquidFraction, type PhaseModel } from '../../src/core/tissue/enthalpy.js';
import { pcg, pcgWork, type PcgWork, type StencilSystem } from './pcg.js';

/** A stalled iteration is accepted within this many tolerances. */
const STALL_FACTOR = 10;
/** Relative accuracy of each linear solve within the Newton iteration. */
const NEWTON_FORCING = 1e-3;

/** Heat that entered the tissue during one step, by path, J. */
export interface StepFlows {
  probes: number;
  perfusion: number;
  metabolic: number;
  boundaries: number;
  vessels: number;
  /** Per probe (scene order), J into the tissue (negative while it cools). */
  perProbe: Float64Array;
}

export interface StepOutcome {
  converged: boolean;
  iterations: number;
  linearIterations: number;
  /** Last nonlinear correction, deg C. */
  correction: number;
  /** Largest temperature change of a tissue cell over the step, deg C. */
  maxChange: number;
}

/**
 * Backward-Euler step of the enthalpy form of the Pennes equation,
 *   V (H_i^{n+1} - H_i^n)/dt = sum_f G_f (T_j - T_i) + V w f(T_i) (T_a - T_i) + V q f(T_i) + S_i,
 * solved by Newton-like iterations on the enthalpy (the "source update" of
 * Swaminathan & Voller 1992): each iteration linearises H about the current
 * temperature with the apparent capacity dH/dT, solves the linear 7-point
 * system by PCG, updates H with that linearisation and recovers T from H
 * exactly. Conductivity, perfusion and metabolism are lagged one iteration.
 *
 * The step ends with a conservative update: H^{n+1} = H^n + dt F(T)/V from the
 * converged temperatures, so that the discrete energy balance closes to
 * round-off however tightly the iteration converged (what is left of the
 * nonlinear residual appears as the reported correction instead).
 */
export class LegacyStepper {
  readonly p: Problem;
  /** Temperature, padded by nx*ny on both ends (index c + pad). */
  readonly T: Float64Array;
  /** Volumetric enthalpy, J/m^3. */
  readonly H: Float64Array;
  private readonly Hold: Float64Array;
  private readonly Told: Float64Array;
  private readonly cap: Float64Array;
  private readonly kc: Float64Array;
  /** Enthalpy at the current iterate (scratch). */
  private readonly kc2: Float64Array;
  private readonly flow: Float64Array;
  private readonly rhs: Float64Array;
  private readonly delta: Float64Array;
  /** Change over the last accepted step, and its length (to extrapolate the next guess). */
  private readonly lastChange: Float64Array;
  private lastDt = 0;
  private readonly sys: StencilSystem;
  private readonly work: PcgWork;
  /** Probe index of each probe-part cell, -1 elsewhere. */
  readonly probeOf: Int16Array;
  private readonly bodyT: number;
  /** Material properties as flat arrays (the hot loops index them by material id). */
  private readonly mat: {
    cf: Float64Array;
    cm: Float64Array;
    cu: Float64Array;
    ts: Float64Array;
    tl: Float64Array;
    hl: Float64Array;
    kf: Float64Array;
    ku: Float64Array;
    w: Float64Array;
    q: Float64Array;
  };

  constructor(p: Problem) {
    this.p = p;
    const n = p.n;
    const pad = p.pad;
    this.T = new Float64Array(n + 2 * pad);
    this.H = new Float64Array(n);
    this.Hold = new Float64Array(n);
    this.Told = new Float64Array(n);
    this.cap = new Float64Array(n);
    this.kc = new Float64Array(n);
    this.kc2 = new Float64Array(n);
    this.flow = new Float64Array(n);
    this.rhs = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.lastChange = new Float64Array(n);
    this.sys = {
      n,
      nx: p.nx,
      nxy: p.nxy,
      pad,
      diag: new Float64Array(n),
      gx: new Float64Array(n + 2 * pad),
      gy: new Float64Array(n + 2 * pad),
      gz: new Float64Array(n + 2 * pad),
      mask: new Uint8Array(n),
    };
    this.work = pcgWork(n, pad);
    this.probeOf = new Int16Array(n).fill(-1);
    for (let c = 0; c < n; c++) {
      const r = p.raster.regions[p.raster.label[c]];
      if ((r.role === 'probe' || r.role === 'shaft') && r.probe !== undefined) this.probeOf[c] = r.probe;
    }
    this.bodyT = p.scene.body_temperature_c;
    const col = (key: keyof PhaseModel) => Float64Array.from(p.materials.map((m) => m[key]));
    this.mat = {
      cf: col('cFrozen'),
      cm: col('cMushy'),
      cu: col('cUnfrozen'),
      ts: col('solidus'),
      tl: col('liquidus'),
      hl: col('hLiquidus'),
      kf: col('kFrozen'),
      ku: col('kUnfrozen'),
      w: col('perfusion'),
      q: col('metabolic'),
    };
  }

  /** Forgets the trend of the last step (when the conditions change abruptly). */
  resetTrend(): void {
    this.lastDt = 0;
  }

  /** Sets a uniform temperature (and the matching enthalpy). */
  setUniform(Tc: number): void {
    const { n, pad, material, materials } = this.p;
    for (let c = 0; c < n; c++) {
      this.T[c + pad] = Tc;
      this.H[c] = enthalpy(materials[material[c]], Tc);
    }
  }

  temperatureAt(c: number): number {
    return this.T[c + this.p.pad];
  }

  /** Face conductances (W/K) from the current temperatures. */
  private assembleConductances(): void {
    const { n, nx, ny, nz, nxy, pad, hx, hy, hz, material } = this.p;
    const { gx, gy, gz } = this.sys;
    const { ts, tl, kf, ku } = this.mat;
    const T = this.T;
    const kc = this.kc;
    const ks = this.p.kScale;
    for (let c = 0; c < n; c++) {
      const mi = material[c];
      const t = T[c + pad];
      const a = ts[mi],
        b = tl[mi];
      const f = t <= a ? 0 : t >= b ? 1 : (t - a) / (b - a);
      const k = kf[mi] + f * (ku[mi] - kf[mi]);
      kc[c] = ks ? k * ks[c] : k;
    }
    // Store half-width / k (a thermal resistance per unit area) to turn divisions into one per face.
    let c = 0;
    for (let k = 0; k < nz; k++) {
      const hzk = hz[k],
        hzk1 = k + 1 < nz ? hz[k + 1] : 0;
      for (let j = 0; j < ny; j++) {
        const hyj = hy[j],
          hyj1 = j + 1 < ny ? hy[j + 1] : 0;
        const ax = 4 * hyj * hzk;
        for (let i = 0; i < nx; i++, c++) {
          const q = c + pad;
          const hxi = hx[i];
          const rc = 1 / kc[c];
          gx[q] = i + 1 < nx ? ax / (hxi * rc + hx[i + 1] / kc[c + 1]) : 0;
          gy[q] = j + 1 < ny ? (4 * hxi * hzk) / (hyj * rc + hyj1 / kc[c + nx]) : 0;
          gz[q] = k + 1 < nz ? (4 * hxi * hyj) / (hzk * rc + hzk1 / kc[c + nxy]) : 0;
        }
      }
    }
  }

  /**
   * Net heat inflow of every cell at the current temperatures (flow, W), and the
   * diagonal of the linearised system without the storage term.
   */
  private fluxes(cond: Conditions, diag: Float64Array | null): void {
    const { n, nx, nxy, pad, volume, material, links } = this.p;
    const { gx, gy, gz } = this.sys;
    const { ts, tl, w, q: qm } = this.mat;
    const T = this.T;
    const flow = this.flow;
    const Ta = this.bodyT;
    for (let c = 0; c < n; c++) {
      const q = c + pad;
      const t = T[q];
      const ge = gx[q],
        gw = gx[q - 1],
        gn = gy[q],
        gs = gy[q - nx],
        gu = gz[q],
        gd = gz[q - nxy];
      const mi = material[c];
      const a = ts[mi],
        b = tl[mi];
      const f = t <= a ? 0 : t >= b ? 1 : (t - a) / (b - a);
      const v = volume[c] * f;
      const wv = v * w[mi];
      flow[c] =
        ge * (T[q + 1] - t) +
        gw * (T[q - 1] - t) +
        gn * (T[q + nx] - t) +
        gs * (T[q - nx] - t) +
        gu * (T[q + nxy] - t) +
        gd * (T[q - nxy] - t) +
        wv * (Ta - t) +
        v * qm[mi];
      if (diag) diag[c] = ge + gw + gn + gs + gu + gd + wv;
    }
    for (let i = 0; i < links.count; i++) {
      if (!cond.linkOn[i]) continue;
      const c = links.cell[i];
      const g = links.area[i] / (links.half[i] / this.kc[c] + 1 / cond.linkH[i]);
      flow[c] += g * (cond.linkT[i] - T[c + pad]) + cond.linkW[i];
      if (diag) diag[c] += g;
    }
    if (cond.cellW) for (let c = 0; c < n; c++) flow[c] += cond.cellW[c];
    for (let s = 0; s < cond.srcCell.length; s++) {
      const c = cond.srcCell[s];
      flow[c] += cond.srcG[s] * (cond.srcT[s] - T[c + pad]) + cond.srcW[s];
      if (diag) diag[c] += cond.srcG[s];
    }
  }

  /**
   * Advances by dt under the given conditions. On failure to converge the
   * state is left as it was, so the caller can retry with a smaller step.
   */
  step(dt: number, cond: Conditions, tol: number, maxIter: number, flows: StepFlows | null): StepOutcome {
    const { n, pad, volume, material, materials, tissue } = this.p;
    const T = this.T,
      H = this.H,
      Hold = this.Hold,
      Told = this.Told;
    const { diag, mask } = this.sys;
    const cap = this.cap,
      rhs = this.rhs,
      delta = this.delta,
      flow = this.flow,
      hcur = this.kc2;
    const { cf: mcf, cm: mcm, cu: mcu, ts: mts, tl: mtl, hl: mhl } = this.mat;
    for (let c = 0; c < n; c++) {
      Hold[c] = H[c];
      Told[c] = T[c + pad];
      mask[c] = cond.held[c] ? 0 : 1;
      if (cond.held[c]) T[c + pad] = cond.heldT[c];
    }
    // Start from the last step's trend carried forward: fewer iterations in smooth stretches.
    if (this.lastDt > 0 && Number.isFinite(dt)) {
      const f = Math.min(dt / this.lastDt, 2);
      for (let c = 0; c < n; c++) if (mask[c]) T[c + pad] += f * this.lastChange[c];
    }
    const infiniteDt = !Number.isFinite(dt);
    let it = 0,
      lin = 0,
      correction = Infinity;
    while (it < maxIter) {
      it++;
      this.assembleConductances();
      this.fluxes(cond, diag);
      for (let c = 0; c < n; c++) {
        if (!mask[c]) {
          diag[c] = 1;
          rhs[c] = 0;
          continue;
        }
        const mi = material[c];
        const t = T[c + pad];
        const a = mts[mi],
          b = mtl[mi];
        let cp: number, h: number;
        if (t <= a) {
          cp = mcf[mi];
          h = cp * (t - a);
        } else if (t <= b) {
          cp = mcm[mi];
          h = cp * (t - a);
        } else {
          cp = mcu[mi];
          h = mhl[mi] + cp * (t - b);
        }
        cap[c] = cp;
        hcur[c] = h;
        if (infiniteDt) {
          rhs[c] = flow[c];
        } else {
          const vdt = volume[c] / dt;
          diag[c] += vdt * cp;
          rhs[c] = flow[c] - vdt * (h - Hold[c]);
        }
      }
      // Inexact Newton: each correction solved to a fixed relative accuracy, so that
      // its size measures the iterate's remaining error; the steady (infinite-step)
      // problem is linear and solved once, accurately.
      const r = pcg(this.sys, rhs, delta, 1e-3 * tol, infiniteDt ? 1e-10 : NEWTON_FORCING, 50000, this.work);
      lin += r.iterations;
      correction = 0;
      for (let c = 0; c < n; c++) {
        if (!mask[c]) continue;
        const t = T[c + pad];
        let tNew: number;
        if (infiniteDt) tNew = t + delta[c];
        else {
          const mi = material[c];
          const h = hcur[c] + cap[c] * delta[c];
          tNew = h <= 0 ? mts[mi] + h / mcf[mi] : h <= mhl[mi] ? mts[mi] + h / mcm[mi] : mtl[mi] + (h - mhl[mi]) / mcu[mi];
        }
        const d = Math.abs(tNew - t);
        if (d > correction) correction = d;
        T[c + pad] = tNew;
      }
      if (!Number.isFinite(correction)) break;
      if (correction < tol) break;
    }
    // A cell sitting on a corner of H(T) can flip between its two slopes and stall
    // the iteration just above the tolerance; within ten times the tolerance the
    // step is accepted (the conservative update keeps energy exact regardless).
    const converged = correction < tol || (it >= maxIter && correction < STALL_FACTOR * tol);
    if (!converged) {
      for (let c = 0; c < n; c++) {
        T[c + pad] = Told[c];
        H[c] = Hold[c];
      }
      return { converged, iterations: it, linearIterations: lin, correction, maxChange: NaN };
    }
    // Conservative update from the converged temperatures.
    this.assembleConductances();
    this.fluxes(cond, null);
    if (flows && !infiniteDt) this.accountFlows(dt, cond, flows);
    let maxChange = 0;
    for (let c = 0; c < n; c++) {
      const m = materials[material[c]];
      if (!mask[c]) {
        H[c] = enthalpy(m, T[c + pad]);
        continue;
      }
      if (infiniteDt) {
        H[c] = enthalpy(m, T[c + pad]);
      } else {
        H[c] = Hold[c] + (dt * flow[c]) / volume[c];
        T[c + pad] = temperature(m, H[c]);
      }
      // Step-size control looks at sensible heating only: a cell crossing the mushy
      // interval changes temperature in a jump whatever the step, and would
      // otherwise pin the step to its minimum while the front moves.
      if (tissue[c]) {
        const t0 = Told[c],
          t1 = T[c + pad];
        const solid = t0 <= m.solidus && t1 <= m.solidus;
        const liquid = t0 >= m.liquidus && t1 >= m.liquidus;
        if (solid || liquid) {
          const ch = Math.abs(t1 - t0);
          if (ch > maxChange) maxChange = ch;
        }
      }
    }
    if (!infiniteDt) {
      for (let c = 0; c < n; c++) this.lastChange[c] = mask[c] ? T[c + pad] - Told[c] : 0;
      this.lastDt = dt;
    }
    return { converged, iterations: it, linearIterations: lin, correction, maxChange };
  }

  /**
   * Splits the heat that entered the tissue cells during the step by path. It
   * reuses the fluxes of the conservative update, so the parts add up to the
   * tissue's enthalpy change; the balance test checks exactly that sum against
   * the enthalpy actually stored.
   */
  private accountFlows(dt: number, cond: Conditions, out: StepFlows): void {
    const { n, nx, nxy, pad, volume, material, materials, tissue, links } = this.p;
    const { gx, gy, gz } = this.sys;
    const T = this.T;
    const Ta = this.bodyT;
    const probeOf = this.probeOf;
    const held = cond.held;
    const across = (c: number, nb: number, g: number) => {
      if (g === 0 || tissue[nb]) return;
      const e = dt * g * (T[nb + pad] - T[c + pad]);
      const pi = probeOf[nb];
      if (pi >= 0) {
        out.probes += e;
        out.perProbe[pi] += e;
      } else if (held[nb]) out.vessels += e;
    };
    for (let c = 0; c < n; c++) {
      if (!tissue[c]) continue;
      const q = c + pad;
      const m = materials[material[c]];
      const f = liquidFraction(m, T[q]);
      out.perfusion += dt * volume[c] * m.perfusion * f * (Ta - T[q]);
      out.metabolic += dt * (volume[c] * m.metabolic * f + (cond.cellW ? cond.cellW[c] : 0));
      if (c + 1 < n) across(c, c + 1, gx[q]);
      if (c >= 1) across(c, c - 1, gx[q - 1]);
      if (c + nx < n) across(c, c + nx, gy[q]);
      if (c >= nx) across(c, c - nx, gy[q - nx]);
      if (c + nxy < n) across(c, c + nxy, gz[q]);
      if (c >= nxy) across(c, c - nxy, gz[q - nxy]);
    }
    for (let i = 0; i < links.count; i++) {
      const c = links.cell[i];
      if (!cond.linkOn[i] || !tissue[c]) continue;
      const g = links.area[i] / (links.half[i] / this.kc[c] + 1 / cond.linkH[i]);
      const e = dt * (g * (cond.linkT[i] - T[c + pad]) + cond.linkW[i]);
      if (links.kind[i] === 3 /* contact */) {
        out.probes += e;
        out.perProbe[links.owner[i]] += e;
      } else out.boundaries += e;
    }
    // Needle sources act on probe cells, never on tissue: nothing to add here.
  }

  /** Returns to the state before the last step (after a step the caller rejects). */
  undo(): void {
    const { n, pad } = this.p;
    this.lastDt = 0;
    for (let c = 0; c < n; c++) {
      this.T[c + pad] = this.Told[c];
      this.H[c] = this.Hold[c];
    }
  }

  /** Total enthalpy of the tissue cells, J. */
  tissueEnthalpy(): number {
    const { n, volume, tissue } = this.p;
    let s = 0;
    for (let c = 0; c < n; c++) if (tissue[c]) s += volume[c] * this.H[c];
    return s;
  }
}
