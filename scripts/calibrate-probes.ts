/**
 * Calibrates the catalogue's probe cooling to published ice balls and writes
 * docs/calibration.md.
 *
 * A catalogue probe cools through a cryogen at a temperature fixed by physics
 * (PHYSICS.md) behind a heat-transfer coefficient h on its active surface; only h
 * is fitted, and only where a measurement exists for that kind of probe
 * (src/core/probe/published-ice-balls.ts). Ice-ball size grows monotonically with
 * h, so one measurement is matched by bracketed root finding on ln h (Illinois
 * variant of regula falsi); several would be matched by golden-section search on
 * the sum of squared relative errors. Each fit runs the real 3D solver, on a grid
 * whose convergence the script checks by re-running at a finer refinement.
 *
 *   npm run calibrate [-- --only <probe id>] [-- --no-write]   (--only prints, writes nothing)
 *
 * The fitted values are then copied into src/core/probe/catalogue.ts by hand
 * (with their `calibration` records); test/verification/ice-balls.test.ts fails if
 * the catalogue and the measurements drift apart.
 */
import { writeFile, rename } from 'node:fs/promises';
import { simulate } from '../src/core/solver/simulate.js';
import {
  ICE_BALL_SCENARIOS,
  PUBLISHED_ICE_BALLS,
  scenarioScene,
  observe,
  type IceBallScenario,
  type PublishedMeasurement,
} from '../src/core/probe/published-ice-balls.js';
import { PROBE_CATALOGUE } from '../src/core/probe/catalogue.js';

interface Family {
  /** The catalogue probe whose coefficient is fitted. */
  fitted: string;
  /** Catalogue probes of the same construction that take the fitted coefficient. */
  transfers: string[];
  /** Scenarios of this family (those with 'fit' measurements are fitted; all are reported). */
  scenarios: string[];
  /** ln h is searched between these, W/m²/K. */
  bracket: [number, number];
  /** Scenario variants that change an assumption the sources leave open. */
  sensitivity: Array<{ label: string; scenario: IceBallScenario }>;
  why: string;
  /** What the numbers below mean for the catalogue (written from a run's results; printed after the tables). */
  reading: string;
}

const S = ICE_BALL_SCENARIOS;
const withProbe = (s: IceBallScenario, change: Record<string, number>): IceBallScenario => ({
  ...s,
  probe: { ...s.probe, ...change } as IceBallScenario['probe'],
});

