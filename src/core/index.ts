/**
 * The numerical core of cryoplan: pure and isomorphic (no file system, network or
 * console), so it runs the same in Node, in a Worker and in the browser.
 */
export type * from './model.js';
export type * from './result.js';
export { simulate, simulateAsync, Simulation, type SimulateOptions } from './solver/simulate.js';
export { SimulationError, type SimulationErrorCode } from './solver/errors.js';
export { buildGrid } from './grid/build.js';
export { makeGrid, cellCount, spacingRange, type Grid } from './grid/rectilinear.js';
export { rasterise, type Raster, type Region } from './anatomy/raster.js';
export { TISSUE_LIBRARY, TISSUE_SPECS, tissueFromSpec, perfusionCoefficient, STEEL, INSULATION, type TissueSpec } from './tissue/library.js';
export { phaseModel, enthalpy, temperature, liquidFraction, conductivity, type PhaseModel } from './tissue/enthalpy.js';
export { phaseWindows, totalTime, freezeTime } from './protocol/schedule.js';
export * as analytic from './analytic/index.js';
