/** The report's tables: the plan (anatomy, structures, probes, protocol, warmers) and the outcomes. */
import type { Scene, Cooling, Structure, Vec3 } from '../../core/model.js';
import type { NerveOutcome, OrganAtRisk, Outcomes, Risk, SideEffect } from '../../core/outcome/types.js';
import { esc, num, degC, dur, durColumn, pointMm, table } from './html.js';

const tissueName = (scene: Scene, id: string) => scene.tissues[id]?.label ?? id;

export function coolingText(c: Cooling): string {
  switch (c.mode) {
    case 'temperature': {
      const pts = c.curve;
      if (pts.length === 1) return `surface held at ${degC(pts[0][1], 0)}`;
      const last = pts[pts.length - 1];
      return `surface temperature curve: ${degC(pts[0][1], 0)} at ${num(pts[0][0], 0)} s to ${degC(last[1], 0)} at ${num(last[0], 0)} s`;
    }
    case 'power':
      return `heat extraction ${num(c.watts, 1)} W`;
    case 'cryogen':
      return `cryogen at ${degC(c.temperature_c, 0)} behind ${num(c.h_w_m2k, 0)} W/(m²·K)`;
  }
}

/** Angle of a direction to the skin plane, degrees (90: straight down). */
export function angleToSkin(d: Vec3): number {
  const n = Math.hypot(d[0], d[1], d[2]) || 1;
  return (Math.asin(Math.min(1, Math.abs(d[2]) / n)) * 180) / Math.PI;
}

/** Compass-like heading in the skin plane, degrees from +x towards +y. */
export function azimuth(d: Vec3): number {
  const a = (Math.atan2(d[1], d[0]) * 180) / Math.PI;
  return a < 0 ? a + 360 : a;
}

function structureGeometry(s: Structure): string {
  switch (s.kind) {
    case 'tube': {
      const a = s.path_mm[0],
        b = s.path_mm[s.path_mm.length - 1];
      let len = 0;
      for (let i = 0; i + 1 < s.path_mm.length; i++)
        len += Math.hypot(...([0, 1, 2].map((k) => s.path_mm[i + 1][k] - s.path_mm[i][k]) as [number, number, number]));
      return `tube ⌀ ${num(s.diameter_mm, 1)} mm, ${num(len, 0)} mm long, from ${pointMm(a)} to ${pointMm(b)}`;
    }
    case 'box':
      return `box from ${pointMm(s.min_mm)} to ${pointMm(s.max_mm)}`;
    case 'cylinder':
      return `cylinder ⌀ ${num(s.diameter_mm, 1)} mm from ${pointMm(s.start_mm)} to ${pointMm(s.end_mm)}`;
    case 'sphere':
      return `sphere ⌀ ${num(s.diameter_mm, 1)} mm at ${pointMm(s.center_mm)}`;
    case 'ellipsoid':
      return `ellipsoid ${s.semi_axes_mm.map((v) => num(2 * v, 1)).join(' × ')} mm at ${pointMm(s.center_mm)}`;
    case 'label':
      return `label ${s.value} of the labelmap, within ${pointMm(s.bounds_mm[0])} to ${pointMm(s.bounds_mm[1])}`;
  }
}

