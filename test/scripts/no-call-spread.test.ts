/**
 * A spread into a call (Math.min(...xs), out.push(...xs)) passes every element as an
 * argument and overflows the call stack beyond about 100,000 of them: a logged probe
 * trace crashed validate that way (issue 7). Only spreads of fixed, small tuples may stay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Spread arguments known to be short, fixed-size lists (a 3-vector, a [slow, fast] pair, a constant list). */
const FIXED_SIZE = new Set([
  'INGUINAL_SOURCES',
  'e1',
  'rate_mm_day',
  '([0, 1, 2].map((k) => s.path_mm[i + 1][k] - s.path_mm[i][k]) as [number, number, number])',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

test('no array of unbounded length is spread into a function call in src/', () => {
  const found: string[] = [];
  for (const file of sources(join(process.cwd(), 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isSpreadElement(n) && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent)) && !FIXED_SIZE.has(n.expression.getText())) {
        const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
        found.push(`${file.slice(process.cwd().length + 1)}:${line + 1}: ${n.parent.getText().slice(0, 80)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  assert.deepEqual(found, []);
});
