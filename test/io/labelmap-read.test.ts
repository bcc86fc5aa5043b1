/**
 * Labelmap readers against files written here byte by byte from the formats'
 * specifications (NRRD0004, NIfTI-1), and the NRRD outputs read back: the voxels land
 * where the header says, in the input image's space.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readNrrd } from '../../src/io/labelmap/nrrd-read.js';
import { readNifti } from '../../src/io/labelmap/nifti-read.js';
import { decodeLabelmap } from '../../src/io/labelmap/decode.js';
import { LabelmapReadError } from '../../src/io/labelmap/image.js';
import { nrrdVolumes } from '../../src/io/nrrd.js';
import { encodeRuns } from '../../src/core/anatomy/labelmap.js';
import type { ImageSpace, LabelMap } from '../../src/core/model.js';
import { syntheticResult } from './synthetic.js';
import { baseScene } from '../helpers/scene.js';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** 3 x 2 x 2 voxels whose value is their flat index times 1000 (needs 16 bits). */
const VALUES = Array.from({ length: 12 }, (_, q) => q * 1000);

function nrrd(fields: string, body: Uint8Array): Uint8Array {
  return cat(enc(`NRRD0004\n# a comment\n${fields}\nkey:=value\n\n`), body);
}
const SPACE = 'space: right-anterior-superior\nsizes: 3 2 2\nspace directions: (0,2,0) (-1,0,0) (0,0,3)\nspace origin: (10,20,30)';

function ushort(values: number[], little: boolean): Uint8Array {
  const b = new Uint8Array(values.length * 2);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => {
    v.setUint16(2 * i, x, little);
  });
  return b;
}

test('NRRD: raw big-endian, gzip little-endian and ASCII data read to the same voxels and space', () => {
  const files = [
    nrrd(`type: unsigned short\ndimension: 3\n${SPACE}\nendian: big\nencoding: raw`, ushort(VALUES, false)),
    nrrd(`type: uint16\ndimension: 3\n${SPACE}\nendian: little\nencoding: gzip`, gzipSync(ushort(VALUES, true))),
    nrrd(`type: ushort\ndimension: 3\n${SPACE}\nencoding: ascii`, enc(VALUES.join(' '))),
  ];
  for (const f of files) {
    const im = readNrrd(f);
    assert.deepEqual([...im.data], VALUES);
    assert.deepEqual(im.space.size, [3, 2, 2]);
    assert.deepEqual(im.space.spacing_mm, [2, 1, 3]);
    assert.deepEqual(im.space.direction, [
      [0, 1, 0],
      [-1, 0, 0],
      [0, 0, 1],
    ]);
    assert.deepEqual(im.space.origin_mm, [10, 20, 30]);
    assert.equal(im.space.space, 'right-anterior-superior');
  }
});

test('NRRD: what cannot be a labelmap is refused with the reason', () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [nrrd(`type: float\ndimension: 3\n${SPACE}\nendian: little\nencoding: raw`, new Uint8Array(48)), /unsupported NRRD type 'float'/],
    [nrrd(`type: uchar\ndimension: 4\nsizes: 2 3 2 2\nencoding: raw`, new Uint8Array(24)), /dimension 4: a labelmap must be 3D/],
    [nrrd(`type: uchar\ndimension: 3\n${SPACE}\nencoding: raw`, new Uint8Array(5)), /hold 5 bytes.*need 12: the file is cut short/],
    [nrrd(`type: uchar\ndimension: 3\n${SPACE}\nencoding: gzip`, gzipSync(new Uint8Array(12)).subarray(0, 10)), /cannot be decompressed|cut short/],
    [nrrd(`type: uchar\ndimension: 3\n${SPACE}\nencoding: bzip2`, new Uint8Array(12)), /unsupported NRRD encoding 'bzip2'/],
    [nrrd(`type: uchar\ndimension: 3\n${SPACE}\ndata file: x.raw\nencoding: raw`, new Uint8Array(0)), /detached header/],
    [enc('P6 not a nrrd at all\n\n'), /not an NRRD file/],
  ];
  for (const [bytes, why] of cases)
    assert.throws(
      () => readNrrd(bytes),
      (e: Error) => e instanceof LabelmapReadError && why.test(e.message),
      String(why),
    );
  assert.throws(() => decodeLabelmap(new Uint8Array(4), 'seg.mha'), /must be a \.nrrd, \.nii or \.nii\.gz file/);
});

/** A NIfTI-1 single file (.nii): 348-byte header, 4 bytes of extension flag, int16 data; the affine in srow (sform_code 1). */
function nifti(values: number[], srow: number[][], datatype = 4, slope = 0): Uint8Array {
  const b = new Uint8Array(352 + values.length * 2);
  const v = new DataView(b.buffer);
  v.setInt32(0, 348, true);
  [3, 3, 2, 2, 1, 1, 1, 1].forEach((d, i) => {
    v.setInt16(40 + 2 * i, d, true);
  });
  v.setInt16(70, datatype, true);
  v.setInt16(72, 16, true);
  [1, Math.hypot(srow[0][0], srow[1][0], srow[2][0]), 1, 1, 1, 1, 1, 1].forEach((d, i) => {
    v.setFloat32(76 + 4 * i, d, true);
  });
  v.setFloat32(108, 352, true);
  v.setFloat32(112, slope, true);
  v.setInt16(254, 1, true); // sform_code
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) v.setFloat32(280 + 16 * r + 4 * c, srow[r][c], true);
  b.set(enc('n+1\0'), 344);
  values.forEach((x, i) => {
    v.setInt16(352 + 2 * i, x, true);
  });
  return b;
}

