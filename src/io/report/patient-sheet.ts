/**
 * The patient sheet: one printed page in plain words (short sentences, reading age
 * about 12), built from this plan's data — its nerves, freezes, expected numbness
 * and the side effects the outcome models flag for it.
 */
import type { Scene } from '../../core/model.js';
import type { OrganAtRisk, Outcomes, Risk, SideEffect, SideEffectId } from '../../core/outcome/types.js';
import type { Complication } from '../../core/model.js';
import { DEFAULT_OUTCOME_SETTINGS } from '../../core/outcome/settings.js';
import { esc } from './html.js';
import { sortedEffects } from './tables.js';
import { skinPatientSheet } from './patient-sheet-skin.js';

interface Plain {
  title: string;
  what: string;
  todo: string;
}

/** Each side effect in plain words: what it is, and what to do about it. */
const PLAIN: Record<SideEffectId, Plain> = {
  numbness: {
    title: 'Numbness or tingling',
    what: 'The skin that the nerve looks after may feel numb, tingly or like "pins and needles".',
    todo: 'This is what the treatment is meant to do. It goes away as the nerve grows back. Numb skin cannot feel heat well, so take care with hot water bottles, heat pads and ice packs.',
  },
  'skin-redness': {
    title: 'Red or sore skin',
    what: 'The skin over the treated spot may look red or feel sore.',
    todo: 'This usually fades by itself within a few hours or days. Keep the area clean and dry.',
  },
  pain: {
    title: 'Aching or soreness',
    what: 'The treated spot may ache during the treatment and for a day or two after.',
    todo: 'Simple painkillers usually help. Ask us which one is right for you.',
  },
  blisters: {
    title: 'Blisters',
    what: 'A blister (a bubble of fluid under the skin) can form if the skin gets too cold.',
    todo: 'Do not pop it. Keep it clean and covered with a dry dressing. Tell us about it.',
  },
  infection: {
    title: 'Infection',
    what: 'Any needle can let germs into the skin. This is rare.',
    todo: 'Keep the plaster on for a day and keep the area clean. Call us if the area gets red, hot or swollen, leaks pus, or you get a fever.',
  },
  burns: {
    title: 'Cold burn or change in skin colour',
    what: 'Very cold skin can be hurt, a bit like a burn. The skin may turn lighter or darker, sometimes for good.',
    todo: 'Tell us if the skin turns white, grey, dark, or lighter than the skin around it.',
  },
  frostbite: {
    title: 'Frostbite',
    what: 'If the skin itself freezes, it can get frostbite. The skin goes white, hard and numb, and later sore or blistered.',
    todo: 'Tell the team at once if your skin feels very cold or painful during the treatment. Call us if the skin is white, hard or dark after it.',
  },
  'cold-panniculitis': {
    title: 'A sore lump under the skin',
    what: 'The fat under the skin can swell up from the cold. You may feel a firm, tender lump a few days later.',
    todo: 'It usually goes away by itself over a few weeks. Tell us if it gets bigger or very painful.',
  },
  'vital-signs': {
    title: 'Feeling faint or dizzy',
    what: 'Some people feel faint, dizzy or sick during needle treatments.',
    todo: 'Tell the team straight away if you feel faint. Lying down helps. Ask someone else to drive you home.',
  },
};

interface OrganPlain {
  title: string;
  what: string;
  /** What to watch for and what to do: the warning signs. */
  watch: string;
  /** The line in "call the clinic". */
  call: string;
}

/** Each organ-at-risk complication in plain words, with the signs to watch for. */
const ORGAN_PLAIN: Record<Complication, OrganPlain> = {
  pneumothorax: {
    title: 'Air leaking around the lung (pneumothorax)',
    what: 'The lung lies close to the nerve. If the cold or the needle reaches the thin lining of the lung, air can leak around it and the lung can partly collapse.',
    watch: 'Get help straight away if you suddenly feel short of breath, or have a sharp pain in the chest or shoulder that is worse when you breathe in.',
    call: 'you suddenly feel short of breath, or have sharp chest pain when you breathe in (call an ambulance if it is bad)',
  },
  'peritoneal-injury': {
    title: 'Injury inside the tummy',
    what: 'The lining of the tummy (the peritoneum) and the bowel lie close to the nerve. The cold could reach them.',
    watch: 'Get help if your tummy pain gets worse instead of better, your tummy swells or feels hard, you are sick, or you get a fever.',
    call: 'tummy pain that gets worse, a swollen or hard tummy, being sick, or a fever',
  },
  'vessel-injury': {
    title: 'Bleeding or a bruise that grows',
    what: 'A blood vessel runs close to the nerve. The needle or the cold could hurt it.',
    watch: 'Press on the spot and call us if you see swelling or a bruise that keeps getting bigger, or bleeding that does not stop.',
    call: 'swelling or a bruise that keeps getting bigger, or bleeding that does not stop when you press on it',
  },
  'nerve-injury': {
    title: 'Numbness in another place',
    what: 'Another nerve lies close to the one being treated. If the cold reaches it, a different patch of skin may go numb, or a muscle may be weak for a while.',
    watch: 'Tell us if you have numbness, tingling or weakness in a place your doctor did not tell you to expect.',
    call: 'numbness, tingling or weakness in a place your doctor did not tell you to expect',
  },
  'bone-injury': {
    title: 'Sore bone',
    what: 'A bone lies close to the nerve. Very cold bone can be weakened for a while.',
    watch: 'Tell us if you get new pain in the bone when you stand or walk, days or weeks later.',
    call: 'new pain in a bone when you put weight on it, days or weeks later',
  },
  'tissue-injury': {
    title: 'Injury near the treated spot',
    what: 'Another part of the body lies close to the nerve. The cold could reach it.',
    watch: 'Tell us about any new pain, swelling or change near the treated spot.',
    call: 'new pain, swelling or change near the treated spot',
  },
};

