/**
 * Anatomy from a labelled image. The truth is the analytic scene a labelmap is drawn
 * from: the labelled case must give its outcome within what the voxels can resolve.
 * And every bad input is refused at its field path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCase, parseCase } from '../../src/case/load.js';
import { CaseError } from '../../src/case/errors.js';
import { labelsFromScene } from '../../src/case/labelmap-sample.js';
import { buildGrid, DEFAULT_GROWTH } from '../../src/core/grid/build.js';
import { rasterise } from '../../src/core/anatomy/raster.js';
import { simulate } from '../../src/core/solver/simulate.js';
import { nrrdFile } from '../../src/io/nrrd.js';
import { readNrrd } from '../../src/io/labelmap/nrrd-read.js';
import type { ImageSpace, Scene, TubeStructure, Vec3 } from '../../src/core/model.js';
import { computeOutcomes, injuryClass } from '../../src/core/outcome/index.js';
import { coldestCrossSection } from '../../src/core/outcome/cross-section.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../../src/core/outcome/settings.js';
import { checkCase } from '../../src/server/case-input.js';
import { ApiError } from '../../src/server/errors.js';
import { NERVE_LAYERS_LABELS, NERVE_LAYERS_OFFSET, nerveLayersSpace } from '../../scripts/make-labelmap.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = process.cwd();
const ANALYTIC = join(ROOT, 'cases', 'imaging', 'nerve-layers-analytic.yaml');
const VOXEL = 0.9;
const OFFSET: Vec3 = [-120, 35.5, 7];

/**
 * The image of the test: 0.9 mm voxels (about the 1 mm cells' size, so that they
 * cannot place every boundary where the cells see it) whose i axis runs along the case's +y, j along
 * -x and k along +z (a rotation of 90° about z: a non-identity direction), its lattice
 * shifted by a fifth of a voxel from the 1 mm cells' centres, so that no cell centre
 * sits on a tie between voxels.
 */
function testSpace(): ImageSpace {
  return {
    size: [37, 37, 37],
    origin_mm: [OFFSET[0] + 16.2 - 0.08, OFFSET[1] - 16.2 + 0.08, OFFSET[2] - 0.92 + 0.08],
    spacing_mm: [VOXEL, VOXEL, VOXEL],
    direction: [
      [0, 1, 0],
      [-1, 0, 0],
      [0, 0, 1],
    ],
    space: 'left-posterior-superior',
  };
}

const LABELS = { skin: 1, fat: 2, muscle: 3, nerve: 4 };
const labelsYaml = { 1: 'skin', 2: 'fat', 3: 'muscle', 4: { kind: 'nerve', name: 'nerve', tissue: 'nerve', target: false } };

/** The analytic case's fields, with its anatomy replaced by a labelmap of it (written beside the case in dir). */
let drawn: Uint8Array | undefined;
async function labelledCase(dir: string, over: Record<string, unknown> = {}): Promise<string> {
  const space = testSpace();
  drawn ??= labelsFromScene((await loadCase(ANALYTIC)).scene, space, OFFSET, LABELS);
  await writeFile(join(dir, 'anatomy.nrrd'), nrrdFile('uchar', space, drawn));
  const file = join(dir, 'case.json');
  const c = {
    name: 'labelled',
    domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 30 },
    anatomy: { labelmap: 'anatomy.nrrd', origin_in_image_mm: OFFSET, labels: labelsYaml },
    probes: [{ kind: 'needle', id: 'probe', tip_mm: [0, 0, 17], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 10 }],
    protocol: { cooling: { temperature_c: -70 }, phases: [{ freeze_s: 120 }] },
    grid: { spacing_mm: 1 },
    ...over,
  };
  await writeFile(file, JSON.stringify(c));
  return file;
}

/** Distance from p to the nearest boundary of the analytic anatomy (layer interfaces at 2 and 8 mm, the nerve's surface). */
function toBoundary(p: Vec3): number {
  const nerve = Math.abs(Math.hypot(p[0] - 5, p[2] - 12) - 1.5);
  return Math.min(Math.abs(p[2] - 2), Math.abs(p[2] - 8), nerve);
}

