/** A small case (1 mm grid, a 1.5 mm nerve 2 mm from a -70 °C needle) with the given plan: section. */
export function smallCase(plan: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'small-plan',
    domain: { x_mm: [-10, 10], y_mm: [-10, 10], depth_mm: 20 },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: 1.5 },
        { tissue: 'fat', thickness_mm: 4 },
        { tissue: 'muscle', thickness_mm: 14.5 },
      ],
      structures: [
        {
          kind: 'nerve',
          name: 'nerve',
          path_mm: [
            [-6, 2, 8.5],
            [6, 2, 8.5],
          ],
          diameter_mm: 1.5,
        },
      ],
    },
    probes: [{ kind: 'needle', id: 'p', tip_mm: [0, 0, 10], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 6 }],
    protocol: { cooling: { temperature_c: -70 }, phases: [{ freeze_s: 60 }] },
    grid: { spacing_mm: 1 },
    plan,
  };
}
