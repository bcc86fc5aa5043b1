/**
 * Fixtures for the report's tests: a hand-made scene, run result and outcomes
 * (fast, no simulation), and a small real simulation for the browser test.
 */
import type { Scene, Vec3 } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/result.js';
import type { Outcomes } from '../../src/core/outcome/types.js';
import { smallLayeredScene, testNeedle } from '../helpers/scene.js';

export const HOSTILE_NAME = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'plan\'';

/** A scene with a needle perpendicular to the skin beside a nerve running along x. */
export function reportScene(over: Partial<Scene> = {}): Scene {
  return smallLayeredScene({
    name: HOSTILE_NAME,
    description: 'Test plan: <b>not bold</b> & a needle beside a nerve.',
    structures: [
      {
        kind: 'tube',
        name: 'test nerve',
        tissue: 'nerve',
        role: 'nerve',
        path_mm: [
          [-10, 2.5, 8],
          [10, 2.5, 8],
        ],
        diameter_mm: 2,
        target_distance_mm: 100,
        territory: 'the skin of the test flank',
      },
    ],
    probes: [testNeedle({ tip_mm: [0, 0, 10], direction: [0, 0, 1] })],
    protocol: [
      { kind: 'freeze', duration_s: 30 },
      { kind: 'thaw', duration_s: 10, thaw: 'passive' },
      { kind: 'freeze', duration_s: 20 },
    ],
    ...over,
  });
}

function edges(a: number, b: number, n: number, grade = 1): Float64Array {
  // Graded towards the middle when grade > 1 (cells grow away from the centre).
  const out: number[] = [];
  for (let i = 0; i <= n; i++) {
    const u = (2 * i) / n - 1;
    const g = Math.sign(u) * Math.abs(u) ** grade;
    out.push(a + ((g + 1) / 2) * (b - a));
  }
  return Float64Array.from(out);
}

const segDist = (p: Vec3, a: Vec3, b: Vec3) => {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const l2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  const q = Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1] + (p[2] - a[2]) * ab[2]) / l2));
  return Math.hypot(p[0] - a[0] - q * ab[0], p[1] - a[1] - q * ab[1], p[2] - a[2] - q * ab[2]);
};

/** A hand-made result on a graded grid: an ice ball around the needle's active segment (4..10 mm deep). */
export function reportResult(scene: Scene, opts: { snapshots?: boolean } = {}): RunResult {
  const xe = edges(-10, 10, 24, 1.6),
    ye = edges(-10, 10, 22, 1.6),
    ze = edges(0, 20, 26, 1.3);
  const nx = xe.length - 1,
    ny = ye.length - 1,
    nz = ze.length - 1,
    n = nx * ny * nz;
  const field = (scale: number) => {
    const f = new Float32Array(n);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const p: Vec3 = [(xe[i] + xe[i + 1]) / 2, (ye[j] + ye[j + 1]) / 2, (ze[k] + ze[k + 1]) / 2];
          const d = segDist(p, [0, 0, 4], [0, 0, 10]);
          f[i + nx * (j + ny * k)] = 37 - 107 * Math.exp(-(d * d) / (2 * scale * scale));
        }
    return f;
  };
  const t1 = field(2.6),
    t2 = field(3),
    min_c = field(3.1),
    final_c = field(1.5);
  const labels = new Uint8Array(n);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p: Vec3 = [(xe[i] + xe[i + 1]) / 2, (ye[j] + ye[j + 1]) / 2, (ze[k] + ze[k + 1]) / 2];
        let l = p[2] < 1.5 ? 0 : p[2] < 5.5 ? 1 : 2;
        if (Math.hypot(p[1] - 2.5, p[2] - 8) < 1) l = 3;
        if (segDist(p, [0, 0, 4], [0, 0, 10]) < 1) l = 4;
        else if (segDist(p, [0, 0, 0], [0, 0, 4]) < 1) l = 5;
        labels[i + nx * (j + ny * k)] = l;
      }
  const time_s = Array.from({ length: 61 }, (_, i) => i);
  const inFreeze = (t: number) => t <= 30 || t >= 40;
  const probe = time_s.map((t) => (inFreeze(t) ? Math.max(-70, 20 - 18 * Math.min(t, 5)) : -20 + 3 * (t - 30)));
  const curve = (lo: number) => time_s.map((t) => 37 - (37 - lo) * (1 - Math.exp(-t / 12)));
  const structures = ['skin', 'fat', 'muscle', 'test nerve'];
  const mins = [31, 9, -45, -32];
  const isoFrac = (t: number) => (inFreeze(t) ? Math.min(1, t / 60 + 0.2) : 0.4);
  return {
    name: scene.name,
    grid: { nx, ny, nz, cells: n, min_spacing_mm: 0.3, max_spacing_mm: 1.5, x_edges_mm: xe, y_edges_mm: ye, z_edges_mm: ze },
    simulated_s: 60,
    isotherms: [0, -20, -40].map((c, q) => ({
      threshold_c: c,
      snapshots: [
        { moment: 'end of freeze 1', time_s: 30, volume_ml: 0.4 / (q + 1), length_mm: 10 - 2 * q, width_mm: 7 - 2 * q },
        { moment: 'end of freeze 2', time_s: 60, volume_ml: 0.5 / (q + 1), length_mm: 11 - 2 * q, width_mm: 8 - 2 * q },
        { moment: 'end', time_s: 60, volume_ml: 0.5 / (q + 1), length_mm: 11 - 2 * q, width_mm: 8 - 2 * q },
      ],
    })),
    structures: structures.map((name, s) => ({
      name,
      role: s < 3 ? 'layer' : 'nerve',
      tissue: name === 'test nerve' ? 'nerve' : name,
      min_temperature_c: mins[s],
      time_below_s: { '0': s >= 2 ? 40 : 0, '-20': s >= 2 ? 25 : 0, '-40': s === 2 ? 10 : 0 },
    })),
    energy: {
      enthalpy_change_j: -100,
      probes_j: -120,
      perfusion_j: 15,
      metabolic_j: 3,
      boundaries_j: 2,
      vessels_j: 0,
      residual_j: 1e-10,
      relative_error: 8.3e-13,
    },
    series: {
      time_s,
      probes: [{ id: 'n1', temperature_c: probe, heat_w: time_s.map(() => 3) }],
      structures: structures.map((name, s) => ({ name, min_c: curve(mins[s]) })),
      isotherms: [0, -20, -40].map((c, q) => ({ threshold_c: c, volume_ml: time_s.map((t) => (0.5 / (q + 1)) * isoFrac(t)) })),
    },
    diagnostics: {
      steps: 100,
      nonlinear_iterations: 300,
      linear_iterations: 3000,
      max_final_correction_c: 1e-4,
      dt_min_s: 0.02,
      dt_max_s: 2,
      cell_updates: 1e6,
    },
    fields: { final_c, min_c, labels, label_names: ['skin', 'fat', 'muscle', 'test nerve', 'n1', 'n1 shaft'] },
    snapshots:
      opts.snapshots === false
        ? []
        : [
            { moment: 'end of freeze 1', time_s: 30, temperature_c: t1 },
            { moment: 'end of freeze 2', time_s: 60, temperature_c: t2 },
            { moment: 'end', time_s: 60, temperature_c: t2 },
          ],
  };
}