test('a labelmap drawn from an analytic scene (layers + a nerve) gives its outcome within the voxel size', async (t) => {
  const dir = await tempDir('cryoplan-labelmap');
  const analytic = (await loadCase(ANALYTIC, {})).scene;
  const a: Scene = { ...analytic, grid: { kind: 'uniform', spacing_mm: 1 } };
  const l = (await loadCase(await labelledCase(dir))).scene;
  const g = buildGrid(a);
  assert.deepEqual([g.nx, g.ny, g.nz], (({ nx, ny, nz }) => [nx, ny, nz])(buildGrid(l)));

  // Cell by cell: the tissues differ only where the image cannot tell, within a voxel's
  // half-diagonal of an analytic boundary.
  const ra = rasterise(a, g);
  const rl = rasterise(l, g);
  const reach = (VOXEL * Math.sqrt(3)) / 2;
  let differ = 0;
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const c = i + g.nx * (j + g.ny * k);
        if (ra.regions[ra.label[c]].material === rl.regions[rl.label[c]].material) continue;
        differ++;
        const p: Vec3 = [g.xc[i], g.yc[j], g.zc[k]];
        assert.ok(toBoundary(p) <= reach + 1e-9, `cell at [${p}]: ${ra.regions[ra.label[c]].material} vs ${rl.regions[rl.label[c]].material}`);
      }
  assert.ok(differ > 0 && differ < 0.02 * g.nx * g.ny * g.nz, `${differ} cells differ`);

  const ya = simulate(a);
  const yl = simulate(l);
  // Ice volumes: a boundary moved by up to half a voxel changes them by far less than the voxel's share of the ball.
  for (const [q, iso] of ya.isotherms.entries()) {
    const va = iso.snapshots.at(-1)!.volume_ml;
    const vl = yl.isotherms[q].snapshots.at(-1)!.volume_ml;
    t.diagnostic(`${iso.threshold_c} °C: labelmap ${vl.toFixed(4)} ml, analytic ${va.toFixed(4)} ml`);
    assert.ok(Math.abs(vl - va) <= 0.02 * va + 1e-3, `${iso.threshold_c} °C: ${vl} ml vs ${va} ml`);
  }
  // Every layer's coldest temperature agrees.
  for (const name of ['skin', 'fat', 'muscle']) {
    const ta = ya.structures.find((s) => s.name === name)!.min_temperature_c;
    const tl = yl.structures.find((s) => s.name === name)!.min_temperature_c;
    assert.ok(Math.abs(ta - tl) < 1, `${name}: ${tl} vs ${ta} °C`);
  }
  // The nerve's coldest temperature lies between the analytic field's coldest over the
  // cell centres within the nerve grown and shrunk by a voxel's half-diagonal: the cells
  // the image may call nerve, and those it must (0.5 °C: the two runs' fields differ a
  // little where their tissues do).
  let lo = Infinity;
  let hi = Infinity;
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const r = Math.hypot(g.xc[i] - 5, g.zc[k] - 12);
        const t = ya.fields.min_c[i + g.nx * (j + g.ny * k)];
        if (r <= 1.5 + reach) lo = Math.min(lo, t);
        if (r <= 1.5 - reach) hi = Math.min(hi, t);
      }
  assert.ok(Number.isFinite(hi), 'some cell centre lies deep inside the nerve');
  const nerve = yl.structures.find((s) => s.name === 'nerve')!;
  t.diagnostic(
    `nerve coldest: labelmap ${nerve.min_temperature_c.toFixed(2)} °C, analytic field bounds [${lo.toFixed(2)}, ${hi.toFixed(2)}]; ${differ} of ${g.nx * g.ny * g.nz} cells differ`,
  );
  assert.equal(nerve.role, 'nerve');
  assert.ok(nerve.min_temperature_c >= lo - 0.5 && nerve.min_temperature_c <= hi + 0.5, `nerve ${nerve.min_temperature_c} °C, bounds [${lo}, ${hi}]`);

  // The labelled nerve has a nerve's outcome. The tube its voxels fill lies on the analytic
  // nerve (axis x 5, z 12 mm, 3 mm across) within half a voxel.
  const ls = l.structures.find((s) => s.name === 'nerve');
  assert.ok(ls?.kind === 'label' && ls.nerve, 'the labelled nerve has a centre line');
  for (const p of ls.nerve.path_mm) assert.ok(Math.hypot(p[0] - 5, p[2] - 12) <= VOXEL / 2, `centre line point [${p}]`);
  assert.ok(Math.abs(ls.nerve.diameter_mm - 3) <= VOXEL / 2, `diameter ${ls.nerve.diameter_mm} mm`);
  const oa = computeOutcomes(a, ya).nerves;
  const ol = computeOutcomes(l, yl).nerves;
  assert.equal(ol.length, 1);
  assert.deepEqual([ol[0].name, ol[0].target], [oa[0].name, oa[0].target]);
  // This nerve's coldest cells sit at the axonotmesis threshold, so the voxels decide between
  // neurapraxia and axonotmesis: the class must be one that the coldest temperatures of the
  // nerve grown and shrunk by half a voxel's diagonal give (the bounds above).
  const ns = (a.outcome ?? DEFAULT_OUTCOME_SETTINGS).nerve;
  const rank = (c: string) => ['none', 'neurapraxia', 'axonotmesis', 'neurotmesis-risk'].indexOf(c);
  assert.ok(
    rank(ol[0].injury) >= rank(injuryClass(hi + 0.5, ns)) && rank(ol[0].injury) <= rank(injuryClass(lo - 0.5, ns)),
    `labelled nerve: ${ol[0].injury}; analytic: ${oa[0].injury}; within the voxel: ${injuryClass(hi + 0.5, ns)} to ${injuryClass(lo - 0.5, ns)}`,
  );
  // Its fraction past the threshold lies within what the analytic field gives on nerves moved
  // by half a voxel towards or away from the probe, or half a voxel thicker or thinner.
  const thr = ns.axonotmesis_c;
  const moved = [-1, 0, 1].flatMap((dx) =>
    [-1, 0, 1].map((dd) => {
      const tube: TubeStructure = {
        kind: 'tube',
        name: 'n',
        tissue: 'nerve',
        role: 'nerve',
        path_mm: [
          [5 + (dx * VOXEL) / 2, -15, 12],
          [5 + (dx * VOXEL) / 2, 15, 12],
        ],
        diameter_mm: 3 + (dd * VOXEL) / 2,
      };
      return coldestCrossSection(g, ya.fields.min_c, tube, [thr]).fraction_below[String(thr)];
    }),
  );
  const [flo, fhi] = [Math.min(...moved), Math.max(...moved)];
  t.diagnostic(
    `nerve: labelmap ${ol[0].injury}, analytic ${oa[0].injury}; block: labelmap ${ol[0].block}, ${(ol[0].fraction_past_threshold * 100).toFixed(1)} % of the section; analytic ${oa[0].block}, ${(oa[0].fraction_past_threshold * 100).toFixed(1)} % (moved by half a voxel: ${(flo * 100).toFixed(1)}..${(fhi * 100).toFixed(1)} %)`,
  );
  assert.ok(ol[0].fraction_past_threshold >= flo - 0.02 && ol[0].fraction_past_threshold <= fhi + 0.02, `fraction ${ol[0].fraction_past_threshold}`);
  assert.ok(Math.abs(yl.energy.relative_error) < 1e-6);
});

