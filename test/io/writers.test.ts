import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { syntheticResult } from './synthetic.js';
import { tempDir } from '../helpers/temp-dir.js';
import { seriesCsv } from '../../src/io/series-csv.js';
import { vtr } from '../../src/io/vtr.js';
import { nrrdVolumes } from '../../src/io/nrrd.js';
import { buildSummary } from '../../src/io/summary.js';
import { SummarySchema, summaryJsonSchema } from '../../src/io/summary-schema.js';
import { writeRunOutputs } from '../../src/io/outputs.js';
import { computeOutcomes } from '../../src/core/outcome/index.js';
import { baseScene } from '../helpers/scene.js';
import { VERSION } from '../../src/version.js';

test('summary matches its schema and keeps the figures', () => {
  const r = syntheticResult();
  const s = buildSummary(r, { name: 'synthetic', hash: 'abc' }, 1.5, ['summary.json'], computeOutcomes(baseScene(), r));
  assert.ok(SummarySchema.safeParse(JSON.parse(JSON.stringify(s))).success);
  assert.equal(s.isotherms[0].snapshots[0].volume_ml, 1.235);
  assert.equal(s.structures[0].cross_section?.fraction_below['-20'], 0.25);
  assert.equal(s.energy.relative_error, 8.3e-13);
});

test('series.csv parses back to the same numbers, with quoted-free safe headers', () => {
  const csv = seriesCsv(syntheticResult().series);
  const rows = csv
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  assert.deepEqual(rows[0], ['time_s', 'p1_temperature_c', 'p1_heat_w', 'ulnar_nerve_deep_min_c', 'ice_minus20c_volume_ml']);
  assert.deepEqual(rows[2].map(Number), [30, -60, 5.5, 2, 0.1]);
});

test('VTR decodes to the grid coordinates and the cell values', () => {
  const r = syntheticResult();
  const xml = new TextDecoder().decode(vtr(r));
  const arrays = new Map<string, { type: string; bytes: Buffer }>();
  for (const m of xml.matchAll(/<DataArray type="(\w+)" Name="(\w+)"[^>]*format="binary">([^<]*)<\/DataArray>/g)) {
    const raw = Buffer.from(m[3], 'base64');
    const len = raw.readUInt32LE(0);
    assert.equal(len, raw.length - 4);
    arrays.set(m[2], { type: m[1], bytes: raw.subarray(4) });
  }
  const f64 = (name: string) => Array.from(new Float64Array(new Uint8Array(arrays.get(name)!.bytes).buffer));
  const f32 = (name: string) => Array.from(new Float32Array(new Uint8Array(arrays.get(name)!.bytes).buffer));
  assert.deepEqual(f64('y_mm'), [-2, -1, 0, 1.5, 2]);
  assert.deepEqual(f32('final_temperature_c'), Array.from(r.fields.final_c));
  assert.match(xml, /WholeExtent="0 3 0 4 0 5"/);
});

test('VTR names its labels: field data label_names, entry i naming label i (issue 7)', () => {
  const r = syntheticResult();
  const xml = new TextDecoder().decode(vtr(r));
  const m = /<FieldData>\s*<DataArray type="String" Name="label_names" NumberOfTuples="(\d+)" format="binary">([^<]*)<\/DataArray>\s*<\/FieldData>/.exec(xml);
  assert.ok(m, 'a FieldData String array label_names');
  // FieldData belongs to the dataset, before its pieces (VTK XML format).
  assert.ok(xml.indexOf('<FieldData>') < xml.indexOf('<Piece'));
  const raw = Buffer.from(m[2], 'base64');
  assert.equal(raw.readUInt32LE(0), raw.length - 4);
  const names = raw.subarray(4).toString('utf8').split('\0');
  assert.equal(names.pop(), '', 'every name is NUL-terminated');
  assert.deepEqual(names, r.fields.label_names);
  assert.equal(Number(m[1]), r.fields.label_names.length);
  assert.ok(r.fields.label_names.length >= 2);
});

