import { parse, stringify } from 'yaml';
import { CONDITIONS, CONDITION_NAMES, type ConditionName } from '../../src/case/conditions/index.js';

/** The bundled case files (cases/*.yaml), built into the app so they need no server. */
const raw = import.meta.glob('../../cases/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUNDLED: { name: string; text: string }[] = Object.entries(raw)
  .map(([path, text]) => ({ name: path.replace(/^.*\//, ''), text }))
  .sort((a, b) => a.name.localeCompare(b.name));

export const CONDITION_CHOICES = CONDITION_NAMES.map((n) => ({ name: n, label: CONDITIONS[n].condition }));

/** A condition preset written out as a full case file (every field explicit, so every field can be edited). */
export function presetText(name: ConditionName): string {
  const p = CONDITIONS[name];
  return `# ${p.condition}: the '${name}' preset written out in full (cryoplan conditions; sources in docs/conditions.md).\n${stringify(p.case)}`;
}

export const parseText = (text: string): unknown => parse(text);
export const toYaml = (v: unknown): string => stringify(v);
