/**
 * The calibration band each catalogue probe carries is the one `npm run calibrate` wrote
 * into docs/calibration.md, and it is what the planner draws the probe's cooling from
 * when the plan gives no `uncertainty.probe`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROBE_CATALOGUE } from '../../../src/core/probe/catalogue.js';
import { planCaseFrom } from '../../../src/case/plan.js';
import { planScene } from '../../../src/run/plan-env.js';
import { uncertaintySamples } from '../../../src/core/plan/sampling.js';

const DOC = readFileSync(fileURLToPath(new URL('../../../../docs/calibration.md', import.meta.url)), 'utf8');

/** Per probe id: the band docs/calibration.md states for its section ("## a (and b, c)"). */
function documentedBands(): Map<string, [number, number | null]> {
  const out = new Map<string, [number, number | null]>();
  for (const section of DOC.split(/^## /m).slice(1)) {
    const head = section.split('\n')[0];
    const m = /corresponds to h from (\d+) to (above \d+|\d+)/.exec(section);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2].startsWith('above') ? null : Number(m[2]);
    const band: [number, number | null] = b === null ? [a, null] : [Math.min(a, b), Math.max(a, b)];
    for (const id of head.match(/[a-z0-9][a-z0-9.-]*[a-z0-9]/g) ?? []) if (PROBE_CATALOGUE[id]) out.set(id, band);
  }
  return out;
}

test("each calibrated catalogue probe carries the h band docs/calibration.md states for it (a carried-over coefficient, its source's)", () => {
  const doc = documentedBands();
  assert.ok(doc.size >= 4, `bands found in the document: ${[...doc.keys()].join(', ')}`);
  for (const p of Object.values(PROBE_CATALOGUE)) {
    if (!p.calibration) continue;
    const want = doc.get(p.id) ?? doc.get(p.calibration.transferred_from ?? '');
    assert.ok(want, `${p.id}: no band in docs/calibration.md`);
    assert.deepEqual(p.calibration.h_band_w_m2k, want, p.id);
    if (p.cooling.mode === 'cryogen')
      assert.ok(p.cooling.h_w_m2k >= want[0] && (want[1] === null || p.cooling.h_w_m2k <= want[1]), `${p.id}: fitted h inside its band`);
  }
});

test("without uncertainty.probe the planner draws the probe's h with the spread of its calibration band (a 95 % interval of ln h)", () => {
  const pc = planCaseFrom({ condition: 'intercostal', plan: { uncertainty: { samples: 200 } } }, 'case.yaml');
  const model = PROBE_CATALOGUE['n2o-2.0'];
  const [lo, hi] = model.calibration?.h_band_w_m2k ?? assert.fail('no band');
  const want = Math.log((hi as number) / lo) / (2 * 1.959964);
  const base = pc.scenes.get(null) ?? assert.fail('no scene');
  const h0 = base.probes[0].cooling.mode === 'cryogen' ? base.probes[0].cooling.h_w_m2k : assert.fail('not a cryogen probe');
  const logs = uncertaintySamples(200, 3).map((s) => {
    const c = planScene(pc.scenes, pc.spec, defaultConfig(), 60, s).probes[0].cooling;
    return c.mode === 'cryogen' ? Math.log(c.h_w_m2k / h0) : Number.NaN;
  });
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  assert.ok(Math.abs(sd - want) / want < 0.05, `SD of ln h ${sd.toFixed(3)} vs ${want.toFixed(3)} from the band ${lo}-${hi} W/m²/K`);
  assert.ok(Math.abs(mean) < 0.05, `centred on the fitted h (mean of ln ratio ${mean.toFixed(3)})`);
  assert.match(pc.spec.uncertainty.probe_basis.join(' '), new RegExp(`n2o-2\\.0: its calibration band h = ${lo}-${hi}`));
  // Given explicitly, the figure is the plan's.
  assert.equal(planCaseFrom({ condition: 'intercostal', plan: { uncertainty: { probe: 0.1 } } }, 'case.yaml').spec.uncertainty.probe, 0.1);
});

function defaultConfig() {
  return { probe: null, along_mm: 0, across_mm: 0, depth_mm: 0, angle_to_skin_deg: null, warmer: null, cycles: 1, thaw_s: 30 };
}
