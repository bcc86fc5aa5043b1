/** The report's own texts about its inputs (issue 7): warnings shown first, signed energies, one time unit per column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport, probeEnergyText } from '../../src/io/report/index.js';
import { durColumn } from '../../src/io/report/html.js';
import { reportScene, reportResult, reportOutcomes } from './report-fixture.js';

function render(warnings: Array<{ path: string; message: string }> = [], edit?: (r: ReturnType<typeof reportResult>) => void) {
  const scene = reportScene();
  const result = reportResult(scene);
  edit?.(result);
  return renderReport({
    scene,
    result,
    outcomes: reportOutcomes(),
    caseInfo: { name: scene.name, hash: '0123456789abcdef', warnings },
    wall_s: 1.5,
    generated_at: new Date('2026-01-02T03:04:05Z'),
  });
}

const cellsOfColumn = (html: string, tableHead: string, column: string): string[] => {
  const start = html.indexOf(tableHead);
  const t = html.slice(start, html.indexOf('</table>', start));
  const heads = [...t.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
  const c = heads.indexOf(column);
  assert.ok(c >= 0, `column ${column} in ${heads.join(' | ')}`);
  return [...t.matchAll(/<tr><td>(.*?)<\/td><\/tr>/g)].map((m) => m[1].split('</td><td>')[c]);
};

test('warnings appear in a visible box near the top of the report, with their field paths', () => {
  const html = render([{ path: 'protocol.cooling', message: 'the probe is held at 50 °C, not colder than the body' }]);
  const box = /<div class="warnings" role="alert" id="warnings">(.*?)<\/div>/s.exec(html);
  assert.ok(box, 'a warnings box');
  assert.match(box[1], /<code>protocol\.cooling<\/code>: the probe is held at 50 °C/);
  // Before the verdict and the plan: read before any result.
  assert.ok(html.indexOf('id="warnings"') < html.indexOf('id="verdict"'));
  assert.ok(html.indexOf('id="warnings"') < html.indexOf('id="plan"'));
  assert.doesNotMatch(render([]), /id="warnings"/);
});

test('probe energy carries its direction: drawn from the tissue, or delivered to it', () => {
  assert.equal(probeEnergyText(-54), 'the probes drew 54 J from the tissue');
  assert.equal(probeEnergyText(54), 'the probes delivered 54 J to the tissue (net heating)');
  assert.match(
    render([], (r) => (r.energy.probes_j = 54)),
    /the probes delivered 54 J to the tissue/,
  );
  assert.match(
    render([], (r) => (r.energy.probes_j = -1234)),
    /the probes drew 1234 J from the tissue/,
  );
});

test('a column of durations uses one unit (not "65 s" beside "2.1 min")', () => {
  const f = durColumn([65, 130, null, 30]);
  assert.deepEqual([65, 130, 30].map(f), ['1.1 min', '2.2 min', '0.5 min']);
  assert.equal(f(null), '–');
  assert.deepEqual([5, 90].map(durColumn([5, 90])), ['5 s', '90 s']);
  assert.deepEqual([1800, 9000].map(durColumn([1800, 9000])), ['0.5 h', '2.5 h']);
  const html = render([], (r) => {
    r.structures[0].time_below_s['0'] = 65;
    r.structures[1].time_below_s['0'] = 130;
  });
  const cells = cellsOfColumn(html, '<th scope="col">Region</th>', 'Time below 0 °C').filter((c) => c !== '–');
  assert.ok(cells.length >= 2, cells.join(' | '));
  const units = new Set(cells.map((c) => c.replace(/^[−\d.]+ /, '')));
  assert.equal(units.size, 1, cells.join(' | '));
});
