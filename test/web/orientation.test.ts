/**
 * The 3D view's orientation words come from the case: a case that names its sides (the prostate
 * preset) shows those names, any other the axes and skin / deep; the scale bar's length is round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisWords, niceLength } from '../../web/src/orientation.js';
import { parseCase } from '../../src/case/load.js';

test('the 3D view names the prostate preset’s sides in its own words, and any other case’s axes', () => {
  const prostate = parseCase('condition: prostate\n', 'p.yaml').scene;
  const sides = prostate.ablation?.side_names;
  assert.ok(sides, 'the prostate preset names its sides');
  const [x, y, z] = axisWords(prostate);
  assert.deepEqual([x.plus, x.minus, y.plus, y.minus], [sides['+x'], sides['-x'], sides['+y'], sides['-y']]);
  assert.equal(z.plus, `deep (${sides['+z']})`);
  const plain = axisWords(parseCase('condition: intercostal\n', 'i.yaml').scene);
  assert.deepEqual(plain, [
    { plus: '+x', minus: null },
    { plus: '+y', minus: null },
    { plus: 'deep', minus: 'skin' },
  ]);
});

test('the scale bar is the longest round length that fits', () => {
  for (const [max, want] of [
    [7.2, 5],
    [10, 10],
    [19.9, 10],
    [0.8, 0.5],
    [0.1, 0.5],
    [1000, 200],
  ] as const)
    assert.equal(niceLength(max), want, `${max} mm`);
});