const LIKELY: Record<Risk, string> = {
  high: 'likely with this plan',
  moderate: 'possible with this plan',
  low: 'unlikely with this plan',
  not_modelled: 'can happen with any needle treatment',
};

function plainFor(e: SideEffect): Plain {
  return PLAIN[e.id] ?? { title: e.label, what: e.basis, todo: e.advice };
}

/** A number of seconds as words a patient reads easily: '90 seconds', '2 minutes'. */
function spokenTime(s: number): string {
  if (s < 100) return `${Math.round(s)} seconds`;
  const m = Math.round((s / 60) * 2) / 2;
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/** The expected numbness, e.g. 'about 6 to 12 weeks'; from the plan's nerves (their widest range). */
export function numbnessWords(outcomes: Outcomes): string | null {
  const ranges = outcomes.nerves.flatMap((n) => (n.target && n.duration_days ? [n.duration_days] : []));
  if (!ranges.length) return null;
  const lo = ranges.reduce((m, r) => Math.min(m, r[0]), Infinity);
  const hi = ranges.reduce((m, r) => Math.max(m, r[1]), -Infinity);
  if (hi >= 56) return `about ${Math.round(lo / 7)} to ${Math.round(hi / 7)} weeks`;
  return `about ${Math.round(lo)} to ${Math.round(hi)} days`;
}

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

export function patientSheet(scene: Scene, outcomes: Outcomes): string {
  // Freezing a skin lesion is a different treatment, in other words.
  if (outcomes.lesion) return skinPatientSheet(scene, outcomes, outcomes.lesion);
  const freezes = scene.protocol.filter((p) => p.kind === 'freeze');
  const thaws = scene.protocol.filter((p) => p.kind === 'thaw');
  const nerves = outcomes.nerves.filter((n) => n.target);
  const nerveNames = nerves.map((n) => n.name);
  const territories = [...new Set(nerves.flatMap((n) => (n.territory ? [n.territory] : [])))];
  const rate = (scene.outcome ?? DEFAULT_OUTCOME_SETTINGS).nerve.regrowth_mm_day;
  const numb = numbnessWords(outcomes);
  const lasting = nerves.some((n) => n.block !== 'none' && (n.injury === 'axonotmesis' || n.injury === 'neurotmesis-risk'));
  const partial = nerves.length > 0 && nerves.every((n) => n.block !== 'complete');
  const needles = scene.probes.filter((p) => p.kind === 'needle' && p.purpose !== 'warming').length;
  const contact = scene.probes.filter((p) => p.kind === 'contact').length;
  const chest =
    nerves.some((n) => /intercostal|thora|chest|rib/i.test(n.name)) || /intercostal|thora|chest|rib/i.test(`${scene.name} ${scene.description ?? ''}`);

  const out: string[] = [];
  out.push('<section class="patient" id="patient-sheet">');
  out.push('<h2>Your treatment: information for you</h2>');

  out.push('<h3>What is this treatment?</h3>');
  const target = nerveNames.length ? `your <strong>${esc(nerveNames.join(' and '))}</strong>` : 'a small area under your skin';
  out.push(
    `<p>It is called <strong>cryoneurolysis</strong>. "Cryo" means cold. A doctor uses a very cold ${needles ? 'thin needle (a cryoprobe)' : 'probe pressed on the skin'} to freeze ${target}. ` +
      `Nerves carry pain signals to the brain. Freezing the nerve stops these signals for a while.</p>`,
  );

  out.push('<h3>How does it work?</h3>');
  out.push(
    `<p>The cold makes a small ball of ice around the tip of the probe. The ice stops the nerve from working for a while. The nerve is not cut. ` +
      `The outer cover of the nerve stays in place, so the nerve can grow back along it. It grows back slowly, about ${rate[0]} to ${rate[1]} mm a day.</p>`,
  );

  out.push('<h3>What happens during the treatment?</h3>');
  const steps: string[] = [];
  steps.push('You lie down. The doctor cleans your skin.');
  if (needles)
    steps.push(
      `The doctor numbs the skin with a small injection. Then they put ${needles === 1 ? 'the needle' : `${needles} needles`} in, often using an ultrasound scanner to see where to go.`,
    );
  if (contact) steps.push('The doctor presses a cold probe on your skin.');
  if (freezes.length) {
    const each = [...new Set(freezes.map((f) => spokenTime(f.duration_s)))];
    const n = freezes.length;
    steps.push(
      `The probe freezes ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}, for ${each.join(' or ')}${n > 1 ? ' each time' : ''}.` +
        (thaws.length ? ` In between, it warms up for ${[...new Set(thaws.map((t) => spokenTime(t.duration_s)))].join(' or ')}.` : ''),
    );
  }
  steps.push('You may feel cold, pressure or a dull ache. Tell the team if it hurts a lot.');
  out.push(list(steps.map(esc)));

  out.push('<h3>What to expect after</h3>');
  // Items are HTML: text parts are escaped where they are put together.
  const after: string[] = [];
  const where = territories.length ? ` (${esc(territories.join('; '))})` : '';
  if (lasting) {
    after.push(
      `The skin that the nerve looks after${where} will feel numb or tingly. This is expected. ` +
        (numb
          ? `We expect it to last <strong>${esc(numb)}</strong>, while the nerve grows back.`
          : 'It usually lasts weeks to a few months, while the nerve grows back.') +
        ' Then the feeling comes back slowly.',
    );
    after.push('Pain relief often starts straight away. It may take a few days to feel the full effect.');
    if (partial)
      after.push(
        'With this plan, the computer model suggests the nerve may only be partly frozen. The pain may ease less, or for a shorter time. Your doctor may talk to you about this.',
      );
  } else if (nerves.some((n) => n.injury === 'neurapraxia' || n.injury === 'axonotmesis' || n.injury === 'neurotmesis-risk')) {
    after.push(
      'With this plan, the computer model suggests the nerve gets cold but does not freeze through. Pain relief may be short, from hours to days. Your doctor may talk to you about changing the plan.',
    );
  } else if (nerves.length) {
    after.push(
      'With this plan, the computer model suggests the cold does not reach the nerve, so it is not expected to ease the pain. Your doctor will talk to you about changing the plan.',
    );
  }
  after.push('You can usually go home the same day. You can take off the plaster after a day.');
  out.push(list(after));

  const effects = sortedEffects(outcomes.side_effects);
  const watch = effects.filter((e) => e.risk === 'high' || e.risk === 'moderate');
  const low = effects.filter((e) => e.risk === 'low');
  const any = effects.filter((e) => e.risk === 'not_modelled');
  const effectItem = (e: SideEffect) => {
    const p = plainFor(e);
    const how = e.risk === 'not_modelled' ? '' : ` (${esc(LIKELY[e.risk])})`;
    return `<strong>${esc(p.title)}</strong>${how}. ${esc(p.what)} <em>What to do:</em> ${esc(p.todo)}`;
  };
  out.push('<h3>Side effects for your plan</h3>');
  if (watch.length) {
    out.push('<p>These are the ones to look out for:</p>');
    out.push(list(watch.map(effectItem)));
  } else out.push('<p>The model does not expect any side effect to be likely with this plan.</p>');
  if (any.length) {
    out.push('<p>These can happen with any needle treatment:</p>');
    out.push(list(any.map(effectItem)));
  }
  if (low.length) out.push(`<p>Unlikely with this plan: ${esc(low.map((e) => plainFor(e).title.toLowerCase()).join(', '))}.</p>`);

  const organs = outcomes.organs_at_risk;
  if (organs.length) {
    out.push('<h3 id="organs-at-risk">Parts of the body close to the treated nerve</h3>');
    const organItem = (a: OrganAtRisk) => {
      const p = ORGAN_PLAIN[a.complication];
      const how =
        a.risk === 'high'
          ? 'the model shows the cold reaching it with this plan'
          : a.risk === 'moderate'
            ? 'the model shows the cold coming close to it with this plan'
            : 'the model shows the cold staying away from it with this plan';
      return `<strong>${esc(p.title)}</strong> (${esc(how)}). ${esc(p.what)} <em>What to watch for:</em> ${esc(p.watch)}`;
    };
    out.push(list(organs.map(organItem)));
  }

  const call = [
    'signs of infection: redness that spreads, warmth, swelling, pus, or a fever',
    'blisters',
    'skin that turns white, grey, dark, or a different colour from the skin around it',
    'severe pain, or pain that gets worse instead of better',
    'weakness, or you cannot move a part of your body as usual',
  ];
  // The warning signs of every organ the plan must spare: the needle can reach them even when the cold does not.
  const signs = [...new Set(outcomes.organs_at_risk.map((a) => ORGAN_PLAIN[a.complication].call))];
  for (const s of signs) call.push(s);
  if (chest && !outcomes.organs_at_risk.some((a) => a.complication === 'pneumothorax')) call.push(ORGAN_PLAIN.pneumothorax.call);
  out.push(`<div class="call"><h3>Call the clinic if you have</h3>${list(call.map(esc))}</div>`);
  out.push(
    '<p class="note">This sheet was made by a computer model from your treatment plan. It is a guide, not a promise: every body is different. Ask your doctor about anything that is not clear.</p>',
  );
  out.push('</section>');
  return out.join('\n');
}
