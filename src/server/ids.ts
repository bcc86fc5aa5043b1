import { randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: a run's id cannot be guessed from another's. */
export const newRunId = (): string => randomBytes(16).toString('base64url');

/** Only ids of this shape are ever joined to a path, so no request names a file outside the data folder. */
export const isRunId = (s: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(s);
