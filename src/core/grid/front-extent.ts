/**
 * How far a probe's ice front will travel during the case's freezes: the auto grid is
 * fine where a front passes and coarse where nothing happens. Estimates, on the safe
 * (larger) side, from the probe's coldest temperature, the tissue it sits in and the
 * total freeze time:
 * - a contact probe's front is Neumann's planar solution (Carslaw & Jaeger 1959,
 *   §11.2), the exact answer for a plate much wider than the front is deep;
 * - a needle's front is the quasi-steady Stefan estimate around a cylinder held cold,
 *   L_eff dR/dt = k_s ΔT / (R ln(R/a)), which leaves out the warm side's heat and
 *   perfusion and so runs ahead of the true front (9.1 mm against the converged
 *   6.7 mm 0 °C radius of the reference case).
 */
import type { Cooling, Layer, NeedleProbe, ContactProbe, Scene, SprayProbe, Tissue } from '../model.js';
import { neumannFront } from '../analytic/neumann.js';
import { freezeTime } from '../protocol/schedule.js';

/** A probe cooled by a fixed power has no temperature to drive the estimate: an N2O-class tip. */
const POWER_MODE_TEMPERATURE_C = -70;

export function coldestTemperature(c: Cooling): number {
  // A loop, not Math.min(...curve): a logged probe trace has far more points than a call takes arguments.
  if (c.mode === 'temperature') return c.curve.reduce((m, p) => Math.min(m, p[1]), Infinity);
  if (c.mode === 'cryogen') return c.temperature_c;
  return POWER_MODE_TEMPERATURE_C;
}

/** The layer at depth z (mm); the last one fills the rest. */
function layerAt(layers: Layer[], z: number): Layer | undefined {
  let depth = 0;
  for (const l of layers) {
    depth += l.thickness_mm;
    if (z < depth) return l;
  }
  return layers[layers.length - 1];
}

function tissueOf(scene: Scene, layer: Layer | undefined): Tissue | undefined {
  return layer ? scene.tissues[layer.tissue] : undefined;
}

/** Soft tissue (Rabin & Shitzer 1998) where a scene has no layer to read. */
const FALLBACK: Pick<Tissue, 'k_frozen_w_mk' | 'c_frozen_j_m3k' | 'k_unfrozen_w_mk' | 'c_unfrozen_j_m3k' | 'latent_j_m3' | 'solidus_c' | 'liquidus_c'> = {
  k_frozen_w_mk: 2.0,
  c_frozen_j_m3k: 1.8e6,
  k_unfrozen_w_mk: 0.5,
  c_unfrozen_j_m3k: 3.6e6,
  latent_j_m3: 2.5e8,
  solidus_c: -8,
  liquidus_c: -1,
};

/** The temperature the front is drawn at: the tissue's freezing interval's middle. */
function freezingC(t: typeof FALLBACK): number {
  return 0.5 * (t.solidus_c + t.liquidus_c);
}

/**
 * Depth (mm) that a contact probe's planar front reaches by the end of the freezes:
 * the deepest of Neumann's fronts over the layers it may cross (each layer's tissue
 * as if it filled the half-space), so that a layered skin is not under-refined.
 */
export function contactFrontDepthMm(scene: Scene, p: ContactProbe | SprayProbe): number {
  const t = freezeTime(scene.protocol);
  const cold = coldestTemperature(p.cooling);
  const tissues = scene.layers.length ? scene.layers.map((l) => tissueOf(scene, l) ?? FALLBACK) : [FALLBACK];
  let depth = 0;
  for (const ti of tissues) {
    const tf = freezingC(ti);
    if (!(cold < tf) || !(t > 0)) continue;
    const x = neumannFront(
      {
        kFrozen: ti.k_frozen_w_mk,
        cFrozen: ti.c_frozen_j_m3k,
        kLiquid: ti.k_unfrozen_w_mk,
        cLiquid: ti.c_unfrozen_j_m3k,
        latent: Math.max(ti.latent_j_m3, 1),
        tFreeze: tf,
        tSurface: cold,
        tInitial: Math.max(scene.body_temperature_c, tf),
      },
      t,
    );
    depth = Math.max(depth, x * 1e3);
  }
  return depth;
}

/**
 * Radius (mm, from the needle's axis) that a needle's front reaches by the end of the
 * freezes: the quasi-steady cylinder estimate integrated in closed form,
 *   R²/2 ln(R/a) − R²/4 + a²/4 = k_s ΔT t / L_eff,   L_eff = L + C_s ΔT / 2,
 * solved for R by bisection. A warming needle grows no ice: its own radius.
 */
export function needleFrontRadiusMm(scene: Scene, p: NeedleProbe): number {
  const a = p.diameter_mm / 2;
  if (p.purpose === 'warming') return a;
  const t = freezeTime(scene.protocol);
  const mid = p.tip_mm[2] - (p.direction[2] * p.active_length_mm) / 2;
  const ti = tissueOf(scene, layerAt(scene.layers, mid)) ?? FALLBACK;
  const dT = freezingC(ti) - coldestTemperature(p.cooling);
  if (!(dT > 0) || !(t > 0)) return a;
  const lEff = ti.latent_j_m3 + (ti.c_frozen_j_m3k * dT) / 2;
  const rhs = ((ti.k_frozen_w_mk * dT * t) / lEff) * 1e6; // mm²
  const f = (r: number) => (r * r * Math.log(r / a)) / 2 - (r * r) / 4 + (a * a) / 4 - rhs;
  let lo = a;
  let hi = a + 1;
  while (f(hi) < 0) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const m = 0.5 * (lo + hi);
    if (f(m) < 0) lo = m;
    else hi = m;
  }
  return hi;
}
