/**
 * Runs and sweeps: one replicate of a scenario with its summary; (with the Monte Carlo issue)
 * replicate plans, seeds, workers, shards, merging, statistics and comparisons.
 */
export { simulate, type RunOptions, type RunResult } from "./run-scenario.js";
export { buildSummary, WHY_NOT, type InputValue, type Manifest, type ReserveSummary, type Summary, type SummaryInput } from "./run-summary.js";
export { drawWorld, drawWorldOrThrow, type ReplicateKey } from "./draw-world.js";
export { designUniform, type Design } from "./sampling-design.js";
export { roundTo } from "./round-to.js";
export { diffWhatIf, isNoDifference, whatIfMismatch, WHAT_IF_CHANGES, type ReportedPeriod, type WhatIfChange, type WhatIfDiff, type WhatIfPair, type WhatIfSide } from "./what-if-diff.js";
export { SweepError } from "./sweep-error.js";
export { continuationOf, MAX_SHARDS, MAX_SWEEP_RUNS, MAX_SWING_RUNS, planSweep, parseShard, recordShape, replicateAt, replicateCount, replicatesOf, reportedMarkets, samePlan, WHOLE, type PlannedAlternative, type PlannedSeries, type Shard, type SweepPlan, type SweepRequest } from "./sweep-plan.js";
export { ReplicateRunner } from "./replicate-runner.js";
export { alternativeOutcome, type AlternativeOutcome, type KpiValues, type ReplicateOutcome } from "./replicate-outcome.js";
export { baseBandBinsBySeries, copyValues, decodeRecord, encodeRecord, newExtremes, payloadLayout, recordBody, recordFrame, RecordError, RecordReader, type PayloadLayout, type RecordPayload, type RecordShape } from "./record-codec.js";
export { BandExtremes, NO_UPDATES, type ExtremeUpdates } from "./band-extremes.js";
export { BandCounts, type BandCountsData } from "./band-counts.js";
export { BAND_COUNTS_HEADER_BYTES, bandCountsCover, bandCountsFromBytes, bandCountsToBytes, type BandCountsCover } from "./band-counts-codec.js";
export { SweepTally } from "./sweep-tally.js";
export { ALL_COMMODITIES, COMPARE_KPIS, MEAN_KPIS, PERCENTILES, type AlternativeRanking, type OverallTotals, type PairedTotal, type TotalKpi, type BandRow, type KpiDistribution, type MeanDistribution, type PairedDifference, type SeriesStatistics, type SweepStatistics } from "./sweep-statistics.js";
export { MIN_RUNS, P_SHORT, parseStopRule, RULE_KPIS, unreportedTarget, type StopTarget } from "./stop-rule.js";
export { proportionInterval, type ProportionInterval } from "./proportion-interval.js";
export { meanInterval, type MeanInterval, type Moments } from "./mean-interval.js";
export { sweep, type SweepOptions } from "./sweep.js";
export { seriesByUnmet } from "./series-by-unmet.js";
export { headlineKpis, headlineValue, HEADLINE_PAIRS, type HeadlineKpi } from "./headline-kpis.js";
export { ReplicateSample, sampleSize, type AlternativeSample, type ReplicateSampleData } from "./replicate-sample.js";
export { rankCorrelations, midranks, type RankCorrelation } from "./rank-correlation.js";
export { ALWAYS_HAPPENS, NEVER_HAPPENS, runSwingPoint, runTornadoReplicate, summarizeTornado, swingEnds, swingPointCount, swingPointLabel, type SwingEnds, type SwingKind, type SwingPoint, SWING_HIGH, SWING_LOW, MEDIAN, type TornadoBar, type TornadoReplicate, type TornadoResult } from "./tornado.js";
export { swingInterval, type SwingInterval } from "./swing-interval.js";
export { checkSigns, describeSignCheck, excludesZero, type SignCheck } from "./sign-check.js";
export { eventOccurrenceIndex, isYesNoInput } from "./yes-no-input.js";
export type { InvalidDraw } from "./invalid-draw.js";
export { analyseSensitivity, type SensitivityResult } from "./sensitivity.js";
export type { ScenarioAbout } from "./sweep-plan.js";
export { checkEpisode, FAN_PERCENTILES, MET_SHARE, PARTLY_SHARE, runBacktest, scoreCriterion, type BacktestOptions, type CriterionScore, type EpisodeProblem, type EpisodeRun, type EpisodeScore, type Verdict } from "./backtest/backtest.js";
export { acceptedRange, criterionValue, isMonthCriterion, meets, recordValue, recoveryMonth } from "./backtest/criterion-value.js";
export { MonthlySeries, monthlySeries, wholeMonths } from "./backtest/monthly-series.js";
