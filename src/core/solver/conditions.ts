import type { Problem } from './problem.js';
import { LinkKind } from './problem.js';
import type { PhaseWindow } from '../protocol/schedule.js';
import { probeAction } from '../protocol/schedule.js';
import { curveTemperature } from '../probe/cooling.js';
import { sprayOn } from '../probe/spray.js';

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
  /** Per probe (scene order): 1 while a needle's active segment is a cut (it cools or is held), 0 while it just conducts. */
  cut: Uint8Array;
  /** Cell sources of needle probes at a fixed power (their steel spreads it): a fixed heat flow (W, into the cell); srcG, srcT stay 0. */
  srcCell: Int32Array;
  srcG: Float64Array;
  srcT: Float64Array;
  srcW: Float64Array;
  /** Optional extra heat source per cell, W (manufactured-solution tests; external heating). */
  cellW: Float64Array | null;
  /** Scratch: per needle link, 1 once one copy of it (links.copyOf) exchanges heat this step. */
  taken: Uint8Array;
}

export function allocateConditions(p: Problem): Conditions {
  const nSrc = p.needles.reduce((s, nd) => s + nd.cells.length, 0);
  const srcCell = new Int32Array(nSrc);
  let q = 0;
  for (const nd of p.needles) for (const c of nd.cells) srcCell[q++] = c;
  return {
    cut: new Uint8Array(p.scene.probes.length),
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
    taken: new Uint8Array(p.links.copyOf.some((q) => q >= 0) ? p.links.count : 0),
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

  // A cooling needle is a cut in the grid: its cells are held (decoupled: the solver
  // zeroes their conductivity) and its heat flows through the cut links at its
  // surface. At a fixed power the steel stays and spreads the heat it gives up over
  // its cells (drawn from the surface cells alone, a fixed rate would have no
  // bound on how cold the thinnest of them become).
  out.cut.fill(0);
  out.srcW.fill(0);
  let q = 0;
  for (const nd of p.needles) {
    const a = actions[nd.probe];
    const power = a.kind === 'cool' && a.cooling.mode === 'power' ? a.cooling.watts : Number.NaN;
    if (!Number.isNaN(power)) {
      for (const cell of nd.cells) out.srcW[q++] = nd.volume > 0 ? (-power * p.volume[cell]) / nd.volume : 0;
      continue;
    }
    q += nd.cells.length;
    if (a.kind === 'off') continue;
    out.cut[nd.probe] = 1;
    const heldT =
      a.kind === 'hold'
        ? a.temperature_c
        : a.cooling.mode === 'temperature'
          ? curveTemperature(a.cooling.curve, t - a.phaseStart)
          : a.cooling.mode === 'cryogen'
            ? a.cooling.temperature_c
            : Number.NaN;
    for (const cell of nd.cells) {
      out.held[cell] = 1;
      out.heldT[cell] = heldT;
    }
  }

  // A spray sprays only while it freezes, and then only in the on-times of its pattern.
  const spraying = scene.probes.map((probe, pi) => {
    const a = actions[pi];
    return probe.kind === 'spray' && a.kind === 'cool' && sprayOn(probe, t - a.phaseStart);
  });

  const L = p.links;
  const surface = scene.domain.boundaries.surface;
  const np = scene.probes.length;
  // Per needle probe, once its first link is met: whether its links exchange heat (-1: not yet worked out), their temperature and conductance (NaN: the link's own).
  const needleOn = new Int8Array(np).fill(-1);
  const needleT = new Float64Array(np);
  const needleH = new Float64Array(np).fill(Number.NaN);
  out.taken.fill(0);
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
        // Under a spray's spot: open to air only while it does not spray.
        if (L.owner[i] >= 0 && spraying[L.owner[i]]) out.linkOn[i] = 0;
        break;
      case LinkKind.Warmer:
        out.linkT[i] = scene.warmers[L.owner[i]].temperature_c;
        break;
      case LinkKind.Needle: {
        // (The same for every link of the needle: worked out once per probe.)
        const pi = L.owner[i];
        if (needleOn[pi] < 0) {
          const a = actions[pi];
          const nd = p.needles.find((x) => x.probe === pi)!;
          needleOn[pi] = 0;
          if (a.kind === 'hold') {
            needleOn[pi] = 1;
            needleT[pi] = a.temperature_c;
          } else if (a.kind === 'cool') {
            const c = a.cooling;
            needleOn[pi] = 1;
            if (c.mode === 'temperature') needleT[pi] = curveTemperature(c.curve, t - a.phaseStart);
            else if (c.mode === 'cryogen') {
              // The cryogen draws through the active lateral surface (as calibrated): the
              // links' faces share it in proportion to their areas.
              needleT[pi] = c.temperature_c;
              needleH[pi] = nd.cutArea > 0 ? (c.h_w_m2k * nd.surface) / nd.cutArea : 0;
            } else needleOn[pi] = 0; // a fixed power is drawn from the probe's cells
          }
        }
        out.linkOn[i] = needleOn[pi];
        // A stretch that several needles share (a pull-back's two positions) is cooled by
        // whichever of them cools, through its copy of each link: the first in scene order
        // if both do (one needle in two places at once has no meaning beyond that).
        const first = L.copyOf[i];
        if (first >= 0 && needleOn[pi]) {
          if (out.taken[first]) out.linkOn[i] = 0;
          out.taken[first] = 1;
        }
        if (out.linkOn[i]) {
          out.linkT[i] = needleT[pi];
          if (!Number.isNaN(needleH[pi])) out.linkH[i] = needleH[pi];
        }
        break;
      }
      case LinkKind.Contact: {
        const a = actions[L.owner[i]];
        const contact = p.contacts.find((c) => c.probe === L.owner[i])!;
        out.linkOn[i] = 0;
        if (scene.probes[L.owner[i]].kind === 'spray') {
          // The boiling cryogen behind its heat-transfer coefficient (or a held surface); a power is refused at resolve.
          const c = a.kind === 'cool' ? a.cooling : null;
          if (!spraying[L.owner[i]] || !c || c.mode === 'power') break;
          out.linkOn[i] = 1;
          out.linkT[i] = c.mode === 'temperature' ? curveTemperature(c.curve, t - (a as { phaseStart: number }).phaseStart) : c.temperature_c;
          out.linkH[i] = c.mode === 'cryogen' ? c.h_w_m2k : Infinity;
          break;
        }
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
            // A fixed rate through the footprint: the link carries it with no conductance.
            out.linkOn[i] = 1;
            out.linkT[i] = 0;
            out.linkH[i] = 0;
            out.linkW[i] = contact.area > 0 ? (-c.watts * L.area[i]) / contact.area : 0;
          }
        }
        break;
      }
    }
  }
}
