/** Organs at risk in the report: the clinician's table and header, and the patient sheet's warning signs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../src/io/report/index.js';
import type { OrganAtRisk } from '../../src/core/outcome/types.js';
import { reportScene, reportResult, reportOutcomes } from './report-fixture.js';

const text = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

const PLEURA: OrganAtRisk = {
  name: 'pleura and lung',
  kind: 'layer',
  complication: 'pneumothorax',
  complication_label: 'pneumothorax (pleura frozen or punctured: air between lung and chest wall)',
  coldest_c: -53.3,
  frozen: true,
  time_frozen_s: 118,
  risk: 'high',
  basis: 'coldest -53.3 °C: ice reached it (≤ -1 °C for 118 s)',
  advice: 'Keep the ice ball off the pleura.',
  note: null,
};
const ARTERY: OrganAtRisk = {
  ...PLEURA,
  name: 'intercostal artery',
  kind: 'vessel',
  complication: 'vessel-injury',
  complication_label: 'vessel injury (haematoma, bleeding, thrombosis)',
  coldest_c: 24,
  frozen: false,
  time_frozen_s: null,
  risk: 'low',
  basis: 'coldest 24.0 °C at its wall',
};

function render(organs: OrganAtRisk[]) {
  const scene = reportScene();
  const outcomes = { ...reportOutcomes(), organs_at_risk: organs };
  return renderReport({ scene, result: reportResult(scene), outcomes, caseInfo: { name: scene.name, hash: 'h' }, wall_s: 1, generated_at: new Date(0) });
}

test('a frozen pleura is a pneumothorax row in the clinician table and the header, and breathlessness on the patient sheet, not a faint', () => {
  const html = render([PLEURA, ARTERY]);
  const table = text(/<table class="organs">[\s\S]*?<\/table>/.exec(html)?.[0] ?? assert.fail('no organ table'));
  assert.match(table, /pleura and lung pneumothorax .* −53\.3 °C yes \(118 s\) high/);
  assert.match(table, /intercostal artery vessel injury .* 24\.0 °C no low/);
  const header = text(/<header>[\s\S]*?<\/header>/.exec(html)![0]);
  assert.match(header, /Pleura and lung: ice reaches it \(coldest −53\.3 °C\): pneumothorax/);
  assert.match(header, /Intercostal artery: clear of the ice/);
  const sheet = text(/<section class="patient"[\s\S]*?<\/section>/.exec(html)![0]);
  assert.match(sheet, /Air leaking around the lung \(pneumothorax\) \(the model shows the cold reaching it with this plan\)/);
  assert.match(sheet, /short of breath/);
  assert.match(sheet, /chest/);
  assert.match(sheet, /bruise that keeps getting bigger/, 'the artery brings its own warning sign');
  // The faint is a needle reaction, not a consequence of the pleura's cold.
  assert.doesNotMatch(sheet, /Feeling faint or dizzy \(likely/);
});

test('a plan without organs at risk says so in the table and adds no organ warnings to the patient sheet', () => {
  const html = render([]);
  assert.match(text(html), /The case marks no organ at risk/);
  assert.doesNotMatch(text(/<section class="patient"[\s\S]*?<\/section>/.exec(html)![0]), /Parts of the body close to the treated nerve/);
});
