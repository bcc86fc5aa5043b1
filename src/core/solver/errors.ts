export type SimulationErrorCode = 'diverged' | 'cancelled' | 'invalid';

/** A simulation that cannot go on: the message says why in words a user can act on. */
export class SimulationError extends Error {
  readonly code: SimulationErrorCode;
  constructor(code: SimulationErrorCode, message: string) {
    super(message);
    this.name = 'SimulationError';
    this.code = code;
  }
}
