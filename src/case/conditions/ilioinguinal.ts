import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited } from './sources.js';
import {
  ILIOINGUINAL,
  INGUINAL_DOMAIN,
  INGUINAL_SOURCES,
  PLANE_LAYER,
  inguinalAnatomy,
  inguinalFigures,
  inguinalProbe,
  inguinalProbeFigure,
} from './inguinal-anatomy.js';

const PROBE = 'n2o-2.0';

export const ilioinguinal: ConditionPreset = {
  name: 'ilioinguinal',
  condition: 'Ilioinguinal neuroma / neuralgia',
  nerve: ILIOINGUINAL.name,
  nerve_layer: PLANE_LAYER,
  approach:
    'percutaneous 5 cm cranial and posterior to the ASIS, under ultrasound, in plane along the nerve; the probe lies on the lateral (iliac) side of the ilioinguinal nerve, away from the iliohypogastric',
  figures: [
    ...inguinalFigures,
    inguinalProbeFigure(PROBE, 'lateral'),
    { figure: 'target distance (freeze to the groin skin)', value: `${ILIOINGUINAL.target_distance_mm} mm`, source: ESTIMATE },
    { figure: 'territory', value: ILIOINGUINAL.territory, source: SRC.gofeld.cite },
  ],
  sources: cited(...INGUINAL_SOURCES),
  case: {
    name: 'ilioinguinal',
    description:
      'Ilioinguinal neuralgia: N2O probe beside the ilioinguinal nerve between internal oblique and transversus abdominis; 90 s freeze, 30 s thaw, 90 s freeze.',
    domain: INGUINAL_DOMAIN,
    anatomy: inguinalAnatomy(),
    probes: [inguinalProbe(PROBE, ILIOINGUINAL.y, -1)],
    protocol: { phases: [{ freeze_s: 90 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 90 }] },
    grid: 'auto',
  },
};
