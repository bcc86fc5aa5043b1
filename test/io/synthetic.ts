import type { RunResult } from '../../src/core/result.js';

/** A small hand-made result on a graded 3x4x5 grid with T = x + 10 y - z. */
export function syntheticResult(): RunResult {
  const xe = Float64Array.from([0, 1, 3, 6]);
  const ye = Float64Array.from([-2, -1, 0, 1.5, 2]);
  const ze = Float64Array.from([0, 0.5, 1, 2, 4, 8]);
  const n = 3 * 4 * 5;
  const final_c = new Float32Array(n);
  const min_c = new Float32Array(n);
  const labels = new Uint8Array(n);
  for (let k = 0; k < 5; k++)
    for (let j = 0; j < 4; j++)
      for (let i = 0; i < 3; i++) {
        const c = i + 3 * (j + 4 * k);
        const x = (xe[i] + xe[i + 1]) / 2,
          y = (ye[j] + ye[j + 1]) / 2,
          z = (ze[k] + ze[k + 1]) / 2;
        final_c[c] = x + 10 * y - z;
        min_c[c] = final_c[c] - 5;
        labels[c] = k < 2 ? 0 : 1;
      }
  return {
    name: 'synthetic',
    grid: { nx: 3, ny: 4, nz: 5, cells: n, min_spacing_mm: 0.4, max_spacing_mm: 4, x_edges_mm: xe, y_edges_mm: ye, z_edges_mm: ze },
    simulated_s: 60,
    isotherms: [{ threshold_c: 0, snapshots: [{ moment: 'end', time_s: 60, volume_ml: 1.23456789, length_mm: 12.3456, width_mm: 6.54321 }] }],
    structures: [
      {
        name: 'ulnar nerve, "deep"',
        role: 'nerve',
        tissue: 'nerve',
        min_temperature_c: -21.5,
        time_below_s: { '0': 30, '-20': 5, '-40': 0 },
        cross_section: {
          center_mm: [1, 2, 3],
          position_mm: 4,
          fraction_below: { '0': 1, '-20': 0.25, '-40': 0 },
          frozen_length_mm: { '0': 6, '-20': 0, '-40': 0 },
        },
      },
    ],
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
      time_s: [0, 30, 60],
      probes: [{ id: 'p1', temperature_c: [37, -60, -70], heat_w: [0, 5.5, 4.25] }],
      structures: [{ name: 'ulnar nerve, "deep"', min_c: [37, 2, -21.5] }],
      isotherms: [{ threshold_c: -20, volume_ml: [0, 0.1, 0.2] }],
    },
    diagnostics: { steps: 10, nonlinear_iterations: 30, linear_iterations: 300, max_final_correction_c: 1e-4, dt_min_s: 0.02, dt_max_s: 2, cell_updates: 600 },
    fields: { final_c, min_c, labels, label_names: ['skin', 'muscle'] },
    snapshots: [{ moment: 'end', time_s: 60, temperature_c: final_c }],
  };
}
