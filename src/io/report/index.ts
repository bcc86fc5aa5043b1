/**
 * report.html: a self-contained report of one run for a person — the plan, charts
 * of temperature and ice-ball growth, cross-sections with isotherms over the
 * anatomy, the outcome and side-effect tables, and a plain-language patient sheet.
 * One file: inline CSS and SVG, no scripts, nothing fetched.
 */
import type { Scene } from '../../core/model.js';
import type { RunResult } from '../../core/result.js';
import type { Outcomes } from '../../core/outcome/types.js';
import { VERSION } from '../../version.js';
import { describeProtocol } from '../../core/protocol/describe.js';
import { esc, num, degC, dur, durColumn, page, table } from './html.js';
import { temperatureChart, iceBallChart, chartBlock } from './charts.js';
import { crossSections } from './sections.js';
import { planTables, nerveTable, sideEffectTable, verdict, organTable, organVerdict } from './tables.js';
import { patientSheet } from './patient-sheet.js';
import { ablationSection, sensorSection } from './cryosurgery.js';
import { lesionSection, lesionVerdictLine, sprayText } from './dermatology.js';

export interface ReportInput {
  scene: Scene;
  result: RunResult;
  outcomes: Outcomes;
  caseInfo: { name: string; hash: string; file?: string; warnings?: Array<{ path: string; message: string }> };
  wall_s: number;
  /** When the report was made (default: now). */
  generated_at?: Date;
}

function header(input: ReportInput): string {
  const { scene, result, outcomes, caseInfo } = input;
  const when = (input.generated_at ?? new Date())
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const meta = [
    `Date: ${when}`,
    `cryoplan ${VERSION}`,
    `Case hash: ${caseInfo.hash}`,
    ...(caseInfo.file ? [`File: ${caseInfo.file}`] : []),
    `Simulated ${dur(result.simulated_s)} in ${num(input.wall_s, 1)} s`,
  ];
  const targets = outcomes.nerves.filter((n) => n.target);
  const lines = targets.length ? targets.map((n) => `<div>${esc(verdict(n))}</div>`) : [`<div>${esc(iceSummary(result) ?? 'No nerve in this plan.')}</div>`];
  if (outcomes.lesion) lines.unshift(`<div class="lesion-verdict">${esc(lesionVerdictLine(outcomes.lesion))}</div>`);
  const spray = sprayText(scene);
  for (const a of outcomes.organs_at_risk) lines.push(`<div class="organ risk-${a.risk}">${esc(organVerdict(a))}</div>`);
  return `<header>
<h1>${esc(caseInfo.name || scene.name)}</h1>
${scene.description ? `<p>${esc(scene.description)}</p>` : ''}
<p class="protocol-line" id="protocol-line"><strong>Protocol as run:</strong> ${esc(describeProtocol(scene.protocol))}${spray ? `; ${spray}` : ''}${scene.warmers.length ? `; skin warmer${scene.warmers.length > 1 ? 's' : ''} ${esc(scene.warmers.map((w) => `${w.name} at ${degC(w.temperature_c, 0)}`).join(', '))}` : ''}</p>
<p class="meta">${meta.map((m) => `<span>${esc(m)}</span>`).join('')}</p>
${warningBox(caseInfo.warnings ?? [])}
<div class="verdict" id="verdict">${lines.join('')}</div>
<div class="disclaimer" role="note" id="disclaimer">${esc(outcomes.disclaimer)}</div>
</header>`;
}

/** Inputs that are legal but almost surely wrong, above everything that was computed from them. */
function warningBox(warnings: Array<{ path: string; message: string }>): string {
  if (!warnings.length) return '';
  const items = warnings.map((w) => `<li>${w.path ? `<code>${esc(w.path)}</code>: ` : ''}${esc(w.message)}</li>`).join('');
  return `<div class="warnings" role="alert" id="warnings"><strong>Check the case: ${warnings.length === 1 ? 'one input looks' : `${warnings.length} inputs look`} wrong</strong><ul>${items}</ul></div>`;
}

/** Net heat the probes exchanged with the tissue, with its direction: negative probes_j is heat removed. */
export function probeEnergyText(probes_j: number): string {
  const j = Math.abs(probes_j);
  const amount = j >= 1e4 ? `${num(j / 1000, 1)} kJ` : `${num(j, 0)} J`;
  return probes_j <= 0 ? `the probes drew ${amount} from the tissue` : `the probes delivered ${amount} to the tissue (net heating)`;
}

