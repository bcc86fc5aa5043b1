import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited, mm } from './sources.js';
import { probeActiveLength } from './probe-size.js';

/*
 * Morton's neuroma of the third web space, reached from the sole: z is the depth
 * under the plantar skin, x runs along the foot (toes at +x), y across it. The
 * neuroma lies between the third and fourth metatarsal heads, plantar to the deep
 * transverse metatarsal ligament; the probe goes into its centre.
 */
const SKIN = 2.5;
const FAT = 13.5;
const DTML = 1;
const NEUROMA_D = 6;
const NEUROMA_Z = 12.5;
const NEUROMA_HALF_LENGTH = 7;
const HEAD_D = 14;
const HEAD_Y = 10;
const UNDER_HEAD = 10;
const PROBE = 'n2o-2.0';
const LAYER = 'plantar fat pad and web-space fat';
// In plane along the neuroma's long axis, at a needle's usual shallow angle: the whole
// cooled segment lies in the neuroma, 9 mm or more under the skin, instead of reaching
// back up the track towards the sole (straight in from the sole, the 10 mm segment came
// within 4 mm of the skin and froze it).
const ANGLE_DEG = 15;
const ACTIVE = probeActiveLength(PROBE);
const TIP_X = (ACTIVE / 2) * Math.cos((ANGLE_DEG * Math.PI) / 180);
const TIP_Z = NEUROMA_Z + (ACTIVE / 2) * Math.sin((ANGLE_DEG * Math.PI) / 180);
const HEAD_AT_RISK = {
  complication: 'bone-injury' as const,
  note: 'weight-bearing bone beside the neuroma: accepted by this plan (one insufficiency fracture in 55 ultrasound-guided procedures)',
};
const ACTIVE_TOP = NEUROMA_Z - (ACTIVE / 2) * Math.sin((ANGLE_DEG * Math.PI) / 180);

