/**
 * The patient sheet for freezing a skin lesion (wart, keratosis, skin cancer, skin
 * tag): one printed page in plain words, built from this plan's lesion outcome.
 */
import type { Scene } from '../../core/model.js';
import type { LesionOutcome } from '../../core/outcome/lesion.js';
import type { Outcomes, Risk } from '../../core/outcome/types.js';
import { esc } from './html.js';

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

const LIKELY: Record<Risk, string> = {
  high: 'likely with this plan',
  moderate: 'possible with this plan',
  low: 'unlikely with this plan',
  not_modelled: 'can happen',
};

const PLAIN: Record<LesionOutcome['effects'][number]['id'], { title: string; what: string; todo: string }> = {
  blister: {
    title: 'A blister',
    what: 'The frozen skin often swells and forms a blister within a few hours. It may fill with clear fluid or blood. This is the normal reaction.',
    todo: 'Do not pop it. Keep it clean and covered with a dry dressing. It dries into a scab that falls off by itself in 1 to 3 weeks.',
  },
  hypopigmentation: {
    title: 'A pale patch',
    what: 'The skin where it was frozen may end up lighter than the skin around it. This can be permanent, and shows more on darker skin.',
    todo: 'Protect the spot from the sun while it heals. Tell us if it worries you.',
  },
  scarring: {
    title: 'A scar',
    what: 'Deep freezing can leave a small, flat, pale scar.',
    todo: 'Let the scab fall off by itself; picking it makes a scar more likely.',
  },
  'nerve-injury': {
    title: 'Numbness or weakness near the spot',
    what: 'A small nerve runs close under the skin here. If the cold reaches it, the skin nearby may feel numb or tingly, or a muscle may be weak, for a while.',
    todo: 'This usually gets better by itself over weeks to months. Tell us if it does not.',
  },
};

function spoken(s: number): string {
  return s < 100 ? `${Math.round(s)} seconds` : `${Math.round(s / 60)} minutes`;
}

export function skinPatientSheet(scene: Scene, _outcomes: Outcomes, l: LesionOutcome): string {
  const freezes = scene.protocol.filter((p) => p.kind === 'freeze');
  const out: string[] = ['<section class="patient" id="patient-sheet">', '<h2>Your treatment: information for you</h2>'];
  out.push('<h3>What is this treatment?</h3>');
  out.push(
    `<p>It is called <strong>cryotherapy</strong>. "Cryo" means cold. The doctor sprays a very cold liquid (liquid nitrogen) on your <strong>${esc(l.type)}</strong> to freeze it. ` +
      'The frozen cells die. Over the next weeks the skin heals and new, healthy skin grows in its place.</p>',
  );
  out.push('<h3>What happens during the treatment?</h3>');
  const n = freezes.length;
  const each = [...new Set(freezes.map((f) => spoken(f.duration_s)))].join(' or ');
  out.push(
    list(
      [
        'You do not need an injection to numb the skin.',
        `The doctor sprays the spot ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}, for ${each}${n > 1 ? ' each time, letting it thaw in between' : ''}. A little ring of normal skin around it is frozen too: this makes sure all of it is treated.`,
        'It stings or burns while it freezes and as it thaws. This usually passes within a few minutes.',
      ].map(esc),
    ),
  );
  out.push('<h3>What to expect after</h3>');
  out.push(
    list(
      [
        'The spot goes red and swollen within minutes.',
        'A blister often forms within a day. It dries into a scab that falls off by itself in 1 to 3 weeks (longer on the legs).',
        l.class === 'malignant'
          ? 'For a skin cancer, the doctor will check the spot again after it has healed, to make sure it has gone.'
          : 'Some spots need more than one treatment. The doctor will tell you when to come back if it has not gone.',
        l.aim_met ? '' : 'The computer model suggests this plan may not freeze the whole spot deeply enough. Your doctor may talk to you about this.',
      ]
        .filter(Boolean)
        .map(esc),
    ),
  );
  out.push('<h3>Side effects for your plan</h3>');
  out.push(
    list(
      l.effects.map((e) => {
        const p = PLAIN[e.id];
        return `<strong>${esc(p.title)}</strong> (${esc(LIKELY[e.risk])}). ${esc(p.what)} <em>What to do:</em> ${esc(p.todo)}`;
      }),
    ),
  );
  out.push(
    `<div class="call"><h3>Call the clinic if you have</h3>${list(
      [
        'signs of infection: redness that spreads, warmth, swelling, pus, or a fever',
        'pain that gets worse instead of better after the first day',
        'a spot that has not healed after 6 weeks',
        'numbness or weakness near the spot that has not got better after a few weeks',
      ].map(esc),
    )}</div>`,
  );
  out.push(
    '<p class="note">This sheet was made by a computer model from your treatment plan. It is a guide, not a promise: every body is different. Ask your doctor about anything that is not clear.</p>',
  );
  out.push('</section>');
  return out.join('\n');
}
