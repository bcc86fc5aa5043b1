/** The report's dermatology part: the lesion's outcome (lethal coverage with its margin, halo, thaw) and its skin side effects. */
import type { LesionOutcome } from '../../core/outcome/lesion.js';
import type { Scene } from '../../core/model.js';
import { esc, num, degC, dur, table } from './html.js';
import { riskBadge } from './tables.js';

const pct = (f: number) => `${num(100 * f, 0)} %`;
const HALO: Record<LesionOutcome['halo_verdict'], string> = {
  short: 'short of the rule: the visible freeze does not reach far enough past the edge',
  within: 'within the rule',
  beyond: 'beyond the rule: more normal skin froze than the rule asks',
};

/** How the spray ran, in words: spot, distance, pattern. */
export function sprayText(scene: Scene): string {
  return scene.probes
    .flatMap((p) =>
      p.kind === 'spray'
        ? [
            `liquid-nitrogen spray ${esc(p.id)}: a ${num(p.diameter_mm, 0)} mm spot from ${num(p.distance_mm, 0)} mm${p.pattern ? `, ${num(p.pattern.on_s, 0)} s on and ${num(p.pattern.off_s, 0)} s off` : ', continuous'}`,
          ]
        : [],
    )
    .join('; ');
}

export function lesionVerdictLine(l: LesionOutcome): string {
  return `${l.aim_met ? 'Aim reached' : 'Aim not reached'}: ${l.verdict}`;
}

export function lesionSection(l: LesionOutcome | undefined): string {
  if (!l) return '';
  const rows: string[][] = [
    ['Lesion', `${esc(l.type)} (${esc(l.class)}), ${num(l.diameter_mm, 1)} mm across, ${num(l.depth_mm, 1)} mm deep`],
    ['Lethal temperature', `${esc(degC(l.lethal_c, 0))}, with ${num(l.margin_mm, 1)} mm of normal skin around it`],
    ['Lesion killed (whole procedure)', pct(l.cycles[l.cycles.length - 1].fraction_lethal)],
    ...l.cycles.slice(0, -1).map((c) => [`… by the ${esc(c.moment)}`, pct(c.fraction_lethal)]),
    ['Lesion and margin killed', pct(l.fraction_lethal_with_margin)],
    ['Lethal margin past the edge (least, over the depth)', `${num(l.lethal_margin_mm, 1)} mm (rule: ${num(l.margin_mm, 1)} mm)`],
    ['Lethal depth under the centre', `${num(l.lethal_depth_mm, 1)} mm (lesion ${num(l.depth_mm, 1)} mm)`],
    [
      'Halo (0 °C ice edge past the lesion at the skin)',
      `${num(l.halo_mm[0], 1)}–${num(l.halo_mm[1], 1)} mm: ${esc(HALO[l.halo_verdict])} (${num(l.halo_rule_mm[0], 0)}–${num(l.halo_rule_mm[1], 0)} mm)`,
    ],
    ['Pigment loss past the edge (−5 °C)', `${num(l.pigment_loss_beyond_edge_mm, 1)} mm`],
    ...l.thaws.map((t) => [
      `Thaw time after ${esc(t.freeze)}`,
      t.thaw_s === null ? `still frozen after the ${dur(t.window_s)} that followed` : `${num(t.thaw_s, 0)} s (whole lesion back above 0 °C)`,
    ]),
  ];
  const effects = table(
    ['Side effect', 'Risk', 'Basis', 'Advice'],
    l.effects.map((e) => [`<strong>${esc(e.label)}</strong>`, riskBadge(e.risk), `<span class="small">${esc(e.basis)}</span>`, esc(e.advice)]),
    'effects',
  );
  return [
    `<h3 id="lesion">Lesion: ${esc(l.type)}</h3>`,
    `<p class="lesion-verdict ${l.aim_met ? 'ok' : 'short'}"><strong>${esc(lesionVerdictLine(l))}</strong></p>`,
    table(
      ['', ''],
      rows.map(([a, b]) => [`<strong>${a}</strong>`, b]),
    ),
    '<h3>Skin side effects</h3>',
    effects,
    `<p class="small">${esc(l.basis)}</p>`,
  ].join('\n');
}
