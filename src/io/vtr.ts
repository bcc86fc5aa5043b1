import type { RunResult } from '../core/result.js';

/**
 * VTK XML RectilinearGrid (.vtr) for ParaView. The grid is graded (non-uniform),
 * so ImageData (.vti, uniform spacing only) cannot hold it exactly; a rectilinear
 * grid stores each axis' coordinates. Points are the cell edges in mm; the fields
 * are cell data. Arrays are inline base64 binary, each preceded by a UInt32 byte
 * count (header_type="UInt32"), as the VTK XML format specifies. The names of the
 * label values are field data: a String array label_names whose entry i names label
 * i (strings are written null-terminated, as VTK's own XML writer does), which
 * ParaView lists in the Information panel and the spreadsheet view.
 */
export function vtr(r: RunResult): Uint8Array {
  const g = r.grid;
  const extent = `0 ${g.nx} 0 ${g.ny} 0 ${g.nz}`;
  const arr = (name: string, type: string, data: ArrayBufferView, comps = 1) =>
    `<DataArray type="${type}" Name="${name}" NumberOfComponents="${comps}" format="binary">${b64(data)}</DataArray>`;
  const xml = [
    '<?xml version="1.0"?>',
    '<VTKFile type="RectilinearGrid" version="1.0" byte_order="LittleEndian" header_type="UInt32">',
    `<RectilinearGrid WholeExtent="${extent}">`,
    '<FieldData>',
    `<DataArray type="String" Name="label_names" NumberOfTuples="${r.fields.label_names.length}" format="binary">${b64(nulTerminated(r.fields.label_names))}</DataArray>`,
    '</FieldData>',
    `<Piece Extent="${extent}">`,
    '<CellData Scalars="final_temperature_c">',
    arr('final_temperature_c', 'Float32', r.fields.final_c),
    arr('min_temperature_c', 'Float32', r.fields.min_c),
    arr('label', 'UInt8', r.fields.labels),
    '</CellData>',
    '<Coordinates>',
    arr('x_mm', 'Float64', g.x_edges_mm),
    arr('y_mm', 'Float64', g.y_edges_mm),
    arr('z_mm', 'Float64', g.z_edges_mm),
    '</Coordinates>',
    '</Piece>',
    '</RectilinearGrid>',
    `<!-- labels: ${r.fields.label_names.map((n, i) => `${i}=${n.replace(/--/g, '-')}`).join(', ')} -->`,
    '</VTKFile>',
    '',
  ].join('\n');
  return new TextEncoder().encode(xml);
}

/** UTF-8 strings, each followed by a NUL byte: a VTK String array's binary layout. */
export function nulTerminated(names: string[]): Uint8Array {
  const parts = names.map((n) => new TextEncoder().encode(n.replace(/\0/g, '')));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length + 1, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length + 1;
  }
  return out;
}

/** base64 of a UInt32 byte count followed by the little-endian bytes of the array. */
function b64(data: ArrayBufferView): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return Buffer.from(out).toString('base64');
}
