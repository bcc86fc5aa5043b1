/**
 * Exact solutions used to verify the solver (pure functions; no I/O):
 *   special        — erf, erfc, erfcx, E1 (and e^x E1), Brent root finder;
 *   neumann        — two-phase planar freezing (Carslaw & Jaeger §11.2; Özişik ch. 11);
 *   line-sink      — freezing around a line heat sink (Paterson 1952; C&J §11.2);
 *   pennes-steady  — steady 1D Pennes slab with perfusion and metabolism;
 *   manufactured   — manufactured solution for order-of-accuracy studies.
 */
export { EULER_GAMMA, erf, erfc, erfcx, expint1, expint1Scaled, brentRoot, bracketUpward } from './special.js';
export type { RootOptions } from './special.js';
export { neumannLambda, neumannFront, neumannTemperature, neumannField } from './neumann.js';
export type { NeumannParams } from './neumann.js';
export { lineSinkLambda, lineSinkFront, lineSinkTemperature, lineSinkField } from './line-sink.js';
export type { LineSinkParams } from './line-sink.js';
export { pennesSteadySlab, pennesDecayConstant } from './pennes-steady.js';
export type { PennesSlabParams } from './pennes-steady.js';
export { createManufacturedSolution, manufactured, MANUFACTURED_DEFAULTS } from './manufactured.js';
export type { ManufacturedParams, ManufacturedSolution } from './manufactured.js';
