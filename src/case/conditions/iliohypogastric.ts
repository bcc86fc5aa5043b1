import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited } from './sources.js';
import {
  ILIOHYPOGASTRIC,
  INGUINAL_DOMAIN,
  INGUINAL_SOURCES,
  PLANE_LAYER,
  inguinalAnatomy,
  inguinalFigures,
  inguinalProbe,
  inguinalProbeFigure,
} from './inguinal-anatomy.js';

const PROBE = 'n2o-2.0';

export const iliohypogastric: ConditionPreset = {
  name: 'iliohypogastric',
  condition: 'Iliohypogastric (hypogastric) neuroma / neuralgia',
  nerve: ILIOHYPOGASTRIC.name,
  nerve_layer: PLANE_LAYER,
  approach:
    'percutaneous 5 cm cranial and posterior to the ASIS, under ultrasound, in plane along the nerve; the probe lies on the superficial side of the nerve (the nerve between the probe and transversus abdominis, over the peritoneum)',
  figures: [
    ...inguinalFigures,
    inguinalProbeFigure(PROBE),
    { figure: 'target distance (freeze to the suprapubic skin)', value: `${ILIOHYPOGASTRIC.target_distance_mm} mm`, source: ESTIMATE },
    { figure: 'territory', value: ILIOHYPOGASTRIC.territory, source: SRC.gofeld.cite },
  ],
  sources: cited(...INGUINAL_SOURCES),
  case: {
    name: 'iliohypogastric',
    description: 'Iliohypogastric neuralgia: N2O probe over the iliohypogastric nerve between internal oblique and transversus abdominis.',
    domain: INGUINAL_DOMAIN,
    anatomy: inguinalAnatomy(ILIOHYPOGASTRIC),
    probes: [inguinalProbe(PROBE, ILIOHYPOGASTRIC.y)],
    protocol: { phases: [{ freeze_s: 90 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 90 }] },
    grid: 'auto',
  },
};
