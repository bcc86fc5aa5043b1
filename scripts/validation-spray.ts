/**
 * docs/validation.md's section on the liquid-nitrogen spray: the published
 * measurements of src/core/probe/published-spray.ts against the simulation with the
 * spray's fitted film-boiling coefficient (scripts/validation.ts calls it).
 */
import {
  SPRAY_MEASUREMENTS,
  SPOT_FREEZE_TIMES_S,
  runErdmann,
  runSpotFreeze,
  isSpotFreeze,
  spotValue,
  type SprayMeasurement,
} from '../src/core/probe/published-spray.js';
import { LN2_SPRAY_H_W_M2K, LN2_BOILING_C } from '../src/core/probe/spray.js';

const unit = (m: SprayMeasurement) => (m.unit === 'degC' ? ' °C' : m.unit ? ` ${m.unit}` : '');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
/** Spots whose depth and spread against time are tabulated, mm: the fit's 10 mm and a small lesion's 5 mm. */
const SPOTS_MM = [10, 5];

/** The simulated value of each measurement, and the section's lines. */
export function spraySection(): { lines: string[]; failures: string[] } {
  const runs = new Map<number, ReturnType<typeof runErdmann>>();
  // One spot-freeze run per spot size serves every reading time.
  const spots = new Map(
    SPOTS_MM.map((d) => [d, runSpotFreeze(d, [...new Set([...SPOT_FREEZE_TIMES_S, ...SPRAY_MEASUREMENTS.filter(isSpotFreeze).map((m) => m.spray_s)])])]),
  );
  const simulated = SPRAY_MEASUREMENTS.map((m) => {
    if (isSpotFreeze(m)) return spotValue(m, spots.get(10)!.readings.find((x) => x.time_s === m.spray_s)!);
    if (!runs.has(m.spray_s)) runs.set(m.spray_s, runErdmann(m.spray_s));
    const r = runs.get(m.spray_s)!;
    return m.observe === 'surface-at-end-of-spray' ? r.surface_c : (r.thaw_s ?? Number.NaN);
  });
  const failures = SPRAY_MEASUREMENTS.filter((m, i) => !(Math.abs(simulated[i] - m.value) <= m.tolerance)).map((m) => m.id);
  const lines = [
    '## Liquid-nitrogen spray on skin',
    '',
    `The open spray (\`kind: spray\`) draws heat through its spot behind a film-boiling heat-transfer coefficient, ${LN2_SPRAY_H_W_M2K} W/m²/K to boiling nitrogen at ${LN2_BOILING_C} °C (src/core/probe/spray.ts says why film boiling: the sprayed skin stays more than 100 K above nitrogen's boiling point, in the Leidenfrost regime). No measured coefficient for a clinical spray on skin was found, so it is fitted to the one published skin-surface temperature under a spray ("fit") and checked against the same experiment's thaw ("held out").`,
    '',
    '| id | paper | what | measured | simulated | error | within tolerance? | used for |',
    '|---|---|---|---|---|---|---|---|',
    ...SPRAY_MEASUREMENTS.map((m, i) => {
      const v = simulated[i];
      const ok = Math.abs(v - m.value) <= m.tolerance;
      const d = m.unit ? 1 : 2;
      return `| \`${m.id}\` | ${m.source.short} | ${m.what} (${m.spray_s} s spray) | **${m.value}${unit(m)}**${m.spread ? ` (${m.spread})` : ''} | ${v.toFixed(d)}${unit(m)} | ${v - m.value >= 0 ? '+' : ''}${(v - m.value).toFixed(d)}${unit(m)} (tolerance ±${m.tolerance}${unit(m)}) | ${ok ? 'yes' : 'no'} | ${m.role} |`;
    }),
    '',
    ...SPRAY_MEASUREMENTS.flatMap((m) => [
      `**\`${m.id}\`** (${m.role}). ${m.source.citation}. Read at ${m.source.url}.`,
      '',
      `- tolerance ±${m.tolerance}${unit(m)}: ${m.tolerance_basis}`,
      `- scene assumptions: ${m.assumptions.join('; ')}`,
      '',
    ]),
    `Runs: Erdmann ${[...runs.values()].map((r) => `${r.cells.toLocaleString('en-US')} cells`).join(', ')}; spot freeze ${[...spots].map(([d, r]) => `${d} mm: ${r.cells.toLocaleString('en-US')} cells`).join(', ')} (\`grid: auto\`, refinement 1). test/verification/spray-published.test.ts makes the same comparisons on coarser grids.`,
    '',
    '### Depth and lateral spread against freeze time',
    '',
    `The spot freeze of the \`spray-depth-over-radius\` rows (in vivo skin, the fitted ${LN2_SPRAY_H_W_M2K} W/m²/K, an evenly sprayed spot): how deep the 0 °C, -20 °C and -25 °C isotherms reach under the spot's centre, how far the 0 °C surface freeze reaches past the spot's edge (the halo), and the ratio the rules of thumb give. No measurement of these against time was found to compare them with; the clinical rules for the halo are 1-2 mm for most benign lesions (Jester 1997), 2-3 mm for benign and 3-5 mm for malignant ones (Kuflik & Kuflik 2012, as quoted at https://plasticsurgerykey.com/for-cosmetic-procedures), without a time.`,
    '',
    '| spot | freeze | depth of 0 °C | depth of -20 °C | depth of -25 °C | radius of the frozen surface | halo (past the spot) | depth / radius |',
    '|---|---|---|---|---|---|---|---|',
    ...[...spots].flatMap(([d, r]) =>
      r.readings
        .filter((x) => SPOT_FREEZE_TIMES_S.includes(x.time_s))
        .map(
          (x) =>
            `| ${d} mm | ${x.time_s} s | ${f2(x.depth0_mm)} mm | ${f2(x.depth20_mm)} mm | ${f2(x.depth25_mm)} mm | ${f2(x.radius0_mm)} mm | ${f2(x.halo0_mm)} mm | ${f2(x.depth0_mm / x.radius0_mm)} |`,
        ),
    ),
    '',
    "Reading: under the spot the ice grows as a planar front (its depth roughly as the square root of time), while past the spot's edge it spreads only by conduction through skin cooled from above, so the halo lags the depth: the ice is a flat lens early and rounds out with time, and the ratio of depth to surface radius rises towards the 0.5-1.0 the rules give. The depth past the halo (depth over halo, about 2 at 30 s) is the same geometry that makes the 20 mm N2O probe's depth twice its lateral spread (`cervix-depth-equals-spread`); for the 5 mm LN2 contact probe that ratio is within the rule (`cryoprobe-depth-over-spread-30s`).",
    '',
    'Not compared, and why: "intermittent spraying ... a maximum depth of 10 mm" (Zimmerman & Crawford 2012, Am Fam Physician 86:1118) and "-25 to -50 °C ... within 30 seconds if a sufficient amount of liquid nitrogen is applied by spray or probe" (Andrews 2004, Am Fam Physician 69:2365) give no spot, depth or time to set a scene by; Torre\'s thermocouple studies of depth against lateral spread (J Dermatol Surg Oncol; abstract at https://scilit.com/publications/931352b73af3a6d64a4c594a06f8b96c) were found only as an abstract without figures; two gel studies of a liquid-nitrogen spray with thermocouples at 2 and 5 mm and the ice front measured over 120 s (Srivastava & Kumar, "Effects of spray parameters on skin tumour ablation volume during cryotherapy", Australas Phys Eng Sci Med, https://medworm.com/676676991/; "Effect of adjuvant on cutaneous cryotherapy", 0.8 mm nozzle at 27 mm) give no numbers in the abstracts read. A spray manufacturer\'s penetration figure for a nitrous-oxide pen ("Penetration is 1 mm per 5 seconds", CryoPen manual, https://manualslib.mx/manual/453207/Hando-Equipments-Cryopen-Serie.html?page=9) is for a different cryogen and device, as are Erdmann & Wokes\' liquid nitrous oxide figures ("-34.8 °C after 5 s", "0 °C after only 20 s", device and spot not stated): cryoplan has no nitrous-oxide pen or spray to compare them with.',
    '',
  ];
  return { lines, failures };
}