test('the bundled labelmap is what scripts/make-labelmap.ts draws from its analytic case, and the auto grid is fine at its boundaries', async () => {
  const analytic = (await loadCase(ANALYTIC)).scene;
  const file = readNrrd(new Uint8Array(await readFile(join(ROOT, 'cases', 'imaging', 'nerve-layers.nrrd'))));
  assert.deepEqual(file.space, nerveLayersSpace());
  assert.deepEqual([...file.data], [...labelsFromScene(analytic, nerveLayersSpace(), NERVE_LAYERS_OFFSET, NERVE_LAYERS_LABELS)]);
  const { scene } = await loadCase(join(ROOT, 'cases', 'imaging', 'nerve-layers.yaml'));
  const { labelmap: _m, ...without } = scene;
  const at = (c: Float64Array, d: Float64Array, v: number) => d[c.findIndex((_, i) => i + 1 === c.length || c[i + 1] > v)];
  // The layer interfaces (z 2 and 8 mm) and the nerve's sides (x 3.5 and 6.5 mm) get the voxel's 0.5 mm cells (graded
  // edges come within one growth factor of their target), which the grid without the labelmap's refinement does not have.
  const fine = 0.5 * DEFAULT_GROWTH + 1e-9;
  for (const [g, refined] of [
    [buildGrid(scene), true],
    [buildGrid(without), false],
  ] as const) {
    // (z 8 mm is also 1 mm from the needle's active end, which the grid refines for the needle.)
    for (const z of refined ? [2, 8] : [2]) assert.equal(at(g.ze, g.dz, z) <= fine, refined, `dz at ${z} mm: ${at(g.ze, g.dz, z)}`);
    for (const x of [3.5, 6.5]) assert.equal(at(g.xe, g.dx, x) <= fine, refined, `dx at ${x} mm: ${at(g.xe, g.dx, x)}`);
  }
});

