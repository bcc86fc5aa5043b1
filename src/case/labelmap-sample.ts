import type { ImageSpace, Scene, Vec3 } from '../core/model.js';
import { indexToPoint } from '../core/anatomy/labelmap.js';
import { layerAt, structureAt } from './anatomy.js';

/**
 * A labelmap drawn from a scene's analytic anatomy: at each voxel's centre, the value
 * of the structure there (the last drawn), else of the layer, else 0 (above the skin,
 * or a part the map does not name). For synthetic examples and for the tests that
 * compare a labelled scene with its analytic original. `offset` is the image point at
 * the case's [0, 0, 0], as anatomy.origin_in_image_mm.
 */
export function labelsFromScene(scene: Scene, space: ImageSpace, offset: Vec3, values: Record<string, number>): Uint8Array {
  const [nx, ny, nz] = space.size;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0, q = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, q++) {
        const w = indexToPoint(space, i, j, k);
        const p: Vec3 = [w[0] - offset[0], w[1] - offset[1], w[2] - offset[2]];
        const s = structureAt(scene.structures, p);
        const layer = p[2] >= 0 ? layerAt(scene.layers, p[2]) : undefined;
        const name = s ? s.name : layer ? (layer.name ?? layer.tissue) : undefined;
        out[q] = name !== undefined ? (values[name] ?? 0) : 0;
      }
  return out;
}
