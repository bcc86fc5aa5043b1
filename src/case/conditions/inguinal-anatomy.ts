import type { Figure } from './types.js';
import type { CaseInput } from '../schema.js';
import { SRC, ESTIMATE, mm } from './sources.js';
import { probeActiveLength, probeDiameter } from './probe-size.js';

/*
 * The ilioinguinal and iliohypogastric nerves share their site: 5 cm cranial and
 * posterior to the ASIS, both between internal oblique and transversus abdominis,
 * the ilioinguinal nearer the iliac crest (Eichenberger et al.). One anatomy
 * serves both presets; the target and the probe's side differ.
 * Coordinates: x along the nerves, y across them (iliac crest at -y, medial +y).
 */
const SKIN = 2;
const FAT = 10;
const EXTERNAL_OBLIQUE = 5;
const INTERNAL_OBLIQUE = 7;
const PLANE = 2.5;
const TRANSVERSUS = 4;
export const INGUINAL_NERVE_D = 2.2; // equal-area circle of 3.0 x 1.6 mm (ilioinguinal) and 2.9 x 1.6 mm (iliohypogastric)
export const INGUINAL_NERVE_Z = SKIN + FAT + EXTERNAL_OBLIQUE + INTERNAL_OBLIQUE + PLANE / 2;
export const NERVE_SPACING = 10.4;
const TO_BONE = 6.0;
export const PLANE_LAYER = 'internal oblique / transversus abdominis plane';
const PERITONEUM_LAYER = 'transversalis fascia, peritoneum and bowel (as muscle)';

export const ILIOINGUINAL = {
  name: 'ilioinguinal nerve',
  y: 0,
  target_distance_mm: 130,
  territory: 'skin of the upper medial thigh, the mons pubis and the anterior scrotum or labium majus',
};
export const ILIOHYPOGASTRIC = {
  name: 'iliohypogastric nerve',
  y: NERVE_SPACING,
  target_distance_mm: 100,
  territory: 'skin of the lower abdominal wall above the pubis',
};

export const inguinalFigures: Figure[] = [
  {
    figure: 'treatment site',
    value: '5 cm cranial and posterior to the ASIS',
    source: SRC.eichenberger.cite,
    note: 'proximal to where the nerves branch and pierce the internal oblique',
  },
  { figure: 'skin thickness (flank)', value: mm(SKIN), source: ESTIMATE },
  { figure: 'subcutaneous fat', value: mm(FAT), source: ESTIMATE, note: 'varies most with body habitus of all layers here' },
  {
    figure: 'external oblique',
    value: mm(EXTERNAL_OBLIQUE),
    source: ESTIMATE,
    note: `order transversus < external oblique < internal oblique as in ${SRC.tahan.cite}`,
  },
  { figure: 'internal oblique', value: mm(INTERNAL_OBLIQUE), source: ESTIMATE },
  {
    figure: 'plane between internal oblique and transversus abdominis (holds the nerves)',
    value: mm(PLANE),
    source: ESTIMATE,
    note: `the nerves lie in this plane (${SRC.eichenberger.cite}; ${SRC.gofeld.cite})`,
  },
  { figure: 'transversus abdominis', value: mm(TRANSVERSUS), source: ESTIMATE },
  {
    figure: 'deep to transversus abdominis',
    value: 'transversalis fascia and peritoneum, with muscle’s thermal properties; an organ at risk (peritoneal or bowel injury)',
    source: ESTIMATE,
    note: 'the layer under transversus abdominis medial to the iliac crest; the other nerve of the pair is a nerve to spare',
  },
  { figure: 'nerve depth (centre)', value: mm(INGUINAL_NERVE_Z), source: 'derived from the layers above (estimates)' },
  {
    figure: 'ilioinguinal nerve diameter',
    value: mm(INGUINAL_NERVE_D),
    source: SRC.eichenberger.cite,
    note: `3.0 x 1.6 mm on ultrasound, as the equal-area circle; ${SRC.alshammari.cite}: 1.9-2.0 mm in cadavers`,
  },
  {
    figure: 'iliohypogastric nerve diameter',
    value: mm(INGUINAL_NERVE_D),
    source: SRC.eichenberger.cite,
    note: '2.9 x 1.6 mm on ultrasound, as the equal-area circle',
  },
  { figure: 'distance between the two nerves', value: mm(NERVE_SPACING), source: SRC.eichenberger.cite },
  { figure: 'ilioinguinal nerve to the iliac bone', value: mm(TO_BONE), source: SRC.eichenberger.cite, note: 'median; the bone lies lateral (-y)' },
  { figure: 'iliac crest shape', value: 'bone lateral to the nerves from the fat down', source: ESTIMATE },
  { figure: 'protocol', value: '90 s freeze, 30 s passive thaw, 90 s freeze', source: SRC.rizk.cite },
];

