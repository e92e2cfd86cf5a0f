/**
 * The KPI catalogue: every KPI a run reports per country and commodity, in output order, with
 * its unit, its kind of value and how a sweep sums it up over replicates. It is the one place a
 * KPI is named: the run's KPI record (`ShortfallKpi`), the columns of replicates.csv, the keys of
 * summary.json, the sweep's statistics (its KPIs with a mean, a paired difference, a stop rule)
 * and each KPI's rounding and binning are all derived from these two tables.
 *
 * The model owns the table because the model computes the KPIs; the sweep's flags are plain
 * declarations here, read by the sweep (which derives its lists from them) and never by the
 * model. Rounding and binning follow from the kind (KPI_KINDS), so a share is always binned as
 * a share and a date is never averaged.
 */

/** What a number KPI measures; it decides the KPI's rounding and binning (KPI_KINDS). */
export type NumberKpiKind = "tonnes" | "share" | "days" | "index" | "money";

/** What a KPI's value is: a number of some kind, or a date (an ISO date or null in a run's summary). */
export type KpiKind = NumberKpiKind | "date";

/**
 * The fixed grid a sweep counts a KPI's values on to read percentiles: exact (whole numbers),
 * the 0.5-point share grid, or 2% geometric bins (band-bins.ts in the sweep).
 */
export type KpiBinning = "exact" | "share" | "geometric";

/** How a number kind is written and counted. */
export interface NumberKindSpec {
  /** Decimals kept in a run's summary.json. */
  readonly decimals: number;
  readonly binning: KpiBinning;
  /** Significant digits a sweep's summary.json prints its percentiles to, or null for all (6 decimals). */
  readonly percentileDigits: number | null;
}

/** Rounding and binning by kind: a new kind is a compile error until it has a row here. */
export const KPI_KINDS = {
  tonnes: { decimals: 6, binning: "geometric", percentileDigits: 4 },
  share: { decimals: 6, binning: "share", percentileDigits: null },
  // Whole days: rounding keeps them as they are.
  days: { decimals: 0, binning: "exact", percentileDigits: null },
  // On the tonnes' 2% grid too, but printed in full, as it always was.
  index: { decimals: 6, binning: "geometric", percentileDigits: null },
  // US$ (value of unmet demand, policy cost): cents in a run, 2% bins as tonnes.
  money: { decimals: 2, binning: "geometric", percentileDigits: 4 },
} as const satisfies Record<NumberKpiKind, NumberKindSpec>;

/**
 * How a sweep sums a KPI up over replicates: a mean with its interval, standard deviation and
 * percentiles, and optionally a compare's paired difference and a stop rule's target.
 */
export interface KpiStatistics {
  /**
   * Position among the KPIs with a mean, from 0 (the order of their keys in a sweep's
   * summary.json, of compare.csv's rows, of the values tornado.json keeps): a new one takes the next number.
   */
  readonly order: number;
  /** Whether a compare reports its paired difference (lower is better). */
  readonly compare: boolean;
  /** Whether a stop rule (`--until`) may name it. */
  readonly stopRule: boolean;
}

/** One row of the catalogue. A date has no mean (a date KPI is null in replicates where it never happened). */
export type KpiSpec =
  | { readonly kind: "date"; readonly unit: "ISO date"; readonly statistics: null }
  | { readonly kind: NumberKpiKind; readonly unit: string; readonly statistics: KpiStatistics | null };

/**
 * Every KPI, in output order (the columns of replicates.csv after replicate, country and
 * commodity, and the keys of a run's summary.json). Appending a row is adding a KPI; the
 * compiler then asks for its value in shortfall-kpi.ts.
 */
