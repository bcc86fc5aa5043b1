import type { ImageSpace } from '../../core/model.js';

/** Integer voxel types a labelmap may have (NRRD and NIfTI alike). */
export type LabelData = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** A labelled volume as read from its file: its voxel lattice in physical space and its values (i fastest). */
export interface LabelImage {
  space: ImageSpace;
  data: LabelData;
  /** 'nrrd' or 'nifti', for messages. */
  format: string;
}

/** A labelmap file that cannot be used: the message says why, in the file's own terms. */
export class LabelmapReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelmapReadError';
  }
}

/** The spacing and unit direction of each index axis from its step vector (NRRD space directions, a NIfTI affine's columns). */
export function axesFromSteps(steps: number[][], where: string): Pick<ImageSpace, 'spacing_mm' | 'direction'> {
  const spacing = steps.map((v) => Math.hypot(v[0], v[1], v[2]));
  const bad = spacing.findIndex((s) => !(s > 0) || !Number.isFinite(s));
  if (bad >= 0) throw new LabelmapReadError(`${where}: axis ${'ijk'[bad]} has no length (step (${steps[bad].join(', ')}))`);
  return {
    spacing_mm: spacing as [number, number, number],
    direction: steps.map((v, a) => [v[0] / spacing[a], v[1] / spacing[a], v[2] / spacing[a]]) as ImageSpace['direction'],
  };
}
