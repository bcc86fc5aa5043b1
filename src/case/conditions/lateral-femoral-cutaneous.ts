import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited, mm } from './sources.js';
import { probeActiveLength, probeDiameter } from './probe-size.js';

/*
 * Meralgia paresthetica: the lateral femoral cutaneous nerve below the ASIS, where
 * it lies between fascia lata and fascia iliaca over sartorius, about 6 mm under
 * the skin (Ng et al.). So shallow a nerve takes the superficial multi-tip
 * handpiece, laid under the nerve across it so that its row of tips runs along it.
 */
const SKIN = 1.5;
const FAT = 3.8;
const COMPARTMENT = 1.5;
const NERVE_Z = 6;
const NERVE_D = 1.15; // equal-area circle of 1.04 mm²
const PROBE = 'n2o-multi-3x27g';
const PROBE_GAP = 0.3;
const PROBE_Z = NERVE_Z + NERVE_D / 2 + PROBE_GAP + probeDiameter(PROBE) / 2;
const LAYER = 'between fascia lata and fascia iliaca';

export const lateralFemoralCutaneous: ConditionPreset = {
  name: 'lateral-femoral-cutaneous',
  condition: 'Meralgia paresthetica (lateral femoral cutaneous nerve)',
  nerve: 'lateral femoral cutaneous nerve',
  nerve_layer: LAYER,
  approach:
    'percutaneous medial and inferior to the ASIS, under ultrasound; the three-tip handpiece passed just deep to the nerve, across it, so that the tips line up along the nerve',
  figures: [
    {
      figure: 'treatment site',
      value: '10-25 mm medial and 45-85 mm inferior to the ASIS',
      source: SRC.ng.cite,
      note: `at the inguinal ligament the nerve lies 15.6 ± 4.2 mm from the ASIS (${SRC.zhu.cite})`,
    },
    { figure: 'nerve depth (centre)', value: mm(NERVE_Z), source: SRC.ng.cite, note: '6 mm (5-7 mm) deep to the skin' },
    {
      figure: 'nerve diameter',
      value: mm(NERVE_D),
      source: SRC.zhu.cite,
      note: `cross-sectional area 1.04 ± 0.44 mm² as the equal-area circle; ${SRC.park.cite} measured 4.2 mm² (2.3 mm)`,
    },
    { figure: 'nerve course', value: 'distally over sartorius (x)', source: SRC.ng.cite },
    { figure: 'skin thickness (thigh)', value: mm(SKIN), source: ESTIMATE },
    { figure: 'subcutaneous fat', value: mm(FAT), source: ESTIMATE, note: 'set so that the fascia lata lies just above the 6 mm nerve' },
    {
      figure: 'compartment between fascia lata and fascia iliaca (holds the nerve)',
      value: mm(COMPARTMENT),
      source: ESTIMATE,
      note: `the nerve lies between the two fasciae (${SRC.ng.cite}); the fasciae themselves, a fraction of a millimetre, are not drawn`,
    },
    {
      figure: 'probe',
      value: `${PROBE}, tips ${mm(PROBE_GAP)} beneath the nerve, across it`,
      source: ESTIMATE,
      note: `percutaneous LFCN cryoneurolysis: ${SRC.finneran.cite}`,
    },
    { figure: 'protocol', value: '60 s freeze, 30 s passive thaw, 60 s freeze', source: SRC.rizk.cite },
    { figure: 'target distance (freeze to the thigh skin)', value: '100 mm', source: ESTIMATE },
    { figure: 'territory', value: 'skin of the anterolateral thigh', source: SRC.park.cite },
  ],
  sources: cited(SRC.ng, SRC.zhu, SRC.park, SRC.finneran, SRC.rizk),
  case: {
    name: 'lateral-femoral-cutaneous',
    description: 'Meralgia paresthetica: three-tip N2O handpiece just deep to the lateral femoral cutaneous nerve.',
    domain: { x_mm: [-12, 12], y_mm: [-12, 12], depth_mm: 20 },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: SKIN, name: 'skin' },
        { tissue: 'fat', thickness_mm: FAT, name: 'subcutaneous fat' },
        { tissue: 'fat', thickness_mm: COMPARTMENT, name: LAYER },
        { tissue: 'muscle', thickness_mm: 13.2, name: 'sartorius' },
      ],
      structures: [
        {
          kind: 'nerve',
          name: 'lateral femoral cutaneous nerve',
          path_mm: [
            [-12, 0, NERVE_Z],
            [12, 0, NERVE_Z],
          ],
          diameter_mm: NERVE_D,
          target_distance_mm: 100,
          territory: 'skin of the anterolateral thigh',
        },
      ],
    },
    probes: [
      {
        kind: 'needle',
        id: 'handpiece',
        model: PROBE,
        tip_mm: [0, probeActiveLength(PROBE) / 2, PROBE_Z],
        direction: { angle_to_skin_deg: 0, azimuth_deg: 90 },
      },
    ],
    protocol: { phases: [{ freeze_s: 60 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 60 }] },
    grid: 'auto',
  },
};
