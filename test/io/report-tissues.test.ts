/**
 * The cross-sections' tissues are drawn as a few merged rectangles per colour (labelBoxes), not
 * one <rect> per run and row: the rectangles must still paint every raster sample in its own
 * label's colour, once, and nothing outside the domain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelBoxes, type Raster } from '../../src/io/report/sections.js';

test('labelBoxes: each sample lies in exactly one rectangle, of its label’s colour; layered labels merge into one rectangle per layer', () => {
  const r: Raster = { s0: -3, w0: 1, h: 0.5, width: 40, height: 30 };
  const lab = new Int16Array(r.width * r.height);
  for (let j = 0; j < r.height; j++)
    for (let i = 0; i < r.width; i++) {
      // Three layers, a round inclusion (label 3), and a corner outside the domain (-1).
      const layer = j < 5 ? 0 : j < 12 ? 1 : 2;
      const inclusion = (i - 25) ** 2 + (j - 18) ** 2 < 30;
      lab[i + r.width * j] = i + j < 4 ? -1 : inclusion ? 3 : layer;
    }
  const colors = ['#a00', '#0a0', '#00a', '#aa0'];
  const boxes = labelBoxes(lab, r, colors);
  for (let j = 0; j < r.height; j++)
    for (let i = 0; i < r.width; i++) {
      const x = r.s0 + i * r.h,
        y = r.w0 + j * r.h;
      const hits = [...boxes].flatMap(([fill, list]) => list.filter(([x1, x2, y1, y2]) => x > x1 && x < x2 && y > y1 && y < y2).map(() => fill));
      const l = lab[i + r.width * j];
      assert.deepEqual(hits, l < 0 ? [] : [colors[l]], `sample (${i}, ${j}) of label ${l}`);
    }
  // Away from the corner and the inclusion, a layer is one rectangle, not a rectangle per row.
  assert.ok(boxes.get('#a00')!.length <= 5, `${boxes.get('#a00')!.length} rectangles for the top layer`);
  const total = [...boxes.values()].reduce((n, l) => n + l.length, 0);
  assert.ok(total < 60, `${total} rectangles (row by row: over ${r.height * 3})`);
});
