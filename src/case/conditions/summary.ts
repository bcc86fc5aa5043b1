import type { ConditionPreset } from './types.js';
import type { CaseInput } from '../schema.js';
import { protocolWords, type PhaseWords } from '../../core/protocol/describe.js';

type PhaseIn = NonNullable<CaseInput['protocol']>['phases'][number];
type StructureIn = NonNullable<NonNullable<CaseInput['anatomy']>['structures']>[number];

/** What `cryoplan conditions` shows of a preset. */
export interface ConditionSummary {
  name: string;
  condition: string;
  nerve: string;
  nerve_depth_mm: number;
  nerve_diameter_mm: number;
  probe: string;
  protocol: string;
  approach: string;
  target_distance_mm: number | null;
  territory: string | null;
}

const phaseSeconds = (p: PhaseIn): PhaseWords => {
  if ('freeze_s' in p) return { freeze: true, s: p.freeze_s };
  if ('thaw_s' in p) return { freeze: false, s: p.thaw_s, active: p.thaw === 'active' };
  return { freeze: p.kind === 'freeze', s: p.duration_s, active: 'thaw' in p && p.thaw === 'active' };
};

/** "2 × 90 s freeze, 30 s passive thaw between" and the like. */
export const protocolText = (phases: PhaseIn[]): string => protocolWords(phases.map(phaseSeconds));

export function summarise(p: ConditionPreset): ConditionSummary {
  const structures = (p.case.anatomy?.structures ?? []) as StructureIn[];
  const nerve = structures.find((s) => s.kind === 'nerve' && s.name === p.nerve);
  if (nerve?.kind !== 'nerve') throw new Error(`condition '${p.name}': no nerve named '${p.nerve}'`);
  const zs = nerve.path_mm.map((q) => q[2]);
  const probes = p.case.probes ?? [];
  return {
    name: p.name,
    condition: p.condition,
    nerve: p.nerve,
    nerve_depth_mm: +(zs.reduce((a, b) => a + b, 0) / zs.length).toFixed(2),
    nerve_diameter_mm: nerve.diameter_mm,
    probe: [
      ...probes.map((q) => q.model ?? q.kind),
      ...(p.case.template ? [`${p.case.template.holes.length} × ${p.case.template.model ?? 'argon-1.5'} (template)`] : []),
    ].join(', '),
    protocol: protocolText(p.case.protocol?.phases ?? []),
    approach: p.approach,
    target_distance_mm: nerve.target_distance_mm ?? null,
    territory: nerve.territory ?? null,
  };
}
