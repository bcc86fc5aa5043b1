import type { ConditionPreset } from './types.js';
import { SRC, ESTIMATE, cited, mm } from './sources.js';
import { probeActiveLength, probeDiameter } from './probe-size.js';

/*
 * Intercostal neuralgia: the nerve at the angle of the rib, where it has not yet
 * branched. Depths from the back's surface: skin to rib 27 mm (Wada), skin to pleura
 * 37 mm (Kim), so the intercostal space (rib and intercostal muscles) is the 10 mm
 * between; above the rib lie skin, fat and the back muscles (Hung).
 */
const SKIN = 2;
const BACK_MUSCLES = 15; // trapezius 4.9 + rhomboid 6.3 + serratus posterior 3.5 (men)
const SKIN_TO_RIB = 27;
const SKIN_TO_PLEURA = 37;
const FAT = SKIN_TO_RIB - SKIN - BACK_MUSCLES;
const INTERCOSTAL = SKIN_TO_PLEURA - SKIN_TO_RIB;
const NERVE_D = 1.5;
// Innermost intercostal muscle and endothoracic fascia between the nerve and the pleura (estimate).
const NERVE_TO_PLEURA = 3;
const NERVE_Z = SKIN_TO_PLEURA - NERVE_TO_PLEURA - NERVE_D / 2;
const ARTERY_D = 3;
const SPACE = 14; // rib to rib
const RIB_HEIGHT = 12;
const ARTERY_Y = SPACE / 2 + 1; // in the costal groove, under the lower border of the rib above
const PROBE_GAP = 0.2; // a film of tissue: the probe is placed against the nerve
const PROBE = 'n2o-2.0';
const PROBE_D = probeDiameter(PROBE);
// The probe lies on the nerve's superficial side, so that the nerve is between it and the
// pleura: the ice's deep edge passes through the nerve and stops short of the pleura.
const PROBE_Z = NERVE_Z - NERVE_D / 2 - PROBE_GAP - PROBE_D / 2;
const FREEZE_S = 75;

