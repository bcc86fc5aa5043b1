import type { ConditionPreset } from './types.js';
import { ESTIMATE, mm } from './sources.js';

/*
 * Whole-gland cryoablation of the prostate, transperineal. The frame: the perineal
 * skin is z = 0 and z runs cranially, along the needles, from the apex (caudal) to
 * the base at the bladder neck; +y is anterior (towards the pubis), -y posterior
 * (the rectum); +x is the patient's left. The template lies on the perineum and its
 * needles run straight in (+z).
 */

/** Sources this preset cites (read: abstract or page text), each spelt once. */
const SRC = {
  nguyen: {
    cite: 'Nguyen, Allen & Pow-Sang 2013, Cancer Control 20:177',
    about:
      "transperineal, lithotomy; a grid (template) at the perineum guides 17 G cryoprobes; thermocouples in Denonvilliers' fascia, at the apex and in the external sphincter; a urethral warming catheter; argon freeze, helium thaw, the cycle repeated once",
  },
  trus: {
    cite: 'normal prostate on TRUS (droracle.ai summary, 2026)',
    about: 'width 3-4 cm, anteroposterior 2-3 cm, craniocaudal 3-4 cm; ellipsoid volume 0.52 x the product, 20-30 ml in healthy men',
  },
  favazza: {
    cite: 'Favazza et al., urethral warmer phantom study (Mayo Clinic)',
    about:
      'the warmer kept the urethral surface sub-lethal with needles as close as 5 mm to it, and can make the target near it sub-lethal; urethral sloughing still up to 15 % with warmers',
  },
  esTc: {
    cite: "'External sphincter thermocouple monitoring dramatically reduces urinary incontinence', abstract P02 (94 men, 2012-2013)",
    about:
      'external sphincter at the end of the 1st and 2nd freezes 25.2 °C and 24.4 °C on average (4-37 °C); leakage (> 1 pad/day) 5.1 % at 4 months; mean prostate volume 34.9 ml',
  },
  btg: {
    cite: 'BTG (Boston Scientific) prostate cryoablation treatment page',
    about: '1.5 mm cryoablation needles; two freeze/thaw cycles ensuring at least -40 °C throughout the prostate; a warming catheter protects the urethra',
  },
  lugnani: {
    cite: 'Lugnani & Zanconati 1996 (cryoforum.org, prostate technique)',
    about:
      '5 to 7 probes; two freezes with a complete thaw between; the probes may be withdrawn 1 cm in the second phase to freeze the apex (pull-back); the trigone, rectum and perineal plane must not be damaged',
  },
  cozzi: {
    cite: 'Cozzi et al. 1996, Br J Urol 78:589',
    about: 'urethral warming catheters: urethral epithelium viable where the catheter protected it, denuded or necrotic where not (sheep)',
  },
  sperling: {
    cite: 'Sperling Prostate Center, potential complications of cryotherapy',
    about: '-40 °C to destroy the gland; 6-8 probes; a thermocouple between the prostate and the rectal wall so that the ice ball does not injure it (fistula)',
  },
} as const;
const cited = (...s: Array<{ cite: string; about: string }>) => s.map((x) => `${x.cite}: ${x.about}`);

const GLAND: [number, number, number] = [20, 15, 17.5]; // semi-axes, mm: 40 x 30 x 35 mm
const APEX_Z = 40;
const CENTER: [number, number, number] = [0, 0, APEX_Z + GLAND[2]];
const BASE_Z = APEX_Z + 2 * GLAND[2];
const URETHRA_Y = 2.5;
const CATHETER_D = 7.3; // 22 Fr
const URETHRA_D = CATHETER_D + 2 * 1.5;
const FASCIA = 2; // Denonvilliers' fascia and the fat beside it
const RECTAL_WALL = 3;
const RECTUM_D = 30;
const NVB_D = 3;
const DEPTH = 95;
const FREEZE_S = 600;
const THAW_S = 300;
/**
 * Cells 1.25 mm across where the ice forms: a square cell of that side conducts like
 * a round 17 G needle (1.47 mm; probe/section.ts), so with the template's holes on
 * cell centres (every 5 mm) each needle is exactly one column of cells. Outside,
 * cells grow by 1.5 up to 5 mm; the skin's first 2.5 mm has 0.5 mm cells.
 */
