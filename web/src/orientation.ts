/**
 * The 3D view's orientation cues, in words a clinician reads: which way is deep (and the skin
 * above), the case's axes in the case's own anatomical words where it names its sides (the
 * prostate: right / left, posterior / anterior, apex / base) or as x and y otherwise, and a
 * scale bar of a round length. scene3d.ts draws them over the canvas: an axis triad that turns
 * with the view, the bar sized for the distance of the point the view turns about. Pure:
 * tested in Node.
 */
import type { Scene } from '../../src/core/model.js';

/** The words at the two ends of one of the case's axes (minus: null where the case names no side). */
export interface AxisWords {
  plus: string;
  minus: string | null;
}

/** x, y and depth, each with the words for its ends. */
export function axisWords(scene: Scene): [AxisWords, AxisWords, AxisWords] {
  const names = scene.ablation?.side_names ?? {};
  const axis = (a: 'x' | 'y'): AxisWords => ({ plus: names[`+${a}`] ?? `+${a}`, minus: names[`-${a}`] ?? null });
  return [axis('x'), axis('y'), { plus: names['+z'] ? `deep (${names['+z']})` : 'deep', minus: names['-z'] ? `skin (${names['-z']})` : 'skin' }];
}

const NICE = [0.5, 1, 2, 5, 10, 20, 50, 100, 200];

/** The longest round length not over `max_mm` (the shortest round length when none is). */
export function niceLength(max_mm: number): number {
  let best = NICE[0];
  for (const n of NICE) if (n <= max_mm) best = n;
  return best;
}
