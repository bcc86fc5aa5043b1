import { join } from 'node:path';

/** The command under test; CRYOPLAN_BIN runs the tests against another build (a helper's own output folder). */
export const CLI_BIN = process.env.CRYOPLAN_BIN ?? join(process.cwd(), 'build', 'src', 'cli', 'main.js');

/** A case that runs in well under a second: one needle in the default tissue on a 1 mm grid, a 10 s freeze. */
export const SMALL_CASE_YAML = `name: small
domain: { x_mm: [-8, 8], y_mm: [-8, 8], depth_mm: 16 }
probes:
  - { kind: needle, id: p, tip_mm: [0, 0, 10], direction: [0, 0, 1], diameter_mm: 2, active_length_mm: 5 }
protocol:
  cooling: { temperature_c: -60 }
  phases: [ { freeze_s: 10 } ]
grid: { spacing_mm: 1 }
`;
