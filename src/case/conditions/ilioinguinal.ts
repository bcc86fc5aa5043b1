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
    'percutaneous 5 cm cranial and posterior to the ASIS, under ultrasound, in plane along the nerve; the probe lies on the superficial side of the nerve (the nerve between the probe and transversus abdominis, over the peritoneum)',
  figures: [
    ...inguinalFigures,
    inguinalProbeFigure(PROBE),
    { figure: 'target distance (freeze to the groin skin)', value: `${ILIOINGUINAL.target_distance_mm} mm`, source: ESTIMATE },
    { figure: 'territory', value: ILIOINGUINAL.territory, source: SRC.gofeld.cite },
  ],
  sources: cited(...INGUINAL_SOURCES),
  case: {
    name: 'ilioinguinal',
    description: 'Ilioinguinal neuralgia: N2O probe over the ilioinguinal nerve between internal oblique and transversus abdominis.',
    domain: INGUINAL_DOMAIN,
    anatomy: inguinalAnatomy(ILIOINGUINAL),
    probes: [inguinalProbe(PROBE, ILIOINGUINAL.y)],
    protocol: { phases: [{ freeze_s: 90 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 90 }] },
    grid: 'auto',
  },
};