test('NIfTI (.nii and .nii.gz, by nifti-reader-js): voxels and the sform affine as the image space (RAS)', () => {
  const srow = [
    [0, -1.5, 0, 5],
    [2, 0, 0, -7],
    [0, 0, 0.5, 9],
  ];
  const vals = VALUES.map((v) => v / 1000 - 3);
  for (const [bytes, name] of [
    [nifti(vals, srow), 'seg.nii'],
    [gzipSync(nifti(vals, srow)), 'seg.nii.gz'],
  ] as const) {
    const im = decodeLabelmap(bytes, name);
    assert.equal(im.format, 'nifti');
    assert.deepEqual([...im.data], vals);
    assert.deepEqual(im.space.size, [3, 2, 2]);
    assert.deepEqual(im.space.origin_mm, [5, -7, 9]);
    assert.deepEqual(im.space.spacing_mm, [2, 1.5, 0.5]);
    assert.deepEqual(im.space.direction, [
      [0, 1, 0],
      [-1, 0, 0],
      [0, 0, 1],
    ]);
    assert.equal(im.space.space, 'right-anterior-superior');
  }
  assert.throws(() => readNifti(nifti(vals, srow, 16)), /unsupported NIfTI datatype 16/);
  assert.throws(() => readNifti(nifti(vals, srow, 4, 2)), /values are scaled/);
  assert.throws(() => readNifti(new Uint8Array(400)), /not a NIfTI file/);
});

/** Rotated 30° about z and tilted: no axis of the image is a case axis. */
function obliqueSpace(): ImageSpace {
  const c = Math.cos(Math.PI / 6),
    s = Math.sin(Math.PI / 6);
  return {
    size: [9, 11, 13],
    origin_mm: [-42.7, 8.2, 107.5],
    spacing_mm: [0.7, 0.6, 0.9],
    direction: [
      [c, s, 0],
      [-s, c, 0],
      [0, 0, -1],
    ],
    space: 'left-posterior-superior',
  };
}

test('NRRD outputs of a labelled case: written on the input image space (oblique direction included), each voxel the value of the cell at its centre', () => {
  const r = syntheticResult();
  const space = obliqueSpace();
  const offset: [number, number, number] = [-43, 10, 100];
  const labelmap: LabelMap = { space, offset_mm: offset, runs: encodeRuns(new Uint8Array(9 * 11 * 13)), labels: [] };
  const scene = baseScene({ labelmap, body_temperature_c: 37 });
  const vols = nrrdVolumes(r, scene);
  for (const [name, bytes] of Object.entries(vols)) {
    const back = readNrrdFloatOrLabel(bytes);
    assert.deepEqual(back.space.size, space.size, name);
    assert.equal(back.space.space, space.space, name);
    for (let a = 0; a < 3; a++) {
      assert.ok(Math.abs(back.space.origin_mm[a] - space.origin_mm[a]) < 1e-9, `${name}: origin`);
      assert.ok(Math.abs(back.space.spacing_mm[a] - space.spacing_mm[a]) < 1e-9, `${name}: spacing`);
      for (let b = 0; b < 3; b++) assert.ok(Math.abs(back.space.direction[a][b] - space.direction[a][b]) < 1e-9, `${name}: direction`);
    }
  }
  // Voxel by voxel: its centre from the header by hand, the synthetic field there (T = x + 10 y - z at cell centres).
  const T = readNrrdFloatOrLabel(vols.final_temperature);
  const g = r.grid;
  const cellOf = (e: Float64Array, v: number) => e.findIndex((_, q) => q + 1 < e.length && e[q] <= v && v < e[q + 1]);
  let inside = 0;
  for (let k = 0; k < 13; k++)
    for (let j = 0; j < 11; j++)
      for (let i = 0; i < 9; i++) {
        const p = [0, 1, 2].map(
          (b) => space.origin_mm[b] + i * 0.7 * space.direction[0][b] + j * 0.6 * space.direction[1][b] + k * 0.9 * space.direction[2][b] - offset[b],
        );
        const [ci, cj, ck] = [cellOf(g.x_edges_mm, p[0]), cellOf(g.y_edges_mm, p[1]), cellOf(g.z_edges_mm, p[2])];
        const v = T.values[i + 9 * (j + 11 * k)];
        if (ci < 0 || cj < 0 || ck < 0) {
          assert.equal(v, 37, 'outside the domain: body temperature');
          continue;
        }
        inside++;
        assert.equal(v, r.fields.final_c[ci + 3 * (cj + 4 * ck)]);
      }
  assert.ok(inside > 50, `${inside} voxels inside the domain`);
});

/** Reads back any of the output volumes (float or uchar) with the space fields. */
function readNrrdFloatOrLabel(bytes: Uint8Array): { space: ImageSpace; values: Float32Array | Uint8Array } {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 2000));
  if (/^type: uchar$/m.test(text)) {
    const im = readNrrd(bytes);
    return { space: im.space, values: im.data as Uint8Array };
  }
  // The reader takes integer labels only: read the float volume's header through it with the type swapped.
  const swapped = new Uint8Array(bytes);
  const at = text.indexOf('type: float');
  swapped.set(enc('type: int  '), at);
  const im = readNrrd(swapped);
  return { space: im.space, values: new Float32Array(new Int32Array(im.data).buffer) };
}
