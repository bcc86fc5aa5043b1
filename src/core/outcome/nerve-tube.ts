import type { Structure, TubeStructure } from '../model.js';

/**
 * The tube a nerve structure is, for the outcomes that read a nerve's cross-sections:
 * an analytic nerve is one; a labelled nerve has the tube its voxels fill (found when
 * the case was resolved). Null for anything that is not a nerve.
 */
export function nerveTube(s: Structure): TubeStructure | null {
  if (s.role !== 'nerve') return null;
  if (s.kind === 'tube') return s;
  if (s.kind === 'label' && s.nerve) {
    const { nerve, kind: _kind, value: _value, bounds_mm: _bounds, ...rest } = s;
    return { ...rest, kind: 'tube', ...nerve };
  }
  return null;
}
