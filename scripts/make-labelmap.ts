/**
 * Writes cases/imaging/nerve-layers.nrrd: the anatomy of cases/imaging/nerve-layers-
 * analytic.yaml (skin, fat, muscle, a nerve) drawn at 0.5 mm voxels into a gzip NRRD
 * labelmap, as 3D Slicer would save a segmentation of it.
 *
 *   npm run make-labelmap
 *
 * The image is in a left-posterior-superior space with its i and j axes along -x and
 * -y, and the case's origin at LPS (100, 50, -30) (nerve-layers.yaml's
 * anatomy.origin_in_image_mm): a header like a real scan's, not the identity.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCase } from '../src/case/load.js';
import { labelsFromScene } from '../src/case/labelmap-sample.js';
import { nrrdFile } from '../src/io/nrrd.js';
import type { ImageSpace, Vec3 } from '../src/core/model.js';

/** Labels of nerve-layers.yaml. */
export const NERVE_LAYERS_LABELS = { skin: 1, fat: 2, muscle: 3, nerve: 4 };
export const NERVE_LAYERS_OFFSET: Vec3 = [100, 50, -30];
const VOXEL_MM = 0.5;

/** The image's lattice: 1 mm beyond the domain's sides and bottom, and above the skin (label 0 there). */
export function nerveLayersSpace(): ImageSpace {
  const [ox, oy, oz] = NERVE_LAYERS_OFFSET;
  const h = VOXEL_MM;
  return {
    // x and y from +16 down to -16, z from -1 (above the skin) to 31 mm, case frame.
    size: [64, 64, 64],
    origin_mm: [ox + 16 - h / 2, oy + 16 - h / 2, oz - 1 + h / 2],
    spacing_mm: [h, h, h],
    direction: [
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0, 1],
    ],
    space: 'left-posterior-superior',
  };
}

async function main(): Promise<void> {
  const dir = join(process.cwd(), 'cases', 'imaging');
  const { scene } = await loadCase(join(dir, 'nerve-layers-analytic.yaml'));
  const space = nerveLayersSpace();
  const data = labelsFromScene(scene, space, NERVE_LAYERS_OFFSET, NERVE_LAYERS_LABELS);
  const bytes = nrrdFile('uchar', space, data, [
    'labelmap of cases/imaging/nerve-layers-analytic.yaml (scripts/make-labelmap.ts): 1 skin, 2 fat, 3 muscle, 4 nerve',
  ]);
  await writeFile(join(dir, 'nerve-layers.nrrd'), bytes);
  process.stdout.write(`cases/imaging/nerve-layers.nrrd: ${space.size.join(' x ')} voxels of ${VOXEL_MM} mm, ${bytes.length} bytes\n`);
}

if (process.argv[1] && /make-labelmap\.js$/.test(process.argv[1])) await main();
