/**
 * The solver's per-cell arrays, laid out in one block of memory so that the same
 * arrays can be worked on by the JavaScript kernels or by the WebAssembly ones
 * (which see them as offsets into their linear memory).
 *
 * Padded arrays (length n + 2 pad, pad = nx*ny) are indexed by cell + pad, so that
 * the +-z neighbours of the first and last layer read zeros instead of going out of
 * range; the padding is never written.
 */

/** Bytes every array starts on (a SIMD vector). */
const ALIGN = 16;

/**
 * Names of the arrays, in the order their offsets are handed to the WebAssembly
 * module (kernels.as reads them in this same order: keep the two in step).
 */
export const ARRAY_NAMES = [
  // State
  'T',
  'H',
  'Hold',
  'Told',
  'lastChange',
  // Problem (constant)
  'volume',
  'material',
  'tissue',
  'kScale',
  'hx',
  'hy',
  'hz',
  // Material tables (by material id)
  'mcf',
  'mcm',
  'mcu',
  'mts',
  'mtl',
  'mhl',
  'mkf',
  'mku',
  'mw',
  'mq',
  // Conditions (copied in each step): held cells; the boundary faces that exchange
  // heat and the needles' cell sources, both sorted by cell; extra cell sources.
  'held',
  'heldT',
  'lcell',
  'la',
  'lh',
  'linv',
  'lT',
  'lW',
  'scell',
  'sG',
  'sT',
  'sW',
  'cellW',
  // Newton assembly: conductivity, Kirchhoff potential and the square root of the unknown's scale (kernels/types.ts)
  'kc',
  'phi',
  'sk',
  'chg',
  'gx',
  'gy',
  'gz',
  'flow',
  'mask',
  // Preconditioned system: scaling, scaled faces, Eisenstat diagonal, the split's scaled faces
  'S',
  'ax',
  'ay',
  'az',
  'Kp',
  'ez',
  'rowbuf',
  // CG vectors (X accumulates x' = (I + U')^-1 y)
  'R',
  'P',
  'X',
  'Tt',
  'W',
  'Q',
  // Scalars passed back and forth
  'out',
  // Derived from the problem by begin: 1 where all six neighbours are of the cell's material
  // (appended last, so that a build from before it reads the arrays above in the same places)
  'inner',
  // Row scratch of the assembly sweep's later phases (appended for the same reason)
  'rowbuf2',
] as const;
export type ArrayName = (typeof ARRAY_NAMES)[number];

export interface Dims {
  n: number;
  nx: number;
  ny: number;
  nz: number;
  nxy: number;
  pad: number;
  nMat: number;
  /** Boundary faces (links) and needle cell sources: the most there can be. */
  nLinks: number;
  nSrc: number;
}

type Kind = 'f64' | 'u8' | 'i32';
const BYTES: Record<Kind, number> = { f64: 8, u8: 1, i32: 4 };

function spec(d: Dims): Record<ArrayName, [Kind, number]> {
  const { n, nx, ny, nz, pad, nMat } = d;
  const L = Math.max(d.nLinks, 1),
    M = Math.max(d.nSrc, 1);
  const P = n + 2 * pad;
  const m = Math.max(nMat, 1);
  return {
    T: ['f64', P],
    H: ['f64', n],
    Hold: ['f64', n],
    Told: ['f64', n],
    lastChange: ['f64', n],
    volume: ['f64', n],
    material: ['u8', n],
    tissue: ['u8', n],
    inner: ['u8', n],
    kScale: ['f64', n],
    hx: ['f64', nx],
    hy: ['f64', ny],
    hz: ['f64', nz],
    mcf: ['f64', m],
    mcm: ['f64', m],
    mcu: ['f64', m],
    mts: ['f64', m],
    mtl: ['f64', m],
    mhl: ['f64', m],
    mkf: ['f64', m],
    mku: ['f64', m],
    mw: ['f64', m],
    mq: ['f64', m],
    held: ['u8', n],
    heldT: ['f64', n],
    lcell: ['i32', L],
    la: ['f64', L],
    lh: ['f64', L],
    linv: ['f64', L],
    lT: ['f64', L],
    lW: ['f64', L],
    scell: ['i32', M],
    sG: ['f64', M],
    sT: ['f64', M],
    sW: ['f64', M],
    cellW: ['f64', n],
    kc: ['f64', P],
    phi: ['f64', P],
    sk: ['f64', P],
    chg: ['u8', P],
    gx: ['f64', P],
    gy: ['f64', P],
    gz: ['f64', P],
    flow: ['f64', n],
    mask: ['u8', n],
    S: ['f64', P],
    ez: ['f64', d.nxy],
    rowbuf: ['f64', 4 * nx],
    ax: ['f64', P],
    ay: ['f64', P],
    az: ['f64', P],
    Kp: ['f64', n],
    R: ['f64', P],
    P: ['f64', n],
    X: ['f64', n],
    Tt: ['f64', P],
    W: ['f64', P],
    Q: ['f64', n],
    out: ['f64', 32],
    rowbuf2: ['f64', 6 * nx],
  };
}

/** Bytes needed for all the arrays of a problem of these dimensions. */
export function stateBytes(d: Dims): number {
  let b = 0;
  for (const [kind, len] of Object.values(spec(d))) b += align(BYTES[kind] * len);
  return b;
}

const align = (b: number) => Math.ceil(b / ALIGN) * ALIGN;

const KINDS = {
  material: 'u8',
  tissue: 'u8',
  inner: 'u8',
  held: 'u8',
  chg: 'u8',
  mask: 'u8',
  lcell: 'i32',
  scell: 'i32',
} as const satisfies Partial<Record<ArrayName, Kind>>;
type KindOf<K extends ArrayName> = K extends keyof typeof KINDS ? (typeof KINDS)[K] : 'f64';
export type Arrays = { [K in ArrayName]: KindOf<K> extends 'u8' ? Uint8Array : KindOf<K> extends 'i32' ? Int32Array : Float64Array };

export interface SolverState {
  dims: Dims;
  a: Arrays;
  /** Byte offset of each array in `buffer`, in ARRAY_NAMES order. */
  offsets: Int32Array;
  buffer: ArrayBufferLike;
}

/**
 * Lays the arrays out in `buffer` from byte `base` on (a fresh ArrayBuffer when
 * none is given). Everything starts zeroed.
 */
export function allocateState(d: Dims, buffer?: ArrayBufferLike, base = 0): SolverState {
  const sp = spec(d);
  const buf = buffer ?? new ArrayBuffer(stateBytes(d));
  const offsets = new Int32Array(ARRAY_NAMES.length);
  const a = {} as Record<ArrayName, Float64Array | Uint8Array | Int32Array>;
  let at = align(base);
  ARRAY_NAMES.forEach((name, i) => {
    const [kind, len] = sp[name];
    offsets[i] = at;
    a[name] = kind === 'f64' ? new Float64Array(buf, at, len) : kind === 'i32' ? new Int32Array(buf, at, len) : new Uint8Array(buf, at, len);
    at += align(BYTES[kind] * len);
  });
  if (at > buf.byteLength) throw new RangeError('solver state does not fit its buffer');
  return { dims: d, a: a as Arrays, offsets, buffer: buf };
}