const H = 1.25;
function axisEdges(lo: number, fineLo: number, fineHi: number, hi: number, first: number[] = []): number[] {
  const fine: number[] = [];
  for (let v = fineLo; v <= fineHi + 1e-9; v += H) fine.push(+v.toFixed(4));
  const grow = (from: number, to: number): number[] => {
    // Widths H*1.5, H*1.5^2, ... (at most 5 mm) from `from` towards `to`, the last stretched to land on it.
    const out: number[] = [];
    const dir = Math.sign(to - from);
    let x = from;
    let w = H;
    while (Math.abs(to - x) > 1e-9) {
      w = Math.min(5, w * 1.5);
      const left = Math.abs(to - x);
      x = left < 1.5 * w ? to : x + dir * w;
      out.push(+x.toFixed(4));
    }
    return out;
  };
  const below = first.length ? [...first, ...grow(first[first.length - 1], fineLo).slice(0, -1)] : grow(fineLo, lo).reverse().slice(1);
  if (!first.length) below.unshift(lo);
  return [...below, ...fine, ...grow(fineHi, hi)];
}
const GRID_X = axisEdges(-35, -25.625, 25.625, 35);
const GRID_Y = axisEdges(-40, -23.125, 20.625, 35);
const GRID_Z = axisEdges(0, 30, 85, DEPTH, [0, 0.5, 1, 1.5, 2, 2.5]);

const volumeMl = ((4 / 3) * Math.PI * GLAND[0] * GLAND[1] * GLAND[2]) / 1000;

/** The left bundle's centre: 1.5 mm outside the capsule, along its normal, at 5 o'clock in the mid-gland section. */
function bundle(): [number, number] {
  const t = (-45 * Math.PI) / 180;
  const p = [GLAND[0] * Math.cos(t), GLAND[1] * Math.sin(t)];
  const n = [Math.cos(t) / GLAND[0], Math.sin(t) / GLAND[1]];
  const gap = 1.5 + NVB_D / 2;
  const len = Math.hypot(n[0], n[1]);
  return [+(p[0] + (gap * n[0]) / len).toFixed(2), +(p[1] + (gap * n[1]) / len).toFixed(2)];
}
const [NVB_X, NVB_Y] = bundle();
const RECTUM_Y = -GLAND[1] - FASCIA - RECTUM_D / 2;

