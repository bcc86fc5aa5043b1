import type { Phase } from '../model.js';

/** One phase as the description needs it. */
export interface PhaseWords {
  freeze: boolean;
  s: number;
  active?: boolean;
}

/**
 * The protocol in words: "2 × 90 s freeze, 20 s passive thaw between" when the
 * freezes and thaws repeat alike, else each phase in order. Every text that
 * describes what ran (report, patient sheet, digest, `cryoplan conditions`) uses
 * this on the resolved phases, so that a flag that changes the protocol changes
 * the words too.
 */
export function protocolWords(ph: PhaseWords[]): string {
  const freezes = ph.filter((p) => p.freeze);
  const thaws = ph.filter((p) => !p.freeze);
  const same = (xs: PhaseWords[]) => xs.every((x) => x.s === xs[0].s && Boolean(x.active) === Boolean(xs[0].active));
  if (freezes.length && same(freezes) && same(thaws)) {
    const f = `${freezes.length > 1 ? `${freezes.length} × ` : ''}${freezes[0].s} s freeze`;
    return thaws.length ? `${f}, ${thaws[0].s} s ${thaws[0].active ? 'active' : 'passive'} thaw${ph[ph.length - 1].freeze ? ' between' : ' after each'}` : f;
  }
  return ph.map((p) => `${p.s} s ${p.freeze ? 'freeze' : `${p.active ? 'active' : 'passive'} thaw`}`).join(', ');
}

/** The resolved protocol in words. */
export function describeProtocol(phases: Phase[]): string {
  return protocolWords(phases.map((p) => ({ freeze: p.kind === 'freeze', s: p.duration_s, active: p.thaw === 'active' })));
}
