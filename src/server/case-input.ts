import { parseCase, type LoadedCase } from '../case/load.js';
import { CaseError } from '../case/errors.js';
import { gridCells } from '../case/grid.js';
import { ApiError } from './errors.js';

export type CaseFormat = 'json' | 'yaml';

/** The case formats a request may send, by media type. Browsers may send text/plain cross-site without asking, so it is refused. */
export function caseFormat(contentType: string | undefined): CaseFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml' || type === 'text/x-yaml') return 'yaml';
  throw new ApiError(415, `send the case as application/json or application/yaml (got ${type || 'no Content-Type'})`);
}

export interface CheckedCase extends LoadedCase {
  cells: number;
  format: CaseFormat;
}

/**
 * Parses and resolves a request's case exactly as `cryoplan validate` does (the
 * same messages, by field path), then holds it to the server's cell limit.
 */
export function checkCase(text: string, format: CaseFormat, maxCells: number): CheckedCase {
  const file = `request.${format}`;
  let loaded: LoadedCase;
  try {
    loaded = parseCase(text, file);
  } catch (e) {
    if (e instanceof CaseError) throw new ApiError(422, e.message, e.issues);
    throw e;
  }
  const cells = gridCells(loaded.scene);
  if (cells > maxCells) {
    const message = `would have ${cells.toLocaleString('en-US')} cells, more than this server's limit of ${maxCells.toLocaleString('en-US')} (coarsen the grid, or run it with the CLI)`;
    throw new ApiError(422, `${file}: grid: ${message}`, [{ path: 'grid', message }]);
  }
  return { ...loaded, cells, format };
}
