/**
 * How many jobs the local pool runs at once when the user did not say (`--threads`).
 *
 * Why measured, not assumed: on this project's shared 2-vCPU machine two simulations at
 * once have been slower than one after the other (two solves share one memory bus) and,
 * at a load average of 11, 1.85x faster (the scheduler gives each runnable thread its
 * share, so a busy machine still gives two threads more than one): the load average does
 * not tell which. So the pool starts with every core and compares what it sees: the wall
 * time per simulated second of jobs that ran alone against that of jobs that ran beside
 * `max - 1` others, and runs `max` at once while that pays by a margin. Only the two
 * widths 1 and `max` are compared (the target is a 2-core machine; on more cores the
 * middle widths are not explored). The width in use is re-checked every `stale` jobs by
 * running a few at the other width, so a machine that frees up (or fills) is noticed.
 */

/** One finished job, as the pool saw it. */
export interface WidthObservation {
  /** Wall time from dispatch to result, s. */
  wall_s: number;
  /** Its size: the simulated seconds of its protocol (jobs of a plan differ little otherwise). */
  units: number;
  /** The mean number of the pool's jobs in flight while it ran (1: alone). */
  overlap: number;
  /** The first job of its thread (its code still being compiled): counted, not measured. */
  cold?: boolean;
}

export interface PoolWidthOptions {
  /** The most at once (the cores). */
  max: number;
  /** The first width (default: max). */
  start?: number;
  /** Jobs after which the width not in use is measured again. */
  stale?: number;
  /** Throughput at `max` against at 1 needed to run `max` at once. */
  pays?: number;
}

const KEEP = 3;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export class PoolWidth {
  readonly max: number;
  private readonly stale: number;
  private readonly pays: number;
  private current: number;
  /** Recent seconds per unit alone and at full width, with the job count when each was seen. */
  private readonly alone: Array<{ v: number; at: number }> = [];
  private readonly full: Array<{ v: number; at: number }> = [];
  private done = 0;
  /** The last measured speed-up of `max` at once over one (null until both were seen). */
  speedup: number | null = null;

  constructor(o: PoolWidthOptions) {
    this.max = Math.max(1, Math.floor(o.max));
    this.current = Math.min(this.max, Math.max(1, Math.floor(o.start ?? this.max)));
    this.stale = o.stale ?? 12;
    this.pays = o.pays ?? 1.05;
  }

  get width(): number {
    return this.current;
  }

  /** A finished job; jobs that ran partly alone and partly beside others tell nothing and are dropped. */
  observe(o: WidthObservation): void {
    this.done++;
    if (this.max === 1 || o.cold) return;
    const v = o.wall_s / Math.max(1e-9, o.units);
    if (o.overlap <= 1.1) push(this.alone, { v, at: this.done });
    else if (o.overlap >= this.max - 0.1) push(this.full, { v, at: this.done });
    this.decide();
  }

  private decide(): void {
    if (this.alone.length && this.full.length) {
      this.speedup = (this.max * median(this.alone.map((x) => x.v))) / median(this.full.map((x) => x.v));
    }
    // A clear verdict (30 % or more either side of the margin) is checked half as often.
    const clear = this.speedup !== null && Math.abs(Math.log(this.speedup / this.pays)) > Math.log(1.3);
    const stale = clear ? 2 * this.stale : this.stale;
    const fresh = (xs: Array<{ at: number }>) => xs.length > 0 && this.done - xs[xs.length - 1].at <= stale;
    const a = fresh(this.alone);
    const f = fresh(this.full);
    // Both seen lately: the better. One: measure the other. Neither (the start): the first guess stands.
    if (a && f) this.current = (this.speedup ?? 0) >= this.pays ? this.max : 1;
    else if (a !== f) this.current = a ? this.max : 1;
  }
}

function push<T>(xs: T[], x: T): void {
  xs.push(x);
  if (xs.length > KEEP) xs.shift();
}