test('NRRD header and voxels match the field at the sampled points', () => {
  const r = syntheticResult();
  const buf = Buffer.from(nrrdVolumes(r).final_temperature);
  const end = buf.indexOf('\n\n');
  const header = buf.subarray(0, end).toString();
  const sizes = header
    .match(/sizes: (\d+) (\d+) (\d+)/)!
    .slice(1)
    .map(Number);
  const dirs = header
    .match(/space directions: \(([^,]+),0,0\) \(0,([^,]+),0\) \(0,0,([^)]+)\)/)!
    .slice(1)
    .map(Number);
  const origin = header
    .match(/space origin: \(([^,]+),([^,]+),([^)]+)\)/)!
    .slice(1)
    .map(Number);
  // gzip-encoded (issue 7: raw volumes were 22 MB for a 67k-cell run): read back as 3D Slicer does.
  assert.match(header, /^encoding: gzip$/m);
  const data = new Float32Array(new Uint8Array(gunzipSync(buf.subarray(end + 2))).buffer);
  assert.equal(data.length, sizes[0] * sizes[1] * sizes[2]);
  // A voxel's centre lies inside some cell; its value must be that cell's.
  const [i, j, k] = [5, 7, 9];
  const x = origin[0] + i * dirs[0],
    y = origin[1] + j * dirs[1],
    z = origin[2] + k * dirs[2];
  const cell = (e: Float64Array, v: number) => e.findIndex((_, q) => q + 1 < e.length && e[q] <= v && v < e[q + 1]);
  const g = r.grid;
  const c = cell(g.x_edges_mm, x) + 3 * (cell(g.y_edges_mm, y) + 4 * cell(g.z_edges_mm, z));
  assert.equal(data[i + sizes[0] * (j + sizes[1] * k)], r.fields.final_c[c]);
});

test('NRRD volumes are gzip-compressed and decompress to every voxel of the uncompressed resampling (issue 7)', () => {
  const r = syntheticResult();
  const vols = nrrdVolumes(r);
  for (const [name, bytes] of Object.entries(vols)) {
    const buf = Buffer.from(bytes);
    const end = buf.indexOf('\n\n');
    const header = buf.subarray(0, end).toString();
    assert.match(header, /^encoding: gzip$/m, name);
    const sizes = header
      .match(/sizes: (\d+) (\d+) (\d+)/)!
      .slice(1)
      .map(Number);
    const n = sizes[0] * sizes[1] * sizes[2];
    const body = gunzipSync(buf.subarray(end + 2));
    const type = /^type: (\w+)$/m.exec(header)![1];
    assert.equal(body.length, n * (type === 'float' ? 4 : 1), name);
    // Compressed, the volume is smaller than its raw voxels.
    assert.ok(buf.length - end - 2 < body.length, `${name}: ${buf.length - end - 2} bytes for ${body.length} raw`);
    if (name === 'labels') {
      // Every label in the volume is one the label list names.
      for (const v of body) assert.ok(v < r.fields.label_names.length);
    }
  }
});

test('result folder is replaced whole, and a failed write leaves the old one intact', async () => {
  const dir = await tempDir('cryoplan-out');
  const out = join(dir, 'run');
  await mkdir(out);
  // A folder cryoplan wrote (its manifest lists the one file): it may be replaced.
  await writeFile(join(out, 'summary.json'), 'old');
  await writeFile(join(out, '.cryoplan-results.json'), '{"format": "cryoplan-results", "case": {"name": "x", "hash": "h"}, "files": ["summary.json"]}');
  const scene = baseScene({ outputs: { isotherms_c: [0], series_interval_s: 1, volumes: ['vti', 'nrrd'] } });
  const run = { scene, result: syntheticResult(), caseInfo: { name: 'synthetic', hash: 'h' }, wall_s: 1 };
  const files = await writeRunOutputs(out, run);
  assert.ok(files.some((f) => f.endsWith('fields.vtr')));
  assert.notEqual(await readFile(join(out, 'summary.json'), 'utf8'), 'old');
  const before = await readFile(join(out, 'summary.json'));
  // A writer that fails midway: a file name that cannot be created.
  await assert.rejects(writeRunOutputs(out, run, { 'no/such/dir/x.txt': 'x' }));
  assert.deepEqual(await readFile(join(out, 'summary.json')), before);
  assert.deepEqual((await readdir(dir)).sort(), ['run'], 'no temporary folders left behind');
});

test('version constant matches package.json', async () => {
  const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8'));
  assert.equal(VERSION, pkg.version);
});

test('the committed summary JSON Schema is current', async () => {
  const committed = JSON.parse(await readFile(join(process.cwd(), 'schema', 'summary.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(summaryJsonSchema())), 'run: node dist/cli/main.js schema --summary --out schema/summary.schema.json');
});
