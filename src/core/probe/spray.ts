import type { Cooling, SprayProbe } from '../model.js';

/**
 * A liquid-nitrogen open spray (dermatological cryosurgery).
 *
 * Which boiling regime limits the heat it draws: film boiling (the Leidenfrost
 * regime). Liquid nitrogen boils at -196 °C (Andrews 2004, Am Fam Physician 69:2365;
 * Zimmerman & Crawford 2012, Am Fam Physician 86:1118: -195.6 °C), while sprayed skin
 * stays more than 100 K warmer: its surface measured -60 °C after 5 s of spray
 * (Erdmann & Wokes 2023, Clin Exp Dermatol 48:1255). A liquid that meets a surface
 * that much hotter than its boiling point boils into a vapour layer that holds the
 * drops off the surface and insulates it (the Leidenfrost effect: Bernardin &
 * Mudawar 1999, J Heat Transfer 121:894), and a substrate of low thermal effusivity
 * such as skin raises the temperature down to which that film lasts (Tenzer 2020,
 * TU Darmstadt thesis: spray cooling's Leidenfrost point is set by the wall's
 * effusivity, not by the spray). The spray therefore draws heat through a vapour
 * film: a heat-transfer coefficient that varies little with the surface temperature,
 * far below nucleate boiling's (liquid-nitrogen spray on a copper heat sink in
 * nucleate boiling reaches 167,000 W/m²/K: Appl Sci 2022;12:6941). No measured
 * coefficient for a clinical spray on skin was found; LN2_SPRAY_H_W_M2K is fitted
 * to the measured surface temperature above (docs/validation.md, "Liquid-nitrogen
 * spray"), and the same measurement's thaw is held out.
 */

/** Boiling point of liquid nitrogen at 1 atm, deg C (Zimmerman & Crawford 2012: -195.6 °C). */
export const LN2_BOILING_C = -196;

/**
 * Film-boiling heat-transfer coefficient of a clinical liquid-nitrogen spray on skin,
 * W/(m^2 K): fitted so that a 5 s spray brings the skin surface to -60 °C (Erdmann &
 * Wokes 2023, porcine skin, thermal camera); see the module comment.
 */
export const LN2_SPRAY_H_W_M2K = 750;

/** The default cooling of a spray: boiling liquid nitrogen behind its film-boiling coefficient. */
export const LN2_SPRAY_COOLING: Cooling = { mode: 'cryogen', temperature_c: LN2_BOILING_C, h_w_m2k: LN2_SPRAY_H_W_M2K };

/** The usual nozzle-to-skin distance, mm: 1-1.5 cm (Andrews 2004). */
export const DEFAULT_SPRAY_DISTANCE_MM = 10;

/**
 * Whether the spray is on at time `tau` since its freeze began, for the step that
 * ends at tau (backward Euler evaluates a step at its end: a step that ends exactly
 * where the spray stops was spraying throughout).
 */
export function sprayOn(p: SprayProbe, tau: number): boolean {
  if (!p.pattern) return true;
  const period = p.pattern.on_s + p.pattern.off_s;
  const s = (tau - 1e-9 * Math.max(1, period)) % period;
  return s < p.pattern.on_s;
}

/** Times within a freeze of `duration` s where an intermittent spray turns on or off (the stepper lands on them). */
export function sprayToggles(p: SprayProbe, duration: number): number[] {
  if (!p.pattern) return [];
  const out: number[] = [];
  const period = p.pattern.on_s + p.pattern.off_s;
  for (let t = 0; t < duration; t += period) {
    if (t > 0) out.push(t);
    if (t + p.pattern.on_s < duration) out.push(t + p.pattern.on_s);
  }
  return out;
}

/** Seconds of spraying in a freeze of `duration` s. */
export function sprayingTime(p: SprayProbe, duration: number): number {
  if (!p.pattern) return duration;
  const period = p.pattern.on_s + p.pattern.off_s;
  const whole = Math.floor(duration / period);
  return whole * p.pattern.on_s + Math.min(p.pattern.on_s, duration - whole * period);
}
