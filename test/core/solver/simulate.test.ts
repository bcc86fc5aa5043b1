import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, simulateAsync } from '../../../src/core/solver/simulate.js';
import { SimulationError } from '../../../src/core/solver/errors.js';
import { referenceScene, customTissue } from '../../helpers/scene.js';
import type { Scene } from '../../../src/core/model.js';

const quick = (over: Partial<Scene> = {}): Scene =>
  referenceScene({
    domain: {
      x_mm: [-12, 12],
      y_mm: [-12, 12],
      depth_mm: 40,
      boundaries: {
        x_min: 'body',
        x_max: 'body',
        y_min: 'body',
        y_max: 'body',
        bottom: 'body',
        surface: { kind: 'convection', h_w_m2k: 10, air_temperature_c: 22 },
      },
    },
    protocol: [{ kind: 'freeze', duration_s: 30 }],
    grid: { kind: 'auto', refinement: 4 },
    ...over,
  });

test('runs are deterministic: the same scene gives bit-identical fields', () => {
  const a = simulate(quick());
  const b = simulate(quick());
  assert.deepEqual(Array.from(a.fields.final_c), Array.from(b.fields.final_c));
  assert.equal(a.diagnostics.steps, b.diagnostics.steps);
});

test('progress is reported up to the end and a cancel stops the run', async () => {
  const seen: number[] = [];
  await simulateAsync(quick(), { onProgress: (p) => seen.push(p.time_s / p.total_s) });
  assert.ok(seen.length > 5);
  assert.equal(seen[seen.length - 1], 1);
  assert.ok(
    seen.every((v, i) => i === 0 || v >= seen[i - 1]),
    'progress never goes back',
  );
  let calls = 0;
  await assert.rejects(simulateAsync(quick(), { shouldCancel: () => ++calls > 3 }), (e: unknown) => e instanceof SimulationError && e.code === 'cancelled');
});

test('a non-physical property that slips past validation stops the run with a clear message', () => {
  const scene = quick({ tissues: { muscle: customTissue('muscle', { c_unfrozen_j_m3k: Number.NaN }) } });
  assert.throws(
    () => simulate(scene),
    (e: unknown) => e instanceof SimulationError && e.code === 'diverged' && /degC|NaN/.test(e.message),
  );
});

test('the ice ball grows with freezing time and is colder near the probe', () => {
  const r = simulate(
    quick({
      protocol: [
        { kind: 'freeze', duration_s: 20 },
        { kind: 'freeze', duration_s: 20 },
      ],
    }),
  );
  const ice = r.isotherms.find((i) => i.threshold_c === 0)!;
  const [first, second] = ice.snapshots;
  assert.equal(first.moment, 'end of freeze 1');
  assert.ok(second.volume_ml > first.volume_ml, 'volume grows');
  const inner = r.isotherms.find((i) => i.threshold_c === -40)!.snapshots.at(-1)!;
  assert.ok(inner.volume_ml < second.volume_ml && inner.width_mm < second.width_mm);
  // The ice ball is longer than the 10 mm active segment and wider than the 2 mm probe.
  assert.ok(second.length_mm > 10 && second.width_mm > 2);
});

test('a passive thaw lets the ice shrink from the inside out; perfusion warms it', () => {
  const r = simulate(
    quick({
      protocol: [
        { kind: 'freeze', duration_s: 30 },
        { kind: 'thaw', duration_s: 60, thaw: 'passive' },
      ],
    }),
  );
  const cold = r.series.isotherms.find((i) => i.threshold_c === -20)!.volume_ml;
  const peak = Math.max(...cold);
  assert.ok(cold[cold.length - 1] < 0.5 * peak, `-20 degC volume ${cold[cold.length - 1]} ml after thaw vs peak ${peak}`);
  const probeT = r.series.probes[0].temperature_c;
  assert.ok(probeT[probeT.length - 1] > -20, 'the probe warms once it stops cooling');
});