export const intercostal: ConditionPreset = {
  name: 'intercostal',
  condition: 'Intercostal neuralgia',
  nerve: 'intercostal nerve',
  nerve_layer: 'intercostal muscles',
  approach:
    'percutaneous at the angle of the rib, under ultrasound, in plane along the long axis of the rib; the probe lies along the superficial side of the nerve (the nerve between the probe and the pleura), its active segment centred on the treatment site; one freeze long enough to freeze the nerve through, short enough to keep the ice off the pleura',
  figures: [
    { figure: 'treatment site', value: 'angle of the rib, 60-75 mm from the spinous process', source: SRC.ribAngle.cite },
    { figure: 'skin thickness (back)', value: mm(SKIN), source: ESTIMATE },
    {
      figure: 'subcutaneous fat thickness',
      value: mm(FAT),
      source: `derived from ${SRC.wada.cite} and ${SRC.hung.cite}`,
      note: 'skin-to-rib 27 mm less 2 mm skin less 15 mm muscle',
    },
    {
      figure: 'back muscles (trapezius, rhomboid, serratus posterior)',
      value: mm(BACK_MUSCLES),
      source: SRC.hung.cite,
      note: 'means for men 4.9 + 6.3 + 3.5 mm; women 3.4 + 3.8 + 2.2 mm',
    },
    { figure: 'skin to rib', value: mm(SKIN_TO_RIB), source: SRC.wada.cite, note: '2.7 ± 0.4 cm (range 1.9-3.4) at the 5th rib' },
    { figure: 'skin to pleura', value: mm(SKIN_TO_PLEURA), source: SRC.kimSpd.cite, note: '3.7 ± 0.7 cm; rises with body weight' },
    {
      figure: 'intercostal space depth (rib thickness)',
      value: mm(INTERCOSTAL),
      source: `derived from ${SRC.kimSpd.cite} and ${SRC.wada.cite}`,
      note: 'skin-to-pleura less skin-to-rib',
    },
    { figure: 'rib height (cranio-caudal)', value: mm(RIB_HEIGHT), source: ESTIMATE },
    {
      figure: 'nerve depth (centre)',
      value: mm(NERVE_Z),
      source: `derived from ${SRC.kimSpd.cite} and ${SRC.icAtlas.cite}`,
      note: `the nerve lies between internal and innermost intercostal muscles: here ${mm(NERVE_TO_PLEURA)} (estimate: innermost intercostal muscle and endothoracic fascia) above the pleura`,
    },
    {
      figure: 'nerve diameter',
      value: mm(NERVE_D),
      source: ESTIMATE,
      note: `${SRC.asfazadourian.cite} gives 0.23-0.34 mm² of fascicles, the axon-bearing core only; the whole nerve with its epineurium is larger`,
    },
    {
      figure: 'nerve course',
      value: 'along the rib (x), in the middle of the intercostal space',
      source: SRC.icAtlas.cite,
      note: 'proximally in the midzone of the space in 73 %, in the classic subcostal position in 17 %',
    },
    {
      figure: 'intercostal artery diameter',
      value: mm(ARTERY_D),
      source: SRC.icAtlas.cite,
      note: '3-4 mm; in the costal groove of the rib above, cranial to the nerve (drawn under the rib’s lower border)',
    },
    { figure: 'width of the intercostal space (rib to rib)', value: mm(SPACE), source: ESTIMATE },
    {
      figure: 'pleura and lung',
      value: `below ${mm(SKIN_TO_PLEURA)}, given muscle's thermal properties; an organ at risk (pneumothorax)`,
      source: `${SRC.koethe.cite}; ${SRC.huang.cite}`,
      note: 'inaccurate probe placement risks a pneumothorax; aerated lung conducts less heat than muscle; no sourced lung tissue in the library yet',
    },
    {
      figure: 'probe',
      value: `${PROBE} laid along the nerve on its superficial side, ${mm(PROBE_GAP)} wall to wall`,
      source: SRC.usIntercostal.cite,
      note: 'cryoprobe placed beside the nerve under high-frequency ultrasound, the ice ball watched as it grows; the side (superficial, away from the pleura) is this plan’s choice; the catalogue lists n2o-2.0 for intercostal nerves',
    },
    {
      figure: 'protocol',
      value: `one ${FREEZE_S} s freeze`,
      source: SRC.rizk.cite,
      note: `1.0-1.5 min freezes; ${SRC.kimNuss.cite} froze 2 min at -60 °C per nerve intraoperatively, where the pleura is open. Margin aimed for: the -20 °C isotherm about 0.5 mm past the nerve's far side, the ice edge about 0.7 mm short of the pleura (pleura above +10 °C)`,
    },
    {
      figure: 'target distance (freeze to the lateral cutaneous branch)',
      value: '100 mm',
      source: SRC.thoracoabdominal.cite,
      note: "branch 95-210 mm from the nerve's emergence (9th-11th nerves); the nearest of the range. Kim et al. saw anterior chest sensation return in 2-3 months",
    },
    { figure: 'territory', value: 'band of chest-wall skin along the rib (the dermatome)', source: SRC.icAtlas.cite },
  ],
  sources: cited(
    SRC.ribAngle,
    SRC.hung,
    SRC.wada,
    SRC.kimSpd,
    SRC.icAtlas,
    SRC.asfazadourian,
    SRC.thoracoabdominal,
    SRC.kimNuss,
    SRC.rizk,
    SRC.koethe,
    SRC.huang,
    SRC.usIntercostal,
  ),
  case: {
    name: 'intercostal',
    description: 'Intercostal neuralgia: N2O probe on the superficial side of the intercostal nerve at the angle of the rib, the ice kept off the pleura.',
    domain: { x_mm: [-15, 15], y_mm: [-15, 15], depth_mm: 50 },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: SKIN, name: 'skin' },
        { tissue: 'fat', thickness_mm: FAT, name: 'subcutaneous fat' },
        { tissue: 'muscle', thickness_mm: BACK_MUSCLES, name: 'back muscles' },
        { tissue: 'muscle', thickness_mm: INTERCOSTAL, name: 'intercostal muscles' },
        {
          tissue: 'muscle',
          thickness_mm: 13,
          name: 'pleura and lung (as muscle)',
          at_risk: { complication: 'pneumothorax', note: 'the parietal pleura lies under the intercostal space' },
        },
      ],
      structures: [
        { kind: 'box', name: 'rib above', tissue: 'bone', min_mm: [-15, SPACE / 2, SKIN_TO_RIB], max_mm: [15, SPACE / 2 + RIB_HEIGHT, SKIN_TO_PLEURA] },
        { kind: 'box', name: 'rib below', tissue: 'bone', min_mm: [-15, -SPACE / 2 - RIB_HEIGHT, SKIN_TO_RIB], max_mm: [15, -SPACE / 2, SKIN_TO_PLEURA] },
        {
          kind: 'vessel',
          name: 'intercostal artery',
          path_mm: [
            [-15, ARTERY_Y, NERVE_Z],
            [15, ARTERY_Y, NERVE_Z],
          ],
          diameter_mm: ARTERY_D,
        },
        {
          kind: 'nerve',
          name: 'intercostal nerve',
          path_mm: [
            [-15, 0, NERVE_Z],
            [15, 0, NERVE_Z],
          ],
          diameter_mm: NERVE_D,
          target_distance_mm: 100,
          territory: "a band of chest-wall skin along the rib (the nerve's dermatome)",
        },
      ],
    },
    probes: [
      {
        kind: 'needle',
        id: 'probe',
        model: PROBE,
        tip_mm: [probeActiveLength(PROBE) / 2, 0, PROBE_Z],
        direction: { angle_to_skin_deg: 0, azimuth_deg: 0 },
      },
    ],
    protocol: { phases: [{ freeze_s: FREEZE_S }] },
    grid: 'auto',
  },
};
