import type { Phase, Probe, Scene, Structure, Vec3, Warmer } from '../model.js';
import { nerveTube } from '../outcome/nerve-tube.js';
import type { Config, PlanSpec, Sample } from './types.js';

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];

/**
 * Directions of the planner's placement offsets: along the (first) target nerve in the
 * plane of the skin, across it in that plane, and depth (z). A nerve that runs straight
 * down has no direction along the skin; x is used then.
 */
export function placementAxes(scene: Scene, targets: string[]): { along: Vec3; across: Vec3 } {
  const target = scene.structures.find((s) => targets.includes(s.name));
  const nerve = target ? nerveTube(target) : null;
  let along: Vec3 = [1, 0, 0];
  if (nerve) {
    const [a, b] = [nerve.path_mm[0], nerve.path_mm[nerve.path_mm.length - 1]];
    const h = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (h > 1e-9) along = [(b[0] - a[0]) / h, (b[1] - a[1]) / h, 0];
  }
  return { along, across: [-along[1], along[0], 0] };
}

/**
 * A target nerve where imaging may have misplaced it. A labelled nerve's voxels stay (they are
 * the image's): what moves is the tube its outcome is read on, which is what decides the block;
 * the nerve's own tissue differs little from its surroundings thermally.
 */
function shiftNerve(st: Structure, d: Vec3): Structure {
  if (st.kind === 'tube') return { ...st, path_mm: st.path_mm.map((p) => add(p, d)) };
  if (st.kind === 'label' && st.nerve) return { ...st, nerve: { ...st.nerve, path_mm: st.nerve.path_mm.map((p) => add(p, d)) } };
  return st;
}

function moveProbe(p: Probe, d: Vec3): Probe {
  if (p.kind === 'needle') return { ...p, tip_mm: add(p.tip_mm, d) };
  return { ...p, center_mm: [p.center_mm[0] + d[0], p.center_mm[1] + d[1]] };
}

/** Tilts a needle to an angle with the skin, keeping its heading and the centre of its active segment. */
function tilt(p: Probe, angle_deg: number): Probe {
  if (p.kind !== 'needle') return p;
  const [dx, dy] = p.direction;
  const az = Math.hypot(dx, dy) > 1e-9 ? Math.atan2(dy, dx) : 0;
  const th = (angle_deg * Math.PI) / 180;
  const dir: Vec3 = [Math.cos(th) * Math.cos(az), Math.cos(th) * Math.sin(az), Math.sin(th)];
  const centre = add(p.tip_mm, scale(p.direction, -p.active_length_mm / 2));
  return { ...p, direction: dir, tip_mm: add(centre, scale(dir, p.active_length_mm / 2)) };
}

/** Where a needle enters the skin (its axis at z = 0), or a contact probe's centre. */
function entryPoint(p: Probe): [number, number] {
  if (p.kind !== 'needle') return p.center_mm;
  const dz = p.direction[2];
  if (dz > 1e-6) {
    const s = p.tip_mm[2] / dz;
    return [p.tip_mm[0] - s * p.direction[0], p.tip_mm[1] - s * p.direction[1]];
  }
  return [p.tip_mm[0], p.tip_mm[1]];
}

/** A warmer for a case that has none: 30 × 30 mm at 40 °C over the entry point (a heated pad or warm-saline gauze). */
export function defaultWarmer(scene: Scene): Warmer {
  const [x, y] = scene.probes.length ? entryPoint(scene.probes[0]) : [0, 0];
  return { name: 'skin warmer (planner)', center_mm: [x, y], size_mm: [30, 30], temperature_c: 40, h_w_m2k: 500 };
}

/** The protocol: `cycles` freezes of `freeze_s` with thaws of `thaw_s` between them (a thaw keeps the case's kind). */
export function protocolFor(scene: Scene, freeze_s: number, cycles: number, thaw_s: number): Phase[] {
  const freeze = scene.protocol.find((p) => p.kind === 'freeze') ?? { kind: 'freeze', duration_s: freeze_s };
  const thaw = scene.protocol.find((p) => p.kind === 'thaw') ?? { kind: 'thaw', duration_s: thaw_s, thaw: 'passive' };
  const out: Phase[] = [];
  for (let i = 0; i < cycles; i++) {
    out.push({ ...freeze, duration_s: freeze_s });
    if (i < cycles - 1) out.push({ ...thaw, duration_s: thaw_s });
  }
  return out;
}

/** The scene for a configuration and freeze duration (the probe model is chosen by the caller, who resolves it). */
export function applyConfig(scene: Scene, spec: PlanSpec, c: Config, freeze_s: number): Scene {
  const { along, across } = placementAxes(scene, spec.targets);
  const shift = add(add(scale(along, c.along_mm), scale(across, c.across_mm)), [0, 0, c.depth_mm]);
  let probes = scene.probes.map((p) => moveProbe(p, shift));
  if (c.angle_to_skin_deg !== null) probes = probes.map((p) => tilt(p, c.angle_to_skin_deg as number));
  const moved: Scene = { ...scene, probes };
  const warmers = c.warmer === null ? scene.warmers : c.warmer ? (scene.warmers.length ? scene.warmers : [defaultWarmer(moved)]) : [];
  return { ...moved, warmers, protocol: protocolFor(scene, freeze_s, c.cycles, c.thaw_s) };
}

const lognormal = (rel: number, z: number) => Math.exp(Math.log1p(rel) * z);

/** The relative SD of the cooling of a configuration's probe: its catalogue model's, or the case's own probe's. */
export function probeSpread(spec: PlanSpec, probe: string | null): number {
  const u = spec.uncertainty;
  return probe !== null && u.probe_by_model[probe] !== undefined ? u.probe_by_model[probe] : u.probe;
}

/** The scene as it might really be: nerves, probe placement, tissue and probe performance drawn from the uncertainty. */
export function applySample(scene: Scene, spec: PlanSpec, s: Sample, probeSd = spec.uncertainty.probe): Scene {
  const u = spec.uncertainty;
  const { along, across } = placementAxes(scene, spec.targets);
  const nerveShift = add(scale(across, u.nerve_position_mm * s.nerve_across), [0, 0, u.nerve_depth_mm * s.nerve_depth]);
  const structures = scene.structures.map((st) => (spec.targets.includes(st.name) ? shiftNerve(st, nerveShift) : st));
  const tipShift = add(add(scale(along, u.placement_mm * s.tip_along), scale(across, u.placement_mm * s.tip_across)), [0, 0, u.placement_mm * s.tip_depth]);
  const fk = lognormal(u.conductivity, s.conductivity);
  const fw = lognormal(u.perfusion, s.perfusion);
  const fp = lognormal(probeSd, s.probe);
  const tissues = Object.fromEntries(
    Object.entries(scene.tissues).map(([id, t]) => [
      id,
      { ...t, k_unfrozen_w_mk: t.k_unfrozen_w_mk * fk, k_frozen_w_mk: t.k_frozen_w_mk * fk, perfusion_w_m3k: t.perfusion_w_m3k * fw },
    ]),
  );
  const body = scene.body_temperature_c;
  const probes = scene.probes.map((p) => {
    const moved = moveProbe(p, tipShift);
    const c = moved.cooling;
    const cooling =
      c.mode === 'cryogen'
        ? { ...c, h_w_m2k: c.h_w_m2k * fp }
        : c.mode === 'power'
          ? { ...c, watts: c.watts * fp }
          : { ...c, curve: c.curve.map(([t, T]) => [t, body - (body - T) * fp] as [number, number]) };
    return { ...moved, cooling } as Probe;
  });
  return { ...scene, structures, tissues, probes };
}