/** Outcomes with one effect at each risk level (two high ones) and a 6–12 week block. */
export function reportOutcomes(): Outcomes {
  return {
    nerves: [
      {
        name: 'test nerve',
        target: true,
        injury: 'axonotmesis',
        injury_label: 'axonotmesis (frozen: Wallerian degeneration; the therapeutic aim)',
        coldest_c: -32,
        section_center_mm: [0, 2.5, 8],
        section_position_mm: 10,
        fraction_past_threshold: 1,
        blocked_length_mm: 5.2,
        time_below_threshold_s: 25,
        block: 'complete',
        onset: 'immediate: during the first freeze',
        onset_s: 12,
        duration_days: [42, 84],
        regrowth_distance_mm: 100,
        territory: 'the skin of the test flank',
        basis: 'coldest point -32 °C; 100 % of the section reached -20 °C',
      },
    ],
    side_effects: [
      { id: 'numbness', label: 'Numbness or tingling', risk: 'high', basis: 'complete block', factors: ['a lasting block'], advice: 'Tell the patient.' },
      { id: 'skin-redness', label: 'Skin redness and irritation', risk: 'low', basis: 'skin coldest 31 °C', factors: [], advice: 'Fades.' },
      {
        id: 'pain',
        label: 'Pain during the procedure and for 24 h after',
        risk: 'not_modelled',
        basis: 'not computed',
        factors: ['2 freezes'],
        advice: 'Local anaesthetic.',
      },
      { id: 'blisters', label: 'Blisters', risk: 'high', basis: 'skin frozen for 20 s', factors: [], advice: 'Keep covered.' },
      { id: 'infection', label: 'Infection', risk: 'not_modelled', basis: 'asepsis', factors: ['1 puncture'], advice: 'Antisepsis.' },
      { id: 'burns', label: 'Burns (cold or heat) and skin colour change', risk: 'low', basis: 'skin coldest 31 °C', factors: [], advice: 'Protect.' },
      { id: 'frostbite', label: 'Frostbite', risk: 'low', basis: 'skin not frozen', factors: [], advice: 'Warm.' },
      {
        id: 'cold-panniculitis',
        label: 'Cold panniculitis (inflamed fat)',
        risk: 'moderate',
        basis: 'fat below 10 °C for 12 min',
        factors: [],
        advice: 'Settles.',
      },
      { id: 'vital-signs', label: 'Changes in vital signs', risk: 'not_modelled', basis: 'not computed', factors: [], advice: 'Monitor.' },
    ],
    organs_at_risk: [],
    disclaimer: 'These are model-based indicators, not clinical predictions.',
  };
}
