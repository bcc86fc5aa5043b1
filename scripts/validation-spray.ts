/**
 * docs/validation.md's section on the liquid-nitrogen spray: the published
 * measurements of src/core/probe/published-spray.ts against the simulation with the
 * spray's fitted film-boiling coefficient (scripts/validation.ts calls it).
 */
import { SPRAY_MEASUREMENTS, runErdmann, type SprayMeasurement } from '../src/core/probe/published-spray.js';
import { LN2_SPRAY_H_W_M2K, LN2_BOILING_C } from '../src/core/probe/spray.js';

const unit = (m: SprayMeasurement) => (m.unit === 'degC' ? ' °C' : ' s');

/** The simulated value of each measurement, and the section's lines. */
export function spraySection(): { lines: string[]; failures: string[] } {
  const runs = new Map<number, ReturnType<typeof runErdmann>>();
  const simulated = SPRAY_MEASUREMENTS.map((m) => {
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
      return `| \`${m.id}\` | ${m.source.short} | ${m.what} (${m.spray_s} s spray) | **${m.value}${unit(m)}** | ${v.toFixed(1)}${unit(m)} | ${v - m.value >= 0 ? '+' : ''}${(v - m.value).toFixed(1)}${unit(m)} (tolerance ±${m.tolerance}${unit(m)}) | ${ok ? 'yes' : 'no'} | ${m.role} |`;
    }),
    '',
    ...SPRAY_MEASUREMENTS.flatMap((m) => [
      `**\`${m.id}\`** (${m.role}). ${m.source.citation}. Read at ${m.source.url}.`,
      '',
      `- tolerance ±${m.tolerance}${unit(m)}: ${m.tolerance_basis}`,
      `- scene assumptions: ${m.assumptions.join('; ')}`,
      '',
    ]),
    `Run: ${[...runs.values()].map((r) => `${r.cells.toLocaleString('en-US')} cells`).join(', ')} (\`grid: auto\`, refinement 1). test/verification/spray-published.test.ts makes the same comparisons on a coarser grid.`,
    '',
    'Not compared, and why: the dermatology texts give rules rather than measurements: "the depth of freezing equals the radius of the surface freeze" (Jester 1997, Prim Care 24:269), "intermittent spraying ... a maximum depth of 10 mm" (Zimmerman & Crawford 2012, Am Fam Physician 86:1118), "-25 to -50 °C within 30 s" (Andrews 2004, Am Fam Physician 69:2365): no time, spot or spread to compare a simulation with. No measured depth or lateral spread of a spray\'s ice against freeze time was found.',
    '',
  ];
  return { lines, failures };
}
