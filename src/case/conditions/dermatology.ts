import type { ConditionPreset, Figure } from './types.js';
import { ESTIMATE, mm } from './sources.js';
import { LESION_RULES, LESION_SOURCES as S, type LesionType } from '../../core/outcome/lesion-rules.js';
import { LN2_SPRAY_H_W_M2K } from '../../core/probe/spray.js';

/*
 * Dermatological cryosurgery: one skin lesion frozen with a liquid-nitrogen open
 * spray, at a site where the lesion is common. x and y run along the skin, z is the
 * depth below it; the lesion is a cylinder from the skin down at the origin, and a
 * sensory nerve that runs shallow there lies along y beside it (at risk: it is not
 * the target). Each lesion's lethal temperature, margin and halo come from its
 * clinical rule (src/core/outcome/lesion-rules.ts).
 */

type Cite = { cite: string; about: string };
const cited = (...s: Cite[]) => [...new Set(s)].map((x) => `${x.cite}: ${x.about}`);

const SITE = {
  nci: S.nci,
  fingerNerve: {
    cite: 'NCI PDQ Skin cancer treatment, health professional version (basal cell carcinoma)',
    about: S.nci.about,
  },
} as const;

interface Site {
  name: string;
  /** Layers from the skin down: [tissue, thickness mm, name]. */
  layers: Array<[string, number, string]>;
  nerve: { name: string; depth_mm: number; x_mm: number; diameter_mm: number; layer: string; territory: string };
  figures: Figure[];
}

/** The back of a finger over the proximal phalanx: thin skin over the extensor tendon, the dorsal digital nerve at its side. */
const FINGER: Site = {
  name: 'back of a finger',
  layers: [
    ['skin', 1.2, 'skin'],
    ['fat', 1.8, 'subcutaneous fat'],
    ['tendon', 1.5, 'extensor tendon'],
    ['bone', 5.5, 'phalanx'],
  ],
  nerve: {
    name: 'dorsal digital nerve',
    depth_mm: 2,
    x_mm: 6,
    diameter_mm: 1,
    layer: 'subcutaneous fat',
    territory: 'the back of the finger beyond the freeze (a strip along its side)',
  },
  figures: [
    { figure: 'skin over the back of the finger', value: mm(1.2), source: ESTIMATE },
    { figure: 'subcutaneous fat', value: mm(1.8), source: ESTIMATE },
    { figure: 'extensor tendon', value: mm(1.5), source: ESTIMATE },
    {
      figure: 'dorsal digital nerve',
      value: '1 mm across, 2 mm deep, 6 mm to the side of the lesion (on the side of the finger)',
      source: ESTIMATE,
      note: `the sides of the fingers are where cryosurgery is cautioned (${S.nci.cite})`,
    },
  ],
};

/** The back of the hand: thin skin over the extensor tendons, a branch of the superficial radial nerve in the fat. */
const HAND: Site = {
  name: 'back of the hand',
  layers: [
    ['skin', 1.2, 'skin'],
    ['fat', 2.5, 'subcutaneous fat'],
    ['tendon', 1.5, 'extensor tendon'],
    ['muscle', 4.8, 'interosseous muscle'],
  ],
  nerve: {
    name: 'superficial radial nerve branch',
    depth_mm: 2.5,
    x_mm: 6,
    diameter_mm: 1,
    layer: 'subcutaneous fat',
    territory: 'skin on the back of the hand and of the thumb and index finger',
  },
  figures: [
    { figure: 'skin on the back of the hand', value: mm(1.2), source: ESTIMATE },
    { figure: 'subcutaneous fat', value: mm(2.5), source: ESTIMATE },
    { figure: 'extensor tendon', value: mm(1.5), source: ESTIMATE },
    { figure: 'superficial radial nerve branch', value: '1 mm across, 2.5 mm deep, 6 mm to the side of the lesion', source: ESTIMATE },
  ],
};

/** The temple over the zygomatic arch, where the temporal (frontal) branch of the facial nerve runs just under the fat. */
const TEMPLE: Site = {
  name: 'temple',
  layers: [
    ['skin', 1.5, 'skin'],
    ['fat', 2, 'subcutaneous fat'],
    ['tendon', 1, 'temporoparietal fascia'],
    ['muscle', 5.5, 'temporalis'],
  ],
  nerve: {
    name: 'temporal branch of the facial nerve',
    depth_mm: 4,
    x_mm: 7,
    diameter_mm: 1,
    layer: 'temporoparietal fascia',
    territory: 'moves the forehead (raising the eyebrow): injury weakens it, it does not numb skin',
  },
  figures: [
    { figure: 'skin of the temple', value: mm(1.5), source: ESTIMATE },
    { figure: 'subcutaneous fat', value: mm(2), source: ESTIMATE },
    { figure: 'temporoparietal fascia', value: mm(1), source: ESTIMATE },
    {
      figure: 'temporal branch of the facial nerve',
      value: '1 mm across, in the fascia 4 mm deep, 7 mm to the side of the lesion',
      source: ESTIMATE,
      note: `cryosurgery is contraindicated near nerves (${S.nci.cite})`,
    },
  ],
};

