import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { PROBE_CATALOGUE } from '../core/probe/catalogue.js';
import type { CaseOverrides } from './compose.js';
import { parseComposed, resolveParsed } from './resolve.js';

/**
 * The case as it would run, as YAML that `cryoplan run` accepts: the preset, the
 * file and the command line's overrides merged, the probes' implied fields filled in
 * and every default written out. It keeps `condition:` (the preset's report texts
 * and sources follow it); since it spells out every field, the preset under it
 * changes nothing. Throws a CaseError for a case that would not run.
 */
export function showCase(obj: unknown, file: string, overrides: CaseOverrides = {}, origin = file): string {
  const parsed = parseComposed(obj, file, overrides);
  const scene = resolveParsed(parsed, file, overrides); // the relational checks: show only what would run
  const c = parsed.case;
  // The solver's and the outputs' defaults too: the scene has them all.
  const doc = new Document({ ...c, solver: { ...scene.solver }, outputs: { ...scene.outputs } });
  // Short lists of numbers on one line ([x, y, z], [time_s, temperature_c]), and small mappings of scalars ({freeze_s: 60}).
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i) || (isSeq(i) && i.items.every(isScalar)))) node.flow = true;
    },
    Map(_, node) {
      if (node.items.length <= 4 && node.items.every((p) => isScalar(p.value))) node.flow = true;
    },
  });
  const probes = doc.get('probes', true);
  if (isSeq(probes))
    probes.items.forEach((item, i) => {
      const p = c.probes[i];
      const m = p?.model ? PROBE_CATALOGUE[p.model] : undefined;
      if (!m || !isMap(item)) return;
      const geometry = [`${m.diameter_mm} mm diameter`, ...(m.active_length_mm !== undefined ? [`${m.active_length_mm} mm active length`] : [])];
      item.commentBefore = ` ${m.id} (${m.label}): ${geometry.join(', ')} and its calibrated cooling, unless this probe gives them`;
    });
  const flags = [
    overrides.freeze_s !== undefined && `--freeze ${overrides.freeze_s}`,
    overrides.thaw_s !== undefined && `--thaw ${overrides.thaw_s}`,
    overrides.cycles !== undefined && `--cycles ${overrides.cycles}`,
    overrides.probe !== undefined && `--probe ${overrides.probe}`,
  ].filter(Boolean);
  doc.commentBefore = [
    ` The case as cryoplan runs it: ${origin}${flags.length ? ` with ${flags.join(' ')}` : ''}, every default written out.`,
    ' `cryoplan run` accepts this file as it is; edit it and run it.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
