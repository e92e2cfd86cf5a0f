/**
 * trade.csv: tonnes shipped per calendar year on every route (exporter -> importer) and
 * commodity over the reported period, by departure date. Who supplied whom, and how that
 * shifted when controls bit.
 */
import type { TradeFlow } from "../model/index.js";
import { formatNumber } from "./number-format.js";

/** Renders trade flows as CSV: year,commodity,exporter,importer,tonnes. */
export function renderTradeCsv(flows: readonly TradeFlow[]): string {
  const lines = ["year,commodity,exporter,importer,tonnes"];
  for (const f of flows) lines.push(`${f.year},${f.commodity},${f.exporter},${f.importer},${formatNumber(f.tonnes)}`);
  return lines.join("\n") + "\n";
}