/** The side of the neck over the sternocleidomastoid, the great auricular nerve crossing it under the platysma. */
const NECK: Site = {
  name: 'side of the neck',
  layers: [
    ['skin', 1.5, 'skin'],
    ['fat', 2.5, 'subcutaneous fat'],
    ['muscle', 1, 'platysma'],
    ['muscle', 5, 'sternocleidomastoid'],
  ],
  nerve: {
    name: 'great auricular nerve',
    depth_mm: 5.75,
    x_mm: 5,
    diameter_mm: 1.5,
    layer: 'sternocleidomastoid',
    territory: 'skin over the angle of the jaw and the ear lobe',
  },
  figures: [
    { figure: 'skin of the neck', value: mm(1.5), source: ESTIMATE },
    { figure: 'subcutaneous fat', value: mm(2.5), source: ESTIMATE },
    { figure: 'platysma', value: mm(1), source: ESTIMATE },
    {
      figure: 'great auricular nerve',
      value: '1.5 mm across, on the muscle under the platysma (5.75 mm deep), 5 mm to the side of the lesion',
      source: ESTIMATE,
    },
  ],
};

interface Lesion {
  name: ConditionPreset['name'];
  type: LesionType;
  site: Site;
  diameter_mm: number;
  depth_mm: number;
  spot_mm: number;
  freezes: number[];
  thaw_s: number;
  pattern?: { on_s: number; off_s: number };
  /** Why the freeze is what it is. */
  protocol_note: string;
  protocol_source: string;
  half_width_mm: number;
  depth_domain_mm: number;
}

function preset(l: Lesion, description: string, accepted?: ConditionPreset['accepted_risks']): ConditionPreset {
  const rule = LESION_RULES[l.type];
  const site = l.site;
  const depth = site.layers.reduce((s, x) => s + x[1], 0);
  const phases: Array<{ freeze_s: number } | { thaw_s: number }> = [];
  l.freezes.forEach((f, i) => {
    phases.push({ freeze_s: f });
    phases.push({ thaw_s: i + 1 < l.freezes.length ? l.thaw_s : Math.max(l.thaw_s, 90) });
  });
  const w = l.half_width_mm;
  const cycles =
    l.freezes.length === 1 ? `one ${l.freezes[0]} s freeze` : `${l.freezes.length} freezes of ${l.freezes.join(' and ')} s, ${l.thaw_s} s thaw between`;
  return {
    name: l.name,
    condition: `${rule.label[0].toUpperCase()}${rule.label.slice(1)} on the ${site.name}: liquid-nitrogen spray`,
    nerve: site.nerve.name,
    nerve_layer: site.nerve.layer,
    approach: `a liquid-nitrogen open spray from 10 mm onto a ${l.spot_mm} mm spot centred on the lesion${l.pattern ? `, intermittent (${l.pattern.on_s} s on, ${l.pattern.off_s} s off)` : ''}; ${cycles}; the ${site.nerve.name} runs beside it`,
    figures: [
      { figure: 'lesion', value: `${rule.label}, ${mm(l.diameter_mm)} across, ${mm(l.depth_mm)} deep`, source: ESTIMATE },
      {
        figure: 'lethal temperature',
        value: `${rule.lethal_c} °C (${rule.class})`,
        source: rule.class === 'malignant' ? `${S.andrews.cite}; ${S.perri.cite}` : S.andrews.cite,
      },
      {
        figure: 'margin and halo',
        value: `lethal ${rule.margin_mm} mm past the edge; halo ${rule.halo_mm.join('-')} mm`,
        source: rule.class === 'malignant' ? S.perri.cite : S.jester.cite,
      },
      ...site.figures,
      {
        figure: 'spray',
        value: `boiling liquid nitrogen (-196 °C) behind ${LN2_SPRAY_H_W_M2K} W/m²/K (film boiling), ${l.spot_mm} mm spot`,
        source: S.erdmann.cite,
        note: 'the coefficient is fitted to this measurement (docs/validation.md)',
      },
      { figure: 'protocol', value: cycles, source: l.protocol_source, note: l.protocol_note },
    ],
    sources: cited(S.andrews, S.clebak, S.jester, S.perri, S.gageBaust, S.nci, S.erdmann, SITE.nci),
    ...(accepted ? { accepted_risks: accepted } : {}),
    case: {
      name: l.name,
      description,
      domain: { x_mm: [-w, w], y_mm: [-w, w], depth_mm: l.depth_domain_mm ?? depth },
      anatomy: {
        layers: site.layers.map(([tissue, thickness_mm, name]) => ({ tissue, thickness_mm, name })),
        structures: [
          {
            kind: 'nerve',
            name: site.nerve.name,
            path_mm: [
              [site.nerve.x_mm, -w, site.nerve.depth_mm],
              [site.nerve.x_mm, w, site.nerve.depth_mm],
            ],
            diameter_mm: site.nerve.diameter_mm,
            target: false,
            territory: site.nerve.territory,
          },
          { kind: 'cylinder', name: 'lesion', tissue: 'skin', start_mm: [0, 0, 0], end_mm: [0, 0, l.depth_mm], diameter_mm: l.diameter_mm },
        ],
      },
      probes: [
        {
          kind: 'spray',
          id: 'ln2-spray',
          center_mm: [0, 0],
          diameter_mm: l.spot_mm,
          distance_mm: 10,
          ...(l.pattern ? { pattern: l.pattern } : {}),
        },
      ],
      protocol: { phases },
      lesion: { structure: 'lesion', type: l.type },
      grid: 'auto',
    },
  };
}

