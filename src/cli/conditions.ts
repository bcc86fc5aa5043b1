import { conditionList, type ConditionPreset } from '../case/conditions/index.js';
import { summarise } from '../case/conditions/summary.js';

/** `cryoplan conditions`: the presets, for people or (--json) for programs. */
export function listConditions(json: boolean): string {
  const all = conditionList();
  if (json)
    return JSON.stringify(
      all.map((p) => ({ ...summarise(p), figures: p.figures, sources: p.sources })),
      null,
      2,
    );
  return all
    .map((p) => {
      const s = summarise(p);
      return [
        `${s.name}`,
        `  ${s.condition}`,
        `  nerve: ${s.nerve}, ${s.nerve_depth_mm} mm deep, Ø ${s.nerve_diameter_mm} mm; probe: ${s.probe}; protocol: ${s.protocol}`,
        `  approach: ${s.approach}`,
      ].join('\n');
    })
    .join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function table(p: ConditionPreset): string {
  const rows = p.figures.map(
    (f) => `| ${cell(f.figure)} | ${cell(f.value)} | ${f.source === 'estimate' ? '**estimate**' : cell(f.source)} | ${cell(f.note ?? '')} |`,
  );
  return [
    `### ${p.name}: ${p.condition}`,
    '',
    `Approach: ${p.approach}.`,
    '',
    '| figure | value | source | note |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Sources:',
    '',
    ...p.sources.map((s) => `- ${s}`),
    ...(p.accepted_risks?.length ? ['', 'Risks this plan accepts:', '', ...p.accepted_risks.map((a) => `- ${cell(a.risk)}: ${a.why} (${a.source})`)] : []),
  ].join('\n');
}

/** The tables of docs/conditions.md, generated from the presets so that the two cannot drift apart. */
export function conditionsMarkdown(): string {
  return `${conditionList().map(table).join('\n\n')}\n`;
}