/** The plan: anatomy, structures, probes, protocol, warmers. */
export function planTables(scene: Scene): string {
  const out: string[] = [];
  let depth = 0;
  const layerRows = scene.layers.map((l) => {
    const row = [
      esc(l.name ?? tissueName(scene, l.tissue)),
      esc(tissueName(scene, l.tissue)),
      `<span class="num">${num(l.thickness_mm, 1)} mm</span>`,
      `${num(depth, 1)}–${num(depth + l.thickness_mm, 1)} mm`,
    ];
    depth += l.thickness_mm;
    return row;
  });
  const d = scene.domain;
  out.push('<h3>Anatomy (layers from the skin down)</h3>');
  out.push(layerRows.length ? table(['Layer', 'Tissue', 'Thickness', 'Depth'], layerRows) : '<p class="small">No layers.</p>');
  out.push(
    `<p class="small">Simulated block: x ${num(d.x_mm[0])} to ${num(d.x_mm[1])} mm, y ${num(d.y_mm[0])} to ${num(d.y_mm[1])} mm, depth 0 to ${num(d.depth_mm)} mm; body temperature ${degC(scene.body_temperature_c)}. ` +
      `x and y run along the skin, depth is measured from the skin surface.</p>`,
  );
  if (scene.structures.length) {
    out.push('<h3>Structures</h3>');
    out.push(
      table(
        ['Name', 'Kind', 'Tissue', 'Geometry', 'Notes'],
        scene.structures.map((s) => {
          const notes: string[] = [];
          if (s.kind === 'tube' && s.flow_temperature_c !== undefined) notes.push(`blood at ${degC(s.flow_temperature_c)}`);
          if (s.kind === 'tube' && s.target_distance_mm !== undefined) notes.push(`${num(s.target_distance_mm, 0)} mm to its target`);
          if (s.kind === 'tube' && s.territory) notes.push(`supplies: ${s.territory}`);
          return [esc(s.name), esc(s.role), esc(tissueName(scene, s.tissue)), esc(structureGeometry(s)), esc(notes.join('; ') || '–')];
        }),
      ),
    );
  }
  out.push('<h3>Probes</h3>');
  out.push(
    scene.probes.length
      ? table(
          ['Probe', 'Kind', 'Diameter', 'Active length', 'Tip / centre', 'Angle', 'Cooling'],
          scene.probes.map((p) =>
            p.kind === 'needle'
              ? [
                  esc(p.id),
                  `needle (${esc(p.shaft)} shaft)`,
                  `${num(p.diameter_mm, 2)} mm`,
                  `${num(p.active_length_mm, 1)} mm`,
                  esc(pointMm(p.tip_mm)),
                  esc(`${num(angleToSkin(p.direction), 0)}° to the skin, heading ${num(azimuth(p.direction), 0)}°`),
                  esc(coolingText(p.cooling)),
                ]
              : [
                  esc(p.id),
                  'contact (on the skin)',
                  `${num(p.diameter_mm, 1)} mm`,
                  '–',
                  esc(`(${num(p.center_mm[0])}, ${num(p.center_mm[1])}) mm on the skin`),
                  '–',
                  esc(coolingText(p.cooling)),
                ],
          ),
        )
      : '<p class="small">No probes.</p>',
  );
  out.push('<h3>Protocol</h3>');
  const phaseDur = durColumn(scene.protocol.map((ph) => ph.duration_s));
  let t = 0;
  let nf = 0;
  let nt = 0;
  out.push(
    table(
      ['Phase', 'Duration', 'From – to', 'Details'],
      scene.protocol.map((ph) => {
        const row = [
          ph.kind === 'freeze' ? `Freeze ${++nf}` : `Thaw ${++nt}`,
          phaseDur(ph.duration_s),
          `${num(t, 0)}–${num(t + ph.duration_s, 0)} s`,
          esc(
            ph.kind === 'freeze'
              ? ph.probes?.length
                ? `probes: ${ph.probes.join(', ')}`
                : 'all probes'
              : ph.thaw === 'active'
                ? `active thaw${ph.thaw_temperature_c !== undefined ? ` (probe at ${degC(ph.thaw_temperature_c, 0)})` : ''}`
                : 'passive thaw (cooling off)',
          ),
        ];
        t += ph.duration_s;
        return row;
      }),
    ),
  );
  if (scene.warmers.length) {
    out.push('<h3>Skin warmers</h3>');
    out.push(
      table(
        ['Warmer', 'Centre', 'Size', 'Temperature', 'Contact'],
        scene.warmers.map((w) => [
          esc(w.name),
          esc(`(${num(w.center_mm[0])}, ${num(w.center_mm[1])}) mm`),
          esc(`${num(w.size_mm[0])} × ${num(w.size_mm[1])} mm`),
          degC(w.temperature_c),
          Number.isFinite(w.h_w_m2k) ? `${num(w.h_w_m2k, 0)} W/(m²·K)` : 'held at temperature',
        ]),
      ),
    );
  } else out.push('<p class="small">No skin warmer.</p>');
  return out.join('\n');
}

export const RISK_TEXT: Record<Risk, string> = { low: 'low', moderate: 'moderate', high: 'high', not_modelled: 'not modelled' };

export const riskBadge = (r: Risk) => `<span class="badge risk-${r}">${RISK_TEXT[r]}</span>`;

export function durationText(d: [number, number] | null): string {
  if (!d) return '–';
  const [a, b] = d;
  if (b >= 56) return `${num(a / 7, 0)}–${num(b / 7, 0)} weeks (${num(a, 0)}–${num(b, 0)} days)`;
  return `${num(a, 0)}–${num(b, 0)} days`;
}

const blockText = (n: NerveOutcome) =>
  n.block === 'none' ? 'no lasting block' : `${n.block} (${num(100 * n.fraction_past_threshold, 0)} % of the coldest section)`;

/** Per nerve (one column each): injury, block, blocked length, coldest temperature, onset, duration, territory, basis. */
export function nerveTable(nerves: NerveOutcome[]): string {
  if (!nerves.length) return '<p class="small">No nerve in this plan.</p>';
  const below = durColumn(nerves.map((n) => n.time_below_threshold_s));
  const rows: Array<[string, (n: NerveOutcome) => string]> = [
    ['Injury', (n) => esc(n.injury_label)],
    ['Block', (n) => esc(blockText(n))],
    ['Length frozen through', (n) => `${num(n.blocked_length_mm, 1)} mm`],
    ['Coldest temperature', (n) => degC(n.coldest_c)],
    ['Time at or below the injury threshold', (n) => below(n.time_below_threshold_s)],
    ['Onset', (n) => esc(n.onset)],
    [
      'Expected duration of the block',
      (n) =>
        esc(
          n.duration_days
            ? `${durationText(n.duration_days)}${n.regrowth_distance_mm !== null ? ` (${num(n.regrowth_distance_mm, 0)} mm of regrowth)` : ''}`
            : n.injury === 'axonotmesis' || n.injury === 'neurotmesis-risk'
              ? 'unknown (no regrowth distance given)'
              : '–',
        ),
    ],
    ['Numbness territory', (n) => esc(n.territory ?? 'not given')],
    ['Basis', (n) => `<span class="small">${esc(n.basis)}</span>`],
  ];
  const head = ['', ...nerves.map((n) => esc(n.name))];
  return table(
    head,
    rows.map(([label, f]) => [`<strong>${label}</strong>`, ...nerves.map(f)]),
    'nerves',
  );
}

