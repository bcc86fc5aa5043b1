import type { Cooling, Phase, Probe } from '../model.js';
import { coolingBreakpoints } from '../probe/cooling.js';
import { sprayToggles } from '../probe/spray.js';

/** What a probe does during one phase. */
export type ProbeAction = { kind: 'cool'; cooling: Cooling; phaseStart: number } | { kind: 'hold'; temperature_c: number } | { kind: 'off' };

export interface PhaseWindow {
  index: number;
  phase: Phase;
  start: number;
  end: number;
  /** 'freeze 1', 'thaw 1', 'freeze 2', ... */
  label: string;
}

export function phaseWindows(phases: Phase[]): PhaseWindow[] {
  let t = 0;
  const counts = { freeze: 0, thaw: 0 };
  return phases.map((phase, index) => {
    counts[phase.kind] += 1;
    const w = { index, phase, start: t, end: t + phase.duration_s, label: `${phase.kind} ${counts[phase.kind]}` };
    t += phase.duration_s;
    return w;
  });
}

export function totalTime(phases: Phase[]): number {
  return phases.reduce((s, p) => s + p.duration_s, 0);
}

export function freezeTime(phases: Phase[]): number {
  return phases.filter((p) => p.kind === 'freeze').reduce((s, p) => s + p.duration_s, 0);
}

export function probeAction(w: PhaseWindow, probe: Probe): ProbeAction {
  // A warming catheter circulates its warm fluid throughout, freeze and thaw alike.
  if (probe.kind === 'needle' && probe.purpose === 'warming') return { kind: 'cool', cooling: probe.cooling, phaseStart: 0 };
  const ph = w.phase;
  const included = !ph.probes || ph.probes.includes(probe.id);
  if (ph.kind === 'freeze') return included ? { kind: 'cool', cooling: probe.cooling, phaseStart: w.start } : { kind: 'off' };
  if (ph.thaw === 'active' && included) return { kind: 'hold', temperature_c: ph.thaw_temperature_c ?? 37 };
  return { kind: 'off' };
}

/** Times the stepper must land on: phase boundaries and corners of the cooling curves. */
export function breakpoints(phases: Phase[], probes: Probe[]): number[] {
  const out = new Set<number>();
  for (const w of phaseWindows(phases)) {
    out.add(w.start);
    out.add(w.end);
    if (w.phase.kind === 'freeze') {
      for (const p of probes) {
        const corners = [...coolingBreakpoints(p.cooling), ...(p.kind === 'spray' ? sprayToggles(p, w.phase.duration_s) : [])];
        for (const b of corners) if (b > 0 && b < w.phase.duration_s) out.add(w.start + b);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Times inside freezes at which a spray switches on or off: the boundary changes abruptly there, as at a phase's start. */
export function sprayToggleTimes(phases: Phase[], probes: Probe[]): number[] {
  const out: number[] = [];
  for (const w of phaseWindows(phases)) {
    if (w.phase.kind !== 'freeze') continue;
    for (const p of probes) {
      if (p.kind !== 'spray') continue;
      for (const b of sprayToggles(p, w.phase.duration_s)) if (b > 0 && b < w.phase.duration_s) out.push(w.start + b);
    }
  }
  return out.sort((a, b) => a - b);
}
