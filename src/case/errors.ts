/** One problem in a case file: where (a field path like probes[0].tip_mm) and why. */
export interface CaseIssue {
  path: string;
  message: string;
}

/** A case file that cannot be run; the message lists every problem found, one a line. */
export class CaseError extends Error {
  readonly file: string;
  readonly issues: CaseIssue[];
  constructor(file: string, issues: CaseIssue[]) {
    super(issues.map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
    this.name = 'CaseError';
    this.file = file;
    this.issues = issues;
  }
}

/** probes[0].tip_mm from ['probes', 0, 'tip_mm']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** The known names closest to `name` (at most three, within a sensible distance). */
export function suggest(name: string, known: string[]): string[] {
  const lower = name.toLowerCase();
  return known
    .map((k) => ({
      k,
      d: Math.min(editDistance(lower, k.toLowerCase()), k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()) ? 1 : Infinity),
    }))
    .filter(({ d, k }) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ k }) => k);
}

export function didYouMean(name: string, known: string[]): string {
  const s = suggest(name, known);
  return s.length ? ` (did you mean ${s.map((x) => `'${x}'`).join(' or ')}?)` : ` (known: ${known.join(', ')})`;
}