const RISK_ORDER: Record<Risk, number> = { high: 0, moderate: 1, low: 2, not_modelled: 3 };

/** Side effects, highest risk first (stable within a level). */
export function sortedEffects(effects: SideEffect[]): SideEffect[] {
  return effects
    .map((e, i) => ({ e, i }))
    .sort((a, b) => RISK_ORDER[a.e.risk] - RISK_ORDER[b.e.risk] || a.i - b.i)
    .map((x) => x.e);
}

export function sideEffectTable(outcomes: Outcomes): string {
  if (!outcomes.side_effects.length) return '<p class="small">No side effects listed.</p>';
  return table(
    ['Side effect', 'Risk', 'Basis', 'Raised by', 'Advice'],
    sortedEffects(outcomes.side_effects).map((e) => [
      `<strong>${esc(e.label)}</strong>`,
      riskBadge(e.risk),
      `<span class="small">${esc(e.basis)}</span>`,
      e.factors.length ? `<span class="small">${e.factors.map(esc).join('<br>')}</span>` : '–',
      esc(e.advice),
    ]),
    'effects',
  );
}

/** The one-line verdict for a nerve. */
export function verdict(n: NerveOutcome): string {
  const name = n.name.charAt(0).toUpperCase() + n.name.slice(1);
  const injury: Record<NerveOutcome['injury'], string> = {
    none: 'not reached by the cold: no block expected',
    neurapraxia: 'short, reversible block only (neurapraxia)',
    axonotmesis: 'axonotmesis',
    'neurotmesis-risk': 'risk of permanent injury (neurotmesis)',
  };
  let s: string;
  if (n.injury === 'axonotmesis' || n.injury === 'neurotmesis-risk') {
    const block =
      n.block === 'complete'
        ? `complete block expected (${injury[n.injury]})`
        : n.block === 'partial'
          ? `partial block expected (${injury[n.injury]} over ${num(100 * n.fraction_past_threshold, 0)} % of the coldest section)`
          : `no lasting block expected (${injury[n.injury]} at its coldest point only)`;
    s = `${name}: ${block}`;
    if (n.duration_days && n.block !== 'none') s += `, ${durationText(n.duration_days).replace(/ \(.*\)$/, '')}`;
  } else s = `${name}: ${injury[n.injury]}`;
  return s;
}

/** Organs the plan must spare: coldest temperature, frozen or not, the complication and its risk. */
export function organTable(outcomes: Outcomes): string {
  const organs = outcomes.organs_at_risk;
  if (!organs.length) return '<p class="small">The case marks no organ at risk (pleura, peritoneum, vessel, other nerve, bone).</p>';
  return table(
    ['Organ at risk', 'Complication', 'Coldest', 'Frozen', 'Risk', 'Basis', 'Advice'],
    [...organs]
      .map((a, i) => ({ a, i }))
      .sort((p, q) => RISK_ORDER[p.a.risk] - RISK_ORDER[q.a.risk] || p.i - q.i)
      .map(({ a }) => [
        `<strong>${esc(a.name)}</strong>${a.note ? `<br><span class="small">${esc(a.note)}</span>` : ''}`,
        esc(a.complication_label),
        a.coldest_c === null ? '–' : degC(a.coldest_c),
        a.frozen ? `yes${a.time_frozen_s !== null ? ` (${dur(a.time_frozen_s)})` : ''}` : 'no',
        riskBadge(a.risk),
        `<span class="small">${esc(a.basis)}</span>`,
        esc(a.advice),
      ]),
    'organs',
  );
}

/** One header line for an organ at risk: frozen or close, or clear of the ice. */
export function organVerdict(a: OrganAtRisk): string {
  const name = a.name.charAt(0).toUpperCase() + a.name.slice(1);
  const t = a.coldest_c === null ? 'not resolved by the grid' : `coldest ${num(a.coldest_c, 1)} °C`;
  if (a.risk === 'high') return `${name}: ${a.frozen ? 'ice reaches it' : 'cold enough to injure it'} (${t}): ${a.complication_label} risk`;
  if (a.risk === 'moderate') return `${name}: not frozen but the ice comes close (${t}): ${a.complication_label} risk`;
  return `${name}: clear of the ice (${t})`;
}