export const prostate: ConditionPreset = {
  name: 'prostate',
  condition: 'Localised prostate cancer: whole-gland cryoablation with argon needles and a urethral warmer',
  nerve: 'left neurovascular bundle',
  nerve_layer: 'pelvic floor and pelvic tissue',
  approach:
    'transperineal in lithotomy under transrectal ultrasound; six 17 G argon needles through a brachytherapy-style template on the perineum, parallel to the gland; a urethral warming catheter; thermocouples at the apex, in Denonvilliers’ fascia, in the external sphincter and beside a neurovascular bundle',
  figures: [
    { figure: 'gland (ellipsoid)', value: `${GLAND.map((v) => 2 * v).join(' x ')} mm (width x AP x length), ${volumeMl.toFixed(1)} ml`, source: SRC.trus.cite },
    { figure: 'apex depth below the perineal skin', value: mm(APEX_Z), source: ESTIMATE },
    {
      figure: 'urethra',
      value: `through the gland along its length, ${mm(URETHRA_Y)} anterior of the centre, ${mm(URETHRA_D)} across with its wall`,
      source: ESTIMATE,
    },
    {
      figure: 'urethral warming catheter',
      value: `${mm(CATHETER_D)} (22 Fr), saline at 42 °C behind 400 W/m²/K`,
      source: ESTIMATE,
      note: `its protection: ${SRC.favazza.cite}; ${SRC.cozzi.cite}`,
    },
    { figure: "Denonvilliers' fascia (with the fat beside it)", value: mm(FASCIA), source: ESTIMATE },
    { figure: 'anterior rectal wall', value: `${mm(RECTAL_WALL)} thick, rectum ${mm(RECTUM_D)} across`, source: ESTIMATE },
    { figure: 'neurovascular bundles', value: `${mm(NVB_D)} across at 5 and 7 o'clock, 1.5 mm outside the capsule`, source: ESTIMATE },
    { figure: 'external sphincter', value: '20 mm across, 12 mm long, around the membranous urethra below the apex', source: ESTIMATE },
    { figure: 'bladder neck', value: '24 mm across, at the base', source: ESTIMATE },
    {
      figure: 'needles',
      value: 'six argon-1.5 (17 G) through the template, 5 mm hole spacing; tips 7.5 mm short of the base (at the capsule for the anterior pair)',
      source: `${SRC.nguyen.cite}; ${SRC.btg.cite}`,
      note: `6-8 probes for a whole gland (${SRC.sperling.cite}); 5-7 (${SRC.lugnani.cite})`,
    },
    {
      figure: 'protocol',
      value: `${FREEZE_S / 60} min freeze, ${THAW_S / 60} min active (helium) thaw at +20 °C, ${FREEZE_S / 60} min freeze`,
      source: `${SRC.nguyen.cite}; ${SRC.btg.cite}`,
      note: 'two freeze-thaw cycles as practised; the durations are estimates',
    },
    { figure: 'lethal temperature', value: '-40 °C throughout the gland', source: `${SRC.btg.cite}; ${SRC.sperling.cite}` },
    { figure: 'prostate tissue', value: "muscle's thermal properties and perfusion", source: ESTIMATE },
    {
      figure: 'external sphincter limit',
      value: 'must not freeze (0 °C)',
      source: ESTIMATE,
      note: `in ${SRC.esTc.cite} it stayed at 4-37 °C with 5.1 % leakage`,
    },
  ],
  sources: cited(SRC.nguyen, SRC.trus, SRC.favazza, SRC.esTc, SRC.btg, SRC.lugnani, SRC.cozzi, SRC.sperling),
  case: {
    name: 'prostate',
    description:
      'Whole-gland prostate cryoablation: six 17 G argon needles through a perineal template, a urethral warmer at 42 °C, two cycles; thermocouples at the apex, Denonvilliers’ fascia, the external sphincter and the left neurovascular bundle.',
    domain: { x_mm: [-35, 35], y_mm: [-40, 35], depth_mm: DEPTH },
    tissues: { prostate: { base: 'muscle', label: 'prostate (muscle values; estimate)' } },
    anatomy: {
      layers: [
        { tissue: 'skin', thickness_mm: 2, name: 'perineal skin' },
        { tissue: 'fat', thickness_mm: 18, name: 'perineal fat' },
        { tissue: 'muscle', thickness_mm: DEPTH - 20, name: 'pelvic floor and pelvic tissue' },
      ],
      structures: [
        { kind: 'cylinder', name: 'rectal wall', tissue: 'muscle', start_mm: [0, RECTUM_Y, 15], end_mm: [0, RECTUM_Y, DEPTH], diameter_mm: RECTUM_D },
        {
          kind: 'cylinder',
          name: 'rectal lumen (ultrasound probe)',
          tissue: 'muscle',
          start_mm: [0, RECTUM_Y, 15],
          end_mm: [0, RECTUM_Y, DEPTH],
          diameter_mm: RECTUM_D - 2 * RECTAL_WALL,
        },
        {
          kind: 'box',
          name: "Denonvilliers' fascia",
          tissue: 'tendon',
          min_mm: [-GLAND[0], -GLAND[1] - FASCIA, APEX_Z - 5],
          max_mm: [GLAND[0], -GLAND[1], BASE_Z],
        },
        {
          kind: 'cylinder',
          name: 'external sphincter',
          tissue: 'muscle',
          start_mm: [0, URETHRA_Y, APEX_Z - 12],
          end_mm: [0, URETHRA_Y, APEX_Z],
          diameter_mm: 20,
        },
        { kind: 'cylinder', name: 'bladder neck', tissue: 'muscle', start_mm: [0, URETHRA_Y, BASE_Z - 4], end_mm: [0, URETHRA_Y, BASE_Z + 6], diameter_mm: 24 },
        { kind: 'ellipsoid', name: 'prostate', tissue: 'prostate', center_mm: CENTER, semi_axes_mm: GLAND },
        {
          kind: 'nerve',
          name: 'left neurovascular bundle',
          path_mm: [
            [NVB_X, NVB_Y, APEX_Z - 5],
            [NVB_X, NVB_Y, BASE_Z],
          ],
          diameter_mm: NVB_D,
          territory: 'erection (cavernous nerves to the corpora cavernosa)',
        },
        {
          kind: 'nerve',
          name: 'right neurovascular bundle',
          path_mm: [
            [-NVB_X, NVB_Y, APEX_Z - 5],
            [-NVB_X, NVB_Y, BASE_Z],
          ],
          diameter_mm: NVB_D,
          territory: 'erection (cavernous nerves to the corpora cavernosa)',
        },
        {
          kind: 'tube',
          name: 'urethra',
          tissue: 'muscle',
          path_mm: [
            [0, URETHRA_Y, 0],
            [0, URETHRA_Y, BASE_Z + 6],
          ],
          diameter_mm: URETHRA_D,
        },
      ],
    },
    template: {
      model: 'argon-1.5',
      spacing_mm: 5,
      origin_mm: [-30, -15],
      tip_depth_mm: BASE_Z - 7.5,
      holes: ['E3', 'I3', 'D4', 'J4', 'E6', 'I6'],
    },
    protocol: {
      phases: [{ freeze_s: FREEZE_S }, { thaw_s: THAW_S, thaw: 'active', thaw_temperature_c: 20 }, { freeze_s: FREEZE_S }],
      catheters: [
        { name: 'urethral warmer', start_mm: [0, URETHRA_Y, 0], end_mm: [0, URETHRA_Y, BASE_Z + 6], diameter_mm: CATHETER_D, temperature_c: 42, h_w_m2k: 400 },
      ],
    },
    sensors: [
      { name: 'apex', at_mm: [0, -5, APEX_Z + 3] },
      { name: "Denonvilliers' fascia", at_mm: [0, -GLAND[1] - FASCIA / 2, CENTER[2]] },
      { name: 'external sphincter', at_mm: [0, URETHRA_Y - 7, APEX_Z - 6] },
      { name: 'left neurovascular bundle', at_mm: [NVB_X, NVB_Y, CENTER[2]] },
    ],
    ablation: {
      target: 'prostate',
      lethal_c: -40,
      partial_c: -20,
      limits: [
        {
          structure: 'rectal wall',
          complication: 'rectourethral fistula',
          limit_c: 0,
          basis: `the ice ball must not reach the rectal wall (${SRC.sperling.cite}; ${SRC.lugnani.cite}); the limit at 0 °C is an estimate`,
        },
        {
          structure: 'urethra',
          complication: 'urethral sloughing',
          limit_c: -20,
          basis: `the warmer keeps the urethra sub-lethal (${SRC.favazza.cite}); -20 °C, where killing begins, as the limit is an estimate`,
        },
        {
          structure: 'external sphincter',
          complication: 'urinary incontinence',
          limit_c: 0,
          basis: `sphincter at 4-37 °C at the end of the freezes, 5.1 % leakage (${SRC.esTc.cite}); must not freeze: estimate`,
        },
        {
          structure: 'left neurovascular bundle',
          complication: 'erectile dysfunction',
          limit_c: -20,
          basis: 'whole-cross-section freezing to -20 °C gives axonotmesis (docs/outcome-sources.md); a whole-gland freeze usually reaches the bundles',
        },
        {
          structure: 'right neurovascular bundle',
          complication: 'erectile dysfunction',
          limit_c: -20,
          basis: 'whole-cross-section freezing to -20 °C gives axonotmesis (docs/outcome-sources.md); a whole-gland freeze usually reaches the bundles',
        },
        { structure: 'bladder neck', complication: 'bladder neck injury (contracture, retention)', limit_c: -20, basis: 'estimate' },
      ],
      side_names: { '-x': 'right', '+x': 'left', '-y': 'posterior', '+y': 'anterior', '-z': 'apex', '+z': 'base' },
    },
    grid: { x_mm: GRID_X, y_mm: GRID_Y, z_mm: GRID_Z },
  },
};