export const interdigital: ConditionPreset = {
  name: 'interdigital',
  condition: "Morton's neuroma (interdigital nerve), plantar approach",
  nerve: 'interdigital nerve (Morton neuroma)',
  nerve_layer: LAYER,
  approach:
    'percutaneous from the sole proximal to the third and fourth metatarsal heads, under ultrasound, in plane along the long axis of the neuroma at 15° to the skin; the active segment lies in the neuroma, its centre at the neuroma’s centre, so that the ice stays off the plantar skin (a dorsal approach is the alternative: override the probe and the anatomy)',
  figures: [
    { figure: 'site', value: 'third intermetatarsal space (66 %; second 32 %)', source: SRC.kumarMn.cite },
    { figure: 'neuroma diameter', value: mm(NEUROMA_D), source: SRC.pollak.cite, note: `6.2 mm for resected neuromas; ${SRC.leeMn.cite}: mean 4.9 mm` },
    { figure: 'neuroma length', value: mm(2 * NEUROMA_HALF_LENGTH), source: ESTIMATE, note: `${SRC.cazzato.cite}: mean size 12.7 mm on MRI` },
    { figure: 'neuroma position', value: 'between the metatarsal heads, plantar to the deep transverse metatarsal ligament', source: SRC.ruizHerrera.cite },
    { figure: 'neuroma depth (centre)', value: mm(NEUROMA_Z), source: ESTIMATE, note: 'set between the plantar surface of the heads and the ligament' },
    { figure: 'plantar skin thickness', value: mm(SKIN), source: ESTIMATE, note: 'glabrous sole skin is thicker than trunk skin' },
    {
      figure: 'soft tissue under the metatarsal heads',
      value: mm(UNDER_HEAD),
      source: ESTIMATE,
      note: `within the published range: ${SRC.mickle.cite} 5.5-8.5 mm (older adults); ${SRC.cavanagh.cite} 15.2 mm (2nd head, unloaded)`,
    },
    {
      figure: 'metatarsal heads',
      value: `bone, ${mm(HEAD_D)} across, centres ${mm(HEAD_Y)} either side of the neuroma`,
      source: ESTIMATE,
      note: `organs at risk (bone injury); their surface freezes with the neuroma, a risk this plan accepts (${SRC.mnUltrasound.cite}: one insufficiency fracture in 55 procedures)`,
    },
    { figure: 'deep transverse metatarsal ligament', value: `${mm(DTML)}, ${mm(SKIN + FAT)} deep`, source: ESTIMATE },
    { figure: 'probe', value: `${PROBE} into the centre of the neuroma`, source: SRC.cazzato.cite, note: `N2O at -70 °C: ${SRC.caporusso.cite}` },
    {
      figure: 'probe path: in plane along the neuroma, 15° to the skin',
      value: `cooled segment ${mm(ACTIVE_TOP)} to ${mm(TIP_Z)} deep (skin ${mm(SKIN)})`,
      source: SRC.mnUltrasound.cite,
      note: 'cold injury of the sole skin (chilblain-type lesions, 2 of 55 procedures) is the complication of ultrasound-guided Morton neuroma cryoneurolysis; straight in from the sole, this probe’s 10 mm cooled segment would reach 4 mm under the skin and freeze it. Margin aimed for: skin above the 15 °C redness threshold with the neuroma frozen through to -20 °C',
    },
    {
      figure: 'protocol',
      value: '60 s freeze, 30 s passive thaw, 60 s freeze',
      source: SRC.rizk.cite,
      note: `${SRC.cazzato.cite} used one 150 s argon freeze`,
    },
    { figure: 'target distance (freeze to the toe skin)', value: '45 mm', source: ESTIMATE },
    { figure: 'territory', value: 'adjacent sides of the third and fourth toes', source: SRC.kumarMn.cite },
  ],
  accepted_risks: ['third metatarsal head', 'fourth metatarsal head'].map((risk) => ({
    risk,
    why: 'the neuroma lies between the metatarsal heads, so freezing it through freezes the surface of the bone beside it; ultrasound-guided series accept this (one insufficiency fracture, CIRSE grade 2, in 55 procedures)',
    source: SRC.mnUltrasound.cite,
  })),
  sources: cited(SRC.kumarMn, SRC.pollak, SRC.leeMn, SRC.cazzato, SRC.ruizHerrera, SRC.mickle, SRC.cavanagh, SRC.caporusso, SRC.rizk, SRC.mnUltrasound),
  case: {
    name: 'interdigital',
    description:
      "Morton's neuroma: N2O probe from the sole, in plane along the neuroma between the third and fourth metatarsal heads, its cooled segment kept deep under the skin.",
    domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 30 },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: SKIN, name: 'plantar skin' },
        { tissue: 'fat', thickness_mm: FAT, name: LAYER },
        { tissue: 'tendon', thickness_mm: DTML, name: 'deep transverse metatarsal ligament' },
        { tissue: 'muscle', thickness_mm: 13, name: 'interossei' },
      ],
      structures: [
        {
          kind: 'cylinder',
          name: 'third metatarsal head',
          tissue: 'bone',
          start_mm: [-15, -HEAD_Y, UNDER_HEAD + HEAD_D / 2],
          end_mm: [15, -HEAD_Y, UNDER_HEAD + HEAD_D / 2],
          diameter_mm: HEAD_D,
          at_risk: HEAD_AT_RISK,
        },
        {
          kind: 'cylinder',
          name: 'fourth metatarsal head',
          tissue: 'bone',
          start_mm: [-15, HEAD_Y, UNDER_HEAD + HEAD_D / 2],
          end_mm: [15, HEAD_Y, UNDER_HEAD + HEAD_D / 2],
          diameter_mm: HEAD_D,
          at_risk: HEAD_AT_RISK,
        },
        {
          kind: 'nerve',
          name: 'interdigital nerve (Morton neuroma)',
          path_mm: [
            [-NEUROMA_HALF_LENGTH, 0, NEUROMA_Z],
            [NEUROMA_HALF_LENGTH, 0, NEUROMA_Z],
          ],
          diameter_mm: NEUROMA_D,
          target_distance_mm: 45,
          territory: 'adjacent sides of the third and fourth toes',
        },
      ],
    },
    probes: [{ kind: 'needle', id: 'probe', model: PROBE, tip_mm: [TIP_X, 0, TIP_Z], direction: { angle_to_skin_deg: ANGLE_DEG, azimuth_deg: 0 } }],
    protocol: { phases: [{ freeze_s: 60 }, { thaw_s: 30, thaw: 'passive' }, { freeze_s: 60 }] },
    grid: 'auto',
  },
};
