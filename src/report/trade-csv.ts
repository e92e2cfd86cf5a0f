/**
 * trade.csv: tonnes shipped per calendar year on every route (exporter -> importer) and
 * commodity over the reported period, by departure date. Who supplied whom, and how that
 * shifted when controls bit, and how many of those tonnes were of a controlling exporter's
 * origin (content tracked through stocks and recipes: a re-export rule refuses them).
 */
import type { TradeFlow } from "../model/index.js";
import { formatNumber } from "./number-format.js";

/** Renders trade flows as CSV: year,commodity,exporter,importer,tonnes,controlled_origin_t. */
export function renderTradeCsv(flows: readonly TradeFlow[]): string {
  const lines = ["year,commodity,exporter,importer,tonnes,controlled_origin_t"];
  for (const f of flows) lines.push(`${f.year},${f.commodity},${f.exporter},${f.importer},${formatNumber(f.tonnes)},${formatNumber(f.controlledOriginTonnes)}`);
  return lines.join("\n") + "\n";
}