export const KPI_CATALOGUE = {
  /** First day with unmet demand (ISO), or null. */
  firstShortfallDate: { kind: "date", unit: "ISO date", statistics: null },
  /** Largest share of a day's demand left unmet, 0..1. */
  peakShortfallShare: { kind: "share", unit: "share of demand", statistics: { order: 2, compare: true, stopRule: true } },
  /** Days with unmet demand. */
  shortfallDays: { kind: "days", unit: "days", statistics: { order: 1, compare: true, stopRule: true } },
  /** Demand that buyers wanted and did not get (physical shortfall), tonnes. */
  unmetTonnes: { kind: "tonnes", unit: "t", statistics: { order: 0, compare: true, stopRule: true } },
  /** Demand before any response to price, tonnes. */
  demandTonnes: { kind: "tonnes", unit: "t", statistics: { order: 3, compare: false, stopRule: true } },
  /** Day a reserve serving this market first ran down to its floor (ISO; before the start if it ran dry in the warm-up), or null. */
  stockpileEmptyDate: { kind: "date", unit: "ISO date", statistics: null },
  /** First day without shortfall after the last short day (ISO); null if never short or still short at the end. */
  recoveryDate: { kind: "date", unit: "ISO date", statistics: null },
  /** Demand given up in answer to price (price response, substitution, thrifting), tonnes. */
  givenUpTonnes: { kind: "tonnes", unit: "t", statistics: { order: 4, compare: false, stopRule: false } },
  /** Highest price index of a reported day (1 = the baseline). */
  peakPriceIndex: { kind: "index", unit: "x baseline", statistics: { order: 5, compare: false, stopRule: false } },
  /** Unmet demand of the defence class, tonnes (served first). */
  defenceUnmetTonnes: { kind: "tonnes", unit: "t", statistics: null },
  /** Unmet demand of the critical civilian class, tonnes (served after the defence). */
  criticalUnmetTonnes: { kind: "tonnes", unit: "t", statistics: null },
  /** Unmet demand valued at the commodity's reference price, US$ (0 where it has none). */
  unmetValue: { kind: "money", unit: "US$", statistics: { order: 6, compare: true, stopRule: true } },
  /** Demand given up valued at the reference price, US$ (0 where it has none). */
  givenUpValue: { kind: "money", unit: "US$", statistics: { order: 7, compare: false, stopRule: false } },
  /** Tonnes held at the start in the reserves this country hosts for this commodity. */
  reserveTonnes: { kind: "tonnes", unit: "t", statistics: { order: 8, compare: false, stopRule: false } },
  /**
   * What those reserves cost over the reported period at the reference price, US$: the tonnes
   * held at the start and every tonne bought into them, plus their yearly holding cost on the
   * tonnes held day by day; and what the price floors on this market cost (a government payer's
   * top-ups and purchases at the floor, or the buyers' tariff premium: response/floors.ts).
   */
  reserveCost: { kind: "money", unit: "US$", statistics: { order: 9, compare: false, stopRule: false } },
} as const satisfies Record<string, KpiSpec>;

type Catalogue = typeof KPI_CATALOGUE;

/** One KPI name. */
export type KpiName = keyof Catalogue;

/** The KPI names, in output order (the columns of replicates.csv after replicate, country, commodity). */
export const KPI_NAMES = Object.keys(KPI_CATALOGUE) as readonly KpiName[];

/** The value of a KPI of kind K: an ISO date or null for a date, else a number. */
export type KpiValue<K extends KpiKind> = K extends "date" ? string | null : number;

/** One value per KPI, typed by its kind (the KPI part of a ShortfallKpi). */
export type KpiFigures = { readonly [K in KpiName]: KpiValue<Catalogue[K]["kind"]> };

/** The KPIs whose values are dates. */
export type DateKpi = { [K in KpiName]: Catalogue[K]["kind"] extends "date" ? K : never }[KpiName];

/** The KPIs a sweep gives a mean, an interval and percentiles. */
export type MeanKpi = { [K in KpiName]: Catalogue[K]["statistics"] extends KpiStatistics ? K : never }[KpiName];

/** The KPIs a compare reports paired differences of. */
export type CompareKpi = { [K in KpiName]: Catalogue[K]["statistics"] extends { readonly compare: true } ? K : never }[KpiName];

/** The KPIs a stop rule may name. */
export type RuleKpi = { [K in KpiName]: Catalogue[K]["statistics"] extends { readonly stopRule: true } ? K : never }[KpiName];

/** Whether a KPI is a date (an ISO date or null; a day number from the start, NaN for null, in a sweep's records). */
export function isDateKpi(name: KpiName): name is DateKpi {
  return KPI_CATALOGUE[name].kind === "date";
}

/** A number KPI's kind: its rounding and binning. */
export function kpiKindOf(name: Exclude<KpiName, DateKpi>): NumberKindSpec {
  return KPI_KINDS[KPI_CATALOGUE[name].kind];
}