const PROBE_GAP = 0.2; // a film of tissue: the probe is placed against the nerve

/**
 * A probe laid along a nerve at y on its superficial side (in plane, long axis), its
 * active segment centred on the treatment site: the nerve lies between the probe and
 * transversus abdominis, so the ice reaches through the nerve before it nears the
 * peritoneum. Margin aimed for (2 × 90 s): the nerve frozen through over 8 mm, the
 * peritoneum above +10 °C.
 */
export function inguinalProbe(model: string, nerveY: number) {
  return {
    kind: 'needle' as const,
    id: 'probe',
    model,
    tip_mm: [probeActiveLength(model) / 2, nerveY, INGUINAL_NERVE_Z - INGUINAL_NERVE_D / 2 - PROBE_GAP - probeDiameter(model) / 2] as [number, number, number],
    direction: { angle_to_skin_deg: 0, azimuth_deg: 0 },
  };
}

export const inguinalProbeFigure = (model: string): Figure => ({
  figure: 'probe',
  value: `${model} laid along the nerve on its superficial side, ${mm(PROBE_GAP)} wall to wall`,
  source: ESTIMATE,
  note: 'superficial, so that the nerve lies between the probe and the peritoneum: beside the nerve in its plane, the ice came within a few millimetres of the peritoneum and froze the nerve through over only 4 mm',
});

/** The shared anatomy with `target` the nerve to treat: the other one is a nerve to spare (an organ at risk). */
export function inguinalAnatomy(target: typeof ILIOINGUINAL): NonNullable<CaseInput['anatomy']> {
  const nerve = (n: typeof ILIOINGUINAL) => ({
    kind: 'nerve' as const,
    name: n.name,
    path_mm: [
      [-15, n.y, INGUINAL_NERVE_Z],
      [15, n.y, INGUINAL_NERVE_Z],
    ] as [number, number, number][],
    diameter_mm: INGUINAL_NERVE_D,
    target_distance_mm: n.target_distance_mm,
    territory: n.territory,
    ...(n.name === target.name ? {} : { target: false }),
  });
  return {
    layers: [
      { tissue: 'skin', thickness_mm: SKIN, name: 'skin' },
      { tissue: 'fat', thickness_mm: FAT, name: 'subcutaneous fat' },
      { tissue: 'muscle', thickness_mm: EXTERNAL_OBLIQUE, name: 'external oblique' },
      { tissue: 'muscle', thickness_mm: INTERNAL_OBLIQUE, name: 'internal oblique' },
      { tissue: 'fat', thickness_mm: PLANE, name: PLANE_LAYER },
      { tissue: 'muscle', thickness_mm: TRANSVERSUS, name: 'transversus abdominis' },
      {
        tissue: 'muscle',
        thickness_mm: 9.5,
        name: PERITONEUM_LAYER,
        at_risk: {
          complication: 'peritoneal-injury' as const,
          note: 'transversalis fascia and peritoneum lie deep to transversus abdominis, the bowel beyond',
        },
      },
    ],
    structures: [
      { kind: 'box', name: 'iliac crest', tissue: 'bone', min_mm: [-15, -15, SKIN + FAT], max_mm: [15, -(INGUINAL_NERVE_D / 2 + TO_BONE), 40] },
      nerve(ILIOINGUINAL),
      nerve(ILIOHYPOGASTRIC),
    ],
  };
}

export const INGUINAL_DOMAIN = { x_mm: [-15, 15] as [number, number], y_mm: [-15, 25] as [number, number], depth_mm: 40 };
export const INGUINAL_SOURCES = [SRC.eichenberger, SRC.alshammari, SRC.tahan, SRC.gofeld, SRC.rizk];
