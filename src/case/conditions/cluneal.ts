import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited, mm } from './sources.js';
import { probeActiveLength, probeDiameter } from './probe-size.js';

/*
 * Cluneal nerve entrapment: the medial superior cluneal nerve where it crosses the
 * posterior iliac crest in its osteofibrous tunnel (thoracolumbar fascia over
 * bone). The nerve runs caudally (y) over the crest, which runs across it (x).
 */
const SKIN = 2.5;
const FAT = 12;
const TUNNEL = 2.5;
const NERVE_D = 1.1;
const NERVE_Z = SKIN + FAT + TUNNEL / 2;
const CREST_D = 12;
const CREST_TOP = SKIN + FAT + TUNNEL;
const PROBE = 'n2o-2.0';
const PROBE_GAP = 0.2; // a film of tissue: the probe is placed against the nerve

export const cluneal: ConditionPreset = {
  name: 'cluneal',
  condition: 'Cluneal nerve entrapment (superior cluneal nerves over the iliac crest)',
  nerve: 'medial superior cluneal nerve',
  nerve_layer: 'thoracolumbar fascia (osteofibrous tunnel)',
  approach:
    'percutaneous over the posterior iliac crest about 7-8 cm from the midline, under ultrasound, in plane along the nerve; the probe lies beside the nerve in its tunnel, its active segment centred on the crest',
  figures: [
    {
      figure: 'crossing of the iliac crest, from the midline',
      value: '65-81 mm',
      source: `${SRC.crestTunnel.cite}; ${SRC.iwanaga.cite}`,
      note: 'medial branch 81.0 ± 9.2 mm; its bony groove 65.3 ± 8.2 mm; branches 5, 6.5 and 7.3 cm lateral to the PSIS (Tubbs et al. 2010)',
    },
    { figure: 'skin thickness (low back)', value: mm(SKIN), source: ESTIMATE },
    { figure: 'subcutaneous fat over the crest', value: mm(FAT), source: ESTIMATE, note: 'varies widely with body habitus' },
    {
      figure: 'thoracolumbar fascia / tunnel roof',
      value: mm(TUNNEL),
      source: ESTIMATE,
      note: `the nerve lies in the tunnel between the fascia and the crest (${SRC.crestTunnel.cite})`,
    },
    { figure: 'nerve depth (centre)', value: mm(NERVE_Z), source: 'derived from the layers above (estimates)' },
    { figure: 'nerve diameter', value: mm(NERVE_D), source: SRC.tubbs.cite, note: 'mean of the superior cluneal nerves' },
    { figure: 'nerve course', value: 'caudally over the crest (y), in the osteofibrous tunnel', source: SRC.crestTunnel.cite },
    { figure: 'iliac crest', value: `bone, ${mm(CREST_D)} across, its top ${mm(CREST_TOP)} deep`, source: ESTIMATE },
    {
      figure: 'probe',
      value: `${PROBE} laid along the nerve, ${mm(PROBE_GAP)} wall to wall`,
      source: ESTIMATE,
      note: 'the catalogue lists n2o-2.0 for cluneal nerves',
    },
    { figure: 'protocol', value: '90 s freeze, 30 s passive thaw, 90 s freeze', source: SRC.rizk.cite },
    { figure: 'target distance (freeze to the skin of the upper buttock)', value: '60 mm', source: ESTIMATE },
    { figure: 'territory', value: 'skin over the posterior iliac crest and the upper buttock', source: SRC.kumarScn.cite },
  ],
  sources: cited(SRC.crestTunnel, SRC.iwanaga, SRC.tubbs, SRC.kumarScn, SRC.rizk),
  case: {
    name: 'cluneal',
    description: 'Cluneal nerve entrapment: N2O probe beside the medial superior cluneal nerve in its tunnel over the iliac crest.',
    domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 35 },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: SKIN, name: 'skin' },
        { tissue: 'fat', thickness_mm: FAT, name: 'subcutaneous fat' },
        { tissue: 'tendon', thickness_mm: TUNNEL, name: 'thoracolumbar fascia (osteofibrous tunnel)' },
        { tissue: 'muscle', thickness_mm: 18, name: 'gluteal muscles' },
      ],
      structures: [
        {
          kind: 'cylinder',
          name: 'iliac crest',
          tissue: 'bone',
          start_mm: [-15, 0, CREST_TOP + CREST_D / 2],
          end_mm: [15, 0, CREST_TOP + CREST_D / 2],
          diameter_mm: CREST_D,
        },
        {
          kind: 'nerve',
          name: 'medial superior cluneal nerve',
          path_mm: [
            [0, -15, NERVE_Z],
            [0, 15, NERVE_Z],
          ],
          diameter_mm: NERVE_D,
          target_distance_mm: 60,
          territory: 'skin over the posterior iliac crest and the upper buttock',
        },
      ],
    },
    probes: [
      {
        kind: 'needle',
        id: 'probe',
        model: PROBE,
        tip_mm: [NERVE_D / 2 + PROBE_GAP + probeDiameter(PROBE) / 2, probeActiveLength(PROBE) / 2, NERVE_Z],
        direction: { angle_to_skin_deg: 0, azimuth_deg: 90 },
      },
    ],
    protocol: { phases: [{ freeze_s: 90 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 90 }] },
    grid: 'auto',
  },
};
