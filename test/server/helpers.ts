import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

/** Repository root (from build/test/server or test/server). */
export const ROOT = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!readdirHas(d, 'package.json')) d = dirname(d);
  return d;
})();

function readdirHas(dir: string, name: string): boolean {
  try {
    readFileSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** A case that runs in well under a second: a needle in 12 mm of muscle on a 1 mm grid, a 10 s freeze. */
export const TINY = readFileSync(join(ROOT, 'test/server/tiny.yaml'), 'utf8');

/** The tiny case with its name and probe temperature replaced, so that results can be told apart. */
export const tinyCase = (name: string, opts: { temperature_c?: number; freeze_s?: number; spacing_mm?: number } = {}) =>
  TINY.replace('name: tiny', `name: ${name}`)
    .replace('temperature_c: -70', `temperature_c: ${opts.temperature_c ?? -70}`)
    .replace('freeze_s: 10', `freeze_s: ${opts.freeze_s ?? 10}`)
    .replace('spacing_mm: 1 }', `spacing_mm: ${opts.spacing_mm ?? 1} }`);

export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Reads a run's server-sent events to the end of the stream (or until `until` says stop). */
export async function readEvents(url: string, until?: (e: SseEvent) => boolean, headers: Record<string, string> = {}): Promise<SseEvent[]> {
  const res = await fetch(url, { headers });
  if (!res.ok || !res.body) throw new Error(`events: ${res.status} ${await res.text()}`);
  const out: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buf = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let i = buf.indexOf('\n\n');
    while (i >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      i = buf.indexOf('\n\n');
      const ev = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!ev || data === undefined) continue;
      const e = { event: ev, data: JSON.parse(data), at: performance.now() };
      out.push(e);
      if (until?.(e)) {
        await reader.cancel();
        return out;
      }
    }
  }
  return out;
}

export const yamlPost = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/yaml', ...headers },
  body,
});

/** A plan that runs in seconds: duration only, 4 samples, 8,000 cells (test/server/small-plan.yaml). */
export const SMALL_PLAN = readFileSync(join(ROOT, 'test/server/small-plan.yaml'), 'utf8');
