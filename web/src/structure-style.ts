import type { Scene, Structure } from '../../src/core/model.js';

/** How the 3D view draws a structure, and the legend's words for it. */
export interface StructureStyle {
  color: string;
  opacity: number;
  label: string;
}

const STYLES = {
  probe: { color: '#2f6fb3', opacity: 1, label: 'probe' },
  nerve: { color: '#e3a100', opacity: 1, label: 'nerve' },
  vessel: { color: '#c0392b', opacity: 1, label: 'vessel' },
  target: { color: '#1e8449', opacity: 0.25, label: 'target' },
  atRisk: { color: '#8e44ad', opacity: 0.3, label: 'organ at risk' },
  // Faint: an organ nobody asked about must not hide the ice.
  other: { color: '#7f8c8d', opacity: 0.12, label: 'other structure' },
} satisfies Record<string, StructureStyle>;

export function structureStyle(scene: Scene, s: Structure): StructureStyle {
  if (s.role === 'nerve') return STYLES.nerve;
  if (s.role === 'vessel') return STYLES.vessel;
  if (s.name === scene.ablation?.target || s.name === scene.lesion?.structure) return STYLES.target;
  // An organ is at risk when the case marks it so or the ablation holds it to a limit.
  return s.at_risk || scene.ablation?.limits.some((l) => l.structure === s.name) ? STYLES.atRisk : STYLES.other;
}

/** The legend of a scene's 3D view: the probe, then each kind of structure it has once, with the names of its structures. */
export function structureLegend(scene: Scene): Array<StructureStyle & { names: string[] }> {
  const seen = new Map<string, StructureStyle & { names: string[] }>([['probe', { ...STYLES.probe, names: scene.probes.map((p) => p.id) }]]);
  for (const s of scene.structures) {
    const st = structureStyle(scene, s);
    const entry = seen.get(st.label) ?? { ...st, names: [] };
    entry.names.push(s.name);
    seen.set(st.label, entry);
  }
  return [...seen.values()];
}
