import type { Problem } from './problem.js';
import { LinkKind } from './problem.js';
import type { PhaseWindow } from '../protocol/schedule.js';
import { probeAction } from '../protocol/schedule.js';
import { curveTemperature } from '../probe/cooling.js';

/** The time-dependent part of the problem during one step (evaluated at the step's end: backward Euler). */
export interface Conditions {
  /** 1 where the cell's temperature is prescribed. */
  held: Uint8Array;
  heldT: Float64Array;
  /** Per boundary link: 1 if it exchanges heat, its outside temperature, and a prescribed heat flow (W, into the tissue). */
  linkOn: Uint8Array;
  linkT: Float64Array;
  linkW: Float64Array;
  /** Surface conductance of each link, W/(m^2 K) (Infinity: held). */
  linkH: Float64Array;
  /** Cell sources of needle probes: conductance to a cryogen (W/K) at a temperature, or a fixed heat flow (W, into the cell). */
  srcCell: Int32Array;
  srcG: Float64Array;
  srcT: Float64Array;
  srcW: Float64Array;
  /** Optional extra heat source per cell, W (manufactured-solution tests; external heating). */
  cellW: Float64Array | null;
}

export function allocateConditions(p: Problem): Conditions {
  const nSrc = p.needles.reduce((s, nd) => s + nd.cells.length, 0);
  const srcCell = new Int32Array(nSrc);
  let q = 0;
  for (const nd of p.needles) for (const c of nd.cells) srcCell[q++] = c;
  return {
    held: new Uint8Array(p.n),
    heldT: new Float64Array(p.n),
    linkOn: new Uint8Array(p.links.count),
    linkT: new Float64Array(p.links.count),
    linkW: new Float64Array(p.links.count),
    linkH: new Float64Array(p.links.count),
    srcCell,
    srcG: new Float64Array(nSrc),
    srcT: new Float64Array(nSrc),
    srcW: new Float64Array(nSrc),
    cellW: null,
  };
}

/**
 * Fills the conditions at time t within phase window w (w = null: no probe cools,
 * as before the procedure starts).
 */
export function evaluateConditions(p: Problem, w: PhaseWindow | null, t: number, out: Conditions): void {
  const scene = p.scene;
  out.held.fill(0);
  for (const c of p.vesselCells) {
    out.held[c] = 1;
    out.heldT[c] = p.raster.heldTemperature[c];
  }
  const actions = scene.probes.map((probe) => (w ? probeAction(w, probe) : { kind: 'off' as const }));

  let q = 0;
  for (const nd of p.needles) {
    const a = actions[nd.probe];
    let held = false;
    let heldT = 0;
    let g = 0,
      gT = 0,
      watts = 0;
    if (a.kind === 'hold') {
      held = true;
      heldT = a.temperature_c;
    } else if (a.kind === 'cool') {
      const c = a.cooling;
      if (c.mode === 'temperature') {
        held = true;
        heldT = curveTemperature(c.curve, t - a.phaseStart);
      } else if (c.mode === 'cryogen') {
        g = c.h_w_m2k * nd.surface;
        gT = c.temperature_c;
      } else {
        watts = -c.watts;
      }
    }
    for (const cell of nd.cells) {
      const share = nd.volume > 0 ? p.volume[cell] / nd.volume : 0;
      out.srcG[q] = g * share;
      out.srcT[q] = gT;
      out.srcW[q] = watts * share;
      if (held) {
        out.held[cell] = 1;
        out.heldT[cell] = heldT;
      }
      q++;
    }
  }

  const L = p.links;
  const surface = scene.domain.boundaries.surface;
  for (let i = 0; i < L.count; i++) {
    out.linkW[i] = 0;
    out.linkOn[i] = 1;
    out.linkH[i] = L.h[i];
    switch (L.kind[i]) {
      case LinkKind.Far:
        out.linkT[i] = scene.body_temperature_c;
        break;
      case LinkKind.Air:
        out.linkT[i] = surface.kind === 'convection' ? surface.air_temperature_c : 0;
        break;
      case LinkKind.Warmer:
        out.linkT[i] = scene.warmers[L.owner[i]].temperature_c;
        break;
      case LinkKind.Contact: {
        const a = actions[L.owner[i]];
        const contact = p.contacts.find((c) => c.probe === L.owner[i])!;
        out.linkOn[i] = 0;
        if (a.kind === 'hold') {
          out.linkOn[i] = 1;
          out.linkT[i] = a.temperature_c;
        } else if (a.kind === 'cool') {
          const c = a.cooling;
          if (c.mode === 'temperature') {
            out.linkOn[i] = 1;
            out.linkT[i] = curveTemperature(c.curve, t - a.phaseStart);
          } else if (c.mode === 'cryogen') {
            out.linkOn[i] = 1;
            out.linkT[i] = c.temperature_c;
            out.linkH[i] = c.h_w_m2k;
          } else {
            out.linkW[i] = contact.area > 0 ? (-c.watts * L.area[i]) / contact.area : 0;
          }
        }
        break;
      }
    }
  }
}
