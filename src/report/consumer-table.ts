/**
 * The consumer table: for several scenarios, each major consumer's first shortfall (date and
 * commodity), its unmet tonnes and the tonnes it gave up in answer to price, as a Markdown table
 * a reader can paste or rerun.
 */
import type { ShortfallKpi } from "../model/index.js";
import { formatNumber } from "./number-format.js";

/** One scenario's KPIs, labelled. */
export interface ScenarioKpis {
  readonly scenario: string;
  readonly kpis: readonly ShortfallKpi[];
}

/**
 * Renders one row per scenario and country: first day short and in what, tonnes unmet over
 * the horizon (all commodities, and the commodity with most), days short in that one, and
 * the tonnes given up in answer to price (all commodities).
 */
export function renderConsumerTable(runs: readonly ScenarioKpis[], countries: readonly string[]): string {
  const lines = [
    "| scenario | country | first short | in | unmet t (all) | most unmet | unmet t | days short | given up t (all) |",
    "| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: |",
  ];
  for (const run of runs) {
    for (const country of countries) {
      const mine = run.kpis.filter((k) => k.country === country);
      const short = mine.filter((k) => k.firstShortfallDate !== null);
      const first = [...short].sort((a, b) => ((a.firstShortfallDate as string) < (b.firstShortfallDate as string) ? -1 : 1) || (a.commodity < b.commodity ? -1 : 1))[0];
      const worst = [...short].sort((a, b) => b.unmetTonnes - a.unmetTonnes || (a.commodity < b.commodity ? -1 : 1))[0];
      const total = mine.reduce((sum, k) => sum + k.unmetTonnes, 0);
      const givenUp = mine.reduce((sum, k) => sum + k.givenUpTonnes, 0);
      lines.push(
        `| ${run.scenario} | ${country} | ${first?.firstShortfallDate ?? "never"} | ${first?.commodity ?? ""} | ${formatNumber(total, 0)} | ${worst?.commodity ?? ""} | ${worst === undefined ? "" : formatNumber(worst.unmetTonnes, 0)} | ${worst?.shortfallDays ?? ""} | ${formatNumber(givenUp, 0)} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