const FAMILIES: Family[] = [
  {
    fitted: 'n2o-multi-3x27g',
    transfers: [],
    scenarios: ['ultrafine-gel'],
    bracket: [300, 30000],
    sensitivity: [
      { label: 'active length 5 mm (assumed 10)', scenario: withProbe(S['ultrafine-gel'], { active_length_mm: 5 }) },
      { label: 'active length 20 mm (assumed 10)', scenario: withProbe(S['ultrafine-gel'], { active_length_mm: 20 }) },
    ],
    why: "fine closed needles cooled by a refrigerant boiling in a sub-millimetre annulus: the only published ice ball found for such a tip is a 0.55 mm HFC-23 research probe in gel; its h is carried over to the 27 G (0.41 mm) N2O tips with N2O's own boiling point",
    reading:
      "The held-out surface temperature is -28 °C simulated against -35 °C measured: within its ±7 °C tolerance, and the fit's own band (1380-5050 W/m²/K) spans -17 to -46 °C, so one h is consistent with both figures of the source. Near the fit the radius is steep in h on this engine (2.75 mm per unit of ln h; the previous engine's grids gave 0.11 there), so although the radius moves by 1.5 % between the calibration grid and the finer one, the fitted h moves by only -1.1 %. The unknown active length moves the fitted h by -3 % to +9 % (20 mm and 5 mm). The error model asks for 2.9 million cells for this 0.55 mm probe in gel at 2 % (its sharp freezing interval); the fit runs at refinement 2.83 (152k cells), whose radius lies within 1.5 % of the 404k-cell grid's. Carrying h to N2O assumes the wall and boiling-side transfer of a 27 G N2O tip equal that of the 0.55 mm HFC-23 probe; no measurement of a 27 G N2O tip was found to check it.",
  },
  {
    fitted: 'argon-2.4',
    transfers: ['argon-1.5'],
    scenarios: ['littrup-2.4', 'littrup-1.7'],
    bracket: [100, 20000],
    sensitivity: [
      { label: 'active length 20 mm (assumed 30)', scenario: withProbe(S['littrup-2.4'], { active_length_mm: 20 }) },
      { label: 'active length 40 mm (assumed 30)', scenario: withProbe(S['littrup-2.4'], { active_length_mm: 40 }) },
    ],
    why: "argon Joule-Thomson needles; fitted to the 2.4 mm probe's lethal isotherm, and the same h (per unit of active surface) given to the 1.5-1.7 mm needles, which the 1.7 mm probe's held-out diameter checks",
    reading:
      "The unknown active length matters: with 20 or 40 mm instead of 30 the same lethal diameter needs h = 986 or 725 W/m²/K (+22 %, -10 %), because in the model the steel active segment is at one temperature and heat entering its ends warms all of it. The held-out 1.7 mm diameter agrees within its tolerance but lies 1.4 mm low (8.7 against 10.1 mm): the model's lethal diameter falls faster with probe diameter (72 % of the 2.4 mm probe's) than the paper's average (84 %). The derived 0 °C diameter disagrees (known discrepancy, docs/validation.md): no single h gives both the lethal and the 0 °C diameters the paper's figures imply; it also moves by up to 7 % between grids (26.7-28.6 mm), where the lethal diameter moves by 1.4 %: agar freezes over a narrow interval, and its 0 °C front jumps from cell to cell. The error model asks for 3.2 million cells for this scene at 2 %; the fit runs at refinement 4 (58k cells), and the finer grid would move the fitted h by +2 %.",
  },
  {
    fitted: 'n2o-contact-20',
    transfers: [],
    scenarios: ['cervix-n2o-flat'],
    // Above about 1e4 W/m²/K the fine surface cells under the face make the first step too stiff for the solver.
    bracket: [100, 10000],
    sensitivity: [
      { label: 'face 15 mm across (assumed 20)', scenario: withProbe(S['cervix-n2o-flat'], { diameter_mm: 15 }) },
      { label: 'face 25 mm across (assumed 20)', scenario: withProbe(S['cervix-n2o-flat'], { diameter_mm: 25 }) },
    ],
    why: 'flat N2O contact probes on tissue in vivo; fitted to the lateral spread of freeze under a small flat cervical probe',
    reading:
      "The face size is the assumption that matters most: the lateral spread beyond the rim grows with the face (as the isotherms of a cold disc scale with its radius), so with a 15 or 25 mm face the same 6.2 mm spread would need h of about 3e4 or 110 W/m²/K. The fitted 1780 W/m²/K therefore holds for the catalogue's 20 mm face, not for N2O contact probes in general. The ice-ball gauge's 2.2 mm error leaves h bounded only below (610 W/m²/K): above the fit the spread saturates near 7.4 mm. The held-out IARC spread at 3 min (4.36 against 4-5 mm) and the thermocouple (-6.8 against -2 °C, within its ±6 °C) agree; the depth-to-spread rule of thumb does not (known discrepancy). This scene keeps its own graded edges (not the error-model grid), so the fit moved with the engine alone (1790 to 1780 W/m²/K).",
  },
  {
    fitted: 'ln2-contact-5',
    transfers: [],
    scenarios: ['skin-ln2-contact-5'],
    // As for the N2O contact probe: above about 1e4 W/m²/K the first step under the face grows too stiff.
    bracket: [100, 10000],
    sensitivity: [
      { label: 'face 3 mm across (assumed 5)', scenario: withProbe(S['skin-ln2-contact-5'], { diameter_mm: 3 }) },
      { label: 'face 8 mm across (assumed 5)', scenario: withProbe(S['skin-ln2-contact-5'], { diameter_mm: 8 }) },
    ],
    why: "liquid-nitrogen contact probes (and applicators) on skin: no measured ice ball was found; fitted to a family-medicine text's expectation that an applicator almost covering a benign lesion, held 20-40 s, gives an ice-ball edge 2-3 mm beyond it",
    reading:
      "The fit rests on a practice text's expectation, not on a measured ice ball: its 2-3 mm over 20-40 s, widened by the 2 mm error of judging a spread by eye, bounds h only from below (100 W/m²/K, where the ice barely passes the face's edge in 30 s); above the fit the spread saturates (3.4 mm at 1e4 W/m²/K). At the fitted h the spread is 1.95, 2.50 and 2.96 mm at 20, 30 and 40 s (refinement 1): the text's whole range of times and spreads, not only the middle the fit used. The face size matters most, as for the N2O cervical probe: with a 3 or 8 mm face the same spread needs about 1.3e4 or 150 W/m²/K, so the fitted 1750 W/m²/K holds for the 5 mm face assumed. The held-out ratio of depth to lateral spread, 1.65, lies within the rules' 1.0-1.3 widened by the reading error (±0.65): under this small face the ice goes 1.6 times as deep as it spreads, against 2.1 under the 20 mm N2O probe (`cervix-depth-equals-spread`, a known discrepancy), so the ratio falls towards the rule as the face shrinks. The spread moves by 3.5 % between the three grids and the fit by -8.5 % on the finer one, well inside the band. A cotton-tipped applicator (the text does not say which) holds less nitrogen than a probe and would take a lower h.",
  },
  {
    fitted: 'n2o-2.0',
    transfers: ['n2o-1.3', 'co2-2.0'],
    scenarios: ['n2o-2.0-muscle'],
    bracket: [300, 30000],
    sensitivity: [
      { label: 'active length 6 mm (assumed 10)', scenario: withProbe(S['n2o-2.0-muscle'], { active_length_mm: 6 }) },
      { label: 'diameter 1.3 mm (assumed 2.0)', scenario: withProbe(S['n2o-2.0-muscle'], { diameter_mm: 1.3 }) },
    ],
    why: 'N2O (and CO2) Joule-Thomson needle probes of 1.3-2 mm for cryoneurolysis: no published ice-ball size was found, but clinical texts give the tip temperature during a freeze (-60 to -80 °C); h is fitted to its middle, -70 °C after 1 min in perfused muscle, and carried over to the 1.3 mm N2O and the 2.0 mm CO2 probes of the same construction',
    reading:
      "This ties h to a tip temperature, not to an ice ball: the ice-ball sizes of these probes remain unvalidated. The fit is loose: the quoted -60 to -80 °C band spans h from 3380 to 16180 W/m²/K (the table above). A 1.3 mm probe or a 6 mm active segment would need 7550 or 6800 W/m²/K for the same -70 °C. Carrying h to CO2 assumes the same wall and boiling-side transfer with CO2's -78 °C behind it.",
  },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

let runs = 0;
let runSeconds = 0;

/** Runs one scenario and returns the simulated value of each of its measurements. */
function run(s: IceBallScenario, h: number, refinement: number): { values: Map<string, number>; cells: number; seconds: number } {
  const t0 = performance.now();
  const r = simulate(scenarioScene(s, { h_w_m2k: h, refinement }));
  const seconds = (performance.now() - t0) / 1000;
  runs++;
  runSeconds += seconds;
  const values = new Map<string, number>();
  for (const m of PUBLISHED_ICE_BALLS) if (m.scenario === s.id) values.set(m.id, observe(m, r));
  console.log(
    `  ${s.id} h=${h.toFixed(1)} refinement ${refinement}: ${r.grid.cells} cells, ${seconds.toFixed(1)} s; ${[...values].map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}`,
  );
  return { values, cells: r.grid.cells, seconds };
}

const rel = (m: PublishedMeasurement, v: number) => (v - m.value) / Math.abs(m.value);

interface Fit {
  h: number;
  slope: number;
  iterations: number;
  history: Array<{ h: number; value: number }>;
}

/**
 * ln h where the single fitted quantity matches its measurement. Sizes grow with h and
 * a probe's temperature falls with it: the sign is taken from the bracket's ends, so
 * the search always sees a rising function.
 */
function rootFit(s: IceBallScenario, m: PublishedMeasurement, bracket: [number, number], refinement: number): Fit {
  const history: Fit['history'] = [];
  let dir = 1;
  const f = (x: number) => {
    const v = run(s, Math.exp(x), refinement).values.get(m.id)!;
    history.push({ h: Math.exp(x), value: v });
    return dir * (v - m.value);
  };
  let a = Math.log(bracket[0]),
    b = Math.log(bracket[1]);
  let fa = f(a),
    fb = f(b);
  if (fb < fa) {
    dir = -1;
    fa = -fa;
    fb = -fb;
  }
  if (fa > 0 || fb < 0)
    throw new Error(`${m.id}: the bracket [${bracket}] W/m²/K does not contain the measured ${m.value} (${fa + m.value} .. ${fb + m.value})`);
  let side = 0;
  let x = a;
  for (let it = 0; it < 30; it++) {
    x = (a * fb - b * fa) / (fb - fa);
    const fx = f(x);
    if (Math.abs(fx) < 0.002 * Math.abs(m.value) || b - a < 0.005) {
      a = fx < 0 ? x : a;
      b = fx > 0 ? x : b;
      break;
    }
    if (fx * fb > 0) {
      b = x;
      fb = fx;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  // Local slope d(value)/d(ln h) from the two evaluations nearest the root.
  const near = [...history].sort((p, q) => Math.abs(p.value - m.value) - Math.abs(q.value - m.value)).slice(0, 2);
  const slope = (near[0].value - near[1].value) / (Math.log(near[0].h) - Math.log(near[1].h));
  const best = near[0];
  return { h: best.h, slope, iterations: history.length, history };
}

/** Golden-section search on ln h for several fitted measurements (sum of squared relative errors). */
function goldenFit(runAll: (h: number) => Map<string, number>, fits: PublishedMeasurement[], bracket: [number, number]): Fit {
  const history: Fit['history'] = [];
  const cost = (x: number) => {
    const v = runAll(Math.exp(x));
    history.push({ h: Math.exp(x), value: NaN });
    return fits.reduce((s, m) => s + rel(m, v.get(m.id)!) ** 2, 0);
  };
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(bracket[0]),
    b = Math.log(bracket[1]);
  let c = b - g * (b - a),
    d = a + g * (b - a);
  let fc = cost(c),
    fd = cost(d);
  while (b - a > 0.01) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = cost(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = cost(d);
    }
  }
  return { h: Math.exp((a + b) / 2), slope: NaN, iterations: history.length, history };
}

/** ln-h interpolation of the search's runs: the h at which the fitted value equals `target` (Infinity/NaN beyond them). */
function hWhere(history: Fit['history'], target: number): number {
  const pts = [...history].sort((a, b) => a.h - b.h);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i],
      b = pts[i + 1];
    if ((a.value - target) * (b.value - target) <= 0 && a.value !== b.value) {
      const x = Math.log(a.h) + ((target - a.value) * (Math.log(b.h) - Math.log(a.h))) / (b.value - a.value);
      return Math.round(Math.exp(x) / 10) * 10;
    }
  }
  return target > pts[pts.length - 1].value ? Infinity : NaN;
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toPrecision(d) : 'n/a');
const unit = (m: PublishedMeasurement) => (m.unit === 'degC' ? ' °C' : m.unit ? ` ${m.unit}` : '');

