import { InvalidArgumentError } from 'commander';

/** A commander parser for a positive number of `what` (seconds, mm, ...). */
export const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`must be a positive number of ${what}.`);
  return n;
};

/** A commander parser for a whole number of at least 1. */
export const count = (v: string) => {
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0)) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return n;
};
