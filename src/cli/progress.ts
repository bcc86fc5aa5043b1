import cliProgress from 'cli-progress';
import type { Progress } from '../core/result.js';

/** A progress display: a bar on a terminal, a plain line every 10 % otherwise. */
export interface ProgressView {
  update(p: Progress): void;
  stop(): void;
}

export function progressView(quiet: boolean): ProgressView {
  if (quiet) return { update() {}, stop() {} };
  const start = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: ' {bar} {percentage}% | {sim}/{total} s simulated | {phase} | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (!started) {
          bar.start(p.total_s, 0, { sim: '0', total: p.total_s.toFixed(0), phase: p.phase });
          started = true;
        }
        bar.update(p.time_s, { sim: p.time_s.toFixed(1), total: p.total_s.toFixed(0), phase: p.phase });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let next = 0;
  return {
    update(p) {
      const f = p.total_s > 0 ? p.time_s / p.total_s : 1;
      if (f + 1e-9 >= next) {
        const wall = (Date.now() - start) / 1000;
        process.stderr.write(
          `progress ${(100 * f).toFixed(0)}%: ${p.time_s.toFixed(1)} of ${p.total_s} s simulated (${p.phase}), ${wall.toFixed(1)} s elapsed\n`,
        );
        next = Math.floor(f * 10 + 1e-9) / 10 + 0.1;
      }
    },
    stop() {},
  };
}