/** One row of the summary table: what the catalogue held and what this fit gives. */
const summary: string[] = [];

async function calibrate(fam: Family): Promise<string[]> {
  const scen = fam.scenarios.map((id) => S[id]);
  const fitScen = scen.filter((s) => PUBLISHED_ICE_BALLS.some((m) => m.scenario === s.id && m.role === 'fit'));
  const fits = PUBLISHED_ICE_BALLS.filter((m) => m.role === 'fit' && fam.scenarios.includes(m.scenario));
  const all = PUBLISHED_ICE_BALLS.filter((m) => fam.scenarios.includes(m.scenario));
  const ref = fitScen[0].refinement.calibrate;
  console.log(`\n${fam.fitted}: fitting h to ${fits.map((m) => m.id).join(', ')} at refinement ${ref}`);
  const t0 = performance.now();
  const fit =
    fits.length === 1
      ? rootFit(fitScen[0], fits[0], fam.bracket, ref)
      : goldenFit((h) => new Map(fitScen.flatMap((s) => [...run(s, h, s.refinement.calibrate).values])), fits, fam.bracket);
  const h = Math.round(fit.h / 10) * 10;
  const fitMinutes = (performance.now() - t0) / 60000;

  // Every measurement of the family at the (rounded) fitted h, on the calibration grid.
  const at = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const s of scen) {
    const r = run(s, h, s.refinement.calibrate);
    cells.set(s.id, r.cells);
    for (const [k, v] of r.values) at.set(k, v);
  }
  const fitErr = fits.map((m) => rel(m, at.get(m.id)!));
  const rms = Math.sqrt(fitErr.reduce((s, e) => s + e * e, 0) / fitErr.length);

  // The fit's own uncertainty: h where the fitted value sits at the ends of its tolerance
  // (interpolated in ln h between the search's own runs; sizes saturate at large h, so
  // the upper end may lie beyond the bracket), and what the held-out predictions do there.
  const m0 = fits[0];
  const band = fits.length === 1 ? [hWhere(fit.history, m0.value - m0.tolerance.abs), hWhere(fit.history, m0.value + m0.tolerance.abs)] : [NaN, NaN];
  const bandVals: Array<Map<string, number>> = [];
  for (const hb of band) {
    if (!Number.isFinite(hb)) {
      bandVals.push(new Map());
      continue;
    }
    const v = new Map<string, number>();
    for (const s of scen) for (const [k, x] of run(s, hb, s.refinement.calibrate).values) v.set(k, x);
    bandVals.push(v);
  }

  // Grid convergence at the fitted h: the fit grid, a finer one and the test's coarser one.
  const grid: Array<{ scenario: string; refinement: number; cells: number; seconds: number; values: Map<string, number> }> = [];
  for (const s of scen) {
    for (const refinement of [s.refinement.test, s.refinement.calibrate, s.refinement.finer]) {
      const r =
        refinement === s.refinement.calibrate
          ? { values: new Map([...at].filter(([k]) => all.find((m) => m.id === k)?.scenario === s.id)), cells: cells.get(s.id)!, seconds: NaN }
          : run(s, h, refinement);
      grid.push({ scenario: s.id, refinement, cells: r.cells, seconds: r.seconds, values: r.values });
    }
  }
  const fineFit = grid.find((g) => g.scenario === m0.scenario && g.refinement === S[m0.scenario].refinement.finer)!.values.get(m0.id)!;
  const hFiner = Number.isFinite(fit.slope) ? Math.exp(Math.log(h) - (fineFit - at.get(m0.id)!) / fit.slope) : NaN;

  // Assumptions the sources leave open.
  const sens = fam.sensitivity.map((v) => {
    const val = run(v.scenario, h, v.scenario.refinement.calibrate).values.get(m0.id)!;
    const hImplied = Number.isFinite(fit.slope) ? Math.exp(Math.log(h) - (val - at.get(m0.id)!) / fit.slope) : NaN;
    return { label: v.label, value: val, hImplied };
  });

  const probe = PROBE_CATALOGUE[fam.fitted];
  const lines: string[] = [];
  lines.push(`## ${fam.fitted}${fam.transfers.length ? ` (and ${fam.transfers.join(', ')})` : ''}`, '');
  lines.push(`${probe.label}. ${fam.why[0].toUpperCase()}${fam.why.slice(1)}.`, '');
  lines.push('**Data.**', '');
  lines.push('| id | role | source | probe | medium | time | measured | spread |', '|---|---|---|---|---|---|---|---|');
  for (const m of all)
    lines.push(
      `| \`${m.id}\` | ${m.role} | ${m.source.short} (${m.source.provenance}) | ${m.probe} | ${m.medium} | ${m.time} | ${m.quantity}: ${m.value}${unit(m)} | ${m.spread} |`,
    );
  lines.push('');
  for (const s of scen) {
    lines.push(
      `Scene \`${s.id}\`: ${s.probe.kind === 'needle' ? `needle ${s.probe.diameter_mm} mm, active ${s.probe.active_length_mm} mm` : `contact face ${s.probe.diameter_mm} mm`}, cryogen at ${s.cryogen_temperature_c} °C (${s.cryogen_basis}), ${s.medium.label}. Assumptions: ${s.assumptions.join('; ')}.`,
      '',
    );
  }
  lines.push('**Fit.**', '');
  lines.push(
    `h = **${h} W/m²/K** (${fits.length === 1 ? 'bracketed regula falsi (Illinois) on ln h' : 'golden-section search on ln h'}, ${fit.iterations} solver runs, ${fitMinutes.toFixed(1)} min; bracket ${fam.bracket.join('-')} W/m²/K; refinement ${ref}, ${cells.get(fitScen[0].id)!.toLocaleString('en-US')} cells). Search path: ${fit.history.map((p) => `${fmt(p.h, 4)} → ${Number.isFinite(p.value) ? fmt(p.value, 4) : '·'}`).join('; ')}.`,
    '',
  );
  // What the catalogue held before this fit: the value a re-fit moves (copied in by hand afterwards).
  const before = probe.cooling.mode === 'cryogen' ? probe.cooling.h_w_m2k : NaN;
  const beforeBand = probe.calibration?.h_band_w_m2k;
  lines.push(
    `Catalogue before this fit: h = ${before} W/m²/K${beforeBand ? ` (band ${beforeBand[0]}-${beforeBand[1] ?? 'open'})` : ''}; this fit moves it by ${(100 * (h / before - 1)).toFixed(1)} %.`,
    '',
  );
  const bandText = (x: number) =>
    x === Infinity ? `above ${fam.bracket[1]} (the size saturates: no h reaches it)` : Number.isFinite(x) ? `${x}` : 'below the bracket';
  if (Number.isFinite(fit.slope))
    lines.push(
      `Sensitivity at the fit: d(${m0.id})/d(ln h) = ${fmt(fit.slope)}${unit(m0)}. The measurement's tolerance (±${m0.tolerance.abs}${unit(m0)}) corresponds to h from ${bandText(band[0])} to ${bandText(band[1])} W/m²/K.`,
      '',
    );
  lines.push('**Residuals** (at the fitted h, calibration grid).', '');
  lines.push("| id | role | measured | simulated | error | simulated with h at the ends of the fit's band |", '|---|---|---|---|---|---|');
  for (const m of all) {
    const v = at.get(m.id)!;
    const b = bandVals.length ? bandVals.map((bv) => (bv.has(m.id) ? fmt(bv.get(m.id)!) : 'n/a')).join(' .. ') : 'n/a';
    // A relative error means nothing for a temperature in °C.
    const pct = m.unit === 'degC' ? '' : ` (${(100 * rel(m, v)).toFixed(1)} %)`;
    lines.push(
      `| \`${m.id}\` | ${m.role} | ${m.value}${unit(m)} | ${fmt(v)}${unit(m)} | ${v - m.value >= 0 ? '+' : ''}${fmt(v - m.value, 2)}${unit(m)}${pct} | ${b} |`,
    );
  }
  lines.push('', `RMS relative error of the fitted measurement(s): ${(100 * rms).toFixed(2)} %.`, '');
  lines.push("**Grid convergence** (fitted h; `auto` grid refinements: the test's, the calibration's, a finer one).", '');
  lines.push(`| scene | refinement | cells | ${all.map((m) => `\`${m.id}\``).join(' | ')} |`, `|---|---|---|${all.map(() => '---|').join('')}`);
  for (const g of grid)
    lines.push(
      `| ${g.scenario} | ${g.refinement} | ${g.cells.toLocaleString('en-US')} | ` +
        all.map((m) => (g.values.has(m.id) ? fmt(g.values.get(m.id)!, 4) : '')).join(' | ') +
        ' |',
    );
  lines.push('', `On the finer grid the fit would give h ≈ ${fmt(hFiner, 3)} W/m²/K (${(100 * (hFiner / h - 1)).toFixed(1)} %).`, '');
  lines.push('**Assumptions** (each changes one thing the sources leave open; the fitted value it gives, and the h that would restore the measurement).', '');
  lines.push(`| variant | \`${m0.id}\` | h that would fit (linear in ln h from the fit's local slope) |`, '|---|---|---|');
  for (const s of sens) lines.push(`| ${s.label} | ${fmt(s.value)}${unit(m0)} | ${fmt(s.hImplied, 3)} W/m²/K |`);
  lines.push('', `**Reading.** ${fam.reading}`, '');
  const residual = (m: PublishedMeasurement, v: number) =>
    `${v - m.value >= 0 ? '+' : ''}${fmt(v - m.value, 2)}${unit(m)}${m.unit === 'degC' ? '' : ` (${(100 * rel(m, v)).toFixed(1)} %)`}`;
  const pctMove = (a: number, b: number) => `${b >= a ? '+' : ''}${(100 * (b / a - 1)).toFixed(1)} %`;
  summary.push(
    `| \`${fam.fitted}\`${fam.transfers.length ? ` (and ${fam.transfers.map((t) => `\`${t}\``).join(', ')})` : ''} | ${before} → **${h}** (${pctMove(before, h)}) | ${beforeBand ? `${beforeBand[0]}-${beforeBand[1] ?? 'open'}` : 'n/a'} → ${[
      ...band,
    ]
      .sort((a, b) => a - b)
      .map((x) => (Number.isFinite(x) ? x : x === Infinity ? 'open' : 'n/a'))
      .join('-')} | ${fits.map((m) => residual(m, at.get(m.id)!)).join(', ')} |`,
  );
  console.log(`${fam.fitted}: h = ${h} W/m²/K, rms ${(100 * rms).toFixed(2)} %, band ${band.join(' - ')}, finer-grid h ${fmt(hFiner, 4)}`);
  return lines;
}