test('labelmap: bad input is refused at its field path', async () => {
  const dir = await tempDir('cryoplan-labelmap-bad');
  const issues = async (file: string) => {
    try {
      await loadCase(file);
    } catch (e) {
      if (e instanceof CaseError) return e.issues;
      throw e;
    }
    assert.fail('expected a CaseError');
  };
  const expect = async (over: Record<string, unknown>, path: string, why: RegExp) => {
    const list = await issues(await labelledCase(dir, over));
    assert.ok(
      list.some((i) => i.path === path && why.test(i.message)),
      `${path} ${why}: got ${JSON.stringify(list)}`,
    );
  };
  const anatomy = (extra: Record<string, unknown>) => ({ anatomy: { labelmap: 'anatomy.nrrd', origin_in_image_mm: OFFSET, labels: labelsYaml, ...extra } });
  // Not covering the domain: a deeper domain than the image holds.
  await expect({ domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 40 } }, 'anatomy.labelmap', /does not cover the domain: its corner \[-15, -15, 40\]/);
  // A label with no tissue, or one that is not a tissue.
  await expect(anatomy({ labels: { ...labelsYaml, 4: { name: 'nerve' } } }), 'anatomy.labels.4.tissue', /./);
  await expect(anatomy({ labels: { ...labelsYaml, 2: 'fatt' } }), 'anatomy.labels.2', /unknown tissue 'fatt'.*fat/);
  // A named value that no voxel has, and a value in the domain that no label names.
  await expect(anatomy({ labels: { ...labelsYaml, 9: 'bone' } }), 'anatomy.labels.9', /no voxel of the labelmap has the value 9 \(its values: 0, 1, 2, 3, 4\)/);
  const { 4: _nerve, ...noNerve } = labelsYaml;
  await expect(anatomy({ labels: noNerve }), 'anatomy.labels', /holds value 4 inside the domain .* that no label names/);
  // A structure name taken twice.
  await expect(anatomy({ labels: { ...labelsYaml, 3: { name: 'nerve', tissue: 'muscle' } } }), 'anatomy.labels.4.name', /names another structure already/);
  // Labels without a labelmap.
  await expect({ anatomy: { labels: labelsYaml } }, 'anatomy.labels', /give anatomy.labelmap too/);
  // Unreadable files: missing, corrupt, an unsupported type.
  await expect(anatomy({ labelmap: 'missing.nrrd' }), 'anatomy.labelmap', /cannot use 'missing.nrrd': no such file/);
  await writeFile(join(dir, 'cut.nrrd'), (await readFile(join(dir, 'anatomy.nrrd'))).subarray(0, 300));
  await expect(anatomy({ labelmap: 'cut.nrrd' }), 'anatomy.labelmap', /cannot use 'cut.nrrd': .*(cut short|cannot be decompressed)/);
  await writeFile(join(dir, 'float.nrrd'), nrrdFile('float', testSpace(), new Float32Array(37 * 37 * 37)));
  await expect(anatomy({ labelmap: 'float.nrrd' }), 'anatomy.labelmap', /unsupported NRRD type 'float'/);
  await expect(anatomy({ labelmap: 'anatomy.vtk' }), 'anatomy.labelmap', /no such file|must be a \.nrrd/);
});

test('the browser app and the HTTP API, which read no files, refuse a case with a labelmap by saying so', async () => {
  const text = await readFile(join(ROOT, 'cases', 'imaging', 'nerve-layers.yaml'), 'utf8');
  assert.throws(
    () => parseCase(text, 'upload.yaml'),
    (e: Error) => e instanceof CaseError && e.issues.some((i) => i.path === 'anatomy.labelmap' && /only the command line/.test(i.message)),
  );
  assert.throws(
    () => checkCase(text, 'yaml', 4_000_000),
    (e: Error) => e instanceof ApiError && /anatomy\.labelmap: .*only the command line/.test(e.message),
  );
});

