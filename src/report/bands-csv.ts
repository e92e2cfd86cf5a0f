/**
 * bands.csv: per band period (its first date), country and commodity, the 5th to 95th
 * percentiles across replicates of the share of demand unmet in the period and of the stock
 * held at its end, and the probability that any day of the period was short. Shares are
 * read off 0.5-point bins (within 0.25 points), stocks off 2% bins (printed to 4 digits), each
 * held within the cell's least and greatest value (one that never moves reads as itself).
 */
import { PERCENTILES, type BandRow } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

const LABELS = PERCENTILES.map((p) => `p${Math.round(p * 100)}`);

/** The header line's columns. */
export const BANDS_CSV_COLUMNS = ["date", "country", "commodity", ...LABELS.map((l) => `shortfall_share_${l}`), ...LABELS.map((l) => `stock_t_${l}`), "p_short"];

/** Renders the bands as CSV, sorted by country, commodity, then date. */
export function renderBandsCsv(rows: readonly BandRow[]): string {
  const lines = [BANDS_CSV_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      [row.date, row.country, row.commodity, ...row.shortfallShare.map((v) => formatNumber(v, 4)), ...row.stockTonnes.map((v) => formatNumber(Number(v.toPrecision(4)), 6)), formatNumber(row.pShort, 6)].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
