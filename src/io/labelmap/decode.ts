import { LabelmapReadError, type LabelImage } from './image.js';
import { readNifti } from './nifti-read.js';
import { readNrrd } from './nrrd-read.js';

/** Which reader a labelmap file needs, by its name. */
export function labelmapFormat(name: string): 'nrrd' | 'nifti' | null {
  if (/\.nrrd$/i.test(name)) return 'nrrd';
  if (/\.nii(\.gz)?$/i.test(name)) return 'nifti';
  return null;
}

/** A labelmap from its file's bytes (pure: the caller reads the file). */
export function decodeLabelmap(bytes: Uint8Array, name: string): LabelImage {
  const format = labelmapFormat(name);
  if (format === 'nrrd') return readNrrd(bytes);
  if (format === 'nifti') return readNifti(bytes);
  throw new LabelmapReadError('a labelmap must be a .nrrd, .nii or .nii.gz file');
}