test('an oblique image (rotated 30° about z after 20° about x, unequal spacing): each cell takes the voxel that the NRRD header puts at its centre', async () => {
  const dir = await tempDir('cryoplan-labelmap-oblique');
  const rad = Math.PI / 180;
  const [c30, s30, c20, s20] = [Math.cos(30 * rad), Math.sin(30 * rad), Math.cos(20 * rad), Math.sin(20 * rad)];
  // The index axes' unit vectors, Rz(30°) Rx(20°) applied to x, y and z, written out by hand.
  const axes: Vec3[] = [
    [c30, s30, 0],
    [-s30 * c20, c30 * c20, s20],
    [s30 * s20, -c30 * s20, c20],
  ];
  const spacing: Vec3 = [0.8, 1, 1.2];
  const origin: Vec3 = [100, -50, 20];
  const n = 40;
  const data = new Uint8Array(n * n * n).fill(1);
  // A 3 x 3 x 3 voxel block of value 2 around index (24, 18, 21).
  for (let k = 20; k <= 22; k++) for (let j = 17; j <= 19; j++) for (let i = 23; i <= 25; i++) data[i + n * (j + n * k)] = 2;
  const vec = (a: number) => `(${axes[a].map((v) => v * spacing[a]).join(',')})`;
  const header = `NRRD0004\ntype: uchar\ndimension: 3\nspace: left-posterior-superior\nsizes: ${n} ${n} ${n}\nspace directions: ${vec(0)} ${vec(1)} ${vec(2)}\nkinds: domain domain domain\nendian: little\nencoding: raw\nspace origin: (${origin.join(',')})\n\n`;
  const bytes = new Uint8Array([...new TextEncoder().encode(header), ...data]);
  await writeFile(join(dir, 'oblique.nrrd'), bytes);
  // The case's point (0, 0, 8) at the image's centre voxel (20, 20, 20).
  const centre = [0, 1, 2].map((b) => origin[b] + 20 * (spacing[0] * axes[0][b] + spacing[1] * axes[1][b] + spacing[2] * axes[2][b]));
  const offset: Vec3 = [centre[0], centre[1], centre[2] - 8];
  const file = join(dir, 'case.json');
  await writeFile(
    file,
    JSON.stringify({
      name: 'oblique',
      domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 },
      anatomy: {
        layers: [{ tissue: 'muscle', thickness_mm: 16 }],
        labelmap: 'oblique.nrrd',
        origin_in_image_mm: offset,
        labels: { 1: 'muscle', 2: { name: 'block', tissue: 'fat' } },
      },
      probes: [{ kind: 'needle', id: 'probe', tip_mm: [-5, -5, 12], direction: [0, 0, 1], diameter_mm: 1, active_length_mm: 4 }],
      protocol: { cooling: { temperature_c: -70 }, phases: [{ freeze_s: 10 }] },
      grid: { spacing_mm: 0.5 },
    }),
  );
  const scene = (await loadCase(file)).scene;
  const g = buildGrid(scene);
  const r = rasterise(scene, g);
  let inBlock = 0;
  let checked = 0;
  for (let k = 0; k < g.nz; k++)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const region = r.regions[r.label[i + g.nx * (j + g.ny * k)]];
        if (region.role === 'probe' || region.role === 'shaft') continue;
        // The voxel index of the cell's centre: the axes are orthonormal, so it is the projection on each axis over its spacing.
        const w = [g.xc[i] + offset[0] - origin[0], g.yc[j] + offset[1] - origin[1], g.zc[k] + offset[2] - origin[2]];
        const u = [0, 1, 2].map((a) => (w[0] * axes[a][0] + w[1] * axes[a][1] + w[2] * axes[a][2]) / spacing[a]);
        // Cells within a hundredth of a voxel of a tie between two voxels may go either way.
        if (u.some((v) => Math.abs(v - Math.floor(v) - 0.5) < 0.01)) continue;
        const [a, b, c] = u.map(Math.round);
        const expected = a >= 23 && a <= 25 && b >= 17 && b <= 19 && c >= 20 && c <= 22 ? 'block' : 'muscle';
        checked++;
        if (expected === 'block') inBlock++;
        assert.equal(region.name, expected, `cell [${g.xc[i]}, ${g.yc[j]}, ${g.zc[k]}] (voxel ${a}, ${b}, ${c})`);
      }
  // The block (27 voxels of 0.96 mm³) holds about 26 mm³ of 0.125 mm³ cells.
  assert.ok(inBlock > 150 && inBlock < 260 && checked > 30_000, `${inBlock} cells in the block of ${checked} checked`);
});