const PRACTICE = 'clinical freeze times vary with the lesion and the operator; these are the shortest the model needs to reach the aim (estimate)';

export const commonWart = preset(
  {
    name: 'common-wart',
    type: 'common-wart',
    site: FINGER,
    diameter_mm: 5,
    depth_mm: 1,
    spot_mm: 8,
    freezes: [10],
    thaw_s: 60,
    protocol_note: PRACTICE,
    protocol_source: ESTIMATE,
    half_width_mm: 10,
    depth_domain_mm: 10,
  },
  'A common wart on the back of a finger frozen with a liquid-nitrogen spray; the dorsal digital nerve runs at its side.',
  [
    {
      risk: 'scarring',
      why: 'the wart reaches 1 mm into skin 1.2 mm thick: freezing its base to -25 °C with its margin takes -50 °C through the whole dermis (about 1.4 mm), so the model rates a scar high; a thinner wart, or pared first, needs less',
      source: S.jester.cite,
    },
  ],
);

export const actinicKeratosis = preset(
  {
    name: 'actinic-keratosis',
    type: 'actinic-keratosis',
    site: TEMPLE,
    diameter_mm: 5,
    depth_mm: 0.3,
    spot_mm: 7,
    freezes: [5],
    thaw_s: 60,
    protocol_note: PRACTICE,
    protocol_source: ESTIMATE,
    half_width_mm: 10,
    depth_domain_mm: 10,
  },
  'An actinic keratosis on the temple frozen with a liquid-nitrogen spray; the temporal branch of the facial nerve runs below and beside it.',
);

export const seborrheicKeratosis = preset(
  {
    name: 'seborrheic-keratosis',
    type: 'seborrheic-keratosis',
    site: HAND,
    diameter_mm: 8,
    depth_mm: 0.5,
    spot_mm: 10,
    freezes: [7],
    thaw_s: 60,
    protocol_note: PRACTICE,
    protocol_source: ESTIMATE,
    half_width_mm: 12,
    depth_domain_mm: 10,
  },
  'A seborrheic keratosis on the back of the hand frozen with a liquid-nitrogen spray; a branch of the superficial radial nerve runs in the fat beside it.',
);

export const superficialBcc = preset(
  {
    name: 'superficial-bcc',
    type: 'superficial-bcc',
    site: TEMPLE,
    diameter_mm: 8,
    depth_mm: 0.5,
    spot_mm: 15,
    freezes: [30, 30],
    thaw_s: 90,
    pattern: { on_s: 5, off_s: 1 },
    protocol_note: `two 30 s freeze-thaw cycles with a 3-5 mm margin (${S.perri.cite}); intermittent spraying lets the ice go deep (Zimmerman & Crawford 2012, Am Fam Physician 86:1118); the spot covers the lesion and its margin`,
    protocol_source: S.perri.cite,
    half_width_mm: 16,
    depth_domain_mm: 10,
  },
  'A superficial basal cell carcinoma on the temple frozen with an intermittent liquid-nitrogen spray in two cycles; the temporal branch of the facial nerve runs below and beside it.',
  [
    {
      risk: 'temporal branch of the facial nerve',
      why: 'two 30 s freezes of a 15 mm spot (the lesion and its 3 mm margin) cool the branch 4 mm under the skin and 7 mm from the centre to a few degrees below zero: a reversible block (neurapraxia), not the -20 °C of a lasting injury. It is why cryosurgery of a cancer is cautioned near a shallow nerve; the report shows it as a moderate risk',
      source: S.nci.cite,
    },
  ],
);

export const skinTag = preset(
  {
    name: 'skin-tag',
    type: 'skin-tag',
    site: NECK,
    diameter_mm: 3,
    depth_mm: 0.5,
    spot_mm: 6,
    freezes: [5],
    thaw_s: 60,
    protocol_note: PRACTICE,
    protocol_source: ESTIMATE,
    half_width_mm: 8,
    depth_domain_mm: 10,
  },
  'A skin tag on the side of the neck frozen at its base with a liquid-nitrogen spray; the great auricular nerve crosses under the platysma beside it.',
);

export const DERMATOLOGY_PRESETS = [commonWart, actinicKeratosis, seborrheicKeratosis, superficialBcc, skinTag];