async function main() {
  const only = arg('--only');
  const families = FAMILIES.filter((f) => !only || f.fitted === only);
  const started = new Date();
  const sections: string[] = [];
  for (const f of families) sections.push(...(await calibrate(f)));
  const uncalibrated = Object.values(PROBE_CATALOGUE).filter((p) => !FAMILIES.some((f) => f.fitted === p.id || f.transfers.includes(p.id)));
  const doc = [
    '# Probe calibration',
    '',
    'Each catalogue probe cools through its cryogen, at the temperature physics gives it (PHYSICS.md: N2O about -88 °C, CO2 -78 °C, argon -185 °C, liquid nitrogen -196 °C), behind a heat-transfer coefficient h (W/m²/K) on its active surface: the wall, the boiling or expanding gas inside it and the contact with tissue together. h is the one number the published ice balls can determine, and the only one fitted. The measurements, their sources and the scenes that reproduce them are in `src/core/probe/published-ice-balls.ts`; docs/validation.md compares every one of them, fitted or held out, with the calibrated catalogue.',
    '',
    'Few usable measurements were found: most papers on cryoprobe ice balls could be read only as abstracts, and most abstracts give no sizes (docs/validation.md lists those found and not used). Where a source leaves out something the scene needs, the scene states its assumption and the tables below show how much the assumption moves the fit.',
    '',
    '## Summary',
    '',
    "The heat-transfer coefficient of each fitted probe family: what the catalogue held before this run and what the fit gives (copy it into src/core/probe/catalogue.ts), the h band the measurement's tolerance allows, and the fitted measurement's residual on the calibration grid. Each family's section below gives the search, the held-out comparisons and the grid convergence.",
    '',
    '| probe | h, W/m²/K (before → fitted) | band (before → now) | fit residual |',
    '|---|---|---|---|',
    ...summary,
    '',
    ...sections,
    '## Not calibrated',
    '',
    ...(uncalibrated.length
      ? uncalibrated.map(
          (p) =>
            `- \`${p.id}\` (${p.label}, h = ${p.cooling.mode === 'cryogen' ? p.cooling.h_w_m2k : 'n/a'} W/m²/K): ${p.not_calibrated ?? 'not calibrated: no published ice ball found for this kind of probe'}.`,
        )
      : ["- none: every catalogue probe's cooling is fitted, or carried over from a fit of its family."]),
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm run calibrate   # writes this file; copy the fitted h into src/core/probe/catalogue.ts',
    '```',
    '',
    `Generated by \`npm run calibrate\` on ${started.toISOString().slice(0, 10)}: ${runs} solver runs, ${(runSeconds / 60).toFixed(1)} min of solving on this machine (${process.platform}, Node ${process.version}).`,
    '',
  ].join('\n');
  // A partial run (--only) prints rather than overwrite the whole record.
  if (only || process.argv.includes('--no-write')) {
    console.log(doc);
    return;
  }
  const out = 'docs/calibration.md';
  await writeFile(`${out}.tmp`, doc);
  await rename(`${out}.tmp`, out);
  console.log(`wrote ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
