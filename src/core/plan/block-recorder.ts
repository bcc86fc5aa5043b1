import type { TubeStructure } from '../model.js';
import type { Grid } from '../grid/rectilinear.js';
import { bracket } from '../outcome/sample.js';
import { nerveSections } from '../outcome/cross-section.js';

interface Section {
  /** First point (into the recorder's point arrays) and count. */
  first: number;
  count: number;
}

/**
 * Records, during one run, when each nerve's block became complete: the first time some
 * cross-section had every one of its sample points at or below the threshold (the
 * outcome model's rule, on the same sections and points as coldestCrossSection, with the
 * same trilinear sampling of each cell's running minimum). A run with the longest freeze
 * then tells the outcome of every shorter single freeze without running it again.
 *
 * Each point's crossing time is interpolated linearly within the step that crossed, so
 * the time is not quantised to the solver's steps.
 */
export class BlockRecorder {
  private readonly names: string[] = [];
  private readonly sections: Section[][] = [];
  /** Per point: 8 corner slots (into cells/min) and 8 weights. */
  private readonly corner: Int32Array;
  private readonly weight: Float64Array;
  private readonly crossed: Float64Array;
  private readonly lastValue: Float64Array;
  private readonly cells: Int32Array;
  private readonly min: Float64Array;
  private lastTime = Number.NaN;

  constructor(
    g: Grid,
    nerves: TubeStructure[],
    private readonly threshold_c: number,
  ) {
    const slotOf = new Map<number, number>();
    const corners: number[] = [];
    const weights: number[] = [];
    const slot = (c: number) => {
      let s = slotOf.get(c);
      if (s === undefined) {
        s = slotOf.size;
        slotOf.set(c, s);
      }
      return s;
    };
    let points = 0;
    for (const tube of nerves) {
      const secs: Section[] = [];
      for (const sec of nerveSections(g, tube)) {
        const first = points;
        for (const p of sec.points) {
          const [i, wx] = bracket(g.xc, g.xe, p[0]);
          const [j, wy] = bracket(g.yc, g.ye, p[1]);
          const [k, wz] = bracket(g.zc, g.ze, p[2]);
          const i1 = Math.min(i + 1, g.nx - 1),
            j1 = Math.min(j + 1, g.ny - 1),
            k1 = Math.min(k + 1, g.nz - 1);
          for (const [ii, w1] of [
            [i, 1 - wx],
            [i1, wx],
          ])
            for (const [jj, w2] of [
              [j, 1 - wy],
              [j1, wy],
            ])
              for (const [kk, w3] of [
                [k, 1 - wz],
                [k1, wz],
              ]) {
                corners.push(slot(ii + g.nx * (jj + g.ny * kk)));
                weights.push(w1 * w2 * w3);
              }
          points++;
        }
        secs.push({ first, count: points - first });
      }
      this.names.push(tube.name);
      this.sections.push(secs);
    }
    this.corner = Int32Array.from(corners);
    this.weight = Float64Array.from(weights);
    this.cells = Int32Array.from(slotOf.keys());
    this.min = new Float64Array(this.cells.length).fill(Infinity);
    this.crossed = new Float64Array(points).fill(Infinity);
    this.lastValue = new Float64Array(points).fill(Infinity);
  }

  /** Takes the field after a step (cell c at T[c + pad]). */
  observe(time_s: number, T: ArrayLike<number>, pad: number): void {
    const { cells, min, corner, weight, crossed, lastValue } = this;
    for (let s = 0; s < cells.length; s++) {
      const v = T[cells[s] + pad];
      if (v < min[s]) min[s] = v;
    }
    const thr = this.threshold_c;
    for (let p = 0; p < crossed.length; p++) {
      if (crossed[p] !== Infinity) continue;
      let v = 0;
      for (let q = 8 * p; q < 8 * p + 8; q++) v += weight[q] * min[corner[q]];
      if (v <= thr) {
        const v0 = lastValue[p];
        const t0 = this.lastTime;
        crossed[p] = Number.isFinite(t0) && Number.isFinite(v0) && v0 > v ? t0 + ((time_s - t0) * (v0 - thr)) / (v0 - v) : time_s;
      }
      lastValue[p] = v;
    }
    this.lastTime = time_s;
  }

  /** Per nerve: the time its block became complete, s, or null if it never did. */
  blockTimes(): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    this.names.forEach((name, n) => {
      let best = Infinity;
      for (const sec of this.sections[n]) {
        let latest = -Infinity;
        for (let p = sec.first; p < sec.first + sec.count && latest < best; p++) latest = Math.max(latest, this.crossed[p]);
        if (latest < best) best = latest;
      }
      out[name] = Number.isFinite(best) ? best : null;
    });
    return out;
  }
}
