/**
 * The auto grid's cell budget (core/grid/budget.ts): a case whose error-model grid
 * would pass the budget gets the tightest accuracy that fits, is told so at the
 * field it can change, and --verify-grid judges it against the accuracy it got.
 * Grids only are built here (edges, milliseconds); nothing is solved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCase } from '../../src/case/load.js';
import { gridCells } from '../../src/case/grid.js';
import { withinCellBudget } from '../../src/core/grid/budget.js';

const CASE = (grid: string) => `name: b
domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 30 }
anatomy:
  layers: [ { tissue: muscle, thickness_mm: 30 } ]
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 20], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 10 }
protocol:
  cooling: { temperature_c: -70 }
  phases: [ { freeze_s: 180 } ]
grid: ${grid}
`;

test('within its budget the auto grid is the one asked for, and nothing is said', () => {
  const { scene, warnings } = parseCase(CASE('auto'), 'b.yaml');
  assert.equal(scene.grid.kind === 'auto' && scene.grid.accuracy, 0.02);
  assert.equal(scene.grid.kind === 'auto' && scene.grid.requested_accuracy, undefined);
  assert.deepEqual(warnings, []);
});

test('past its budget the grid fits it with the tightest accuracy that does, and the case is warned with the accuracy it got', () => {
  const asked = parseCase(CASE('{ auto: { accuracy: 0.01 } }'), 'b.yaml').scene;
  const full = gridCells(asked);
  const budget = Math.round(full / 4);
  const { scene, warnings } = parseCase(CASE(`{ auto: { accuracy: 0.01, cell_budget: ${budget} } }`), 'b.yaml');
  assert.ok(scene.grid.kind === 'auto');
  const got = scene.grid.accuracy ?? 0;
  assert.ok(gridCells(scene) <= budget, `${gridCells(scene)} cells, budget ${budget}`);
  assert.equal(scene.grid.requested_accuracy, 0.01);
  // A quarter of the cells: about 4^(1/3) = 1.6x looser (cells go as the inverse cube of the spacing); and no looser than needed.
  assert.ok(got > 0.013 && got < 0.02, `accuracy ${got}`);
  assert.ok(gridCells({ ...scene, grid: { ...scene.grid, accuracy: got * 0.97 } }) > budget, 'a 3 % tighter accuracy would also have fitted');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].path, 'grid.auto.cell_budget');
  assert.match(warnings[0].message, new RegExp(`for 1 % .* sized for ${Number((100 * got).toPrecision(2))} %`));
});

test('a grid that fixes its front spacing, or is not auto, is left as given', () => {
  const fixed = parseCase(CASE('{ auto: { h_front_mm: 1 } }'), 'b.yaml').scene;
  assert.deepEqual(withinCellBudget(fixed, 10).spec, fixed.grid);
  const uniform = parseCase(CASE('{ spacing_mm: 1 }'), 'b.yaml').scene;
  assert.deepEqual(withinCellBudget(uniform, 10).spec, uniform.grid);
});