/** The ice ball at its largest, in one sentence. */
function iceSummary(r: RunResult): string | null {
  const zero = r.isotherms.find((i) => i.threshold_c === 0) ?? r.isotherms[0];
  if (!zero?.snapshots.length) return null;
  const big = zero.snapshots.reduce((a, s) => (s.volume_ml > a.volume_ml ? s : a));
  if (!(big.volume_ml > 0)) return `No ice formed (no tissue below ${degC(zero.threshold_c, 0)}).`;
  return `Ice ball (${degC(zero.threshold_c, 0)}) at its largest: ${num(big.volume_ml, 2)} ml, ${num(big.length_mm, 1)} × ${num(big.width_mm, 1)} mm (${big.moment}).`;
}

function isothermTable(r: RunResult): string {
  // 'end' repeats the last freeze's row when the run ends with a freeze.
  const rows = r.isotherms.flatMap((iso) =>
    iso.snapshots
      .filter((s) => !(s.moment === 'end' && iso.snapshots.some((o) => o !== s && Math.abs(o.time_s - s.time_s) < 1e-6)))
      .map((s) => [
        degC(iso.threshold_c, 0),
        esc(s.moment),
        `${num(s.time_s, 0)} s`,
        `${num(s.volume_ml, 2)} ml`,
        `${num(s.length_mm, 1)} mm`,
        `${num(s.width_mm, 1)} mm`,
      ]),
  );
  return rows.length ? table(['Isotherm', 'Moment', 'Time', 'Volume', 'Length along the probe', 'Width across it'], rows) : '';
}

function layerTable(r: RunResult): string {
  const keys = ['0', '-20', '-40'];
  const unit = keys.map((k) => durColumn(r.structures.map((s) => s.time_below_s[k])));
  const rows = r.structures.map((s) => [
    esc(s.name),
    esc(s.role),
    degC(s.min_temperature_c),
    ...keys.map((k, c) => (s.time_below_s[k] !== undefined ? unit[c](s.time_below_s[k]) : '–')),
  ]);
  return rows.length ? table(['Region', 'Role', 'Coldest', 'Time below 0 °C', 'Time below −20 °C', 'Time below −40 °C'], rows) : '';
}

function diagnostics(input: ReportInput): string {
  const r = input.result;
  return (
    `<footer><p>Grid ${r.grid.nx} × ${r.grid.ny} × ${r.grid.nz} cells (spacing ${num(r.grid.min_spacing_mm, 2)}–${num(r.grid.max_spacing_mm, 2)} mm); ${r.diagnostics.steps} time steps; ` +
    `${esc(probeEnergyText(r.energy.probes_j))}; energy balance error ${esc(r.energy.relative_error.toExponential(1))}. Generated by cryoplan ${esc(VERSION)} from case hash ${esc(input.caseInfo.hash)}.</p></footer>`
  );
}

/** The whole report as one HTML string. */
export function renderReport(input: ReportInput): string {
  const { scene, result, outcomes } = input;
  const body = [
    header(input),
    '<section id="plan"><h2>1. The plan</h2>',
    planTables(scene),
    '</section>',
    '<section id="charts" class="pagebreak"><h2>2. Temperatures and the ice ball</h2>',
    chartBlock(
      'Temperature against time',
      temperatureChart(scene, result),
      'The probe’s cooled surface and the coldest point of each nerve, of the skin and of the fat. Shaded bands: freeze phases.',
    ),
    chartBlock('Ice ball growth', iceBallChart(scene, result), 'Volume of tissue colder than each isotherm. Shaded bands: freeze phases.'),
    '<h3>Ice ball at key moments</h3>',
    isothermTable(result),
    sensorSection(scene, result),
    '</section>',
    '<section id="sections" class="pagebreak"><h2>3. Cross-sections</h2>',
    crossSections(scene, result, outcomes.nerves),
    '</section>',
    '<section id="outcomes" class="pagebreak"><h2>4. Outcome</h2>',
    `<div class="disclaimer">${esc(outcomes.disclaimer)}</div>`,
    lesionSection(outcomes.lesion),
    ablationSection(outcomes.ablation),
    '<h3>Nerves</h3>',
    nerveTable(outcomes.nerves),
    '<h3>Coldest temperature per region</h3>',
    layerTable(result),
    '<h3>Organs at risk</h3>',
    organTable(outcomes),
    '<h3>Side effects</h3>',
    sideEffectTable(outcomes),
    '</section>',
    diagnostics(input),
    patientSheet(scene, outcomes),
  ];
  return page(`${input.caseInfo.name || scene.name} — cryoplan report`, body.join('\n'));
}
