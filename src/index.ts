/**
 * cryoplan's public API for Node: load a case, simulate it, write its results.
 * The numerical core alone (for a browser or a Worker) is `cryoplan/core`.
 */
export * from './core/index.js';
export { loadCase, parseCase, sceneHash, type LoadedCase } from './case/load.js';
export { resolveCase, type CaseOverrides } from './case/resolve.js';
export { CONDITIONS, CONDITION_NAMES, type ConditionName, type ConditionPreset, type Figure } from './case/conditions/index.js';
export { CaseError, type CaseIssue } from './case/errors.js';
export { caseJsonSchema } from './case/schema.js';
export { writeRunOutputs, type RunOutput } from './io/outputs.js';
export { buildSummary } from './io/summary.js';
export { SummarySchema, summaryJsonSchema, type Summary } from './io/summary-schema.js';
export { VERSION } from './version.js';
export { ResultsFolderError } from './io/outputs.js';
export { MANIFEST, inspectResultsFolder, type FolderState, type ResultsManifest } from './io/results-folder.js';
