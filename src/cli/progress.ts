import type { Progress } from '../core/result.js';
import { etaSeconds, formatDuration, type StepRule } from './eta.js';

/** A progress display: a bar on a terminal, a plain line every 10 % otherwise. */
export interface ProgressView {
  /** A stage before the time stepping (grid, anatomy, steady start), or 'solve' when stepping begins. */
  stage(text: string): void;
  update(p: Progress): void;
  stop(): void;
}

/** What the ETA needs: the phases' durations (s) and the solver's step limits. */
export interface RunPlan {
  phases: number[];
  rule: StepRule;
}

export async function progressView(quiet: boolean, plan: RunPlan): Promise<ProgressView> {
  if (quiet) return { stage() {}, update() {}, stop() {} };
  const start = Date.now();
  let solveStart = start;
  const eta = (p: Progress) => {
    const s = etaSeconds(plan.phases, plan.rule, { wall_s: (Date.now() - solveStart) / 1000, time_s: p.time_s, steps: p.step });
    return s === null ? null : formatDuration(s);
  };
  const stage = (text: string) => {
    if (text === 'solve') solveStart = Date.now();
    else process.stderr.write(`${text}\n`);
  };
  if (process.stderr.isTTY) {
    // The bar's library only for a terminal: runs from scripts and pipes print plain lines.
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: ' {bar} {percentage}% | {sim}/{total} s simulated | step {step} | {phase} | {eta_text}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      stage,
      update(p) {
        const payload = {
          sim: p.time_s.toFixed(1),
          total: p.total_s.toFixed(0),
          phase: p.phase,
          step: p.step,
          eta_text: ((e) => (e ? `about ${e} left` : 'estimating time left'))(eta(p)),
        };
        if (!started) {
          bar.start(p.total_s, 0, payload);
          started = true;
        }
        bar.update(p.time_s, payload);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let next = 0;
  return {
    stage,
    update(p) {
      const f = p.total_s > 0 ? p.time_s / p.total_s : 1;
      if (f + 1e-9 >= next) {
        const wall = (Date.now() - start) / 1000;
        const e = f < 1 ? eta(p) : null;
        process.stderr.write(
          `progress ${(100 * f).toFixed(0)}%: ${p.time_s.toFixed(1)} of ${p.total_s} s simulated (${p.phase}), step ${p.step}, ${wall.toFixed(1)} s elapsed${e ? `, about ${e} left` : ''}\n`,
        );
        next = Math.floor(f * 10 + 1e-9) / 10 + 0.1;
      }
    },
    stop() {},
  };
}
