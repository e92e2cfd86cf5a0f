/**
 * summary.json of a sweep or compare: the manifest (tool, version, scenario hashes, seed,
 * design, runs and invalid draws skipped, band period, stop rule) and, per alternative, country and commodity, the
 * probability of any shortfall and of one by given dates, and each KPI's mean with its 95%
 * interval, standard deviation and percentiles, and what its reserves released in replicate 0
 * (and, for one that released nothing, why); for a compare, the paired differences too.
 * Numbers are rounded to 6 significant decimals so the bytes never depend on float noise.
 */
import { kpiKindOf } from "../model/index.js";
import { MEAN_KPIS, PERCENTILES, roundTo, type SweepPlan, type SweepStatistics } from "../sweep/index.js";
import { policyRows } from "./policy-table.js";

const LABELS = PERCENTILES.map((p) => `p${Math.round(p * 100)}`);

/** The summary document as pretty JSON text; `invalidDraws`: the replicates skipped for an invalid draw (not in `runs`). */
export function renderSweepSummaryJson(plan: SweepPlan, statistics: SweepStatistics, invalidDraws = 0): string {
  const r = (v: number) => (Number.isFinite(v) ? roundTo(v, 6) : null);
  const aboutOf = new Map(plan.alternativesAbout.map((a) => [a.name, a]));
  const document = {
    manifest: {
      tool: plan.tool,
      version: plan.version,
      kind: plan.kind,
      scenario: plan.scenario,
      scenarioHash: plan.alternatives[0].scenarioHash,
      alternatives: plan.alternatives.map((a) => ({ name: a.name, scenarioHash: a.scenarioHash, inputs: a.inputs })),
      overrides: plan.about.overrides,
      seed: plan.seed,
      design: plan.design,
      runs: statistics.runs,
      invalidDraws,
      plannedRuns: plan.runs,
      batch: plan.batch,
      until: plan.until,
      stoppedByRule: statistics.stoppedByRule,
      bandDays: plan.bandDays,
      start: plan.start,
      end: plan.end,
    },
    resolution: {
      shortfallShare: "0.5-point bins (quantiles within 0.25 points)",
      tonnes: "2% geometric bins (quantiles within 1%)",
      days: "exact",
    },
    alternatives: statistics.alternatives.map((alternative) => ({
      name: alternative.name,
      countryTotals: alternative.countryTotals.map((t) => ({
        country: t.country,
        unmetTonnes: { mean: r(t.unmetTonnes.mean), ciLow: r(t.unmetTonnes.ciLow), ciHigh: r(t.unmetTonnes.ciHigh), sd: r(t.unmetTonnes.sd) },
        unmetValue: { mean: r(t.unmetValue.mean), ciLow: r(t.unmetValue.ciLow), ciHigh: r(t.unmetValue.ciHigh), sd: r(t.unmetValue.sd) },
      })),
      // What each reserve released in replicate 0 and, for one that released nothing, why.
      firstReplicateReserves: aboutOf.get(alternative.name)?.reserves ?? [],
      kpis: alternative.series.map((s) => ({
        country: s.country,
        commodity: s.commodity,
        pShort: r(s.pShort),
        pShortBy: Object.fromEntries(s.pShortBy.map((b) => [b.date, r(b.p)])),
        firstShortfallDate: Object.fromEntries(s.firstShortfallDate.map((d, i) => [LABELS[i], d])),
        ...Object.fromEntries(
          MEAN_KPIS.map((name) => {
            const d = s.kpis[name];
            // Percentiles of tonnes come from 2% bins: four digits say all they know (the kind's percentileDigits),
            // held within the values seen, so that a constant prints as itself.
            const digits = kpiKindOf(name).percentileDigits;
            const percentile = (v: number) => (digits === null ? r(v) : r(Math.min(d.max, Math.max(d.min, Number(v.toPrecision(digits))))));
            return [name, { mean: r(d.mean), ciLow: r(d.ciLow), ciHigh: r(d.ciHigh), sd: r(d.sd), ...Object.fromEntries(d.percentiles.map((v, i) => [LABELS[i], percentile(v)])) }];
          }),
        ),
      })),
    })),
    ...(plan.kind === "compare" ? compareParts(plan, statistics, r) : {}),
  };
  return JSON.stringify(document, null, 2) + "\n";
}

/** What a compare adds: each alternative's policy figures, the ranking with its comparisons with the best, and the paired differences. */
function compareParts(plan: SweepPlan, statistics: SweepStatistics, r: (v: number) => number | null) {
  return {
    policies: policyRows(plan, statistics).map((p) => ({
      alternative: p.name,
      title: p.title,
      unmetValue: r(p.unmetValue),
      unmetTonnes: r(p.unmetTonnes),
      valueSaved: p.valueSaved === undefined ? null : { mean: r(p.valueSaved.mean), ciLow: r(p.valueSaved.low), ciHigh: r(p.valueSaved.high) },
      pBetter: p.share === undefined ? null : r(p.share.better),
      pWorse: p.share === undefined ? null : r(p.share.worse),
      tonnesSaved: p.tonnesSaved === undefined ? null : r(p.tonnesSaved),
      givenUpTonnes: r(p.givenUpTonnes),
      givenUpValue: r(p.givenUpValue),
      reserveTonnes: r(p.reserveTonnes),
      cost: r(p.cost),
      extraCost: p.extraCost === undefined ? null : r(p.extraCost),
      valueSavedPerDollar: p.valuePerDollar === undefined ? null : r(p.valuePerDollar),
      tonnesSavedPerTonneHeld: p.tonnesPerTonneHeld === undefined ? null : r(p.tonnesPerTonneHeld),
      tiedWithBest: p.sameAsBest,
    })),
    ranking: statistics.ranking === undefined ? null : {
      total: statistics.ranking.total,
      method: "paired differences from the best, Bonferroni-corrected",
      familyConfidence: statistics.ranking.familyConfidence,
      eachConfidence: r(statistics.ranking.eachConfidence),
      rows: statistics.ranking.rows.map((row) => ({ alternative: row.name, mean: r(row.mean), vsBest: { mean: r(row.vsBest.mean), ciLow: r(row.vsBest.ciLow), ciHigh: r(row.vsBest.ciHigh), pBetter: r(row.vsBest.pBetter), pWorse: r(row.vsBest.pWorse) }, tiedWithBest: row.indistinguishable })),
      pairConfidence: r(statistics.ranking.pairConfidence),
      pairs: statistics.ranking.pairs.map((p) => ({ better: p.better, worse: p.worse, difference: { mean: r(p.difference.mean), ciLow: r(p.difference.ciLow), ciHigh: r(p.difference.ciHigh), pBetter: r(p.difference.pBetter), pWorse: r(p.difference.pWorse) } })),
    },
    differences: statistics.differences.map((d) => ({
      alternative: d.alternative,
      country: d.country,
      commodity: d.commodity,
      kpi: d.kpi,
      baseMean: r(d.baseMean),
      alternativeMean: r(d.alternativeMean),
      diffMean: r(d.diffMean),
      diffCiLow: r(d.diffCiLow),
      diffCiHigh: r(d.diffCiHigh),
      pBetter: r(d.pBetter),
      pWorse: r(d.pWorse),
    })),
  };
}
