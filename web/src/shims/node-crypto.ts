import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The one use the case code makes of node:crypto, createHash('sha256').update(text).digest('hex'), so a case has the same hash in the browser as in the CLI. */
export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`only sha256 in the browser (asked for ${algorithm})`);
  const parts: Uint8Array[] = [];
  const h = {
    update(text: string) {
      parts.push(utf8ToBytes(text));
      return h;
    },
    digest(_enc: 'hex') {
      const n = parts.reduce((a, p) => a + p.length, 0);
      const all = new Uint8Array(n);
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      return bytesToHex(sha256(all));
    },
  };
  return h;
}

export function randomBytes(n: number) {
  const b = crypto.getRandomValues(new Uint8Array(n));
  return { toString: () => bytesToHex(b) };
}
