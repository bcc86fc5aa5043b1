import type { Probe, Scene, Structure } from '../../src/core/model.js';

/** How the 3D view draws a structure, and the legend's words for it. */
export interface StructureStyle {
  color: string;
  opacity: number;
  label: string;
}

const STYLES = {
  probe: { color: '#2f6fb3', opacity: 1, label: 'probe' },
  warmer: { color: '#e67e22', opacity: 1, label: 'warming catheter' },
  nerve: { color: '#e3a100', opacity: 1, label: 'nerve' },
  vessel: { color: '#c0392b', opacity: 1, label: 'vessel' },
  target: { color: '#1e8449', opacity: 0.25, label: 'target' },
  // Not the -20 °C surface's purple.
  atRisk: { color: '#d81b60', opacity: 0.22, label: 'organ at risk' },
  // Faint: an organ nobody asked about must not hide the ice.
  other: { color: '#7f8c8d', opacity: 0.12, label: 'other structure' },
} satisfies Record<string, StructureStyle>;

/** A cryoprobe blue, a warming catheter (a needle held warm) orange: a clinician must not take one for the other. */
export function probeStyle(p: Probe): StructureStyle {
  return p.kind === 'needle' && p.purpose === 'warming' ? STYLES.warmer : STYLES.probe;
}

export function structureStyle(scene: Scene, s: Structure): StructureStyle {
  if (s.role === 'nerve') return STYLES.nerve;
  if (s.role === 'vessel') return STYLES.vessel;
  if (s.name === scene.ablation?.target || s.name === scene.lesion?.structure) return STYLES.target;
  // An organ is at risk when the case marks it so or the ablation holds it to a limit.
  return s.at_risk || scene.ablation?.limits.some((l) => l.structure === s.name) ? STYLES.atRisk : STYLES.other;
}

/** The legend of a scene's 3D view: the probes (and warmers), then each kind of structure it has once, with the names of its structures. */
export function structureLegend(scene: Scene): Array<StructureStyle & { names: string[] }> {
  const seen = new Map<string, StructureStyle & { names: string[] }>();
  for (const p of scene.probes) {
    const st = probeStyle(p);
    const entry = seen.get(st.label) ?? { ...st, names: [] };
    entry.names.push(p.id);
    seen.set(st.label, entry);
  }
  for (const s of scene.structures) {
    const st = structureStyle(scene, s);
    const entry = seen.get(st.label) ?? { ...st, names: [] };
    entry.names.push(s.name);
    seen.set(st.label, entry);
  }
  return [...seen.values()];
}
