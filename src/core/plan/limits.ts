import type { PlanLimit } from './types.js';

/** A limit as broken, in words: 'pleura colder than 0 °C', 'blisters above low'. */
export function brokenText(l: PlanLimit): string {
  if (l.side_effect) return `${l.structure} above ${l.side_effect.max}`;
  return `${l.kind === 'sensor' ? `thermocouple ${l.structure}` : l.structure} colder than ${l.min_c} °C`;
}

/** What the limit asks, in words: 'stays above 0 °C', 'at most low'. */
export function keptText(l: PlanLimit): string {
  return l.side_effect ? `at most ${l.side_effect.max}` : `stays above ${l.min_c} °C`;
}
