/**
 * The scenario format: YAML or JSON files -> a validated, fully resolved WorldSpec, with
 * every problem reported as FILE:LINE:COL path.to.field: message.
 */
export {
  parseScenario,
  loadScenarioFrom,
  type DrawResult,
  type OccurrenceInput,
  type ParseOptions,
  type ParseResult,
  type SampledValue,
  type Scenario,
} from "./load-scenario.js";
export { restoreScenario, type PortableScenario } from "./portable-scenario.js";
export { SourceDocumentCache } from "./source-document-cache.js";
export { shippedEpisodesFile, shippedScenarioFile, shippedScenariosFolder } from "./shipped-scenarios.js";
export { SHIPPED_PREFIX } from "./compose.js";
export { parsePath } from "./set-overlay.js";
export type { UncertainInput } from "./uncertain-input.js";
export { formatIssue, formatPath, sortIssues, type ScenarioIssue, type FieldPath } from "./scenario-issue.js";
export { ScenarioError } from "./scenario-error.js";
export { memoryFileSource, type FileSource, type FileRead } from "./file-source.js";
export { nodeFileSource } from "./node-file-source.js";
export { scenarioJsonSchema } from "./json-schema.js";
export { parseQuantity, parseShare, type QuantityKind } from "./quantity.js";
export { suggest as suggestion } from "./reference-index.js";
export { MAX_HORIZON_DAYS } from "./resolve-world.js";
export { DEFAULTS } from "./scenario-defaults.js";
export { LIMITS, MAX_NESTING_DEPTH, MAX_SCENARIO_FILE_BYTES, type Limit } from "./input-limits.js";
export type { ConcreteScenario, ParsedScenario, ScenarioFileInput } from "./scenario-schema.js";
export { SERIES_MEASURES, type MonthWindow, type SeriesMeasure } from "./episode-schema.js";
export { parseEpisodes, type Episode, type EpisodeCriterion, type EpisodeFile, type EpisodeSeries, type EpisodesResult, type RecordPoint } from "./load-episodes.js";
