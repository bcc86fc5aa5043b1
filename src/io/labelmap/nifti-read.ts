import * as nifti from 'nifti-reader-js';
import type { Vec3 } from '../../core/model.js';
import { axesFromSteps, LabelmapReadError, type LabelData, type LabelImage } from './image.js';

const T = nifti.NIFTI1;
const TYPES = new Map<number, { name: string; bytes: number; make: (n: number) => LabelData; get: (v: DataView, o: number, le: boolean) => number }>([
  [T.TYPE_UINT8, { name: 'uint8', bytes: 1, make: (n) => new Uint8Array(n), get: (v, o) => v.getUint8(o) }],
  [T.TYPE_INT8, { name: 'int8', bytes: 1, make: (n) => new Int8Array(n), get: (v, o) => v.getInt8(o) }],
  [T.TYPE_INT16, { name: 'int16', bytes: 2, make: (n) => new Int16Array(n), get: (v, o, le) => v.getInt16(o, le) }],
  [T.TYPE_UINT16, { name: 'uint16', bytes: 2, make: (n) => new Uint16Array(n), get: (v, o, le) => v.getUint16(o, le) }],
  [T.TYPE_INT32, { name: 'int32', bytes: 4, make: (n) => new Int32Array(n), get: (v, o, le) => v.getInt32(o, le) }],
  [T.TYPE_UINT32, { name: 'uint32', bytes: 4, make: (n) => new Uint32Array(n), get: (v, o, le) => v.getUint32(o, le) }],
]);

/**
 * Reads a labelmap saved as NIfTI (ITK-SNAP's and many pipelines' .nii / .nii.gz) with
 * nifti-reader-js. Its space is the scanner's RAS as the header's affine gives it
 * (sform or qform, as the library chooses by their codes).
 */
export function readNifti(bytes: Uint8Array): LabelImage {
  let buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    if (nifti.isCompressed(buf)) buf = nifti.decompress(buf) as ArrayBuffer;
  } catch (e) {
    throw new LabelmapReadError(`the gzip data cannot be decompressed (${e instanceof Error ? e.message : String(e)}): the file is damaged or cut short`);
  }
  if (!nifti.isNIFTI(buf)) throw new LabelmapReadError('not a NIfTI file (no NIfTI-1 or NIfTI-2 magic in its header)');
  const h = nifti.readHeader(buf);
  if (!h) throw new LabelmapReadError('the NIfTI header cannot be read');
  const dims = h.dims;
  if (dims[0] < 3 || dims.slice(4, dims[0] + 1).some((d) => d > 1))
    throw new LabelmapReadError(`a labelmap must be 3D (this image has ${dims[0]} dimensions: ${dims.slice(1, dims[0] + 1).join(' x ')})`);
  const type = TYPES.get(h.datatypeCode);
  if (!type)
    throw new LabelmapReadError(
      `unsupported NIfTI datatype ${h.datatypeCode}: a labelmap holds integer labels (uint8, int8, int16, uint16, int32, uint32); convert floating-point volumes to a labelmap first`,
    );
  if (h.scl_slope !== 0 && (h.scl_slope !== 1 || h.scl_inter !== 0))
    throw new LabelmapReadError(
      `the voxel values are scaled (scl_slope ${h.scl_slope}, scl_inter ${h.scl_inter}): a labelmap's values must be the labels themselves`,
    );
  const size = [dims[1], dims[2], dims[3]] as [number, number, number];
  const n = size[0] * size[1] * size[2];
  let raw: ArrayBuffer;
  try {
    raw = nifti.readImage(h, buf);
  } catch (e) {
    throw new LabelmapReadError(`the voxel data cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (raw.byteLength < n * type.bytes)
    throw new LabelmapReadError(
      `the data hold ${raw.byteLength} bytes, ${size.join(' x ')} voxels of ${type.name} need ${n * type.bytes}: the file is cut short`,
    );
  const view = new DataView(raw);
  const data = type.make(n);
  for (let i = 0; i < n; i++) data[i] = type.get(view, i * type.bytes, h.littleEndian);
  const A = h.affine;
  const steps = [0, 1, 2].map((c) => [A[0][c], A[1][c], A[2][c]]);
  const origin: Vec3 = [A[0][3], A[1][3], A[2][3]];
  const scanner = h.qform_code > 0 || h.sform_code > 0;
  return {
    format: 'nifti',
    data,
    space: { size, origin_mm: origin, ...axesFromSteps(steps, 'the NIfTI affine'), ...(scanner ? { space: 'right-anterior-superior' } : {}) },
  };
}
