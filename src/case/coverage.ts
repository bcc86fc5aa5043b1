import type { Scene, Vec3 } from '../core/model.js';
import { buildGrid } from '../core/grid/build.js';
import { locate, type Grid } from '../core/grid/rectilinear.js';
import { rasterise, type Raster } from '../core/anatomy/raster.js';
import type { CaseIssue } from './errors.js';

const mm = (v: number) => `${Number(v.toPrecision(3))} mm`;

/** The widest cell at a point: what must shrink for a thin feature to get a cell of its own. */
function cellSizeAt(g: Grid, p: Vec3): number {
  return Math.max(g.dx[locate(g.xe, p[0])], g.dy[locate(g.ye, p[1])], g.dz[locate(g.ze, p[2])]);
}

/**
 * Every layer and structure must own at least one cell, or the solver never sees it
 * and its temperatures (and outcomes) are undefined. Checked before the run, since a
 * missing fascia found afterwards would cost the whole simulation.
 */
export function checkCoverage(scene: Scene, built?: { grid: Grid; raster: Raster }): CaseIssue[] {
  // A simulation already built has both (the planner's jobs): not built twice.
  const g = built?.grid ?? buildGrid(scene);
  const raster = built?.raster ?? rasterise(scene, g);
  const count = new Uint32Array(raster.regions.length);
  for (const lab of raster.label) count[lab]++;

  const issues: CaseIssue[] = [];
  const refine = scene.grid.kind === 'uniform' ? 'grid.spacing_mm' : scene.grid.kind === 'auto' ? 'grid.auto (a finer refinement or h_min_mm)' : 'grid edges';
  let top = 0;
  let layerIndex = 0;
  raster.regions.forEach((r, ri) => {
    if (r.label !== undefined) {
      // A labelled tissue may lie outside the domain; a labelled structure has outcomes and must be seen.
      if (r.structure === undefined || count[ri] > 0) return;
      const s = scene.structures[r.structure];
      issues.push({
        path: `anatomy.labels.${r.label}`,
        message: `'${s.name}' has no cell: no cell centre of the domain falls on a voxel of label ${r.label} (refine ${refine}, or check that the label lies inside the domain)`,
      });
    } else if (r.role === 'layer') {
      const i = layerIndex++;
      const layer = scene.layers[i];
      const layerTop = top;
      top += layer?.thickness_mm ?? 0;
      // The labelmap may cover a layer (the default muscle) whole: that is its purpose.
      if (count[ri] > 0 || !layer || scene.labelmap) return;
      const message =
        layerTop >= scene.domain.depth_mm
          ? `starts at depth ${mm(layerTop)}, below the domain (depth_mm ${scene.domain.depth_mm}): make the domain deeper or leave the layer out`
          : `is ${mm(layer.thickness_mm)} thick and no cell centre falls inside it (cells there are ${mm(g.dz[locate(g.ze, layerTop)])} deep): refine ${refine} or leave the layer out`;
      issues.push({ path: `anatomy.layers[${i}]`, message: `'${r.name}' ${message}` });
    } else if (r.structure !== undefined && count[ri] === 0) {
      const s = scene.structures[r.structure];
      const at: Vec3 =
        s.kind === 'label'
          ? s.bounds_mm[0]
          : s.kind === 'box'
            ? ([0, 1, 2].map((k) => 0.5 * (s.min_mm[k] + s.max_mm[k])) as Vec3)
            : s.kind === 'tube'
              ? s.path_mm[0]
              : s.kind === 'cylinder'
                ? s.start_mm
                : s.center_mm;
      issues.push({
        path: `anatomy.structures[${r.structure}]`,
        message: `'${s.name}' is too small for the grid: no cell centre falls inside it (cells near it are up to ${mm(cellSizeAt(g, at))}); refine ${refine} or make it larger`,
      });
    }
  });
  return issues;
}
