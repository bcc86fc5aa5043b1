import { gunzipSync } from 'fflate';
import type { Vec3 } from '../../core/model.js';
import { axesFromSteps, LabelmapReadError, type LabelData, type LabelImage } from './image.js';

/**
 * Reads a labelmap saved as NRRD (3D Slicer's .nrrd and .seg.nrrd with one layer):
 * one file holding the header and the data, raw or gzip (or ASCII), integer voxels.
 * Written here rather than taken from npm: the one NRRD reader there (nrrd-js 0.2)
 * reads neither gzip nor the space fields, which are the point.
 */

const TYPES: Record<string, { bytes: number; make: (n: number) => LabelData; get: (v: DataView, o: number, le: boolean) => number }> = {};
const add = (names: string[], bytes: number, make: (n: number) => LabelData, get: (v: DataView, o: number, le: boolean) => number) => {
  for (const n of names) TYPES[n] = { bytes, make, get };
};
add(
  ['signed char', 'int8', 'int8_t'],
  1,
  (n) => new Int8Array(n),
  (v, o) => v.getInt8(o),
);
add(
  ['uchar', 'unsigned char', 'uint8', 'uint8_t'],
  1,
  (n) => new Uint8Array(n),
  (v, o) => v.getUint8(o),
);
add(
  ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'],
  2,
  (n) => new Int16Array(n),
  (v, o, le) => v.getInt16(o, le),
);
add(
  ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'],
  2,
  (n) => new Uint16Array(n),
  (v, o, le) => v.getUint16(o, le),
);
add(
  ['int', 'signed int', 'int32', 'int32_t'],
  4,
  (n) => new Int32Array(n),
  (v, o, le) => v.getInt32(o, le),
);
add(
  ['uint', 'unsigned int', 'uint32', 'uint32_t'],
  4,
  (n) => new Uint32Array(n),
  (v, o, le) => v.getUint32(o, le),
);

/** Where the header ends (the first blank line) and the data begins. */
function headerEnd(bytes: Uint8Array): { header: number; data: number } | null {
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i + 1 < limit; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10) return { header: i, data: i + 2 };
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return { header: i, data: i + 3 };
  }
  return null;
}

function vector(text: string, what: string): number[] {
  const v = text
    .replace(/[()]/g, '')
    .split(',')
    .map((s) => Number(s.trim()));
  if (v.length !== 3 || v.some((x) => !Number.isFinite(x))) throw new LabelmapReadError(`${what} must be a vector (x,y,z) (got '${text}')`);
  return v;
}

export function readNrrd(bytes: Uint8Array): LabelImage {
  const ends = headerEnd(bytes);
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (!/^NRRD000[1-5]$/.test(magic)) throw new LabelmapReadError(`not an NRRD file (it does not begin with NRRD0001..NRRD0005)`);
  if (!ends) throw new LabelmapReadError('the NRRD header has no end (no blank line before the data): the file is cut short or not NRRD');
  const lines = new TextDecoder('latin1').decode(bytes.subarray(0, ends.header)).split(/\r?\n/).slice(1);
  const f: Record<string, string> = {};
  for (const line of lines) {
    if (line.startsWith('#') || line.includes(':=') || !line.trim()) continue;
    const at = line.indexOf(': ');
    if (at < 0) throw new LabelmapReadError(`NRRD header line '${line}' is neither 'field: value' nor 'key:=value'`);
    f[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 2).trim();
  }
  if (f['data file'] ?? f.datafile) throw new LabelmapReadError('a detached header (.nhdr with a data file) is not read: save the labelmap as one .nrrd file');
  const dim = Number(f.dimension);
  if (dim !== 3)
    throw new LabelmapReadError(
      `dimension ${f.dimension ?? '(none)'}: a labelmap must be 3D (a segmentation with overlapping segments is 4D: export it as a labelmap volume)`,
    );
  const type = TYPES[(f.type ?? '').toLowerCase()];
  if (!type)
    throw new LabelmapReadError(
      `unsupported NRRD type '${f.type ?? ''}': a labelmap holds integer labels (uchar, char, short, ushort, int, uint); convert floating-point volumes to a labelmap first`,
    );
  const sizes = (f.sizes ?? '').split(/\s+/).map(Number);
  if (sizes.length !== 3 || sizes.some((s) => !Number.isInteger(s) || s < 1))
    throw new LabelmapReadError(`sizes must be three positive integers (got '${f.sizes ?? ''}')`);
  let steps: number[][];
  if (f['space directions']) {
    const parts = f['space directions'].match(/\([^)]*\)|none/g) ?? [];
    if (parts.length !== 3 || parts.includes('none')) throw new LabelmapReadError(`space directions must give three vectors (got '${f['space directions']}')`);
    steps = parts.map((p, a) => vector(p, `space directions (axis ${'ijk'[a]})`));
  } else {
    const sp = (f.spacings ?? '1 1 1').split(/\s+/).map(Number);
    if (sp.length !== 3 || sp.some((s) => !(s > 0))) throw new LabelmapReadError(`spacings must be three positive numbers (got '${f.spacings}')`);
    steps = [
      [sp[0], 0, 0],
      [0, sp[1], 0],
      [0, 0, sp[2]],
    ];
  }
  const origin = (f['space origin'] ? vector(f['space origin'], 'space origin') : [0, 0, 0]) as Vec3;
  if (Number(f['byte skip'] ?? 0) !== 0 || Number(f['line skip'] ?? 0) !== 0)
    throw new LabelmapReadError('byte skip and line skip are not read: save the labelmap again from 3D Slicer');
  const n = sizes[0] * sizes[1] * sizes[2];
  const encoding = (f.encoding ?? '').toLowerCase();
  const body = bytes.subarray(ends.data);
  const data = type.make(n);
  if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') {
    const words = new TextDecoder('latin1').decode(body).trim().split(/\s+/);
    if (words.length < n) throw new LabelmapReadError(`the data hold ${words.length} values, sizes ${sizes.join(' x ')} need ${n}: the file is cut short`);
    for (let i = 0; i < n; i++) data[i] = Number(words[i]);
  } else if (encoding === 'raw' || encoding === 'gzip' || encoding === 'gz') {
    let raw: Uint8Array;
    try {
      raw = encoding === 'raw' ? body : gunzipSync(body);
    } catch (e) {
      throw new LabelmapReadError(`the gzip data cannot be decompressed (${e instanceof Error ? e.message : String(e)}): the file is damaged or cut short`);
    }
    if (raw.length < n * type.bytes)
      throw new LabelmapReadError(`the data hold ${raw.length} bytes, sizes ${sizes.join(' x ')} of ${f.type} need ${n * type.bytes}: the file is cut short`);
    const endian = (f.endian ?? 'little').toLowerCase();
    if (type.bytes > 1 && endian !== 'little' && endian !== 'big') throw new LabelmapReadError(`endian must be little or big (got '${f.endian}')`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const le = endian === 'little';
    for (let i = 0; i < n; i++) data[i] = type.get(view, i * type.bytes, le);
  } else {
    throw new LabelmapReadError(`unsupported NRRD encoding '${f.encoding ?? ''}' (raw, gzip and ascii are read)`);
  }
  const space = f.space ? { space: f.space } : {};
  return { format: 'nrrd', data, space: { size: sizes as [number, number, number], origin_mm: origin, ...axesFromSteps(steps, 'space directions'), ...space } };
}
