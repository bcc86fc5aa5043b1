import type { Layer, LesionSpec, Phase, Probe, Structure } from '../core/model.js';
import { CLASS_RULES, LESION_RULES } from '../core/outcome/lesion-rules.js';
import type { ResolveContext } from './anatomy.js';
import { didYouMean } from './errors.js';
import type { CaseParsed } from './schema.js';

/**
 * The lesion aim: its structure must be a vertical cylinder from the skin down (a
 * lesion has a diameter on the skin and a depth), and its rule's figures fill what
 * the case leaves out.
 */
export function resolveLesion(c: CaseParsed, ctx: ResolveContext, layers: Layer[], structures: Structure[]): LesionSpec | undefined {
  const l = c.lesion;
  if (!l) return undefined;
  const s = structures.find((x) => x.name === l.structure);
  if (!s) {
    const names = structures.map((x) => x.name);
    const layer = layers.some((x) => (x.name ?? x.tissue) === l.structure);
    ctx.issues.push({
      path: 'lesion.structure',
      message: layer
        ? `'${l.structure}' is a layer: the lesion must be a structure of its own (a cylinder from the skin down)`
        : `no structure named '${l.structure}'${didYouMean(l.structure, names)}`,
    });
  } else if (s.kind !== 'cylinder') {
    ctx.issues.push({
      path: 'lesion.structure',
      message: `'${s.name}' is a ${s.kind}: a lesion is a cylinder from the skin down (start_mm at z = 0, end_mm below it)`,
    });
  } else {
    const [a, b] = [s.start_mm, s.end_mm];
    if (Math.abs(a[0] - b[0]) > 1e-9 || Math.abs(a[1] - b[1]) > 1e-9 || Math.min(a[2], b[2]) !== 0 || Math.max(a[2], b[2]) <= 0)
      ctx.issues.push({
        path: 'lesion.structure',
        message: `'${s.name}' must run straight down from the skin: start_mm and end_mm with the same x and y, one at z = 0 and the other below it`,
      });
  }
  if (l.type === 'other' && !l.class) ctx.issues.push({ path: 'lesion.class', message: 'is required for type: other (benign, premalignant or malignant)' });
  const rule = l.type === 'other' ? CLASS_RULES[l.class ?? 'benign'] : LESION_RULES[l.type];
  const label = l.type === 'other' ? 'skin lesion' : LESION_RULES[l.type].label;
  const halo: [number, number] = l.halo_mm ? [l.halo_mm[0], l.halo_mm[1]] : [rule.halo_mm[0], rule.halo_mm[1]];
  if (halo[0] > halo[1]) ctx.issues.push({ path: 'lesion.halo_mm', message: `[min, max]: ${halo[0]} is more than ${halo[1]}` });
  const overridden = ['class', 'lethal_c', 'margin_mm', 'halo_mm'].filter((k) => l[k as keyof typeof l] !== undefined);
  return {
    structure: l.structure,
    type: label,
    class: l.class ?? rule.class,
    lethal_c: l.lethal_c ?? rule.lethal_c,
    margin_mm: l.margin_mm ?? rule.margin_mm,
    halo_mm: halo,
    basis: overridden.length ? `${rule.basis}; the case sets ${overridden.join(', ')}` : rule.basis,
  };
}

/**
 * An intermittent spray must pause within every freeze it takes part in: a burst
 * as long as the freeze makes the pattern meaningless, which is almost surely a
 * mistyped duration.
 */
export function checkSprayPatterns(c: CaseParsed, ctx: ResolveContext, probes: Probe[], phases: Phase[]): void {
  c.probes.forEach((input, i) => {
    if (input.kind !== 'spray' || !input.pattern) return;
    const p = probes.find((x) => x.id === input.id);
    if (!p) return;
    let n = 0;
    for (const ph of phases) {
      if (ph.kind !== 'freeze') continue;
      n += 1;
      if (ph.probes && !ph.probes.includes(p.id)) continue;
      if (input.pattern.on_s >= ph.duration_s)
        ctx.issues.push({
          path: `probes[${i}].pattern.on_s`,
          message: `a ${input.pattern.on_s} s burst is as long as freeze ${n} (${ph.duration_s} s): the spray never pauses; shorten on_s or drop the pattern`,
        });
    }
  });
}
