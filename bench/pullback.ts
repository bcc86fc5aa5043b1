/**
 * The heat each position of a pulled-back needle draws in the prostate preset: the
 * six needles with their tips at the base (75 mm), freezing 10 min, an active thaw
 * of 5 min, and 10 min at the pulled-back depth. With a pull-back shorter than the
 * 20 mm active segment the two positions overlap; the deep position must draw what
 * it draws with a pull-back that does not overlap (its freeze is the same). `--build
 * DIR` runs another build's modules (an older commit's build/ folder), side by side.
 *
 *   npm run build:dev && node build/bench/pullback.js [10 20] [--build /path/to/old/build]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const HOLES = ['E3', 'I3', 'D4', 'J4', 'E6', 'I6'];

function caseText(pullback: number): string {
  return `condition: prostate
name: pull-back ${pullback} mm
template: { model: argon-1.5, spacing_mm: 5, origin_mm: [-30, -15], tip_depth_mm: 75, holes: [${HOLES.map((h) => `{ hole: ${h}, pullback_mm: ${pullback} }`).join(', ')}] }
protocol:
  phases:
    - { freeze_s: 600, probes: [${HOLES.join(', ')}] }
    - { thaw_s: 300, thaw: active, thaw_temperature_c: 20, probes: [${HOLES.join(', ')}] }
    - { freeze_s: 600, probes: [${HOLES.map((h) => `${h}-back`).join(', ')}] }
`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const b = args.indexOf('--build');
  const root = b >= 0 ? pathToFileURL(`${resolve(args[b + 1])}/`).href : new URL('../', import.meta.url).href;
  const pullbacks = args.filter((a, i) => /^\d+(\.\d+)?$/.test(a) && (b < 0 || i !== b + 1)).map(Number);
  const { parseCase } = await import(`${root}src/case/load.js`);
  const { simulate } = await import(`${root}src/core/solver/simulate.js`);
  console.log(`modules: ${root}`);
  console.log('pull-back  probe  deep W (0-10 min)  back W (15-25 min)  deep W last min  energy error  wall s');
  for (const pb of pullbacks.length ? pullbacks : [10, 20]) {
    const { scene } = parseCase(caseText(pb), resolve('cases/pullback.yaml'));
    const t0 = performance.now();
    const r = simulate(scene);
    const wall = (performance.now() - t0) / 1000;
    const t: number[] = r.series.time_s;
    const mean = (id: string, a: number, z: number) => {
      const w: number[] = r.series.probes.find((p: { id: string }) => p.id === id).heat_w;
      let s = 0,
        n = 0;
      for (let i = 0; i < t.length; i++)
        if (t[i] > a && t[i] <= z) {
          s += w[i];
          n++;
        }
      return s / n;
    };
    for (const h of HOLES)
      console.log(
        `${String(pb).padStart(6)} mm  ${h.padEnd(5)}  ${mean(h, 0, 600).toFixed(3).padStart(17)}  ${mean(`${h}-back`, 900, 1500).toFixed(3).padStart(18)}  ${mean(h, 540, 600).toFixed(3).padStart(15)}  ${r.energy.relative_error.toExponential(1).padStart(12)}  ${wall.toFixed(1).padStart(6)}`,
      );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
